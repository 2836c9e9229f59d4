// The controller's reach into VS Code's user interface: progress notifications, warnings, l10n.
import * as vscode from 'vscode';
import type { ControllerHost } from '../controller/ports';
import { trackWork } from './progress';

export const controllerHost: ControllerHost = {
  track: trackWork,
  warn: (message) => void vscode.window.showWarningMessage(message),
  t: (message, ...args) => vscode.l10n.t(message, ...args),
};
