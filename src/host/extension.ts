// Activation, the same on every extension host: the entry points (nodeMain.ts for the Node host,
// browserMain.ts for the web host) pass what differs. Activation only wires things up: nothing is
// parsed or computed until a command runs (or VS Code restores the panel after a reload).
import * as vscode from 'vscode';
import * as commands from './commands';
import { copyReport, copyTable, saveOutputs } from './exports';
import { saveImage } from './saveImage';
import type { Compute } from '../compute/compute';
import { lastInputStore } from './lastInputStore';
import { PANEL_VIEW_TYPE, PlaygroundPanel, reportUnexpected } from './panel/playgroundPanel';
import type { PanelSnapshot } from '../shared/viewModel';
import { PlaygroundController } from '../controller/playground';
import { DropoutStatusBar } from './statusBar';
import { controllerHost } from './controllerHost';
import { settingsStore } from './settingsStore';
import { DebugValues } from './debug/debugValues';
import { SelectionFollower } from './selectionFollower';
import { DropoutLensProvider } from './code/dropoutLenses';
import { openOnDropoutCall } from './code/openOnDropoutCall';
import { PYTHON_SELECTOR } from './code/pythonDocuments';
import { registerTrainingHints } from './code/trainingHints';
import { openCellOutput } from './notebook/openCellOutput';
import { TensorFiles } from './files/tensorFiles';
import type { LocalFiles } from './files/byteSource';
import { registerTensorEditor } from './files/tensorEditor';
import { type CommandName, type HostKind, unavailableOn } from './whereItRuns';

/** What activate() returns: read-only views for tests and other extensions. */
export interface DropoutPlaygroundApi {
  getSnapshot(): PanelSnapshot;
  getStatusBarText(): string;
}

/** What an entry point brings: which host this is, and how the compute side starts there. */
export interface HostPlatform {
  kind: HostKind;
  startCompute(extensionUri: vscode.Uri): Compute;
  /** Ranged reads of local tensor files, where the host can make them. */
  localFiles?: LocalFiles;
}

export function activatePlayground(context: vscode.ExtensionContext, platform: HostPlatform): DropoutPlaygroundApi {
  const compute = platform.startCompute(context.extensionUri);
  const state = new PlaygroundController({ settings: settingsStore, lastInput: lastInputStore(context), compute, host: controllerHost });
  const statusBar = new DropoutStatusBar();
  const selections = new SelectionFollower(state);
  const files = new TensorFiles(state, platform.localFiles);
  const ctx: commands.CommandContext = { extensionUri: context.extensionUri, state, selections, files };
  const lenses = new DropoutLensProvider();
  statusBar.update(state.playgroundSettings);
  const debugValues = new DebugValues({
    showPanel: () => commands.showPanel(ctx),
    setInput: (input) => state.setInput(input, { live: true }),
    refreshInput: (input) => state.refreshInput(input),
    setLiveNotice: (notice) => state.setLiveNotice(notice),
    get lastInput() {
      return state.lastInput;
    },
    get follows() {
      return state.follows;
    },
  });

  // Wraps each command so that a failure reaches the user as one clear
  // message (and the caller as `undefined`), never as an uncaught exception;
  // a command this host cannot run says so.
  const register = <A extends unknown[], R>(id: CommandName, run: (...args: A) => Promise<R> | R) =>
    vscode.commands.registerCommand(`dropoutPlayground.${id}`, async (...args: A): Promise<R | undefined> => {
      const unavailable = unavailableOn(id, platform.kind);
      if (unavailable) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Dropout Playground: {0}', unavailable));
        return undefined;
      }
      try {
        return await run(...args);
      } catch (error) {
        reportUnexpected(error);
        return undefined;
      }
    });

  context.subscriptions.push(
    compute,
    state,
    files,
    statusBar,
    state.onDidChange((snapshot) => statusBar.update(snapshot.settings)),
    // The palette offers "Follow or Pin" only while the values can change at their source.
    state.onDidChange((snapshot) => setLiveContext(snapshot.live !== null)),
    // Unpinned: the source may have changed meanwhile, so it is read again at once.
    onResumeFollowing(state, () => {
      selections.resume();
      debugValues.resume();
    }),
    register('openOnSelection', commands.openOnSelection(ctx)),
    // The same command for the editor's context menu, which shows a title without its category.
    register('openOnSelectionFromMenu', commands.openOnSelection(ctx)),
    selections,
    debugValues,
    register('openOnDebugVariable', (arg?: unknown) => debugValues.openOnVariable(arg)),
    register('openOnDebugExpression', (args?: unknown) => debugValues.openOnExpression(args)),
    // The editor's context menu passes the document's URI: the expression is asked for.
    register('openOnDebugExpressionFromMenu', () => debugValues.openOnExpression()),
    register('toggleFollow', commands.toggleFollow(ctx)),
    register('setModeTrain', commands.setMode(ctx, 'train')),
    register('setModeEval', commands.setMode(ctx, 'eval')),
    register('toggleMode', commands.toggleMode(ctx)),
    register('setP', commands.setP(ctx)),
    register('setSeed', commands.setSeed(ctx)),
    register('resample', commands.resample(ctx)),
    register('setRng', commands.setRng(ctx)),
    register('setVariant', commands.setVariant(ctx)),
    register('setFramework', commands.setFramework(ctx)),
    register('copyAsCode', commands.copyAsCode(ctx)),
    register('copyTable', copyTable(ctx)),
    register(
      'saveMaskImage',
      saveImage(ctx, 'mask', () => commands.showPanel(ctx)),
    ),
    register(
      'saveChartsImage',
      saveImage(ctx, 'charts', () => commands.showPanel(ctx)),
    ),
    register('saveOutputs', saveOutputs(ctx)),
    register('copyReport', copyReport(ctx)),
    register('openSample', commands.openSample(ctx)),
    register('runMonteCarlo', commands.runMonteCarlo(ctx)),
    register('showMistake', commands.showMistake(ctx)),
    register('openOnDropoutCall', openOnDropoutCall(ctx)),
    register('openCellOutput', openCellOutput(ctx)),
    vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, lenses),
    lenses,
    registerTrainingHints(),
    register('openFile', commands.openFile(ctx)),
    // The same command for the Explorer's context menu, which shows a title without its category.
    register('openFileFromExplorer', commands.openFile(ctx)),
    registerTensorEditor(context.extensionUri, state, files, commands.panelActions(ctx)),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        PlaygroundPanel.revive(panel, context.extensionUri, state, commands.panelActions(ctx));
        await state.restoreLastInput();
      },
    }),
    { dispose: () => PlaygroundPanel.instance?.dispose() },
  );

  return {
    getSnapshot: () => state.current,
    getStatusBarText: () => statusBar.text,
  };
}

/** Calls `resume` when the user follows again the same input they had pinned. */
function onResumeFollowing(state: PlaygroundController, resume: () => void): vscode.Disposable {
  let pinned: unknown;
  return state.onDidChange((snapshot) => {
    const input = state.lastInput;
    if (snapshot.live?.follow === false) pinned = input;
    else if (snapshot.live?.follow && pinned !== undefined) {
      if (pinned === input) resume();
      pinned = undefined;
    }
  });
}

let live = false;
function setLiveContext(now: boolean): void {
  if (now === live) return;
  live = now;
  void vscode.commands.executeCommand('setContext', 'dropoutPlayground.live', now);
}
