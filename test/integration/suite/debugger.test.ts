// The playground as a debugging companion, with the real debugpy adapter (Debian's python3-debugpy,
// started by a test-only extension for the `python` debug type) and real NumPy and PyTorch: a paused
// tensor opens with the values the script saves with np.save, the panel follows a step, and the
// program notices nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readTensor } from '../../../src/parse';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { getApi, resetAll, run, workspaceFile } from './helpers';

type OpenResult = { ok: true; snapshot: PanelSnapshot } | { ok: false; message: string };

const HELPER = 'dropout-playground-tests.python-debugpy-for-tests';
const SCRIPT = 'debug/train.py';

function lineOf(marker: string): number {
  const lines = fs.readFileSync(workspaceFile(SCRIPT).fsPath, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no "${marker}" in ${SCRIPT}`);
  return index;
}

function breakpointAt(marker: string): vscode.SourceBreakpoint {
  return new vscode.SourceBreakpoint(new vscode.Location(workspaceFile(SCRIPT), new vscode.Position(lineOf(marker), 0)));
}

/** The next stop of the program: the frame VS Code selects. */
function nextStop(): Promise<vscode.DebugStackFrame> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error('the program did not stop within 60 s'));
    }, 60_000);
    const listener = vscode.debug.onDidChangeActiveStackItem((item) => {
      if (item && 'frameId' in item) {
        clearTimeout(timer);
        listener.dispose();
        resolve(item);
      }
    });
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Evaluates in the frame as the Debug Console would, for the test's own checks. */
async function consoleEval(frame: vscode.DebugStackFrame, expression: string): Promise<string> {
  const reply = (await frame.session.customRequest('evaluate', { expression, frameId: frame.frameId, context: 'repl' })) as {
    result: string;
  };
  return reply.result;
}

function shownValues(snapshot: PanelSnapshot): number[] | undefined {
  if (snapshot.status !== 'loaded') return undefined;
  const { values, source } = snapshot.result;
  return values.offset === 0 && values.input.length === source.n ? Array.from(values.input) : undefined;
}

function saved(folder: string, name: string): number[] {
  const file = path.join(folder, name);
  return Array.from(readTensor(new Uint8Array(fs.readFileSync(file)), name).data);
}

describe('opening a value of a paused Python program', function () {
  this.timeout(240_000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dropout-debug-'));
  const printed: string[] = [];
  let tracker: vscode.Disposable | undefined;

  before(async function () {
    if (!vscode.extensions.getExtension(HELPER)) {
      // Only a desktop VS Code run (npm run test:electron) has no test debug adapter; offline runs always install it.
      if (!process.env.DROPOUT_TEST_DEBUG_ADAPTER) this.skip();
      throw new Error(`${HELPER} is not installed`);
    }
    await resetAll();
    tracker = vscode.debug.registerDebugAdapterTrackerFactory('python', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (message: { type?: string; event?: string; body?: { category?: string; output?: string } }) => {
          if (message.type === 'event' && message.event === 'output' && message.body?.category === 'stdout')
            printed.push(message.body.output ?? '');
        },
      }),
    });
  });

  after(async () => {
    tracker?.dispose();
    await vscode.debug.stopDebugging();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await vscode.workspace.getConfiguration('dropoutPlayground').update('maxValues', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('reads a tensor from the Variables view, follows a step, reports errors, and leaves the program as it was', async () => {
    const api = await getApi();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const inForward = breakpointAt('# stop: forward');
    vscode.debug.addBreakpoints([inForward]);
    const firstStop = nextStop();
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'python',
      request: 'launch',
      name: 'train',
      program: workspaceFile(SCRIPT).fsPath,
      python: '/usr/bin/python3',
      console: 'internalConsole',
      justMyCode: true,
      env: { DROPOUT_DEBUG_OUT: out },
    });
    assert.ok(started, 'the debug session did not start');
    let frame = await firstStop;

    // The Variables view passes { sessionId, container, variable }.
    const opened = await run<OpenResult>('openOnDebugVariable', {
      sessionId: frame.session.id,
      container: { name: 'Locals', variablesReference: 1, expensive: false },
      variable: { name: 'h', value: 'tensor(…)', evaluateName: 'h', variablesReference: 2 },
    });
    assert.ok(opened?.ok, JSON.stringify(opened));
    const first = opened.snapshot;
    assert.ok(first.status === 'loaded');
    assert.deepEqual(first.result.source.shape, [4, 8]);
    assert.equal(first.result.source.label, 'h');
    assert.match(first.result.source.provenance ?? '', /^debug session train\.py · frame forward, train\.py:\d+ · torch\.Tensor float32$/);
    assert.deepEqual(shownValues(first), saved(out, 'h0.npy'));
    assert.deepEqual(first.live, { follow: true, notice: null });

    // A step: the program stops again in the next call, and the panel reads h there.
    const before = await consoleEval(frame, 'sorted(dir())');
    const secondStop = nextStop();
    await frame.session.customRequest('continue', { threadId: frame.threadId });
    frame = await secondStop;
    const h1 = saved(out, 'h1.npy');
    await until('the panel to follow the step', () => {
      const values = shownValues(api.getSnapshot());
      return values && values.join() === h1.join() ? true : undefined;
    });
    assert.equal(await consoleEval(frame, 'sorted(dir())'), before);

    // An expression that raises: its message, and the panel unchanged.
    const raised = await run<OpenResult>('openOnDebugExpression', { expression: 'undefined_name' });
    assert.ok(raised && !raised.ok);
    assert.match(raised.message, /^NameError: name 'undefined_name' is not defined \(frame forward, train\.py:\d+\)$/);
    assert.deepEqual(shownValues(api.getSnapshot()), h1);

    // The end of the script: h is gone, so the panel keeps its values and says why.
    vscode.debug.removeBreakpoints([inForward]);
    vscode.debug.addBreakpoints([breakpointAt('# stop: end')]);
    const endStop = nextStop();
    await frame.session.customRequest('continue', { threadId: frame.threadId });
    frame = await endStop;
    const notice = await until('the out-of-scope notice', () => api.getSnapshot().live?.notice ?? undefined);
    assert.match(
      notice,
      /^NameError: name 'h' is not defined \(frame <module>, train\.py:\d+\) The panel shows the values from the previous stop\.$/,
    );
    assert.deepEqual(shownValues(api.getSnapshot()), h1);

    const names = await consoleEval(frame, 'sorted(globals())');
    const modules = await consoleEval(frame, 'sorted(__import__("sys").modules)');
    const weight = await consoleEval(frame, '(weight.requires_grad, weight.grad, str(weight.device), big.requires_grad)');

    // A million values arrive exactly.
    const started1e6 = Date.now();
    const big = await run<OpenResult>('openOnDebugExpression', { expression: 'big' });
    const ms = Date.now() - started1e6;
    assert.ok(big?.ok, JSON.stringify(big));
    assert.ok(big.snapshot.status === 'loaded');
    assert.equal(big.snapshot.result.source.n, 1_000_000);
    console.log(`      1e6 float32 values read through debugpy and shown in ${ms} ms`);
    const expected = readTensor(new Uint8Array(fs.readFileSync(path.join(out, 'big.npy'))), 'big.npy').data;
    const window = big.snapshot.result.values;
    assert.deepEqual(Array.from(window.input), Array.from(expected.subarray(window.offset, window.offset + window.input.length)));
    assert.ok(Math.abs(big.snapshot.result.stats.evalMean - meanOf(expected)) < 1e-9);

    // Too large: refused by the program's side, before any value is sent, naming the shape.
    await vscode.workspace.getConfiguration('dropoutPlayground').update('maxValues', 2_000_000, vscode.ConfigurationTarget.Global);
    const huge = await run<OpenResult>('openOnDebugExpression', { expression: 'huge' });
    assert.ok(huge && !huge.ok);
    assert.match(huge.message, /^huge has shape \[3, 1000, 1000\]: 3,000,000 values, more than the 2,000,000 values/);

    const text = await run<OpenResult>('openOnDebugExpression', { expression: 'text' });
    assert.ok(text && !text.ok);
    assert.match(text.message, /^text is a str, not an array or tensor/);

    // The program noticed nothing: the same names, modules and tensors, and nothing printed.
    assert.equal(await consoleEval(frame, 'sorted(globals())'), names);
    assert.equal(await consoleEval(frame, 'sorted(__import__("sys").modules)'), modules);
    assert.equal(await consoleEval(frame, '(weight.requires_grad, weight.grad, str(weight.device), big.requires_grad)'), weight);
    assert.deepEqual(printed, []);

    // The session ends: the values stay, marked as from the ended session.
    const ended = new Promise<void>((resolve) => {
      const listener = vscode.debug.onDidTerminateDebugSession(() => {
        listener.dispose();
        resolve();
      });
    });
    await vscode.debug.stopDebugging(frame.session);
    await ended;
    const endNotice = await until('the ended-session notice', () => {
      const n = api.getSnapshot().live?.notice;
      return n && n.includes('has ended') ? n : undefined;
    });
    assert.equal(endNotice, 'The debug session train.py has ended: these are the values from its last stop.');
    assert.equal(api.getSnapshot().result?.source.n, 1_000_000);
  });

  it('says so when no Python program is stopped', async () => {
    const result = await run<OpenResult>('openOnDebugExpression', { expression: 'x' });
    assert.ok(result && !result.ok);
    assert.match(result.message, /^no Python debug session is stopped/);
  });
});

function meanOf(values: Float32Array | Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
