// The small pieces of UI the commands ask through: a quick pick of common p
// values that also takes a typed value ("0.35", "35%") at once, and a
// validated seed box.
import * as vscode from 'vscode';
import type { CatalogueEntry } from '../shared/catalogue';
import { isSeedText } from '../shared/protocol';
import { formatP, parseP, readTypedP } from './format';

const COMMON_P: { p: number; note?: string }[] = [
  { p: 0.1 },
  { p: 0.2, note: 'often used on inputs (Srivastava et al. 2014)' },
  { p: 0.25 },
  { p: 0.3 },
  { p: 0.4 },
  { p: 0.5, note: "PyTorch's default; common for hidden layers" },
  { p: 0.6 },
  { p: 0.75 },
  { p: 0.9 },
  { p: 0 },
  { p: 1 },
];

/** A quick pick over the catalogue's entries for `ids` (the current one marked); the id picked, or undefined. */
export async function pickEntry<T extends string>(
  ids: readonly T[],
  entries: Record<T, CatalogueEntry>,
  title: string,
  current?: T,
): Promise<T | undefined> {
  const items = ids.map((id) => ({
    label: vscode.l10n.t(entries[id].label),
    detail: vscode.l10n.t(entries[id].detail),
    description: id === current ? vscode.l10n.t('current') : undefined,
    id,
  }));
  return (await vscode.window.showQuickPick(items, { title }))?.id;
}

/** `value` when it is one of `ids`; otherwise an error whose message `refusal` words (the value, then the ids). */
export function oneOf<T extends string>(value: unknown, ids: readonly T[], refusal: (value: string, expected: string) => string): T {
  if (ids.includes(value as T)) return value as T;
  throw new Error(refusal(String(value), ids.join(', ')));
}

export function validatePText(text: string): string | undefined {
  return parseP(text) === undefined
    ? vscode.l10n.t('Enter the drop probability as a number from 0 to 1 (for example 0.4 or 40%): the chance that each unit is zeroed.')
    : undefined;
}

type PItem = vscode.QuickPickItem & { p?: number; refused?: true };

/** The first item for what is typed: "Use p = 0.35", or why the text is not a probability (picking it does nothing). */
export function typedPItem(text: string): PItem | undefined {
  const typed = readTypedP(text);
  if (typed === undefined) return undefined;
  if ('p' in typed) {
    return {
      label: vscode.l10n.t('Use p = {0}', formatP(typed.p)),
      description: vscode.l10n.t('keep probability 1 − p = {0}', formatP(1 - typed.p)),
      p: typed.p,
      alwaysShow: true,
    };
  }
  const label =
    typed.problem === 'outOfRange'
      ? vscode.l10n.t('{0} is not a probability: p goes from 0 to 1 (for example 0.35 or 35%).', text.trim())
      : vscode.l10n.t('{0} is not a number: type p from 0 to 1 (for example 0.35 or 35%).', text.trim());
  return { label: `$(error) ${label}`, refused: true, alwaysShow: true };
}

export async function pickP(current: number): Promise<number | undefined> {
  const listed: PItem[] = COMMON_P.map(({ p, note }) => ({
    label: formatP(p),
    description: p === current ? vscode.l10n.t('current') : undefined,
    detail: note ? vscode.l10n.t(note) : undefined,
    p,
  }));
  listed.push({ label: vscode.l10n.t('Custom…'), description: vscode.l10n.t('any value from 0 to 1') });
  const quickPick = vscode.window.createQuickPick<PItem>();
  quickPick.title = vscode.l10n.t('Dropout: drop probability p (keep probability is 1 − p)');
  quickPick.placeholder = vscode.l10n.t('Current p = {0}. Pick a value, or type one (0.35 or 35%) and press Enter.', formatP(current));
  quickPick.items = listed;
  const picked = await new Promise<PItem | undefined>((resolve) => {
    let chosen: PItem | undefined;
    quickPick.onDidChangeValue((text) => {
      const typed = typedPItem(text);
      quickPick.items = typed ? [typed, ...listed] : listed;
      if (typed) quickPick.activeItems = [typed];
    });
    quickPick.onDidAccept(() => {
      const item = quickPick.activeItems[0];
      if (!item || item.refused) return; // the message stays until the text is a probability
      chosen = item;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
  });
  if (!picked) return undefined;
  if (picked.p !== undefined) return picked.p;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Dropout: custom drop probability p'),
    prompt: vscode.l10n.t('The chance that each unit is zeroed in training, from 0 to 1.'),
    value: formatP(current),
    validateInput: validatePText,
  });
  return typed === undefined ? undefined : parseP(typed);
}

export async function askSeed(current: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Dropout: seed'),
    prompt: vscode.l10n.t('An integer, as passed to torch.manual_seed or np.random.default_rng.'),
    value: current,
    validateInput: (text) =>
      isSeedText(text.trim()) ? undefined : vscode.l10n.t('Enter a whole number, for example 0, 42 or 18446744073709551623.'),
  });
  return typed === undefined ? undefined : typed.trim();
}
