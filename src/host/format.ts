// Text the host shows and reads: the status bar line and the p the user types.
// Pure, so it is unit-tested without VS Code.
import type { PlaygroundSettings } from '../shared/viewModel';

/** p with two decimals, or more when the value needs them (0.125 stays 0.125). */
export function formatP(p: number): string {
  const fixed = p.toFixed(2);
  return Number(fixed) === p ? fixed : String(Number(p.toPrecision(6)));
}

export function statusText(settings: Pick<PlaygroundSettings, 'mode' | 'p'>): string {
  return `Dropout: ${settings.mode} · p=${formatP(settings.p)}`;
}

/** Reads "0.4", ".4" or "40%" as a number (40% = 0.4), whatever its range; undefined when it is not one. */
function parseNumberOrPercent(text: string): number | undefined {
  const t = text.trim();
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  const value = Number(body) / (percent ? 100 : 1);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads "0.4", ".4" or "40%" as a drop probability; undefined when it is not one. */
export function parseP(text: string): number | undefined {
  const value = parseNumberOrPercent(text);
  return value !== undefined && value >= 0 && value <= 1 && !Object.is(value, -0) ? value : undefined;
}

/** What text typed into the p picker is: a probability, a number outside 0 to 1, not a number, or nothing yet. */
export type TypedP = { p: number } | { problem: 'outOfRange' | 'notANumber' } | undefined;

export function readTypedP(text: string): TypedP {
  if (text.trim() === '') return undefined;
  const p = parseP(text);
  if (p !== undefined) return { p };
  return { problem: parseNumberOrPercent(text) === undefined ? 'notANumber' : 'outOfRange' };
}
