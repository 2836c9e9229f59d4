// The playground as a debugging companion: opens a value of a paused Python program (from the Variables
// view, the editor's context menu or the palette) and reads the same expression again whenever the
// program stops, until the user pins the values or the session ends.
import * as vscode from 'vscode';
import type { PlaygroundInput, TensorInput } from '../../controller/playground';
import type { PanelSnapshot } from '../../shared/viewModel';
import type { LiveInputHost } from '../selectionFollower';
import { readSettings } from '../settingsStore';
import { readDebugValue } from './debugRead';

/** The debug types of debugpy: the Python extension's and debugpy's own. */
const PYTHON_DEBUG_TYPES = ['python', 'debugpy'];

export type DebugOpenResult = { ok: true; snapshot: PanelSnapshot } | { ok: false; message: string };

/** What reading and following a debug value needs of the playground. */
export interface DebugValuesHost extends LiveInputHost {
  showPanel(): void;
  /** Opens a new input that can change under the panel. */
  setInput(input: PlaygroundInput): Promise<PanelSnapshot>;
}

interface Stop {
  session: vscode.DebugSession;
  threadId: number;
  frameId: number;
}

/** The expression the panel follows, in which session, and the input it last became. */
interface Followed {
  session: vscode.DebugSession;
  expression: string;
  input: TensorInput;
}

