// Opens tensor files in the playground (the openFile command, the custom editor, the panel's choice
// of tensor) and follows them: when a training script saves the file again, the panel re-reads it,
// unless the user pinned the values (the controller's Follow switch).
import * as vscode from 'vscode';
import {
  FileFormatError,
  type OpenedTensorFile,
  openTensorFile,
  slicedShape,
  sliceProblem,
  type TensorEntry,
  type TensorRead,
  type TensorSlice,
} from '../../parse';
import type { FileInput } from '../../controller/ports';
import type { PlaygroundController } from '../../controller/playground';
import type { PanelSnapshot } from '../../shared/viewModel';
import { readSettings } from '../settingsStore';
import { type LocalFiles, openByteSource } from './byteSource';
import { conversionNote, entryDescription, fileInputLabel, parseIndex, type SliceOffer, sliceOffers } from './tensorSlices';

/** What openFile takes: the file, and optionally which tensor and which part of it (an index per leading axis, rows of the next). */
export interface OpenFileArgs {
  uri: string | vscode.Uri;
  name?: string;
  index?: number[];
  rows?: number;
}

/** How long a burst of file events (a script writing a large file) settles before the file is read again. */
const SETTLE_MS = 200;

/** Whether to ask (which tensor, which slice) when the arguments do not say. */
export interface AskOptions {
  pickTensor: boolean;
  pickSlice: boolean;
}

export class TensorFiles implements vscode.Disposable {
  /** The file input the controller holds from us, and the watcher that re-reads it. */
  private followed: { input: FileInput; uri: vscode.Uri; name: string; slice?: TensorSlice; watcher: vscode.Disposable } | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly inputChanged: vscode.Disposable;

  constructor(
    private readonly state: PlaygroundController,
    private readonly localFiles?: LocalFiles,
  ) {
    // Another input replaced the file: stop watching it.
    this.inputChanged = state.onDidChange(() => {
      if (this.followed && !this.isFollowedInput()) this.stopFollowing();
    });
  }

  /**
   * Reads the chosen tensor into the playground (the panel must be shown by the caller) and follows the
   * file. Undefined when the user dismissed a question.
   */
  async open(args: OpenFileArgs, ask: AskOptions, showPanel: () => void): Promise<PanelSnapshot | undefined> {
    const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    // Once the questions are answered the panel opens on what is being read, and loads while the bytes are.
    let restore: (() => void) | undefined;
    const announce = (label: string) => {
      showPanel();
      restore = this.state.announceReading(label);
    };
    let read: Awaited<ReturnType<TensorFiles['read']>>;
    try {
      read = await this.read(uri, args, ask, announce);
    } catch (error) {
      restore?.();
      throw error;
    }
    if (!read) return undefined;
    if (!restore) showPanel();
    this.stopFollowing();
    this.followed = { input: read.input, uri, name: read.name, ...(read.slice ? { slice: read.slice } : {}), watcher: this.watch(uri) };
    return this.state.setInput(read.input, { live: true });
  }

  /** The panel's choice of another tensor in the file it shows. */
  async choose(name: string): Promise<PanelSnapshot | undefined> {
    const followed = this.followed;
    if (!followed) return undefined;
    return this.open({ uri: followed.uri, name }, { pickTensor: false, pickSlice: true }, () => undefined);
  }

  dispose(): void {
    this.stopFollowing();
    this.inputChanged.dispose();
  }

