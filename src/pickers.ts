// The small pieces of UI the commands ask through: a quick pick of common p
// values with a validated custom entry, and a validated seed box.
import * as vscode from 'vscode';
import { isSeedText } from './protocol';
import { formatP, parseP } from './format';

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

export function validatePText(text: string): string | undefined {
  return parseP(text) === undefined
    ? vscode.l10n.t('Enter the drop probability as a number from 0 to 1 (for example 0.4 or 40%): the chance that each unit is zeroed.')
    : undefined;
}

export async function pickP(current: number): Promise<number | undefined> {
  type Item = vscode.QuickPickItem & { p?: number };
  const items: Item[] = COMMON_P.map(({ p, note }) => ({
    label: formatP(p),
    description: p === current ? vscode.l10n.t('current') : undefined,
    detail: note ? vscode.l10n.t(note) : undefined,
    p,
  }));
  items.push({ label: vscode.l10n.t('Custom…'), description: vscode.l10n.t('any value from 0 to 1') });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Dropout: drop probability p (keep probability is 1 − p)'),
    placeHolder: vscode.l10n.t('Current p = {0}', formatP(current)),
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
    validateInput: (text) => (isSeedText(text.trim()) ? undefined : vscode.l10n.t('Enter a whole number, for example 0, 42 or 18446744073709551623.')),
  });
  return typed === undefined ? undefined : typed.trim();
}
