// Dropout calls in Python source, for the editor's lenses and hints: the scanner, the APIs it knows,
// and the axes a call's channel sharing means on a given input.
export { type ChannelSharing, type CodeFramework, type CodeVariant, DROPOUT_APIS } from './apis';
export type { ImportAliases } from './imports';
export { type DropoutCall, importsOf, type Probability, type ProbabilityParameter, scanDropoutCalls, type ScanOptions } from './scan';
export { type SharedAxes, sharedAxes } from './sharing';
