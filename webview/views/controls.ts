// The panel's controls. Each sends one typed message; the host validates it,
// recomputes and answers with an update, which is what the controls then show.
// A slider drag is throttled to one message per frame, the first sent at once.
import type { RngKind, Variant } from '../../src/engine/types';
import {
  FRAMEWORK_PRESETS,
  FRAMEWORKS,
  frameworkArgument,
  maskOrigin,
  nominalTrainScale,
  RNG_KINDS,
  RNGS,
  VARIANT_INFO,
  VARIANTS,
  type Framework,
} from '../../src/shared/catalogue';
import { isSeedText, type WebviewToHost } from '../../src/shared/protocol';
import type { PlaygroundSettings } from '../../src/shared/viewModel';
import { pFieldMessage, seedFieldMessage, sharingNote, type FieldMessage } from '../controlText';
import { h, setChildren } from '../dom';
import { formatProbability } from '../../src/shared/numberFormat';
import { UnconfirmedValue } from '../unconfirmedValue';

let uid = 0;
const id = (name: string) => `${name}-${++uid}`;

export class Controls {
  readonly element: HTMLElement;
  readonly readout = h('p', { class: 'readout', 'data-readout': 'probabilities' });
  private readonly range: HTMLInputElement;
  private readonly number: HTMLInputElement;
  private readonly modeButton = h('button', { type: 'button', class: 'mode-toggle', 'data-control': 'mode' });
  private readonly seed: HTMLInputElement;
  private readonly resample = h('button', { type: 'button', class: 'secondary', 'data-control': 'resample' }, 'Resample');
  private readonly copyCode = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-control': 'copy-as-code',
      title:
        "Copy a PyTorch, NumPy or JAX script of this run: it prints this very mask when the random stream is its framework's, and says so when it draws its own",
    },
    'Copy as code',
  );
  private readonly rng: HTMLSelectElement;
  private readonly variant: HTMLSelectElement;
  private readonly framework: HTMLSelectElement;
  private readonly pLabel: HTMLLabelElement;
  /** Visible messages under the fields, linked to them by aria-describedby. */
  private readonly pMessage = h('p', { class: 'field-message', 'aria-live': 'polite', hidden: true });
  private readonly seedMessage = h('p', { class: 'field-message', 'aria-live': 'polite', hidden: true });
  /** Whose masks these are under the framework control, and when choosing one switched the stream. */
  private readonly frameworkNote = h('p', { class: 'field-note', 'aria-live': 'polite' });
  private streamSwitch = '';
  /** One checkbox per axis: share the mask along it (channel-wise dropout). */
  private readonly axes = h('fieldset', { class: 'control axes', hidden: true });
  private readonly axesNote = h('span', { class: 'note' });
  /** The shape the checkboxes were built for: rebuilt only for a new shape, so a checkbox keeps the focus across updates. */
  private axesShape = '';
  private dragging = false;
  private pendingP: number | undefined;
  private throttlingP = false;
  /** The last p sent from here: until the host shows it, its older states leave the slider in use alone. */
  private readonly sentP = new UnconfirmedValue<number>();
  private settings: PlaygroundSettings | undefined;

  constructor(private readonly send: (message: WebviewToHost) => void) {
    const rangeId = id('p-range');
    const numberId = id('p-number');
    const seedId = id('seed');
    const rngId = id('rng');
    const variantId = id('variant');
    const frameworkId = id('framework');
    this.range = h('input', { id: rangeId, type: 'range', min: 0, max: 1, step: 0.01, 'data-control': 'p-range' });
    this.pMessage.id = `${numberId}-message`;
    this.seedMessage.id = `${seedId}-message`;
    this.frameworkNote.id = `${frameworkId}-note`;
    this.number = h('input', {
      id: numberId,
      type: 'number',
      min: 0,
      max: 1,
      step: 0.01,
      'data-control': 'p-number',
      'aria-label': 'Drop probability p, as a number',
      'aria-describedby': this.pMessage.id,
    });
    this.seed = h('input', {
      id: seedId,
      type: 'text',
      inputmode: 'numeric',
      spellcheck: 'false',
      'data-control': 'seed',
      'aria-describedby': `${seedId}-help ${this.seedMessage.id}`,
    });
    this.rng = h('select', { id: rngId, 'data-control': 'rng' });
    this.variant = h('select', { id: variantId, 'data-control': 'variant' });
    this.framework = h('select', { id: frameworkId, 'data-control': 'framework', 'aria-describedby': this.frameworkNote.id });
    this.pLabel = h('label', { for: rangeId }, 'Drop probability p');

    this.element = h(
      'form',
      { class: 'controls', 'aria-label': 'Dropout settings' },
      h('div', { class: 'control p-control' }, this.pLabel, h('div', { class: 'p-inputs' }, this.range, this.number), this.pMessage),
      h(
        'div',
        { class: 'control', role: 'group', 'aria-labelledby': `${rangeId}-mode` },
        h('span', { class: 'label', id: `${rangeId}-mode` }, 'Mode'),
        this.modeButton,
      ),
      h(
        'div',
        { class: 'control' },
        h('label', { for: seedId }, 'Seed'),
        h('div', { class: 'seed-inputs' }, this.seed, this.resample),
        h('span', { id: `${seedId}-help`, class: 'visually-hidden' }, 'A whole number; Enter or leaving the field applies it.'),
        this.seedMessage,
      ),
      h('div', { class: 'control' }, h('label', { for: frameworkId }, 'Framework'), this.framework, this.frameworkNote),
      h('div', { class: 'control' }, h('label', { for: rngId }, 'Random stream'), this.rng),
      h('div', { class: 'control' }, h('label', { for: variantId }, 'Variant'), this.variant),
      this.axes,
      h('div', { class: 'control' }, this.copyCode),
    );

    this.element.addEventListener('submit', (e) => e.preventDefault());
    this.range.addEventListener('pointerdown', () => (this.dragging = true));
    // A value the host refused never comes back: leaving the slider shows the host's p again.
    this.range.addEventListener('blur', () => {
      this.sentP.forget();
      if (this.settings && this.pendingP === undefined) this.range.value = String(this.settings.p);
    });
    window.addEventListener('pointerup', () => (this.dragging = false));
    this.range.addEventListener('input', () => {
      this.number.value = this.range.value;
      this.queueP(Number(this.range.value));
    });
    this.number.addEventListener('change', () => {
      const message = this.checkP();
      if (!message) this.queueP(Number(this.number.value));
    });
    // A refused value's message goes as soon as the field holds a good one; a new error waits for the change.
    this.number.addEventListener('input', () => {
      if (!this.pMessage.hidden) this.checkP();
    });
    this.modeButton.addEventListener('click', () => {
      if (this.settings) this.send({ type: 'setMode', mode: this.settings.mode === 'train' ? 'eval' : 'train' });
    });
    // A typed seed applies on Enter and when the field loses focus ('change'); until then a hint says so.
    const applySeed = () => {
      const text = this.seed.value.trim();
      this.checkSeed(true);
      if (isSeedText(text) && text !== this.settings?.seed) this.send({ type: 'setSeed', seed: text });
    };
    this.seed.addEventListener('change', applySeed);
    this.seed.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') applySeed();
    });
    this.seed.addEventListener('input', () => this.checkSeed(false));
    this.resample.addEventListener('click', () => this.send({ type: 'resample' }));
    this.copyCode.addEventListener('click', () => this.send({ type: 'copyAsCode' }));
    this.rng.addEventListener('change', () => this.send({ type: 'setRng', rng: this.rng.value as RngKind }));
    this.variant.addEventListener('change', () => this.send({ type: 'setVariant', variant: this.variant.value as Variant }));
    this.framework.addEventListener('change', () => this.send({ type: 'setFramework', framework: this.framework.value as Framework }));
  }

  /** Shows the host's settings, without fighting the user over a control they are using. */
  show(settings: PlaygroundSettings, trainScale: number | undefined): void {
    const previous = this.settings;
    this.settings = settings;
    const p = String(settings.p);
    const sliderFocused = document.activeElement === this.range;
    const newest = this.sentP.mayShow(settings.p);
    if (!sliderFocused) this.sentP.forget();
    if (!(sliderFocused && (this.dragging || !newest)) && this.pendingP === undefined) this.range.value = p;
    if (document.activeElement !== this.number && this.number.value !== p) {
      this.number.value = p;
      this.checkP();
    }
    if (document.activeElement !== this.seed) this.seed.value = settings.seed;
    this.checkSeed(false);
    const other = settings.mode === 'train' ? 'eval' : 'train';
    // The visible words are the accessible name (speech control users say what they see); they name
    // the mode and the action, so the button is not also marked pressed.
    this.modeButton.textContent = `${settings.mode === 'train' ? 'Training' : 'Inference (eval)'} — switch to ${other}`;
    fillSelect(this.rng, RNG_KINDS, (rng) => RNGS[rng].label, settings.rng);
    fillSelect(this.variant, VARIANTS, (variant) => VARIANT_INFO[variant].label, settings.variant);
    fillSelect(this.framework, FRAMEWORKS, (framework) => FRAMEWORK_PRESETS[framework].label, settings.framework);
    const preset = FRAMEWORK_PRESETS[settings.framework];
    this.framework.title = preset.note;
    this.showFrameworkNote(previous, settings);
    this.pLabel.textContent = preset.parameterIsKeep
      ? `Drop probability p (${preset.parameter} = 1 − p)`
      : `Drop probability ${preset.parameter === 'p' ? 'p' : `p (${preset.label} ${preset.parameter})`}`;
    // Kept values are scaled in training only: at eval the readout must not suggest the output is scaled.
    const scale = ` · ${settings.mode === 'eval' ? 'train ' : ''}scale ×${formatProbability(trainScale ?? nominalTrainScale(settings.variant, settings.p))}`;
    this.readout.textContent = `${preset.label} ${frameworkArgument(settings.framework, settings.p, formatProbability)} · drop p ${formatProbability(settings.p)} · keep 1 − p = ${formatProbability(1 - settings.p)}${scale}`;
  }

  /**
   * Checkboxes for sharing one mask value along axes of this input's shape
   * (e.g. axes 2 and 3 of N×C×H×W is torch's Dropout2d, Keras SpatialDropout2D).
   */
  showAxes(shape: readonly number[] | undefined, dims: readonly number[]): void {
    const rank = shape?.length ?? 0;
    this.axes.hidden = rank < 2;
    if (!shape || rank < 2) return;
    const shapeKey = shape.join('x');
    if (shapeKey !== this.axesShape) {
      this.axesShape = shapeKey;
      const boxes = shape.map((size, axis) => {
        const box = h('input', { type: 'checkbox', 'data-axis': axis });
        box.addEventListener('change', () => {
          const chosen = [...this.axes.querySelectorAll<HTMLInputElement>('input[data-axis]')]
            .filter((b) => b.checked)
            .map((b) => Number(b.dataset.axis));
          this.send({ type: 'setBroadcastDims', dims: chosen });
        });
        return h('label', { class: 'axis' }, box, ` axis ${axis} (${size})`);
      });
      setChildren(this.axes, h('legend', {}, 'Share one mask value along'), ...boxes, this.axesNote);
    }
    for (const box of this.axes.querySelectorAll<HTMLInputElement>('input[data-axis]'))
      box.checked = dims.includes(Number(box.dataset.axis));
    this.axesNote.textContent = sharingNote(shape, dims);
  }

  /** Shows whether the p field's text is a probability; returns the problem, if any. */
  private checkP(): FieldMessage | undefined {
    const message = this.settings ? pFieldMessage(this.number.value, this.number.validity.badInput, this.settings.p) : undefined;
    showFieldMessage(this.number, this.pMessage, message);
    return message;
  }

  /** Shows what the seed field's text will do; `committed` when the user applied it (Enter, or leaving the field). */
  private checkSeed(committed: boolean): void {
    if (this.settings) showFieldMessage(this.seed, this.seedMessage, seedFieldMessage(this.seed.value, this.settings.seed, committed));
  }

  /** Says whose masks these are; after a framework choice that switched the stream, says that too. */
  private showFrameworkNote(previous: PlaygroundSettings | undefined, settings: PlaygroundSettings): void {
    if (previous && (previous.framework !== settings.framework || previous.rng !== settings.rng)) {
      this.streamSwitch =
        previous.framework !== settings.framework && previous.rng !== settings.rng
          ? `Choosing ${FRAMEWORK_PRESETS[settings.framework].label} switched the random stream from ${RNGS[previous.rng].label} to ${RNGS[settings.rng].label}: a new mask. `
          : '';
    }
    setText(this.frameworkNote, this.streamSwitch + maskOrigin(settings.framework, settings.rng));
  }

  /** The first change goes at once (a click or a key on the slider); during a drag, the latest one per frame. */
  private queueP(p: number): void {
    if (this.throttlingP) {
      this.pendingP = p;
      return;
    }
    this.sendP(p);
    this.throttlingP = true;
    const nextFrame = () =>
      requestAnimationFrame(() => {
        const value = this.pendingP;
        this.pendingP = undefined;
        if (value === undefined) {
          this.throttlingP = false;
          return;
        }
        this.sendP(value);
        nextFrame();
      });
    nextFrame();
  }

  private sendP(p: number): void {
    this.sentP.send(p);
    this.send({ type: 'setP', p });
  }
}

function fillSelect<T extends string>(select: HTMLSelectElement, values: readonly T[], label: (value: T) => string, current: T): void {
  const wanted = values.join('|');
  if (select.dataset.options !== wanted) {
    setChildren(select, ...values.map((v) => h('option', { value: v }, label(v))));
    select.dataset.options = wanted;
  }
  select.value = current;
}

/** A message under a field, or none; an error also marks the field invalid (its border, and for screen readers). */
function showFieldMessage(field: HTMLInputElement, element: HTMLElement, message: FieldMessage | undefined): void {
  field.setAttribute('aria-invalid', String(message?.kind === 'error'));
  element.hidden = !message;
  setText(element, message?.text ?? '');
  element.classList.toggle('error-message', message?.kind === 'error');
}

/** Rewrites a live region only when its words change, so a screen reader does not repeat them on every update. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
