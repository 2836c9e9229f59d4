// One small function per command. Each takes optional arguments so it can be
// driven without UI (tests, keybindings with args) and returns what it did.
import * as vscode from 'vscode';
import { PlaygroundPanel, reportUnexpected } from './panel/playgroundPanel';
import { askSeed, oneOf, pickEntry, pickP } from './pickers';
import { buildSnippet, isSnippetLanguage, snippetLanguageFor, snippetReproducesMask, snippetRunOf } from '../viewModels/snippet';
import { isSeedText, isValidP, MAX_TRIALS, type TableFormat } from '../shared/protocol';
import { copyReport, copyTable, saveOutputs } from './exports';
import { saveImage } from './saveImage';
import {
  type Framework,
  FRAMEWORK_PRESETS,
  frameworkChangeMessage,
  FRAMEWORKS,
  MISTAKE_IDS,
  MISTAKES,
  type Mode,
  RNG_KINDS,
  RNGS,
  streamAfterChoosing,
  VARIANT_INFO,
  VARIANTS,
} from '../shared/catalogue';
import type { ImageFormat, ImageSubject } from '../shared/imageExport';
import type { Mistake, MonteCarloView, PanelSnapshot, PlaygroundSettings } from '../shared/viewModel';
import { trackWork } from './progress';
import { isOpenArgs, resolveInput } from './selection';
import type { SelectionFollower } from './selectionFollower';
import { seedToText } from '../controller/settings';
import { readSettings } from './settingsStore';
import type { PlaygroundController } from '../controller/playground';
import type { TensorFiles } from './files/tensorFiles';

export interface CommandContext {
  extensionUri: vscode.Uri;
  state: PlaygroundController;
  /** Follows edits of the selection the panel shows. */
  selections: SelectionFollower;
  files: TensorFiles;
}

export function showPanel(ctx: CommandContext): PlaygroundPanel {
  return PlaygroundPanel.createOrShow(ctx.extensionUri, ctx.state, panelActions(ctx));
}

export function panelActions(ctx: CommandContext) {
  return {
    revealError: () => revealError(ctx),
    resample: () => resample(ctx)(),
    setFramework: (framework: Framework) => setFramework(ctx)({ framework }),
    copyAsCode: () => copyAsCode(ctx)(),
    copyTable: (format: TableFormat) => copyTable(ctx)({ format }),
    saveOutputs: () => saveOutputs(ctx)(),
    copyReport: () => copyReport(ctx)(),
    chooseTensor: (name: string) => ctx.files.choose(name),
    saveImage: (subject: ImageSubject, format: ImageFormat) => saveImage(ctx, subject, () => showPanel(ctx))({ format }),
  };
}

/** The open dialog for tensor files: the file, or null when dismissed. */
async function askTensorFile(): Promise<vscode.Uri | null> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('Tensor files')]: ['npy', 'npz', 'safetensors', 'pt', 'pth'] },
    title: vscode.l10n.t('Dropout: open a tensor file'),
  });
  return picked?.[0] ?? null;
}

/**
 * Opens a tensor file (.npy, .npz, .safetensors, .pt) in the playground: `name` picks a tensor (asks
 * when omitted and there are several), `index` an index per leading axis and `rows` the first rows of
 * the next axis (asks for a slice when neither is given and the tensor is above maxValues).
 */
export function openFile(ctx: CommandContext) {
  return async (args?: unknown): Promise<PanelSnapshot | undefined> => {
    const uri = args instanceof vscode.Uri ? args : ((args as { uri?: unknown } | undefined)?.uri ?? (await askTensorFile()));
    if (uri === null) return undefined;
    const { name, index, rows } = (args instanceof vscode.Uri ? {} : (args ?? {})) as { name?: unknown; index?: unknown; rows?: unknown };
    if (!(uri instanceof vscode.Uri || typeof uri === 'string')) {
      throw new Error(vscode.l10n.t("Open a tensor file: pass {0} with the file's URI.", '{ uri }'));
    }
    if (name !== undefined && typeof name !== 'string')
      throw new Error(vscode.l10n.t('The tensor name must be text, got {0}.', String(name)));
    if (rows !== undefined && !(Number.isSafeInteger(rows) && (rows as number) >= 1))
      throw new Error(vscode.l10n.t('rows must be a whole number from 1, got {0}.', String(rows)));
    if (index !== undefined && !(Array.isArray(index) && index.every((i) => Number.isSafeInteger(i) && (i as number) >= 0)))
      throw new Error(vscode.l10n.t('index must be a list of whole numbers from 0, one per leading axis, got {0}.', JSON.stringify(index)));
    const asks = { pickTensor: name === undefined, pickSlice: rows === undefined && index === undefined };
    const chosen = {
      uri,
      ...(name !== undefined ? { name } : {}),
      ...(index !== undefined ? { index: index as number[] } : {}),
      ...(rows !== undefined ? { rows: rows as number } : {}),
    };
    // The questions (which tensor, which slice) come first; then the panel shows the file being read.
    return (await ctx.files.open(chosen, asks, () => showPanel(ctx))) ?? ctx.state.current;
  };
}

