// "Dropout: train · p=0.50" in the status bar; a click toggles the mode. Also
// keeps the `dropoutPlayground.mode` context key that hides, in the palette,
// the mode command for the mode you are already in.
import * as vscode from 'vscode';
import { formatP, statusText } from './format';
import { RNGS, VARIANT_INFO } from '../shared/catalogue';
import type { PlaygroundSettings } from '../shared/viewModel';

export class DropoutStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dropoutPlayground.status', vscode.StatusBarAlignment.Right, 100);
  private lastMode: string | undefined;

  constructor() {
    this.item.name = vscode.l10n.t('Dropout Playground');
    this.item.command = 'dropoutPlayground.toggleMode';
  }

  get text(): string {
    return this.item.text;
  }

  update(settings: PlaygroundSettings): void {
    this.item.text = statusText(settings);
    this.item.tooltip = vscode.l10n.t(
      'Dropout Playground: {0} mode, drop probability p = {1}, seed {2}, the {3} random stream, {4} dropout. Click to toggle train/eval.',
      settings.mode,
      formatP(settings.p),
      settings.seed,
      vscode.l10n.t(RNGS[settings.rng].label),
      vscode.l10n.t(VARIANT_INFO[settings.variant].label),
    );
    this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    this.item.show();
    if (settings.mode !== this.lastMode) {
      this.lastMode = settings.mode;
      void vscode.commands.executeCommand('setContext', 'dropoutPlayground.mode', settings.mode);
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
