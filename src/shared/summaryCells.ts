// The summary table's rows: each row's label, its data-stat text (the number
// first, Infinity and NaN included) and, beside a figure that is NaN, the note
// "undefined (why)". The panel's table and the Markdown report both read them.
// Pure (no DOM), unit-tested in Node.
import type { PlaygroundSettings, ResultView } from './viewModel';
import { keptLabel } from './evalMode';
import { formatStat, undefinedNote } from './numberFormat';

/** The rows in order: the data-stat name and its label (the kept row's label is the mode's, see summaryLabel). */
export const SUMMARY_ROWS: readonly { stat: string; label: string }[] = [
  { stat: 'p', label: 'drop probability p' },
  { stat: 'mode', label: 'mode' },
  { stat: 'seed', label: 'seed' },
  { stat: 'rng', label: 'convention' },
  { stat: 'variant', label: 'variant' },
  { stat: 'n', label: 'units n' },
  { stat: 'kept', label: keptLabel('train', '') },
  { stat: 'evalMean', label: 'eval mean' },
  { stat: 'trainMeanUnscaled', label: 'train mean, unscaled (x · mask)' },
  { stat: 'trainMean', label: 'train mean (what training outputs)' },
  { stat: 'expectedTrainMean', label: 'expected train mean' },
  { stat: 'trainMeanStd', label: 'σ of the train mean over masks' },
];

/** A row's label in these settings: the kept count is always the train draw's, and at eval its label says so. */
export function summaryLabel(stat: string, settings: Pick<PlaygroundSettings, 'mode' | 'seed'>): string {
  if (stat === 'kept') return keptLabel(settings.mode, settings.seed);
  return SUMMARY_ROWS.find((row) => row.stat === stat)?.label ?? stat;
}

const FIGURES = ['evalMean', 'trainMeanUnscaled', 'trainMean', 'expectedTrainMean', 'trainMeanStd'] as const;

export interface SummaryCell {
  /** The data-stat cell's text: the number first ("Infinity" and "NaN" included). */
  value: string;
  /** "undefined (why)" beside a figure that is NaN; null otherwise. */
  note: string | null;
}

/** What each row shows. Pure, so it is unit-tested without a DOM. */
export function summaryCells(settings: PlaygroundSettings, result: ResultView | null): Record<string, SummaryCell> {
  const s = result?.stats;
  const plain = (value: string): SummaryCell => ({ value, note: null });
  const cells: Record<string, SummaryCell> = {
    p: plain(formatStat(settings.p)),
    mode: plain(settings.mode),
    seed: plain(settings.seed),
    rng: plain(settings.rng),
    variant: plain(settings.variant),
    n: plain(s ? formatStat(s.n) : '—'),
    kept: plain(s ? formatStat(s.kept) : '—'),
  };
  const reason = result?.explanation?.verdict.undefinedReason ?? null;
  for (const stat of FIGURES) cells[stat] = s ? { value: formatStat(s[stat]), note: undefinedNote(s[stat], reason) } : plain('—');
  return cells;
}
