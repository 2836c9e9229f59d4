// What the controller needs from the world around it, as small interfaces: the VS Code host binds
// them to the user's settings, workspace storage, progress notifications and l10n
// (src/host/controllerPorts.ts); the unit tests bind them to stand-ins.
import type { ActivationFormat, TensorEntry, TensorSlice } from '../parse';
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

/** What every input carries: where it came from, for the panel's header and errors. */
interface InputOrigin {
  /** The document or file, when there is one. */
  uri?: string;
  /** e.g. "layer3.json, lines 3–7" or "x". */
  label: string;
  /** e.g. "layer3.json". */
  documentLabel: string;
  /** Where the values came from beyond the label, e.g. "debug session train.py · frame forward, model.py:42". */
  provenance?: string;
}

/** Text selected in a document (or given by a caller). Inputs saved by earlier versions have no `kind`. */
export interface TextInput extends InputOrigin {
  kind?: 'text';
  text: string;
  /** 1-based document position of the text's first character. */
  origin: { line: number; column: number };
  format?: ActivationFormat;
}

/** Values read as numbers already (from a debug session): C order, float32 or float64. */
export interface TensorInput extends InputOrigin {
  kind: 'tensor';
  shape: number[];
  data: Float32Array | Float64Array;
  /** How the values were converted on the way, e.g. "float16 values, shown as float32". */
  note?: string;
}

/** A tensor file's bytes (.npy, .npz, .safetensors, .pt), and which entry to read. */
export interface FileInput extends InputOrigin {
  kind: 'file';
  /**
   * The bytes readTensor reads, for one load. The compute side takes the array it is given (handed
   * over, not copied), so each call gives an array of its own: the bytes read first, then the file's
   * bytes read again (a load after a setting changed, or after the worker stopped).
   */
  readBytes(): Promise<Uint8Array>;
  fileName: string;
  name?: string;
  /** Only part of the tensor (its first rows), when all of it is more than the playground takes. */
  slice?: TensorSlice;
  /** Every tensor of the file, for the panel's choice among them (when there are several). */
  entries?: TensorEntry[];
  /** How the values were converted on the way in, e.g. "float16 values, shown as float32". */
  note?: string;
}

export type PlaygroundInput = TextInput | TensorInput | FileInput;

export function isTextInput(input: PlaygroundInput): input is TextInput {
  return input.kind === undefined || input.kind === 'text';
}
