// The values the table has fetched, in fixed blocks of rows, and the requests
// still out. Pure (no DOM, no timers: the caller passes the time), unit-tested.
//
// Every result (p, seed, mode…) makes a new generation: the blocks go, and a
// reply to a request sent before it is dropped when it arrives and asked for
// again, since it may hold the old outputs. At most one request per block is
// out at a time; one that never comes back is given up after REQUEST_TIMEOUT_MS.

import type { ValueWindow } from '../src/shared/viewModel';

export const BLOCK_ROWS = 100;
/** 64 blocks = 6 400 rows, about 110 kB: room for the view, its neighbours and a few places visited. */
export const MAX_BLOCKS = 64;
export const REQUEST_TIMEOUT_MS = 5_000;

export interface Block {
  input: Float64Array;
  output: Float64Array;
  mask: Uint8Array;
}

export interface CachedRow {
  input: number;
  output: number;
  kept: boolean;
}

/** One request to send: rows [offset, offset + count). */
export interface WindowRequest {
  offset: number;
  count: number;
}

interface Pending {
  generation: number;
  sentAt: number;
}

export class WindowCache {
  private readonly blocks = new Map<number, Block>();
  private readonly pending = new Map<number, Pending>();
  private generation = 0;
  private rows = 0;

  constructor(
    private readonly blockRows = BLOCK_ROWS,
    private readonly maxBlocks = MAX_BLOCKS,
  ) {}

  /** A new result of `rows` values: forget every block; requests out now become stale. */
  reset(rows: number): void {
    this.generation++;
    this.rows = rows;
    this.blocks.clear();
  }

  get size(): number {
    return this.blocks.size;
  }

  /** The row's values, or undefined while it is not fetched. Marks its block as recently used. */
  row(index: number): CachedRow | undefined {
    const b = Math.floor(index / this.blockRows);
    const block = this.blocks.get(b);
    if (!block) return undefined;
    this.blocks.delete(b);
    this.blocks.set(b, block);
    const i = index - b * this.blockRows;
    return i < block.input.length ? { input: block.input[i], output: block.output[i], kept: block.mask[i] === 1 } : undefined;
  }

  has(index: number): boolean {
    const block = this.blocks.get(Math.floor(index / this.blockRows));
    return !!block && index - Math.floor(index / this.blockRows) * this.blockRows < block.input.length;
  }

  /**
   * Requests for the blocks under rows [first, last] that are neither fetched
   * nor out, contiguous blocks merged up to `maxRows` rows per request. Marks them out.
   */
  requestsFor(first: number, last: number, now: number, maxRows: number): WindowRequest[] {
    if (this.rows === 0) return [];
    const lo = Math.floor(Math.max(0, first) / this.blockRows);
    const hi = Math.floor(Math.min(this.rows - 1, last) / this.blockRows);
    const perRequest = Math.max(1, Math.floor(maxRows / this.blockRows));
    const requests: WindowRequest[] = [];
    let run: WindowRequest | undefined;
    let runBlocks = 0;
    for (let b = lo; b <= hi; b++) {
      const out = this.pending.get(b);
      const busy = out !== undefined && now - out.sentAt < REQUEST_TIMEOUT_MS;
      if (this.blocks.has(b) || busy) {
        run = undefined;
        continue;
      }
      this.pending.set(b, { generation: this.generation, sentAt: now });
      const offset = b * this.blockRows;
      const count = Math.min(this.blockRows, this.rows - offset);
      if (run && runBlocks < perRequest) {
        run.count += count;
        runBlocks++;
      } else {
        run = { offset, count };
        runBlocks = 1;
        requests.push(run);
      }
    }
    return requests;
  }

  /**
   * A window from the host. A reply to a current request fills its blocks; a
   * reply to a request from an earlier generation is dropped. Returns how many
   * blocks it filled and how many it dropped as stale (those need asking again).
   */
  receive(values: ValueWindow): { filled: number; stale: number } {
    let filled = 0;
    let stale = 0;
    this.forEachBlock(values, (b, block) => {
      const out = this.pending.get(b);
      if (!out) return; // not asked for (or given up and answered since): nothing to trust it against
      this.pending.delete(b);
      if (out.generation !== this.generation) {
        stale++;
        return;
      }
      this.store(b, block);
      filled++;
    });
    return { filled, stale };
  }

  /** The window that comes with a result itself: current by definition. */
  seed(values: ValueWindow): void {
    this.forEachBlock(values, (b, block) => {
      this.store(b, block);
      const out = this.pending.get(b);
      if (out && out.generation !== this.generation) this.pending.delete(b);
    });
  }

  /** Calls `each` for every whole block in the window (and the short last block of the values). */
  private forEachBlock(values: ValueWindow, each: (b: number, block: Block) => void): void {
    const end = values.offset + values.input.length;
    for (let b = Math.ceil(values.offset / this.blockRows); b * this.blockRows < end; b++) {
      const start = b * this.blockRows;
      const stop = Math.min(start + this.blockRows, this.rows);
      if (stop > end || stop <= start) break;
      const from = start - values.offset;
      const to = stop - values.offset;
      each(b, { input: values.input.slice(from, to), output: values.output.slice(from, to), mask: values.mask.slice(from, to) });
    }
  }

  private store(b: number, block: Block): void {
    this.blocks.delete(b);
    this.blocks.set(b, block);
    while (this.blocks.size > this.maxBlocks) this.blocks.delete(this.blocks.keys().next().value as number);
  }
}