export function openOnSelection(ctx: CommandContext) {
  return async (args?: unknown): Promise<PanelSnapshot> => {
    const resolved = await resolveInput(isOpenArgs(args) ? args : undefined);
    if (!resolved) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select activations in an editor first: a JSON array, CSV/TSV rows or a printed NumPy/PyTorch tensor.'),
      );
      return ctx.state.current;
    }
    showPanel(ctx);
    const { input, document, range } = resolved;
    if (document) ctx.selections.follow(input, document, range);
    const snapshot = await ctx.state.setInput(input, { live: document !== undefined });
    const error = snapshot.error;
    if (error?.line !== undefined) {
      const goTo = vscode.l10n.t('Go to Line {0}', error.line);
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            'Dropout Playground: {0} ({1}, line {2}, column {3})',
            error.message,
            error.documentLabel ?? '',
            error.line,
            error.column ?? 1,
          ),
          goTo,
        )
        .then((choice) => (choice === goTo ? revealError(ctx) : undefined), reportUnexpected);
    }
    return snapshot;
  };
}

/** Pins the values shown (a paused program's, an edited selection's), or follows their source again. */
export function toggleFollow(ctx: CommandContext) {
  return (): boolean | undefined => {
    if (!ctx.state.current.live) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Dropout Playground: the values shown do not change at their source, so there is nothing to follow or pin.'),
      );
      return undefined;
    }
    ctx.state.setFollow(!ctx.state.follows);
    const message = ctx.state.follows
      ? vscode.l10n.t('Dropout Playground: following the values as they change')
      : vscode.l10n.t('Dropout Playground: values pinned');
    vscode.window.setStatusBarMessage(message, STATUS_MESSAGE_MS);
    return ctx.state.follows;
  };
}

export function setMode(ctx: CommandContext, mode: Mode) {
  return (): Promise<PlaygroundSettings> => ctx.state.change({ mode });
}

export function toggleMode(ctx: CommandContext) {
  return (): Promise<PlaygroundSettings> => ctx.state.change({ mode: ctx.state.playgroundSettings.mode === 'train' ? 'eval' : 'train' });
}

export function setP(ctx: CommandContext) {
  return async (args?: { p?: unknown }): Promise<PlaygroundSettings | undefined> => {
    if (args?.p !== undefined) {
      if (!isValidP(args.p)) throw new Error(vscode.l10n.t('p must be a number from 0 to 1, got {0}.', String(args.p)));
      return ctx.state.change({ p: args.p });
    }
    const p = await pickP(ctx.state.playgroundSettings.p);
    return p === undefined ? undefined : ctx.state.change({ p });
  };
}

export function setSeed(ctx: CommandContext) {
  return async (args?: { seed?: unknown }): Promise<PlaygroundSettings | undefined> => {
    if (args?.seed !== undefined) {
      const seed = seedToText(args.seed);
      if (seed === undefined || !isSeedText(seed))
        throw new Error(vscode.l10n.t('The seed must be a whole number, got {0}.', String(args.seed)));
      return ctx.state.change({ seed });
    }
    const seed = await askSeed(ctx.state.playgroundSettings.seed);
    return seed === undefined ? undefined : ctx.state.change({ seed });
  };
}

/** A new seed, so a new mask; any 31-bit seed is valid in every convention. */
export function resample(ctx: CommandContext) {
  return (): Promise<PlaygroundSettings> => {
    let seed: string;
    do seed = String(Math.floor(Math.random() * 2 ** 31));
    while (seed === ctx.state.playgroundSettings.seed);
    return ctx.state.change({ seed });
  };
}

