// What the controller needs from the world around it, as small interfaces: the VS Code host binds
// them to the user's settings, workspace storage, progress notifications and l10n
// (src/host/controllerPorts.ts); the unit tests bind them to stand-ins.
import type { ActivationFormat } from '../parse';
import type { SettingsChange, StoredSettings } from './settings';

/** Something to stop listening with. */
export interface Disposable {
  dispose(): void;
}

/** Where the user's settings live between sessions. */
export interface SettingsStore {
  read(): StoredSettings;
  /** Writes the changed settings; resolves once they are stored. */
  write(changes: SettingsChange): Promise<void>;
  /** Calls `listener` when the settings changed, from the controller's writes or from outside (settings.json). */
  onDidChange(listener: () => void): Disposable;
}

/** Where the last input waits for the next window. */
export interface InputStore<T> {
  load(): Promise<T | undefined>;
  /** Saves `input`, or forgets the last one (undefined). */
  save(input: T | undefined): Promise<void>;
}

export interface ProgressHooks {
  /** Called with the title when the work becomes noticeable, and with null when it ends. */
  onBusy(message: string | null): void;
  onCancel(): void;
}

/** The controller's reach into the user interface: progress for slow work, warnings, and translated text. */
export interface ControllerHost {
  /** Shows progress for `work` once it has taken long enough to notice; `hooks.onCancel` when the user cancels. */
  track<T>(title: string, work: Promise<T>, hooks: ProgressHooks): Promise<T>;
  /** A warning the user should see, though the panel still shows what they asked for. */
  warn(message: string): void;
  /** Translates `message`, filling {0}, {1}… with `args`. */
  t(message: string, ...args: (string | number)[]): string;
}

/** Text selected in a document (or given by a caller), with where it came from. */
export interface PlaygroundInput {
  text: string;
  /** 1-based document position of the text's first character. */
  origin: { line: number; column: number };
  /** The document, when there is one. */
  uri?: string;
  /** e.g. "layer3.json, lines 3–7". */
  label: string;
  /** e.g. "layer3.json". */
  documentLabel: string;
  format?: ActivationFormat;
}
