// One small function per command. Each takes optional arguments so it can be
// driven without UI (tests, keybindings with args) and returns what it did.
import * as vscode from 'vscode';
import { PlaygroundPanel, reportUnexpected } from './panel/playgroundPanel';
import { askSeed, pickP } from './pickers';
import { isSeedText, isValidP, type Mode, type PanelSnapshot, type PlaygroundSettings } from './protocol';
import { isOpenArgs, resolveInput } from './selection';
import { seedToText } from './config';
import type { PlaygroundState } from './state';

export interface CommandContext {
  extensionUri: vscode.Uri;
  state: PlaygroundState;
}

export function showPanel(ctx: CommandContext): PlaygroundPanel {
  return PlaygroundPanel.createOrShow(ctx.extensionUri, ctx.state, panelActions(ctx));
}

export function panelActions(ctx: CommandContext) {
  return { revealError: () => revealError(ctx), resample: () => resample(ctx)() };
}

export function openOnSelection(ctx: CommandContext) {
  return async (args?: unknown): Promise<PanelSnapshot> => {
    const input = await resolveInput(isOpenArgs(args) ? args : undefined);
    if (!input) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select activations in an editor first: a JSON array, CSV/TSV rows or a printed NumPy/PyTorch tensor.'),
      );
      return ctx.state.current;
    }
    showPanel(ctx);
    const snapshot = await ctx.state.setInput(input);
    const error = snapshot.error;
    if (error?.line !== undefined) {
      const goTo = vscode.l10n.t('Go to Line {0}', error.line);
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Dropout Playground: {0} ({1}, line {2}, column {3})', error.message, error.documentLabel ?? '', error.line, error.column ?? 1), goTo)
        .then((choice) => (choice === goTo ? revealError(ctx) : undefined), reportUnexpected);
    }
    return snapshot;
  };
}

export function setMode(ctx: CommandContext, mode: Mode) {
  return (): Promise<PlaygroundSettings> => ctx.state.change({ mode });
}

export function toggleMode(ctx: CommandContext) {
  return (): Promise<PlaygroundSettings> => ctx.state.change({ mode: ctx.state.playgroundSettings.mode === 'train' ? 'eval' : 'train' });
}

export function setP(ctx: CommandContext) {
  return async (args?: { p?: unknown }): Promise<PlaygroundSettings | undefined> => {
    if (args?.p !== undefined) {
      if (!isValidP(args.p)) throw new Error(vscode.l10n.t('p must be a number from 0 to 1, got {0}.', String(args.p)));
      return ctx.state.change({ p: args.p });
    }
    const p = await pickP(ctx.state.playgroundSettings.p);
    return p === undefined ? undefined : ctx.state.change({ p });
  };
}

export function setSeed(ctx: CommandContext) {
  return async (args?: { seed?: unknown }): Promise<PlaygroundSettings | undefined> => {
    if (args?.seed !== undefined) {
      const seed = seedToText(args.seed);
      if (seed === undefined || !isSeedText(seed)) throw new Error(vscode.l10n.t('The seed must be a whole number, got {0}.', String(args.seed)));
      return ctx.state.change({ seed });
    }
    const seed = await askSeed(ctx.state.playgroundSettings.seed);
    return seed === undefined ? undefined : ctx.state.change({ seed });
  };
}

/** A new seed, so a new mask; any 31-bit seed is valid in every convention. */
export function resample(ctx: CommandContext) {
  return (): Promise<PlaygroundSettings> => {
    let seed: string;
    do seed = String(Math.floor(Math.random() * 2 ** 31));
    while (seed === ctx.state.playgroundSettings.seed);
    return ctx.state.change({ seed });
  };
}

/** Puts the cursor where the parser stopped, in the document the input came from. */
export async function revealError(ctx: CommandContext): Promise<void> {
  const error = ctx.state.current.error;
  const uri = ctx.state.lastInput?.uri;
  if (!error || error.line === undefined || !uri) return;
  const position = new vscode.Position(error.line - 1, (error.column ?? 1) - 1);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
}