/** Puts the cursor where the parser stopped, in the document the input came from. */
export async function revealError(ctx: CommandContext): Promise<void> {
  const error = ctx.state.current.error;
  const uri = ctx.state.lastInput?.uri;
  if (!error || error.line === undefined || !uri) return;
  const position = new vscode.Position(error.line - 1, (error.column ?? 1) - 1);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
}

export function setRng(ctx: CommandContext) {
  return async (args?: { rng?: unknown }): Promise<PlaygroundSettings | undefined> => {
    const rng =
      args?.rng !== undefined
        ? oneOf(args.rng, RNG_KINDS, (rng, expected) => vscode.l10n.t('Unknown convention {0}; expected one of {1}.', rng, expected))
        : await pickEntry(RNG_KINDS, RNGS, vscode.l10n.t('Dropout: whose random stream draws the mask'), ctx.state.playgroundSettings.rng);
    return rng === undefined ? undefined : ctx.state.change({ rng });
  };
}

export function setVariant(ctx: CommandContext) {
  return async (args?: { variant?: unknown }): Promise<PlaygroundSettings | undefined> => {
    const variant =
      args?.variant !== undefined
        ? oneOf(args.variant, VARIANTS, (variant, expected) =>
            vscode.l10n.t('Unknown variant {0}; expected one of {1}.', variant, expected),
          )
        : await pickEntry(VARIANTS, VARIANT_INFO, vscode.l10n.t('Dropout: variant'), ctx.state.playgroundSettings.variant);
    return variant === undefined ? undefined : ctx.state.change({ variant });
  };
}

/** How long a status-bar confirmation stays. */
const STATUS_MESSAGE_MS = 6000;

/**
 * Puts a PyTorch/NumPy/JAX script of the current run on the clipboard (and
 * opens it in an untitled editor when asked). It prints the panel's mask only
 * when its framework owns the stream that drew it; the script's header and the
 * messages here say which it is.
 */
export function copyAsCode(ctx: CommandContext) {
  return async (args?: { language?: unknown; openEditor?: unknown }): Promise<string | undefined> => {
    const { settings, result } = ctx.state.current;
    if (!result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the playground on some activations first.'));
      return undefined;
    }
    let language = snippetLanguageFor(settings.rng);
    if (isSnippetLanguage(args?.language)) language = args.language;
    if (!language && args?.language === undefined) {
      const picked = await vscode.window.showQuickPick(
        (['torch', 'numpy', 'jax'] as const).map((l) => ({ label: RNGS[l].label, language: l })),
        {
          title: vscode.l10n.t(
            "The {0} stream is the playground's alone: which framework's code? (It does the same computation but draws its own mask.)",
            RNGS[settings.rng].label,
          ),
        },
      );
      language = picked?.language;
    }
    if (!language) return undefined;
    const code = buildSnippet(language, snippetRunOf(settings, result));
    await vscode.env.clipboard.writeText(code);
    const framework = RNGS[language].label;
    const copied = snippetReproducesMask(language, settings.rng)
      ? vscode.l10n.t('Copied a {0} script that prints this very mask.', framework)
      : vscode.l10n.t(
          'Copied a {0} script: the same computation, but it draws its own mask (this one comes from the {1} stream).',
          framework,
          RNGS[settings.rng].label,
        );
    vscode.window.setStatusBarMessage(`$(clippy) ${copied}`, STATUS_MESSAGE_MS);
    if (args?.openEditor === true) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'python', content: code }));
    } else if (args?.openEditor === undefined) {
      const open = vscode.l10n.t('Open in Editor');
      void vscode.window.showInformationMessage(copied, open).then(async (choice) => {
        if (choice === open)
          await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'python', content: code }));
      }, reportUnexpected);
    }
    return code;
  };
}

/**
 * Opens the walkthrough's 100 ones, the seed example, in an editor: among the
 * text editors, or beside what is in front when that is not one (the
 * walkthrough, whose next step must stay in view, or the playground itself).
 */
export function openSample(ctx: CommandContext) {
  return async (): Promise<string> => {
    const uri = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'walkthrough', 'sample-activations.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const activeTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const besideWhatIsInFront = activeTab !== undefined && !(activeTab.input instanceof vscode.TabInputText);
    await vscode.window.showTextDocument(document, {
      viewColumn: besideWhatIsInFront ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
      preview: false,
    });
    return document.uri.toString();
  };
}

/**
 * For the commands that work on the current numbers: the input being read,
 * or the previous session's, loaded. With none, says so and offers the sample;
 * with one that does not parse, shows the panel with its error.
 */
