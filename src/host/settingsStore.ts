// The dropoutPlayground.* settings in VS Code: where the user's choices live between sessions. The
// commands and the panel write them globally; what a valid value is, the controller says.
import * as vscode from 'vscode';
import type { SettingsStore } from '../controller/ports';
import { validSettings, type SettingsChange, type StoredSettings } from '../controller/settings';

export const SECTION = 'dropoutPlayground';

/** Reads the settings, replacing anything malformed (hand-edited settings.json) by the default. */
export function readSettings(): StoredSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return validSettings((key) => c.get<unknown>(key));
}

/** Writes the changed settings to the user's (global) settings; a seed that fits a JS number is stored as one. */
export async function writeSettings(changes: SettingsChange): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  for (const [key, value] of Object.entries(changes) as [keyof SettingsChange, unknown][]) {
    let stored = value;
    if (key === 'seed' && typeof value === 'string') {
      const asNumber = Number(value);
      stored = Number.isSafeInteger(asNumber) ? asNumber : value;
    }
    if (c.get(key) !== stored) await c.update(key, stored, vscode.ConfigurationTarget.Global);
  }
}

/** The settings as the controller sees them. */
export const settingsStore: SettingsStore = {
  read: readSettings,
  write: writeSettings,
  onDidChange: (listener) => vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && listener()),
};
