// A CodeLens above each dropout call in Python code: "Dropout Playground: p = 0.3 (PyTorch)". Running
// it sets the playground to that call (./openOnDropoutCall.ts).
import * as vscode from 'vscode';
import { FRAMEWORK_PRESETS, VARIANT_INFO } from '../../shared/catalogue';
import type { DropoutCall } from '../../parse/dropoutCalls';
import { SECTION } from '../settingsStore';
import { type DropoutCallArgs, sharingPhrase } from './openOnDropoutCall';
import { dropoutCallsIn } from './pythonDocuments';

export const CODE_LENS_SETTING = 'codeLens.enabled';

/** The lens's words for the call: p as the playground will take it, and whose call it is. */
export function lensTitle(call: DropoutCall): string {
  const framework = FRAMEWORK_PRESETS[call.framework].label;
  const p = call.probability;
  switch (p.kind) {
    case 'literal':
      return p.parameter === 'keep_prob'
        ? vscode.l10n.t('Dropout Playground: p = {0} ({1}, keep_prob = {2})', String(p.p), framework, p.written)
        : vscode.l10n.t('Dropout Playground: p = {0} ({1})', String(p.p), framework);
    case 'default':
      return vscode.l10n.t('Dropout Playground: p = {0} ({1} default)', String(p.p), framework);
    case 'ask':
      switch (p.reason) {
        case 'expression':
          return vscode.l10n.t('Dropout Playground: choose p ({0}, {1} = {2})', framework, p.parameter, shorten(p.written ?? ''));
        case 'outOfRange':
          return vscode.l10n.t(
            'Dropout Playground: choose p ({0}: {1} = {2} is not a probability)',
            framework,
            p.parameter,
            p.written ?? '',
          );
        case 'missing':
          return vscode.l10n.t('Dropout Playground: choose p ({0}, {1} not given)', framework, p.parameter);
      }
  }
}

/** What running the lens does, for its tooltip. */
function lensTooltip(call: DropoutCall): string {
  const preset = FRAMEWORK_PRESETS[call.framework];
  const names = preset.rng
    ? vscode.l10n.t("{0}'s names and random stream", preset.label)
    : vscode.l10n.t("{0}'s names (the random stream stays)", preset.label);
  const sharing = call.sharing ? `, ${sharingPhrase(call.sharing)}` : '';
  return vscode.l10n.t(
    'Sets p, {0}, the {1} variant{2}, and opens the playground on your last input (or the sample).',
    names,
    VARIANT_INFO[call.variant].label.toLowerCase(),
    sharing,
  );
}

const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** The command's arguments for a call: everything the playground needs, nothing it must read from the document again. */
export function callArgs(call: DropoutCall): DropoutCallArgs {
  const p = call.probability;
  return {
    callee: call.callee,
    framework: call.framework,
    variant: call.variant,
    ...(p.kind !== 'ask' ? { p: p.p } : p.written !== undefined ? { written: `${p.parameter} = ${p.written}` } : {}),
    ...(call.sharing ? { sharing: call.sharing } : {}),
  };
}

export class DropoutLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SECTION}.${CODE_LENS_SETTING}`)) this.changed.fire();
  });

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration(SECTION, document).get<boolean>(CODE_LENS_SETTING, true)) return [];
    return dropoutCallsIn(document).map((call) => {
      const start = document.positionAt(call.start);
      return new vscode.CodeLens(new vscode.Range(start, document.positionAt(call.start + call.callee.length)), {
        title: lensTitle(call),
        tooltip: lensTooltip(call),
        command: 'dropoutPlayground.openOnDropoutCall',
        arguments: [callArgs(call)],
      });
    });
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
