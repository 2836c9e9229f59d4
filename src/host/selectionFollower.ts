// A selection the panel follows: editing the selected text re-reads it (after a pause in the typing),
// with the range carried along by the edits, unless the user pinned the values.
import * as vscode from 'vscode';
import type { PlaygroundInput, TextInput } from '../controller/playground';
import { followRange, type OffsetRange } from './followRange';
import { inputFromDocument } from './selection';

/** How long the typing must pause before the selection is read again. */
export const FOLLOW_DELAY_MS = 400;

/** What following needs of the playground. */
export interface LiveInputHost {
  refreshInput(input: PlaygroundInput): Promise<boolean>;
  setLiveNotice(notice: string | null): void;
  readonly lastInput: PlaygroundInput | undefined;
  readonly follows: boolean;
}

export class SelectionFollower implements vscode.Disposable {
  /** The document's text the panel shows: a range of it, or all of it (`range` undefined). */
  private followed: { uri: string; range: OffsetRange | undefined; input: TextInput } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listener: vscode.Disposable;

  constructor(private readonly host: LiveInputHost) {
    this.listener = vscode.workspace.onDidChangeTextDocument((event) => this.edited(event));
  }

  /** Follows `input`, the text of `range` in `document` (all of it when `range` is undefined). */
  follow(input: TextInput, document: vscode.TextDocument, range: vscode.Range | undefined): void {
    clearTimeout(this.timer);
    const offsets = range && { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    this.followed = { uri: document.uri.toString(), range: offsets, input };
  }

  /** Following again after a pin: reads the text as it is now. */
  resume(): void {
    const followed = this.followed;
    if (!followed) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === followed.uri);
    if (document) void this.reread(document).catch(() => undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listener.dispose();
  }

  private edited(event: vscode.TextDocumentChangeEvent): void {
    const followed = this.followed;
    if (!followed || event.document.uri.toString() !== followed.uri || event.contentChanges.length === 0) return;
    if (this.host.lastInput !== followed.input) {
      this.followed = undefined; // another input replaced it
      return;
    }
    // The range moves with every edit, pinned or not, so following again later reads the right text.
    if (followed.range) {
      const replacements = event.contentChanges.map((c) => ({
        rangeOffset: c.rangeOffset,
        rangeLength: c.rangeLength,
        textLength: c.text.length,
      }));
      followed.range = followRange(followed.range, replacements);
    }
    if (!this.host.follows) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reread(event.document).catch(() => undefined), FOLLOW_DELAY_MS);
  }

  private async reread(document: vscode.TextDocument): Promise<void> {
    const followed = this.followed;
    if (!followed || this.host.lastInput !== followed.input || !this.host.follows) return;
    const offsets = followed.range;
    if (offsets && offsets.end <= offsets.start) {
      this.host.setLiveNotice(vscode.l10n.t('The selected text was deleted: the panel shows its last values.'));
      return;
    }
    const range = offsets && new vscode.Range(document.positionAt(offsets.start), document.positionAt(offsets.end));
    const input = inputFromDocument(document, range, followed.input.format);
    followed.input = input;
    await this.host.refreshInput(input);
  }
}