async function resultToWorkOn(ctx: CommandContext, what: string): Promise<boolean> {
  if (await ctx.state.ensureResult()) return true;
  if (ctx.state.lastInput) {
    showPanel(ctx);
    const error = ctx.state.current.error?.message ?? '';
    void vscode.window.showWarningMessage(vscode.l10n.t('Dropout Playground: no numbers to show {0} on. {1}', what, error));
    return false;
  }
  const openSampleLabel = vscode.l10n.t('Open Sample');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'Dropout Playground: no activations yet to show {0} on. Select numbers in an editor and run “Dropout: Open Playground on Selection”, or open the sample.',
        what,
      ),
      openSampleLabel,
    )
    .then((choice) => (choice === openSampleLabel ? openSample(ctx)() : undefined))
    .then(undefined, reportUnexpected);
  return false;
}

/** Draws many masks from the current seed's stream and shows what they average to. */
export function runMonteCarlo(ctx: CommandContext) {
  return async (args?: { trials?: unknown }): Promise<MonteCarloView | undefined> => {
    const asked = args?.trials;
    if (asked !== undefined && !(Number.isSafeInteger(asked) && (asked as number) >= 1 && (asked as number) <= MAX_TRIALS)) {
      throw new Error(
        vscode.l10n.t('The number of Monte Carlo draws must be a whole number from 1 to {0}, got {1}.', MAX_TRIALS, String(asked)),
      );
    }
    if (!(await resultToWorkOn(ctx, vscode.l10n.t('Monte Carlo')))) return undefined;
    const trials = (asked as number | undefined) ?? readSettings().monteCarloTrials;
    showPanel(ctx).reveal('monteCarlo');
    return trackWork(vscode.l10n.t('Dropout Playground: {0} Monte Carlo draws…', trials), ctx.state.runMonteCarlo(trials), {
      onBusy: () => undefined,
      onCancel: () => ctx.state.cancelMonteCarlo(),
    });
  };
}

/** Works one of the classic mistakes on the current input and shows it in the panel. */
export function showMistake(ctx: CommandContext) {
  return async (args?: { id?: unknown }): Promise<Mistake | undefined> => {
    const asked =
      args?.id !== undefined
        ? oneOf(args.id, MISTAKE_IDS, (id, expected) => vscode.l10n.t('Unknown mistake {0}; expected one of {1}.', id, expected))
        : undefined;
    if (!(await resultToWorkOn(ctx, vscode.l10n.t('a classic mistake')))) return undefined;
    const id = asked ?? (await pickEntry(MISTAKE_IDS, MISTAKES, vscode.l10n.t('Dropout: show a classic mistake on these numbers')));
    if (!id) return undefined;
    const mistake = await ctx.state.mistake(id);
    const panel = showPanel(ctx);
    panel.showMistake(mistake ?? null);
    panel.reveal('mistakes');
    return mistake;
  };
}

/**
 * Takes a framework's names (p, rate, keep_prob) and, when the playground has
 * it, the random stream that draws its masks; the status bar says whether the
 * stream, and so the mask, changed. p stays the drop probability.
 */
export function setFramework(ctx: CommandContext) {
  return async (args?: { framework?: unknown }): Promise<PlaygroundSettings | undefined> => {
    let framework =
      args?.framework !== undefined
        ? oneOf(args.framework, FRAMEWORKS, (framework, expected) =>
            vscode.l10n.t('Unknown framework {0}; expected one of {1}.', framework, expected),
          )
        : undefined;
    if (!framework) {
      const picked = await vscode.window.showQuickPick(
        FRAMEWORKS.map((f) => ({
          label: FRAMEWORK_PRESETS[f].label,
          description: FRAMEWORK_PRESETS[f].parameter,
          detail: vscode.l10n.t(FRAMEWORK_PRESETS[f].note),
          framework: f,
        })),
        { title: vscode.l10n.t('Dropout: use the names (and, where the playground has it, the random stream) of…') },
      );
      framework = picked?.framework;
    }
    if (!framework) return undefined;
    const before = ctx.state.playgroundSettings.rng;
    const rng = streamAfterChoosing(framework, before, RNG_KINDS);
    const settings = await ctx.state.change({ framework, rng });
    vscode.window.setStatusBarMessage(vscode.l10n.t(frameworkChangeMessage(framework, before, rng)), STATUS_MESSAGE_MS);
    return settings;
  };
}
