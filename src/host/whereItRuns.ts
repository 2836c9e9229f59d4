// The one place that knows which commands need the Node extension host (desktop, remote, code-server,
// Codespaces) and which also run in a browser's web extension host (vscode.dev, github.dev). Every
// contributed command is listed, so a new one has to say where it runs; a command that needs Node,
// run on the web, says so instead of failing. No vscode import: unit-tested in plain Node.

/** The extension host the extension runs in. */
export type HostKind = 'node' | 'web';

/** Runs on both hosts, or needs Node (the text says what the user cannot do on the web). */
type Where = 'everywhere' | { needsNode: string };

/**
 * Every command, by the id after `dropoutPlayground.`. The engine, the parser, the panel and the
 * compute side are Node-free (the compute runs in a Web Worker, or cooperatively in the web host),
 * and input comes from editors and `vscode.workspace.fs`, so today every command runs everywhere.
 */
export const WHERE_COMMANDS_RUN = {
  openOnSelection: 'everywhere',
  openOnSelectionFromMenu: 'everywhere',
  setModeTrain: 'everywhere',
  setModeEval: 'everywhere',
  toggleMode: 'everywhere',
  setP: 'everywhere',
  setSeed: 'everywhere',
  resample: 'everywhere',
  setRng: 'everywhere',
  setVariant: 'everywhere',
  setFramework: 'everywhere',
  copyAsCode: 'everywhere',
  openSample: 'everywhere',
  runMonteCarlo: 'everywhere',
  showMistake: 'everywhere',
  // Through the Debug Adapter Protocol, which the web host speaks too (a remote window's debug session).
  openOnDebugVariable: 'everywhere',
  openOnDebugExpression: 'everywhere',
  openOnDebugExpressionFromMenu: 'everywhere',
  toggleFollow: 'everywhere',
  copyTable: 'everywhere',
  // Written through the save dialog and vscode.workspace.fs; a PNG is drawn by the panel.
  saveMaskImage: 'everywhere',
  saveChartsImage: 'everywhere',
  // The save dialog and vscode.workspace.fs, which every host has.
  saveOutputs: 'everywhere',
  copyReport: 'everywhere',
  openOnDropoutCall: 'everywhere',
  openCellOutput: 'everywhere',
  // Whole files through vscode.workspace.fs where ranged local reads are not available.
  openFile: 'everywhere',
  openFileFromExplorer: 'everywhere',
} as const satisfies Record<string, Where>;

export type CommandName = keyof typeof WHERE_COMMANDS_RUN;

/** Why `command` cannot run on `host`, in words for the user; undefined when it can. */
export function unavailableOn(command: CommandName, host: HostKind, table: Record<string, Where> = WHERE_COMMANDS_RUN): string | undefined {
  const where = table[command];
  if (host === 'node' || where === 'everywhere') return undefined;
  return `${where.needsNode} needs VS Code's Node extension host (the desktop app, a remote window or code-server); it is not available in a browser-only VS Code such as vscode.dev.`;
}
