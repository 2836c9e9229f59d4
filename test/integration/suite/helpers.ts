// Shared by the in-host suites: the extension's API, the sample workspace, and a settings reset so
// every test starts from the defaults.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot, PlaygroundSettings } from '../../../src/shared/viewModel';

export const EXTENSION_ID = 'dropout-playground.dropout-playground';
export const PANEL_VIEW_TYPE = 'dropoutPlayground.panel';
export const SETTING_KEYS = ['p', 'mode', 'seed', 'rng', 'variant'] as const;

export interface Api {
  getSnapshot(): PanelSnapshot;
  getStatusBarText(): string;
}

export async function getApi(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.isActive ? extension.exports : extension.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** Runs a playground command; commands return their result and never throw. */
export async function run<T>(id: string, args?: unknown): Promise<T> {
  return (await vscode.commands.executeCommand(`dropoutPlayground.${id}`, ...(args === undefined ? [] : [args]))) as T;
}

export const setP = (p: number) => run<PlaygroundSettings | undefined>('setP', { p });

/** Open the playground on a whole fixture file through the command's arguments (no UI). */
export async function openOnFile(name: string, format?: 'json' | 'csv' | 'python'): Promise<PanelSnapshot> {
  const snapshot = await run<PanelSnapshot>('openOnSelection', { uri: workspaceFile(name).toString(), ...(format ? { format } : {}) });
  if (!snapshot) throw new Error(`openOnSelection on ${name} returned nothing`);
  return snapshot;
}

export function playgroundTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(PANEL_VIEW_TYPE));
}

/** Back to the defaults: no user values for our settings, no panel, no editors. */
export async function resetAll(): Promise<void> {
  const config = vscode.workspace.getConfiguration('dropoutPlayground');
  for (const key of SETTING_KEYS) {
    if (config.inspect(key)?.globalValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The extension follows configuration changes asynchronously: wait until it is back on the defaults.
  const api = await getApi();
  await waitFor(() => {
    const s = api.getSnapshot().settings;
    return (
      s.p === DEFAULTS.p && s.mode === DEFAULTS.mode && s.seed === DEFAULTS.seed && s.rng === DEFAULTS.rng && s.variant === DEFAULTS.variant
    );
  }, 'the settings to return to their defaults');
}

/** The manifest's defaults (package.json contributes.configuration). */
export const DEFAULTS = { p: 0.5, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted' } as const;

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
