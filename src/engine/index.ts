// The engine: pure dropout as the frameworks do it, with stats and Monte Carlo.
// Imports nothing from vscode, Node or the DOM, so it runs in every host.
export type { DType, Tensor, RngKind, Variant, Seed, DropoutSpec, DropoutStats, DropoutResult, DropoutBuffers, MaskSource } from './types';
export { dropout, dropoutWithSource } from './dropout';
export { leanDropout, type LeanDropoutResult } from './leanDropout';
export { buffersFit } from './outputs';
export {
  monteCarlo,
  monteCarloWithSource,
  trainStream,
  trainStreamWithSource,
  type MonteCarloResult,
  type TrainStream,
} from './monteCarlo';
export { createMaskSource, availableRngs } from './rng';
export { seedToBigInt, seedLow32, seedLow64Words, nonNegativeSeed } from './seed';
export { compensatedSum } from './sum';
export { ALPHA, alphaA } from './rules';
