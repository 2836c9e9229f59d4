// Which axes of a given input share one mask value, for a dropout call's channel sharing: the
// playground's broadcastDims. The sharing depends on the input's rank the way each framework reads it.
import type { ChannelSharing } from './apis';

/** The shared axes, ascending; or why the call cannot share any on this shape (the units then draw alone). */
export type SharedAxes = { dims: number[] } | { problem: string };

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** The broadcastDims `sharing` means on an input of `shape`. */
export function sharedAxes(sharing: ChannelSharing, shape: readonly number[]): SharedAxes {
  const rank = shape.length;
  switch (sharing.kind) {
    case 'torchSpatial': {
      const k = sharing.axes;
      // torch reads a 3-D input to dropout2d as (N, C, L), with a warning, and shares the last axis only.
      if (k === 2 && rank === 3) return { dims: [2] };
      if (rank === k + 1 || rank === k + 2) return { dims: range(rank - k, rank) };
      return { problem: `expects ${k + 1}-D or ${k + 2}-D input (channels first), not ${rank}-D` };
    }
    case 'kerasSpatial': {
      const k = sharing.axes;
      if (rank !== k + 2) return { problem: `expects ${k + 2}-D input, not ${rank}-D` };
      return { dims: sharing.channelsFirst ? range(2, rank) : range(1, rank - 1) };
    }
    case 'afterChannel':
      return rank > 2 ? { dims: range(2, rank) } : { problem: `shares nothing below 3-D input; this one is ${rank}-D` };
    case 'axes': {
      const dims = [...new Set(sharing.axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
      const bad = sharing.axes.find((a) => a < -rank || a >= rank);
      return bad === undefined ? { dims } : { problem: `broadcast_dims has axis ${bad}, outside a ${rank}-D input` };
    }
  }
}