  private async read(
    uri: vscode.Uri,
    args: { name?: string; index?: number[]; rows?: number },
    ask: AskOptions,
    beforeBytes: (label: string) => void = () => undefined,
  ): Promise<{ input: FileInput; name: string; slice?: TensorSlice } | undefined> {
    const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const origin = { uri: uri.toString(), documentLabel: fileName };
    const [{ source, ranged }, stamp] = await Promise.all([openByteSource(uri, this.localFiles), vscode.workspace.fs.stat(uri)]);
    // A damaged file: the worker reads it whole again and shows the same error in the panel, with its offset.
    const refused = async () => {
      const again = async () => {
        const { source } = await openByteSource(uri, this.localFiles);
        return source.read(0, source.size);
      };
      const input: FileInput = {
        kind: 'file',
        readBytes: handOnce(await source.read(0, source.size), () => readAgain(uri, fileName, stamp, again)),
        fileName,
        label: fileName,
        ...origin,
      };
      return { input, name: '' };
    };
    let opened: OpenedTensorFile;
    try {
      opened = await openTensorFile(source, fileName);
    } catch (error) {
      if (error instanceof FileFormatError) return refused();
      throw error;
    }
    const entry = await this.chooseEntry(opened.entries, args.name, ask.pickTensor, fileName);
    if (!entry) return undefined;
    let slice: TensorSlice | undefined =
      args.index !== undefined || args.rows !== undefined
        ? { ...(args.index !== undefined ? { index: args.index } : {}), ...(args.rows !== undefined ? { rows: args.rows } : {}) }
        : undefined;
    const problem = slice && sliceProblem(entry.shape, slice);
    if (problem) throw new Error(vscode.l10n.t('{0} [{1}]: {2}.', entry.name, entry.shape.join(', '), problem));
    if (!slice && ask.pickSlice) {
      const picked = await pickSlice(entry, readSettings().maxValues);
      if (picked === null) return undefined;
      slice = picked;
    }
    const note = conversionNote(entry.dtype);
    const wholeNote = !ranged ? vscode.l10n.t('{0} read whole: this file system gives no partial reads', fileName) : undefined;
    const label = fileInputLabel(fileName, entry, opened.entries.length, slice);
    beforeBytes(label);
    // The compute side readies the first draw while the bytes are read.
    this.state.expectInput((slice ? slicedShape(entry.shape, slice) : entry.shape).reduce((a, b) => a * b, 1));
    let part: TensorRead;
    try {
      part = await opened.read(entry.name, slice);
    } catch (error) {
      if (error instanceof FileFormatError) return refused();
      throw error;
    }
    const again = async () => {
      const { source } = await openByteSource(uri, this.localFiles);
      return (await (await openTensorFile(source, fileName)).read(entry.name, slice)).bytes;
    };
    const input: FileInput = {
      kind: 'file',
      readBytes: handOnce(part.bytes, () => readAgain(uri, fileName, stamp, again)),
      fileName: part.fileName,
      name: part.name,
      label,
      ...origin,
      ...(opened.entries.length > 1 ? { entries: opened.entries } : {}),
      ...(part.slice ? { slice: part.slice } : {}),
      ...(note ? { note } : {}),
      ...(wholeNote ? { provenance: wholeNote } : {}),
    };
    return { input, name: entry.name, ...(slice ? { slice } : {}) };
  }

  private async chooseEntry(
    entries: TensorEntry[],
    name: string | undefined,
    ask: boolean,
    fileName: string,
  ): Promise<TensorEntry | undefined> {
    if (name !== undefined) {
      const named = entries.find((e) => e.name === name);
      if (!named)
        throw new Error(vscode.l10n.t('{0} holds no tensor "{1}"; it holds {2}.', fileName, name, entries.map((e) => e.name).join(', ')));
      return named;
    }
    if (entries.length === 0) throw new Error(vscode.l10n.t('{0} holds no tensors.', fileName));
    if (entries.length === 1 || !ask) return entries[0];
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: entry.name, description: entryDescription(entry), entry })),
      { title: vscode.l10n.t('Dropout: which tensor of {0}?', fileName), matchOnDescription: true },
    );
    return picked?.entry;
  }

  private isFollowedInput(): boolean {
    return this.followed !== undefined && this.state.lastInput === this.followed.input;
  }

  private watch(uri: vscode.Uri): vscode.Disposable {
    const slash = uri.path.lastIndexOf('/');
    const folder = uri.with({ path: uri.path.slice(0, slash) || '/' });
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.slice(slash + 1)));
    const changed = () => {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => void this.reread().catch(() => undefined), SETTLE_MS);
    };
    return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed));
  }

  /** The file was saved again: read the same tensor and slice, if the panel follows it. */
  private async reread(): Promise<void> {
    const followed = this.followed;
    if (!followed || !this.isFollowedInput() || !this.state.follows) return;
    const read = await this.read(followed.uri, { name: followed.name, ...followed.slice }, { pickTensor: false, pickSlice: false }).catch(
      () => undefined,
    );
    // The tensor is gone from the file (or the file is half written): the next save reads it again.
    if (!read || this.followed !== followed || !this.isFollowedInput()) return;
    followed.input = read.input;
    await this.state.refreshInput(read.input);
  }

  private stopFollowing(): void {
    clearTimeout(this.settleTimer);
    this.followed?.watcher.dispose();
    this.followed = undefined;
  }
}

