// @ts-check
// Renders the measurements as Markdown: one table per section, each target
// printed beside the figure it judges.
import { SIZE_TARGETS } from './bundleSizes.mjs';
import { dropoutTarget } from './dropoutBench.mjs';
import { PARSE_TARGET } from './parseBench.mjs';
import { bytes, ms, ratio, sizeLabel, verdict } from './stats.mjs';

/** @import { SizeRow } from './bundleSizes.mjs' */
/** @import { EventLoopRow, MemoryRows, MemoryRun } from './childProcesses.mjs' */
/** @import { MemoryResult } from './memoryChild.mjs' */
/** @import { DropoutRow } from './dropoutBench.mjs' */
/** @import { ParseRow } from './parseBench.mjs' */

const MB = 1024 * 1024;
export const EVENT_LOOP_TARGET_MS = 50;
/** Memory: peak added RSS ≤ MEMORY_FACTOR × the float32 size + the fixed cost measured at a tiny input. */
export const MEMORY_FACTOR = 4;

/**
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  /** @param {string[]} cells */
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** @param {DropoutRow[]} rows */
export function dropoutTable(rows) {
  const body = rows.map((r) => {
    if (r.unavailable !== undefined) return [sizeLabel(r.n), r.rng, `not available: ${r.unavailable}`, ...Array(11).fill('')];
    const vsNumpy = r.vsNumpy ?? (r.numpyMs ? r.engineMs / r.numpyMs : undefined);
    const vsTorch = r.vsTorch ?? (r.torchMs ? r.engineMs / r.torchMs : undefined);
    const freshVsNumpy = r.freshVsNumpy ?? (r.numpyMs ? r.freshMs / r.numpyMs : undefined);
    const freshVsTorch = r.freshVsTorch ?? (r.torchMs ? r.freshMs / r.torchMs : undefined);
    const target = dropoutTarget(r.rng, r.n);
    const judged = target ? (target.against === 'numpy' ? vsNumpy : vsTorch) : undefined;
    const against = target?.against === 'numpy' ? 'NumPy' : 'PyTorch';
    const targetText = target ? `≤ ${target.max}× ${against}` + (target.maxVsCopy ? `, ≤ ${target.maxVsCopy}× copy` : '') : '—';
    const met =
      target === undefined || judged === undefined
        ? undefined
        : judged <= target.max && (!target.maxVsCopy || r.vsCopy <= target.maxVsCopy);
    const engine = ms(r.engineMs) + (r.suspect !== undefined ? ` (kept ${r.suspect.toFixed(3)}?)` : '');
    return [
      sizeLabel(r.n),
      r.rng,
      engine,
      ms(r.freshMs),
      ms(r.numpyMs),
      ms(r.torchMs),
      ms(r.copyMs),
      `${ratio(vsNumpy)} (${ratio(freshVsNumpy)})`,
      `${ratio(vsTorch)} (${ratio(freshVsTorch)})`,
      ratio(r.vsCopy),
      targetText,
      verdict(met),
    ];
  });
  return table(
    [
      'size',
      'engine rng',
      'engine ms (reused)',
      'engine ms (fresh)',
      'NumPy ms',
      'PyTorch ms',
      'copy floor ms',
      'engine/NumPy reused (fresh)',
      'engine/PyTorch reused (fresh)',
      'engine/copy reused',
      'target (reused)',
      'verdict',
    ],
    body,
  );
}

/** @type {Record<ParseRow['format'], string>} */
const TEXT_LABELS = { json: 'JSON', csv: 'CSV', python: 'printed PyTorch tensor', numpy: 'printed NumPy array' };
/** @type {Record<ParseRow['digits'], string>} */
const DIGIT_LABELS = { float32: '7 significant', double: 'double in full (≤ 17)', numpySci: 'scientific, 9 significant' };

/**
 * Warm rows are judged against PARSE_TARGET; cold rows (one first call each) are printed for comparison.
 * @param {ParseRow[]} rows
 * @param {{ judged?: boolean }} [options]
 */
