// The "why", worked on the user's numbers: each step a formula and the same
// formula with the numbers filled in. Text only (no HTML from the host).
import type { Explanation } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';

export class ExplanationView {
  readonly element = h('ol', { class: 'why-steps' });

  show(explanation: Explanation | null): void {
    if (!explanation) {
      setChildren(this.element, h('li', {}, 'Nothing to explain without values.'));
      return;
    }
    setChildren(
      this.element,
      ...explanation.steps.map((step) =>
        h(
          'li',
          { 'data-step': step.id },
          h('strong', {}, step.title),
          h('div', { class: 'formula' }, step.formula),
          h('div', { class: 'formula substituted' }, step.substituted),
          step.note ? h('p', { class: 'note' }, step.note) : null,
        ),
      ),
    );
  }
}
