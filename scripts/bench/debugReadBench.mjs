// @ts-check
// How long a paused program's tensor takes to reach the playground: the real debugpy adapter
// (`python3 -m debugpy.adapter`, Debian's python3-debugpy) stops a script at a breakpoint, and the
// extension's own read (src/host/debug/debugRead.ts, bundled as it ships) fetches float32 tensors of
// 1e6 and 1e7 values through DAP `evaluate`, compared byte for byte with NumPy's bytes of the same tensor.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUT_DIR, ROOT } from './bundle.mjs';

const PYTHON = '/usr/bin/python3';

/**
 * The script the adapter stops in; it saves what the read must deliver.
 * @param {number[]} sizes @param {string} out
 */
const SCRIPT = (sizes, out) => `import numpy as np, torch
torch.manual_seed(0)
values = {}
for n in ${JSON.stringify(sizes)}:
    values[n] = torch.rand(n)
    values[n].numpy().tofile(${JSON.stringify(out)} + '/' + str(n) + '.f32')
stop = True
`;

/** A DAP client over the adapter's stdio: requests, and the events it is waiting for. */
export class Dap {
  constructor() {
    this.child = spawn(PYTHON, ['-m', 'debugpy.adapter'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.seq = 1;
    /** @type {Map<number, (message: any) => void>} */
    this.pending = new Map();
    /** @type {((message: any) => void)[]} */
    this.listeners = [];
    let buffer = Buffer.alloc(0);
    this.child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
        if (buffer.length < end + 4 + length) return;
        const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
        buffer = buffer.subarray(end + 4 + length);
        if (message.type === 'response') this.pending.get(message.request_seq)?.(message);
        else for (const listener of [...this.listeners]) listener(message);
      }
    });
  }

  /** @param {string} command @param {unknown} [args] */
  send(command, args) {
    const seq = this.seq++;
    const body = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return new Promise((resolve, reject) => {
      this.pending.set(seq, (message) => {
        this.pending.delete(seq);
        if (message.success) resolve(message.body);
        else reject(new Error(`${command}: ${message.message}`));
      });
    });
  }

  /** @param {string} event */
  once(event) {
    return new Promise((resolve) => {
      const listener = (/** @type {any} */ message) => {
        if (message.type !== 'event' || message.event !== event) return;
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(message.body);
      };
      this.listeners.push(listener);
    });
  }

  /** What the extension's read asks of a session. */
  customRequest(/** @type {string} */ command, /** @type {unknown} */ args) {
    return this.send(command, args);
  }

  stop() {
    this.child.kill('SIGKILL');
  }
}

/**
 * @param {{ sizes: number[], log: (message: string) => void }} options
 * @returns {Promise<{ n: number, ms: number, mbPerS: number, exact: boolean }[]>}
 */
export async function benchDebugRead({ sizes, log }) {
  const bundle = join(OUT_DIR, 'debugRead.cjs');
  await esbuild.build({
    entryPoints: [join(ROOT, 'src/host/debug/debugRead.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'silent',
  });
  const { readDebugValue } = createRequire(import.meta.url)(bundle);
  const dir = mkdtempSync(join(tmpdir(), 'dropout-debug-bench-'));
  const script = join(dir, 'paused.py');
  writeFileSync(script, SCRIPT(sizes, dir));
  const dap = new Dap();
  try {
    await dap.send('initialize', {
      adapterID: 'python',
      clientID: 'bench',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
    });
    const initialized = dap.once('initialized');
    const stopped = dap.once('stopped');
    const launched = dap.send('launch', { program: script, python: PYTHON, console: 'internalConsole', justMyCode: true });
    await initialized;
    await dap.send('setBreakpoints', { source: { path: script }, breakpoints: [{ line: 7 }] });
    await dap.send('configurationDone');
    await launched;
    const { threadId } = /** @type {{ threadId: number }} */ (await stopped);
    const trace = /** @type {{ stackFrames: { id: number }[] }} */ (await dap.send('stackTrace', { threadId, startFrame: 0, levels: 1 }));
    const frameId = trace.stackFrames[0].id;
    const rows = [];
    for (const n of sizes) {
      log(`debug read: ${n} float32 values`);
      const started = performance.now();
      const read = await readDebugValue(dap, frameId, `values[${n}]`, { maxValues: 1e8, dtype: 'float32' });
      const ms = performance.now() - started;
      if (!read.ok) throw new Error(read.message);
      const expected = readFileSync(join(dir, `${n}.f32`));
      const got = Buffer.from(read.data.buffer, read.data.byteOffset, read.data.byteLength);
      rows.push({ n, ms, mbPerS: (n * 4) / 1e6 / (ms / 1000), exact: got.equals(expected) });
    }
    await dap.send('disconnect', { terminateDebuggee: true }).catch(() => undefined);
    return rows;
  } finally {
    dap.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {{ n: number, ms: number, mbPerS: number, exact: boolean }[]} rows */
export function debugReadTable(rows) {
  return [
    '| values (float32) | read through debugpy (ms) | MB/s | bytes equal NumPy’s |',
    '| ---: | ---: | ---: | :---: |',
    ...rows.map(
      (r) => `| ${r.n.toExponential(0).replace('+', '')} | ${r.ms.toFixed(0)} | ${r.mbPerS.toFixed(1)} | ${r.exact ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}