/**
 * The bytes of a file input read again for a later load: from the file as it was read, or not at all.
 * The panel shows the values it read (pinned, or until the watcher's re-read), so a file saved since is
 * refused rather than read as if it were the same.
 */
async function readAgain(uri: vscode.Uri, fileName: string, stamp: vscode.FileStat, read: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const now = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
  if (!now || now.mtime !== stamp.mtime || now.size !== stamp.size) {
    throw new Error(
      vscode.l10n.t('{0} was changed or removed on disk after the panel read it: open it again to read it as it is now.', fileName),
    );
  }
  return read();
}

/** Hands `first` to the first load and reads the bytes again for each later one: a load keeps what it is given. */
function handOnce(first: Uint8Array, again: () => Promise<Uint8Array>): () => Promise<Uint8Array> {
  let held: Uint8Array | undefined = first;
  return () => {
    const bytes = held;
    held = undefined;
    return bytes ? Promise.resolve(bytes) : again();
  };
}

/**
 * For a tensor above maxValues, asks which part to read (its first rows, or an index per leading axis,
 * asked next): undefined when it fits or cannot be sliced (the panel then says why), null when the
 * user dismissed a question.
 */
async function pickSlice(entry: TensorEntry, maxValues: number): Promise<TensorSlice | undefined | null> {
  const offers = sliceOffers(entry.shape, maxValues);
  if (offers.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    offers.map((offer) => ({
      label: offerLabel(offer, entry.shape),
      description: `[${offer.shape.join(', ')}] · ${offer.shape.reduce((n, d) => n * d, 1)} values`,
      offer,
    })),
    {
      title: vscode.l10n.t(
        '{0} [{1}] holds more than {2} values (the maxValues setting): open a slice',
        entry.name,
        entry.shape.join(', '),
        maxValues,
      ),
    },
  );
  if (!picked) return null;
  const { axes, rows } = picked.offer;
  if (axes === 0) return { rows: rows ?? entry.shape[0] };
  const sizes = entry.shape.slice(0, axes).join(', ');
  const text = await vscode.window.showInputBox({
    title:
      axes === 1
        ? vscode.l10n.t('Which index of axis 0 (0 to {0})?', entry.shape[0] - 1)
        : vscode.l10n.t('Which index of axes 0 to {0} (sizes {1})? One number per axis, separated by commas', axes - 1, sizes),
    value: new Array<string>(axes).fill('0').join(', '),
    validateInput: (value) => {
      const index = parseIndex(value, entry.shape, axes);
      return Array.isArray(index) ? undefined : index.problem;
    },
  });
  if (text === undefined) return null;
  const index = parseIndex(text, entry.shape, axes);
  if (!Array.isArray(index)) return null;
  return rows === undefined ? { index } : { index, rows };
}

/** "The first 38 rows", "One index of axis 0", "One index of axes 0 to 1, then the first 2441 rows". */
function offerLabel(offer: SliceOffer, shape: readonly number[]): string {
  const unit = shape.length - offer.axes === 1 ? vscode.l10n.t('values') : vscode.l10n.t('rows');
  if (offer.axes === 0) return vscode.l10n.t('The first {0} {1}', offer.rows ?? shape[0], unit);
  const indices =
    offer.axes === 1 ? vscode.l10n.t('One index of axis 0') : vscode.l10n.t('One index of each of axes 0 to {0}', offer.axes - 1);
  return offer.rows === undefined ? indices : vscode.l10n.t('{0}, then the first {1} {2}', indices, offer.rows, unit);
}
