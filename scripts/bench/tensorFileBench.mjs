// @ts-check
// Large tensor files, each 500 tensors of 1000 × 1000 float32 (2 GB), the last one with real values,
// listed and one 1e6-value tensor opened as the extension does for a local file, reading in ranges:
// - a safetensors checkpoint, written sparse in a temporary folder: listed from its header;
// - a torch.save checkpoint written by real PyTorch (write_checkpoint.py): listed from the zip's end
//   record, central directory and pickle, the tensor read after its storage's local header.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { OUT_DIR, ROOT } from './bundle.mjs';
import { median } from './stats.mjs';

const TENSORS = 500;
const SIDE = 1000;
const RUNS = 7;

/**
 * The parse layer's ranged reading with the host's local-file reader, bundled as the extension ships them.
 * @returns {Promise<typeof import('../../src/parse/index.js') & typeof import('../../src/host/files/localFiles.js')>}
 */
async function bundle() {
  const outfile = join(OUT_DIR, 'tensorFiles.cjs');
  await esbuild.build({
    stdin: {
      contents:
        "export { openTensorFile, readTensor } from './src/parse/index.ts';\nexport { localByteSource } from './src/host/files/localFiles.ts';\n",
      resolveDir: ROOT,
      sourcefile: 'bench-files.ts',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    external: ['vscode'],
    outfile,
  });
  return createRequire(import.meta.url)(outfile);
}

/** Writes the checkpoint: the header, a hole, and the last tensor's values. Returns its path and size. */
function writeCheckpoint(/** @type {string} */ folder) {
  /** @type {Record<string, { dtype: string, shape: number[], data_offsets: number[] }>} */
  const header = {};
  const bytes = SIDE * SIDE * 4;
  for (let i = 0; i < TENSORS; i++)
    header[`layers.${i}.weight`] = { dtype: 'F32', shape: [SIDE, SIDE], data_offsets: [i * bytes, (i + 1) * bytes] };
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const path = join(folder, 'checkpoint.safetensors');
  const fd = openSync(path, 'w');
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  writeSync(fd, size, 0, 8, 0);
  writeSync(fd, Buffer.from(json), 0, json.length, 8);
  const total = 8 + json.length + TENSORS * bytes;
  ftruncateSync(fd, total);
  const last = new Float32Array(SIDE * SIDE).map((_, i) => Math.sin(i));
  writeSync(fd, new Uint8Array(last.buffer), 0, bytes, 8 + json.length + (TENSORS - 1) * bytes);
  closeSync(fd);
  return { path, total };
}

const PYTHON = '/usr/bin/python3';

/** Writes the torch.save checkpoint with real PyTorch; undefined (with the reason) without it. */
function writeTorchCheckpoint(/** @type {string} */ folder) {
  if (!existsSync(PYTHON)) return { reason: `${PYTHON} not found` };
  const path = join(folder, 'checkpoint.pt');
  const script = new URL('./write_checkpoint.py', import.meta.url).pathname;
  try {
    execFileSync(PYTHON, [script, path, String(TENSORS), String(SIDE)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    return { reason: `PyTorch did not write it: ${String(error).split('\n')[0]}` };
  }
  return { path, total: statSync(path).size };
}

/**
 * Median ms of listing the file, and of opening its last tensor (reading and converting 1e6 values).
 * @param {Awaited<ReturnType<typeof bundle>>} files
 * @param {string} path
 * @param {string} fileName
 */
async function time(files, path, fileName) {
  const uri = /** @type {import('vscode').Uri} */ (/** @type {unknown} */ ({ scheme: 'file', fsPath: path }));
  const list = [];
  const open = [];
  let values = 0;
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    const source = await files.localByteSource(uri);
    if (!source) throw new Error('no local reader');
    const opened = await files.openTensorFile(source, fileName);
    list.push(performance.now() - start);
    if (opened.entries.length !== TENSORS) throw new Error(`listed ${opened.entries.length} tensors`);
    start = performance.now();
    const piece = await opened.read(opened.entries[TENSORS - 1].name);
    const tensor = files.readTensor(piece.bytes, piece.fileName, piece.name, piece.slice);
    open.push(performance.now() - start);
    values = tensor.data.length;
    if (Math.abs(tensor.data[1] - Math.sin(1)) > 1e-6) throw new Error(`${fileName}: read the wrong bytes`);
  }
  return { values, listMs: median(list), openMs: median(open) };
}

export async function benchTensorFiles() {
  const files = await bundle();
  const folder = mkdtempSync(join(tmpdir(), 'dropout-bench-files-'));
  try {
    const safetensors = writeCheckpoint(folder);
    /** @type {{ kind: string, fileBytes?: number, values?: number, listMs?: number, openMs?: number, reason?: string }[]} */
    const rows = [
      {
        kind: 'safetensors (sparse, written by the bench)',
        fileBytes: safetensors.total,
        ...(await time(files, safetensors.path, 'checkpoint.safetensors')),
      },
    ];
    rmSync(safetensors.path);
    const torch = writeTorchCheckpoint(folder);
    rows.push(
      torch.path
        ? { kind: '.pt (torch.save, stored zip)', fileBytes: torch.total, ...(await time(files, torch.path, 'checkpoint.pt')) }
        : { kind: '.pt (torch.save)', reason: torch.reason },
    );
    return { rows, runs: RUNS };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** @param {Awaited<ReturnType<typeof benchTensorFiles>>} r */
export function tensorFileTable(r) {
  return [
    '| file | list its tensors | open one tensor |',
    '|---|---|---|',
    ...r.rows.map((row) =>
      row.reason !== undefined ||
      row.listMs === undefined ||
      row.openMs === undefined ||
      row.values === undefined ||
      row.fileBytes === undefined
        ? `| ${row.kind} | not measured: ${row.reason} | |`
        : `| ${(row.fileBytes / 1e9).toFixed(2)} GB ${row.kind}, ${TENSORS} tensors | ${row.listMs.toFixed(1)} ms | ${row.openMs.toFixed(1)} ms (${row.values.toExponential(0).replace('e+', 'e')} float32 values) |`,
    ),
  ].join('\n');
}
