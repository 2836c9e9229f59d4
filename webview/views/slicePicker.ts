// The slice picker for inputs of 3 or more axes: "all" keeps the mask laid out
// as rows × last axis; "one slice" shows tensor[i, j, …, :, :], an H×W plane,
// with an index per leading axis. Axes are named by number (axis 0, axis 1…):
// a 4-D tensor may be NCHW or NHWC, and only the user knows which. The host
// owns the choice: this sends it and shows what the host says is on screen.
import type { SliceView } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';
import { formatCount } from '../../src/shared/numberFormat';

let uid = 0;

export class SlicePicker {
  readonly element: HTMLFieldSetElement;
  private readonly allRadio: HTMLInputElement;
  private readonly oneRadio: HTMLInputElement;
  private readonly axes = h('div', { class: 'slice-axes' });
  private readonly previous = h(
    'button',
    { type: 'button', class: 'secondary icon', 'aria-label': 'Previous slice', 'data-control': 'slice-previous' },
    '◀',
  );
  private readonly next = h(
    'button',
    { type: 'button', class: 'secondary icon', 'aria-label': 'Next slice', 'data-control': 'slice-next' },
    '▶',
  );
  private readonly status = h('p', { class: 'note slice-status', 'aria-live': 'polite', 'data-slice': 'status' });
  private inputs: HTMLInputElement[] = [];
  private shape: number[] = [];
  private shapeKey = '';
  private shown: number[] | null = null;
  private pending: number[] | null | undefined;

  /** `send` asks the host for one slice (an index per leading axis) or, with null, for all of the mask. */
  constructor(private readonly send: (slice: number[] | null) => void) {
    const name = `slice-mode-${++uid}`;
    this.allRadio = h('input', { type: 'radio', name, value: 'all', id: `${name}-all`, 'data-control': 'slice-all' });
    this.oneRadio = h('input', { type: 'radio', name, value: 'one', id: `${name}-one`, 'data-control': 'slice-one' });
    this.element = h(
      'fieldset',
      { class: 'slice-picker', hidden: true, 'data-control': 'slice' },
      h('legend', {}, 'Mask shows'),
      h(
        'div',
        { class: 'slice-row' },
        h('label', { class: 'slice-mode', for: this.allRadio.id }, this.allRadio, ' all slices'),
        h('label', { class: 'slice-mode', for: this.oneRadio.id }, this.oneRadio, ' one slice:'),
        this.axes,
        this.previous,
        this.next,
      ),
      this.status,
    );
    this.allRadio.addEventListener('change', () => this.allRadio.checked && this.request(null));
    this.oneRadio.addEventListener('change', () => this.oneRadio.checked && this.request(this.typed() ?? this.inputs.map(() => 0)));
    this.previous.addEventListener('click', () => this.step(-1));
    this.next.addEventListener('click', () => this.step(1));
  }

  /** Shows the picker for this shape (hidden under 3 axes) and the slice the mask now shows (undefined: all). */
  show(shape: readonly number[], shown: SliceView | undefined): void {
    const rank = shape.length - 2;
    this.element.hidden = rank < 1;
    if (rank < 1) return;
    const key = shape.join('x');
    if (key !== this.shapeKey) this.build(shape, key);
    this.shown = shown ? [...shown.index] : null;
    this.allRadio.checked = !shown;
    this.oneRadio.checked = !!shown;
    this.inputs.forEach((input, axis) => {
      // Typing in a box is not interrupted by the host's answer; "all" keeps the last indices for next time.
      if (shown && document.activeElement !== input) input.value = String(shown.index[axis]);
      input.removeAttribute('aria-invalid');
    });
    const slices = shape.slice(0, rank).reduce((a, b) => a * b, 1);
    this.previous.disabled = !shown || shown.offset === 0;
    this.next.disabled = !shown || shown.index.every((index, axis) => index === shape[axis] - 1);
    const [height, width] = shape.slice(-2);
    if (shown) {
      const pct = shown.n === 0 ? 0 : (100 * shown.kept) / shown.n;
      this.status.textContent = `tensor[${shown.index.join(', ')}, :, :]: ${formatCount(height)} × ${formatCount(width)} units, ${formatCount(shown.kept)} of ${formatCount(shown.n)} kept (${pct.toFixed(1)}%). The values table starts at unit ${formatCount(shown.offset)}.`;
    } else {
      this.status.textContent = `All ${formatCount(slices)} slices of ${formatCount(height)} × ${formatCount(width)}, stacked as ${formatCount(slices * height)} rows × ${formatCount(width)} columns.`;
    }
  }

  private build(shape: readonly number[], key: string): void {
    this.shapeKey = key;
    this.shape = [...shape];
    const rank = shape.length - 2;
    this.inputs = shape.slice(0, rank).map((length, axis) => {
      const input = h('input', {
        type: 'number',
        min: 0,
        max: length - 1,
        step: 1,
        value: 0,
        'data-slice-axis': axis,
        'aria-label': `Index along axis ${axis}, 0 to ${formatCount(length - 1)}`,
      });
      input.addEventListener('input', () => {
        const slice = this.typed();
        input.setAttribute('aria-invalid', String(!isWhole(input.value, length)));
        if (slice) this.request(slice);
      });
      return input;
    });
    setChildren(
      this.axes,
      ...this.inputs.map((input, axis) =>
        h(
          'span',
          { class: 'slice-axis' },
          h('span', { class: 'slice-axis-name', 'aria-hidden': 'true' }, `axis ${axis}`),
          input,
          h('span', { class: 'note', 'aria-hidden': 'true' }, `of ${formatCount(shape[axis])}`),
        ),
      ),
    );
  }

  /** The indices in the boxes, when every one is a whole number in range. */
  private typed(): number[] | undefined {
    const values = this.inputs.map((input, axis) => (isWhole(input.value, this.shape[axis]) ? Number(input.value) : NaN));
    return values.every((v) => !Number.isNaN(v)) ? values : undefined;
  }

  /** The neighbouring slice in C order (the last leading axis fastest), as Page Up/Down would move. */
  private step(direction: 1 | -1): void {
    if (!this.shown) return;
    const slice = [...this.shown];
    for (let axis = slice.length - 1; axis >= 0; axis--) {
      slice[axis] += direction;
      if (slice[axis] >= 0 && slice[axis] < this.shape[axis]) return this.request(slice);
      slice[axis] = direction > 0 ? 0 : this.shape[axis] - 1;
    }
  }

  /** One message per frame while the user spins a box: only the latest choice goes out. */
  private request(slice: number[] | null): void {
    const first = this.pending === undefined;
    this.pending = slice;
    if (!first) return;
    requestAnimationFrame(() => {
      const latest = this.pending;
      this.pending = undefined;
      if (latest !== undefined) this.send(latest);
    });
  }
}

function isWhole(text: string, length: number): boolean {
  const v = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(v) && v >= 0 && v < length;
}
