// Text the host shows and reads: the status bar line and the p the user types.
// Pure, so it is unit-tested without VS Code.
import type { PlaygroundSettings } from './protocol';

/** p with two decimals, or more when the value needs them (0.125 stays 0.125). */
export function formatP(p: number): string {
  const fixed = p.toFixed(2);
  return Number(fixed) === p ? fixed : String(Number(p.toPrecision(6)));
}

export function statusText(settings: Pick<PlaygroundSettings, 'mode' | 'p'>): string {
  return `Dropout: ${settings.mode} · p=${formatP(settings.p)}`;
}

/** Reads "0.4", ".4" or "40%" as a drop probability; undefined when it is not one. */
export function parseP(text: string): number | undefined {
  const t = text.trim();
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  const value = Number(body) / (percent ? 100 : 1);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}
