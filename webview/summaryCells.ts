// What each row of the summary table shows: the data-stat text (the number
// first, Infinity and NaN included) and, beside a figure that is NaN, the note
// "undefined (why)". Pure (no DOM), unit-tested in Node.
import type { PlaygroundSettings, ResultView } from '../src/shared/viewModel';
import { formatStat, undefinedNote } from './format';

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