export function parseTable(rows, { judged = true } = {}) {
  const body = rows.map((r) => {
    const label = [TEXT_LABELS[r.format], DIGIT_LABELS[r.digits], r.dtype, sizeLabel(r.n)];
    if (r.error !== undefined) return [...label, bytes(r.chars), `failed: ${r.error}`, '', '', '', ...(judged ? [''] : [])];
    const rel = r.parseMs / r.jsonParseMs;
    const mbPerS = r.chars / MB / (r.parseMs / 1000);
    return [
      ...label,
      bytes(r.chars),
      ms(r.parseMs),
      ms(r.jsonParseMs),
      ratio(rel),
      `${mbPerS.toFixed(0)} MB/s`,
      ...(judged ? [`≤ ${PARSE_TARGET}×: ${verdict(rel <= PARSE_TARGET)}`] : []),
    ];
  });
  const header = ['text', 'digits', 'read as', 'values', 'text size', 'parse ms', 'JSON.parse ms', 'parse/JSON.parse', 'throughput'];
  return table(judged ? [...header, 'target'] : header, body);
}

/** @param {EventLoopRow[]} rows */
export function eventLoopTable(rows) {
  const body = rows.map((r) => {
    const where = r.where === 'worker' ? 'compute worker (WorkerCompute)' : 'inline on the main thread (InlineCompute)';
    if (r.maxLateMs === undefined) return [where, sizeLabel(r.n), `failed: ${r.error}`, '', '', '', '', ''];
    const judged =
      r.where === 'worker' ? `≤ ${EVENT_LOOP_TARGET_MS} ms: ${verdict(r.maxLateMs <= EVENT_LOOP_TARGET_MS)}` : 'for comparison';
    return [
      where + (r.error ? ` (error: ${r.error})` : ''),
      sizeLabel(r.n),
      ms(r.maxLateMs),
      `${ms(r.maxLateLoadMs)} / ${ms(r.maxLateRunMs)}`,
      ms(r.p99LateMs),
      String(r.ticks),
      `${ms(r.loadMs)} + ${ms(r.runMs)}`,
      judged,
    ];
  });
  return table(
    [
      'load + run of JSON text',
      'values',
      'max lateness ms',
      'max during load / run ms',
      'p99 lateness ms',
      'ticks',
      'load + run ms',
      'target',
    ],
    body,
  );
}

/** @param {MemoryRows} result */
export function memoryTable(result) {
  /**
   * @param {MemoryRun | undefined} run
   * @returns {run is MemoryResult} a child's figures, with no error on the way
   */
  const measured = (run) => run !== undefined && run.error === undefined;
  const { n } = result;
  const floatBytes = 4 * n;
  /**
   * @param {string} label
   * @param {MemoryRun | undefined} large
   * @param {MemoryRun | undefined} small
   * @param {boolean} judged
   */
  const row = (label, large, small, judged) => {
    if (!measured(large) || !measured(small)) {
      return [label, bytes(floatBytes), '', `failed: ${large?.error ?? small?.error ?? 'no result'}`, '', '', '', ''];
    }
    const perValue = (large.addedBytes - small.addedBytes) / floatBytes;
    return [
      label,
      bytes(floatBytes),
      bytes(large.textChars),
      bytes(large.addedBytes),
      ratio(large.addedBytes / floatBytes),
      bytes(small.addedBytes),
      ratio(perValue),
      judged ? `≤ ${MEMORY_FACTOR}× + fixed: ${verdict(perValue <= MEMORY_FACTOR)}` : 'for comparison',
    ];
  };
  return table(
    [
      'load + run',
      'float32 size',
      'JSON text',
      'peak RSS added',
      'added / float32 size',
      'fixed cost (1e3 values)',
      '(added − fixed) / float32 size',
      'target',
    ],
    [
      row(`${sizeLabel(n)} values through the worker`, result.large, result.small, true),
      row(`${sizeLabel(n)} values inline (no copy of the text to a thread)`, result.inline, result.inlineSmall, false),
    ],
  );
}

/** @param {{ rows: SizeRow[], notes: string[] }} sizes */
export function sizeTable({ rows, notes }) {
  const body = rows.map((r) => {
    const max = SIZE_TARGETS[r.name];
    const target = max === undefined ? '—' : `≤ ${bytes(max)}: ${verdict(r.bytes === undefined ? undefined : r.bytes <= max)}`;
    return [r.name + (r.detail ? ` (${r.detail})` : ''), r.bytes === undefined ? 'not built' : bytes(r.bytes), target];
  });
  const text = table(['file', 'size', 'target'], body);
  return notes.length ? `${text}\n\n${notes.map((n) => `- ${n}`).join('\n')}` : text;
}
