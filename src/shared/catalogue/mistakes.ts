// The classic dropout mistakes the playground works on the user's numbers: their ids in teaching
// order, and how the panel's buttons, the cards and the picker name them.
import type { CatalogueEntry } from './entry';

export type MistakeId = 'forgotEval' | 'functionalTraining' | 'scaledTwice' | 'noTestScaling' | 'keepAsDrop';

/** In teaching order. */
export const MISTAKE_IDS: readonly MistakeId[] = ['forgotEval', 'functionalTraining', 'scaledTwice', 'noTestScaling', 'keepAsDrop'];

/** label: the button's and the card's title; detail: what goes wrong, in a few words. */
export type MistakeEntry = CatalogueEntry;

export const MISTAKES: Record<MistakeId, MistakeEntry> = {
  forgotEval: { label: 'Forgot model.eval()', detail: 'Dropout still on at inference' },
  functionalTraining: { label: 'F.dropout without training=self.training', detail: 'F.dropout keeps dropping after model.eval()' },
  scaledTwice: { label: 'Scaling twice', detail: 'Inverted dropout plus × (1 − p) at test time' },
  noTestScaling: { label: 'No test-time scaling', detail: 'Classic dropout without the × (1 − p) at eval: no scaling anywhere' },
  keepAsDrop: { label: 'Reading p as the keep probability', detail: 'Writing p = 0.8 to keep 80% drops 80% instead' },
};
