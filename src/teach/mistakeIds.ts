// The mistake ids on their own, free of the engine, so the protocol and the
// webview can validate and name them without bundling the dropout engine.

export type MistakeId = 'forgotEval' | 'functionalTraining' | 'scaledTwice' | 'noTestScaling' | 'keepAsDrop';

/** In teaching order. */
export const MISTAKE_IDS: readonly MistakeId[] = ['forgotEval', 'functionalTraining', 'scaledTwice', 'noTestScaling', 'keepAsDrop'];
