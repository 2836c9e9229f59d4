// Where the values came from and whether the panel follows them: the provenance line ("debug session
// train.py · frame forward, model.py:42"), a conversion note, the Follow switch of an input that can
// change under the panel (a debug expression, an edited selection), and why older values are shown.
import type { WebviewToHost } from '../../src/shared/protocol';
import type { LiveView, SourceInfo } from '../../src/shared/viewModel';
import { h } from '../dom';

export class LiveSource {
  readonly element = h('div', { class: 'live-source' });
  private readonly provenance = h('p', { class: 'provenance', 'data-provenance': '' });
  private readonly note = h('p', { class: 'note', 'data-source-note': '' });
  private readonly follow = h('input', { type: 'checkbox', id: 'follow', 'data-follow': '', 'data-control': 'follow' });
  private readonly followLabel = h('label', { class: 'follow' }, this.follow, ' Follow: redraw when the values change');
  /** Polite: a step in the debugger that leaves the values stale is news, not an alarm. */
  private readonly notice = h('p', { class: 'live-notice', 'data-live-notice': '', role: 'status', 'aria-live': 'polite' });

  constructor(post: (message: WebviewToHost) => void) {
    this.element.append(this.provenance, this.note, this.followLabel, this.notice);
    this.follow.addEventListener('change', () => post({ type: 'setFollow', follow: this.follow.checked }));
  }

  show(source: SourceInfo | undefined, live: LiveView | null): void {
    this.provenance.textContent = source?.provenance ?? '';
    this.provenance.hidden = !source?.provenance;
    this.note.textContent = source?.note ?? '';
    this.note.hidden = !source?.note;
    this.followLabel.hidden = !live;
    this.follow.checked = live?.follow ?? false;
    this.notice.textContent = live?.notice ?? '';
    this.notice.hidden = !live?.notice;
    this.element.hidden = this.provenance.hidden && this.note.hidden && this.followLabel.hidden && this.notice.hidden;
  }
}
