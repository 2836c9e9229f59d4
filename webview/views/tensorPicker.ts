// The choice among a file's tensors (a state_dict, an .npz, a safetensors checkpoint): a labelled
// dropdown listing each tensor with its shape and dtype. The host re-reads the file on a change.
import type { WebviewToHost } from '../../src/shared/protocol';
import type { TensorChoice } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';

export class TensorPicker {
  private readonly select = h('select', { id: 'tensor-picker', 'data-tensor-picker': '' });
  readonly element = h('p', { class: 'tensor-picker' }, h('label', { for: 'tensor-picker' }, 'Tensor '), this.select);
  /** The options' names, to rebuild them only when the file's tensors change. */
  private names = '';

  constructor(post: (message: WebviewToHost) => void) {
    this.select.addEventListener('change', () => post({ type: 'chooseTensor', name: this.select.value }));
  }

  show(tensors: TensorChoice | null): void {
    this.element.hidden = !tensors;
    if (!tensors) return;
    const names = JSON.stringify(tensors.entries.map((e) => [e.name, e.shape, e.dtype]));
    if (names !== this.names) {
      this.names = names;
      setChildren(
        this.select,
        ...tensors.entries.map((e) => h('option', { value: e.name }, `${e.name} · [${e.shape.join(', ')}] ${e.dtype}`)),
      );
    }
    this.select.value = tensors.chosen;
  }
}