export class DebugValues implements vscode.Disposable {
  private followed: Followed | undefined;
  /** Reads started: a stop that comes while the previous one is read wins. */
  private reads = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly host: DebugValuesHost) {
    this.disposables = [
      vscode.debug.onDidChangeActiveStackItem((item) => void this.followStop(item).catch(() => undefined)),
      vscode.debug.onDidTerminateDebugSession((session) => this.sessionEnded(session)),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Following again after a pin: reads the expression where the program is stopped now. */
  resume(): void {
    void this.followStop(vscode.debug.activeStackItem).catch(() => undefined);
  }

  /** The Variables view's context menu: `{ sessionId, container, variable }`. */
  async openOnVariable(arg?: unknown): Promise<DebugOpenResult | undefined> {
    const { sessionId, variable } = (arg ?? {}) as { sessionId?: unknown; variable?: { name?: unknown; evaluateName?: unknown } };
    const expression =
      typeof variable?.evaluateName === 'string' ? variable.evaluateName : typeof variable?.name === 'string' ? variable.name : undefined;
    if (!expression) return this.refuse(vscode.l10n.t('Open a variable from the Variables view of a stopped Python debug session.'));
    return this.openOnExpression({ expression, ...(typeof sessionId === 'string' ? { sessionId } : {}) });
  }

  /** The palette and the editor's context menu: `{ expression?, sessionId?, frameId? }`; asks for the expression when omitted. */
  async openOnExpression(args?: unknown): Promise<DebugOpenResult | undefined> {
    const given = (args ?? {}) as { expression?: unknown; sessionId?: unknown; frameId?: unknown };
    const stop = await stoppedFrame(typeof given.sessionId === 'string' ? given.sessionId : undefined);
    if (typeof stop === 'string') return this.refuse(stop);
    if (typeof given.frameId === 'number') stop.frameId = given.frameId;
    const expression = typeof given.expression === 'string' ? given.expression.trim() : await askExpression();
    if (!expression) return undefined;
    const input = await readInput(stop, expression);
    if (typeof input === 'string') return this.refuse(input);
    this.followed = { session: stop.session, expression, input };
    this.host.showPanel();
    return { ok: true, snapshot: await this.host.setInput(input) };
  }

  private refuse(message: string): DebugOpenResult {
    void vscode.window.showErrorMessage(vscode.l10n.t('Dropout Playground: {0}', message));
    return { ok: false, message };
  }

  /** The program stopped again (or the user picked another frame): read the same expression there. */
  private async followStop(item: vscode.DebugThread | vscode.DebugStackFrame | undefined): Promise<void> {
    const followed = this.followed;
    if (!item || !followed || item.session.id !== followed.session.id || !this.stillShown(followed) || !this.host.follows) return;
    const read = ++this.reads;
    const stop = await frameOf(item);
    if (!stop || read !== this.reads) return;
    const input = await readInput(stop, followed.expression);
    if (read !== this.reads || !this.stillShown(followed) || !this.host.follows) return;
    if (typeof input === 'string') {
      this.host.setLiveNotice(vscode.l10n.t('{0} The panel shows the values from the previous stop.', input));
      return;
    }
    followed.input = input;
    await this.host.refreshInput(input);
  }

  private sessionEnded(session: vscode.DebugSession): void {
    const followed = this.followed;
    if (!followed || followed.session.id !== session.id) return;
    this.followed = undefined;
    if (this.stillShown(followed)) {
      this.host.setLiveNotice(
        vscode.l10n.t('The debug session {0} has ended: these are the values from its last stop.', programName(session)),
      );
    }
  }

  /** Whether the panel still shows what this expression last became (another input may have replaced it). */
  private stillShown(followed: Followed): boolean {
    return this.host.lastInput === followed.input;
  }
}

/** The stopped frame to read in: the one selected in the Call Stack, or the top frame of the stopped thread. */
async function stoppedFrame(sessionId: string | undefined): Promise<Stop | string> {
  const item = vscode.debug.activeStackItem;
  const session = item?.session ?? vscode.debug.activeDebugSession;
  if (!session || (sessionId !== undefined && session.id !== sessionId)) {
    return vscode.l10n.t(
      'no Python debug session is stopped. Start debugging a Python program, stop at a breakpoint, then run the command again.',
    );
  }
  if (!PYTHON_DEBUG_TYPES.includes(session.type)) {
    return vscode.l10n.t(
      '{0} is a {1} debug session: the playground reads values from Python (debugpy) sessions.',
      session.name,
      session.type,
    );
  }
  const stop = item && (await frameOf(item));
  return stop ?? vscode.l10n.t('{0} is running: pause it or stop at a breakpoint, then run the command again.', programName(session));
}

async function frameOf(item: vscode.DebugThread | vscode.DebugStackFrame): Promise<Stop | undefined> {
  if ('frameId' in item) return { session: item.session, threadId: item.threadId, frameId: item.frameId };
  const trace = (await item.session.customRequest('stackTrace', { threadId: item.threadId, startFrame: 0, levels: 1 })) as {
    stackFrames?: { id: number }[];
  };
  const top = trace.stackFrames?.[0];
  return top ? { session: item.session, threadId: item.threadId, frameId: top.id } : undefined;
}

/** Reads `expression` in the frame: the panel's input, or why it cannot be read. */
async function readInput(stop: Stop, expression: string): Promise<TensorInput | string> {
  const settings = readSettings();
  const [value, frame] = await Promise.all([
    readDebugValue(stop.session, stop.frameId, expression, { maxValues: settings.maxValues, dtype: settings.dtype }),
    describeFrame(stop),
  ]);
  const where = frame ? `${frame.name}, ${frame.file}:${frame.line}` : undefined;
  if (!value.ok) return where ? vscode.l10n.t('{0} (frame {1})', value.message, where) : value.message;
  const { description } = value;
  const details = [
    `${description.type} ${description.dtype}`,
    description.device && description.device !== 'cpu' ? vscode.l10n.t('read from {0}', description.device) : undefined,
    description.requiresGrad ? 'requires_grad' : undefined,
  ].filter(Boolean);
  const session = vscode.l10n.t('debug session {0}', programName(stop.session));
  return {
    kind: 'tensor',
    shape: value.shape,
    data: value.data,
    label: expression,
    documentLabel: frame?.file ?? programName(stop.session),
    provenance: [session, where ? vscode.l10n.t('frame {0}', where) : undefined, details.join(', ')].filter(Boolean).join(' · '),
    ...(description.note ? { note: description.note } : {}),
    ...(frame?.uri ? { uri: frame.uri } : {}),
  };
}

async function describeFrame(stop: Stop): Promise<{ name: string; file: string; line: number; uri?: string } | undefined> {
  try {
    const trace = (await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 200 })) as {
      stackFrames?: { id: number; name: string; line: number; source?: { name?: string; path?: string } }[];
    };
    const frame = trace.stackFrames?.find((f) => f.id === stop.frameId);
    if (!frame) return undefined;
    const path = frame.source?.path;
    const file = frame.source?.name ?? (path ? path.slice(path.lastIndexOf('/') + 1) : '?');
    return { name: frame.name, file, line: frame.line, ...(path ? { uri: vscode.Uri.file(path).toString() } : {}) };
  } catch {
    return undefined; // the header then says less; the values are still right
  }
}

/** "train.py" for a launched program, else the session's name. */
function programName(session: vscode.DebugSession): string {
  const program: unknown = session.configuration.program;
  return typeof program === 'string' && program
    ? program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1)
    : session.name;
}

/** Asks for the expression, offering the selection or the expression under the cursor. */
async function askExpression(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  let value = '';
  if (editor) {
    const { document, selection } = editor;
    const selected = document.getText(selection);
    const word = document.getWordRangeAtPosition(selection.active, /[A-Za-z_][\w.]*(\[[^\]\n]*\])*/);
    value = selected && !selected.includes('\n') ? selected : word ? document.getText(word) : '';
  }
  const expression = await vscode.window.showInputBox({
    title: vscode.l10n.t('Dropout: Open Playground on Debug Expression'),
    prompt: vscode.l10n.t('A Python expression in the stopped frame: a tensor, an array, or a list of numbers'),
    placeHolder: 'x, self.fc1.weight, acts["layer3"], out[0, :, :8]',
    value,
    validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Type an expression to read.')),
  });
  return expression?.trim() || undefined;
}
