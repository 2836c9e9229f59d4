// A parse error (or an engine refusal), with where it is and a way to go there.
import type { ErrorView } from '../../src/shared/viewModel';
import type { WebviewToHost } from '../../src/shared/protocol';
import { h, setChildren } from '../dom';

export class ErrorBanner {
  readonly element = h('div', { class: 'error', role: 'alert', 'data-error': '', hidden: true });

  constructor(private readonly send: (message: WebviewToHost) => void) {}

  show(error: ErrorView | null): void {
    this.element.hidden = !error;
    if (!error) {
      setChildren(this.element);
      return;
    }
    const where =
      error.line !== undefined
        ? ` (${error.documentLabel ? `${error.documentLabel}, ` : ''}line ${error.line}, column ${error.column ?? 1})`
        : '';
    const goTo = error.line !== undefined ? h('button', { type: 'button', class: 'secondary' }, `Go to line ${error.line}`) : null;
    goTo?.addEventListener('click', () => this.send({ type: 'revealError' }));
    setChildren(this.element, h('p', {}, h('strong', {}, 'Cannot read the selection: '), error.message, where), goTo);
  }
}
