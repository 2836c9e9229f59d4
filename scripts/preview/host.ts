// The panel preview's host: the real controller and panel session, with the compute on the page's
// own thread and the settings in memory, behind a stand-in for acquireVsCodeApi. Only the ports are
// stand-ins, so the preview cannot drift from what VS Code runs. Bundled for the browser by
// scripts/webview-preview.mjs.
import { InlineCompute } from '../../src/compute/inlineCompute';
import { PanelSession } from '../../src/controller/panelSession';
import { PlaygroundController, type PlaygroundInput } from '../../src/controller/playground';
import type { SettingsStore } from '../../src/controller/ports';
import { DEFAULTS, type StoredSettings } from '../../src/controller/settings';
import { RNG_KINDS, streamAfterChoosing } from '../../src/shared/catalogue';
import { parseWebviewMessage, type WebviewToHost } from '../../src/shared/protocol';

declare global {
  interface Window {
    /** Every message the panel posted, in order, for the preview's checks. */
    __posted: WebviewToHost[];
    acquireVsCodeApi(): { getState(): unknown; setState(state: unknown): void; postMessage(message: unknown): void };
  }
}

/** The inputs the preview shows: the lesson's 100 ones, a 64 × 512 activation map, a parse error, an overflow. */
function scenarioInput(scenario: string): PlaygroundInput {
  const origin = { line: 1, column: 1 };
  switch (scenario) {
    case 'large': {
      const rows = Array.from({ length: 64 }, (_, r) =>
        Array.from({ length: 512 }, (_, c) => {
          const i = r * 512 + c;
          return Math.max(0, Math.sin(i * 0.37) * 2 + Math.cos(i * 0.011)).toFixed(4);
        }).join(','),
      );
      return { text: rows.join('\n'), origin, label: 'features.csv, lines 1–64', documentLabel: 'features.csv' };
    }
    case 'error':
      return { text: '[\n  0.5, 1.5,\n  2.0, abc\n]', origin, label: 'activations.json, lines 1–4', documentLabel: 'activations.json' };
    case 'overflow':
      return { text: '[\n  0.5, 1.5, 2.0,\n    1e308, 1.0\n]', origin, label: 'overflow.json, lines 1–4', documentLabel: 'overflow.json' };
    default:
      return {
        text: JSON.stringify(new Array(100).fill(1)),
        origin,
        label: 'activations.json, lines 1–3',
        documentLabel: 'activations.json',
      };
  }
}

let stored: StoredSettings = { ...DEFAULTS, p: 0.4 };
const settingsListeners = new Set<() => void>();
const settings: SettingsStore = {
  read: () => ({ ...stored }),
  write: async (changes) => {
    stored = { ...stored, ...changes };
    for (const listener of settingsListeners) listener();
  },
  onDidChange: (listener) => {
    settingsListeners.add(listener);
    return { dispose: () => settingsListeners.delete(listener) };
  },
};

const controller = new PlaygroundController({
  settings,
  lastInput: { load: async () => undefined, save: async () => undefined },
  compute: new InlineCompute(),
  host: {
    track: (_title, work) => work,
    warn: (message) => console.warn(message),
    t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
  },
});

const session = new PanelSession(
  controller,
  {
    // The commands behind these buttons, reduced to what they change.
    revealError: async () => undefined,
    resample: () => controller.change({ seed: String(Number(controller.playgroundSettings.seed) + 1) }),
    setFramework: (framework) => {
      const rng = streamAfterChoosing(framework, controller.playgroundSettings.rng, RNG_KINDS);
      return controller.change({ framework, rng });
    },
    copyAsCode: async () => undefined,
    copyTable: async () => undefined,
    saveOutputs: async () => undefined,
    copyReport: async () => undefined,
    chooseTensor: async () => undefined,
    saveImage: async () => undefined,
  },
  (message) => setTimeout(() => window.postMessage(message, '*'), 0),
);

window.__posted = [];
let panelState: unknown = {};
window.acquireVsCodeApi = () => ({
  getState: () => panelState,
  setState: (state) => {
    panelState = state;
  },
  postMessage(raw) {
    const message = parseWebviewMessage(raw, { shape: controller.current.result?.source.shape });
    if (!message) throw new Error(`the panel posted an invalid message: ${JSON.stringify(raw)}`);
    window.__posted.push(message);
    void session.handle(message);
  },
});

void controller.setInput(scenarioInput(new URLSearchParams(location.search).get('scenario') ?? 'result'));
