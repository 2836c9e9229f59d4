// The command a dropout call's lens runs: the playground takes the call's p (asking when the code
// does not say it), framework, variant and channel sharing, and shows the last input (or the sample).
import * as vscode from 'vscode';
import type { ChannelSharing, CodeFramework, CodeVariant } from '../../parse/dropoutCalls';
import { sharedAxes } from '../../parse/dropoutCalls';
import { FRAMEWORK_PRESETS, FRAMEWORKS, RNG_KINDS, streamAfterChoosing, VARIANT_INFO, VARIANTS } from '../../shared/catalogue';
import { isValidP } from '../../shared/protocol';
import type { PanelSnapshot } from '../../shared/viewModel';
import { type CommandContext, showPanel } from '../commands';
import { formatP } from '../format';
import { pickP } from '../pickers';

/** What a lens passes: the call as the scanner read it. */
export interface DropoutCallArgs {
  /** The callee as written, e.g. `nn.Dropout2d`. */
  callee: string;
  framework: CodeFramework;
  variant: CodeVariant;
  /** The drop probability; absent when the code does not give one the playground can take. */
  p?: number;
  /** What the code passes instead, e.g. `p = self.rate`, to show while asking. */
  written?: string;
  sharing?: ChannelSharing;
}

/** How long the status bar says what the command set. */
const STATUS_MESSAGE_MS = 8000;

/** "one mask value per channel, shared over …": what a call's sharing means, in words. */
export function sharingPhrase(sharing: ChannelSharing): string {
  switch (sharing.kind) {
    case 'torchSpatial':
      return vscode.l10n.t('one mask value per channel, shared over the last {0} axes', sharing.axes);
    case 'kerasSpatial':
      return vscode.l10n.t('one mask value per channel, shared over the {0} spatial axes', sharing.axes);
    case 'afterChannel':
      return vscode.l10n.t('one mask value per channel, shared over every axis after it');
    case 'axes':
      return vscode.l10n.t('one mask value shared along axes {0}', sharing.axes.join(', '));
  }
}

const isAxisCount = (v: unknown) => v === 1 || v === 2 || v === 3;

function isChannelSharing(value: unknown): value is ChannelSharing {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  switch (s.kind) {
    case 'torchSpatial':
      return isAxisCount(s.axes);
    case 'kerasSpatial':
      return isAxisCount(s.axes) && typeof s.channelsFirst === 'boolean';
    case 'afterChannel':
      return true;
    case 'axes':
      return Array.isArray(s.axes) && s.axes.length <= 32 && s.axes.every((a) => Number.isSafeInteger(a));
    default:
      return false;
  }
}

/** The arguments, checked: commands can be run by anyone with anything. */
function checkArgs(args: unknown): DropoutCallArgs {
  const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const problem = (what: string) => new Error(vscode.l10n.t('openOnDropoutCall needs {0}.', what));
  if (typeof a.callee !== 'string') throw problem(vscode.l10n.t('the callee as text'));
  if (!(FRAMEWORKS as readonly unknown[]).includes(a.framework) || a.framework === 'numpy')
    throw problem(vscode.l10n.t('a framework: pytorch, keras, tf1 or flax'));
  if (!(['inverted', 'alpha', 'gaussian'] as unknown[]).includes(a.variant) || !(VARIANTS as readonly unknown[]).includes(a.variant))
    throw problem(vscode.l10n.t('a variant: inverted, alpha or gaussian'));
  if (a.p !== undefined && !isValidP(a.p)) throw problem(vscode.l10n.t('p from 0 to 1, or none to ask'));
  if (a.sharing !== undefined && !isChannelSharing(a.sharing)) throw problem(vscode.l10n.t('a valid channel sharing'));
  return {
    callee: a.callee,
    framework: a.framework as CodeFramework,
    variant: a.variant as CodeVariant,
    ...(a.p !== undefined ? { p: a.p as number } : {}),
    ...(typeof a.written === 'string' ? { written: a.written } : {}),
    ...(a.sharing !== undefined ? { sharing: a.sharing as ChannelSharing } : {}),
  };
}

/** The walkthrough's 100 ones, as an input. */
async function sampleInput(ctx: CommandContext) {
  const uri = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'walkthrough', 'sample-activations.json');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return {
    text,
    origin: { line: 1, column: 1 },
    uri: uri.toString(),
    label: 'sample-activations.json',
    documentLabel: 'sample-activations.json',
  };
}

export function openOnDropoutCall(ctx: CommandContext) {
  return async (rawArgs?: unknown): Promise<PanelSnapshot | undefined> => {
    const call = checkArgs(rawArgs);
    let p = call.p;
    if (p === undefined) {
      if (call.written !== undefined)
        void vscode.window.setStatusBarMessage(
          vscode.l10n.t('Dropout: {0} passes {1}; choose the p to try.', call.callee, call.written),
          STATUS_MESSAGE_MS,
        );
      p = await pickP(ctx.state.playgroundSettings.p);
      if (p === undefined) return undefined;
    }
    const rng = streamAfterChoosing(call.framework, ctx.state.playgroundSettings.rng, RNG_KINDS);
    await ctx.state.change({ p, framework: call.framework, rng, variant: call.variant });
    showPanel(ctx);
    if (!(await ctx.state.ensureResult()) && !ctx.state.lastInput) await ctx.state.setInput(await sampleInput(ctx));

    const shape = ctx.state.current.result?.source.shape;
    const shared = call.sharing && shape ? sharedAxes(call.sharing, shape) : undefined;
    await ctx.state.setBroadcastDims(shared && 'dims' in shared ? shared.dims : []);

    const parts = [
      `p = ${formatP(p)}`,
      FRAMEWORK_PRESETS[call.framework].label,
      VARIANT_INFO[call.variant].label.toLowerCase(),
      ...(call.sharing ? [sharingPhrase(call.sharing)] : []),
    ];
    vscode.window.setStatusBarMessage(vscode.l10n.t('Dropout: {0} as {1} does.', parts.join(' · '), call.callee), STATUS_MESSAGE_MS);
    if (shared && 'problem' in shared) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Dropout Playground: {0} {1}, so every unit of this input draws its own mask value.', call.callee, shared.problem),
      );
    }
    return ctx.state.current;
  };
}
