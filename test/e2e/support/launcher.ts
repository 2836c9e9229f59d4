// Typed access to the launcher in scripts/real-vscode/launch.mjs (plain
// JavaScript, so `npm start` and the test-electron stand-in run it without
// compiling). Node 20.19+ require()s an ES module without a flag.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The repository root: the nearest folder above this file whose package.json is this extension's. */
export const REPO_ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'dropout-playground') return dir;
  }
  throw new Error(`no dropout-playground package.json above ${__dirname}`);
})();

export const WORKSPACE = path.join(REPO_ROOT, 'test', 'workspace');

export interface CodeServer {
  url: string;
  vscodeVersion: string;
  logFile: string;
  extensionsDir: string;
  stop(): Promise<void>;
}

export interface ConsoleMessage { type: string; text: string; url: string }

interface Launcher {
  VSCODE_VERSIONS: string[];
  startCodeServer(options: { vscodeVersion: string; theme?: string; settings?: Record<string, unknown>; extensionsDir?: string }): Promise<CodeServer>;
  installVsix(vscodeVersion: string, vsix: string, extensionsDir: string): Promise<string>;
  launchBrowser(): Promise<Browser>;
  openWorkbench(browser: Browser, server: CodeServer, options: { folder?: string; extensionDevelopmentPath?: string; viewport?: { width: number; height: number } }):
    Promise<{ context: BrowserContext; page: Page; consoleMessages: ConsoleMessage[]; pageErrors: string[] }>;
  waitForWorkbench(page: Page, timeout?: number): Promise<void>;
  isProblem(message: string): boolean;
}

const load = createRequire(__filename);
export const launcher: Launcher = load(path.join(REPO_ROOT, 'scripts', 'real-vscode', 'launch.mjs'));

/** The VS Code version the UI tier drives (the newest by default). */
export const E2E_VERSION = process.env.DROPOUT_E2E_VERSION ?? '1.139.1';

/** Built-in theme names, the same in 1.100 and 1.139. */
export const THEMES = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
} as const;
