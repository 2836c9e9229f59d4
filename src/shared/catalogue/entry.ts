// What the catalogue says of every choice it offers.

export interface CatalogueEntry {
  /** Its name, as the panel, the pickers and the status bar show it. */
  label: string;
  /** What it does, in a few words, for the picker. */
  detail: string;
}
