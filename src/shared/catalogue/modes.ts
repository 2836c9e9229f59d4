// Train or eval: the one switch every framework has (model.train() / model.eval(), deterministic=…).

export type Mode = 'train' | 'eval';

export const MODES: readonly Mode[] = ['train', 'eval'];
