// What the names of a Python file stand for, from its import statements: `import torch.nn as nn`
// makes `nn` mean `torch.nn`, `from flax import linen as nn` makes it mean `flax.linen`. A name no
// import binds falls back to what it conventionally means in ML code (`F` is torch.nn.functional),
// so a notebook cell whose imports live in another cell still reads right.
import type { Tokens } from './pythonTokens';

/** Local name → the dotted module path (or module member) it is bound to. */
export type ImportAliases = Map<string, string>;

/** How ML code conventionally names these modules when the imports are not in sight. */
const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['torch', 'torch'],
  ['nn', 'torch.nn'],
  ['F', 'torch.nn.functional'],
  ['tf', 'tensorflow'],
  ['keras', 'keras'],
  ['layers', 'keras.layers'],
  ['flax', 'flax'],
  ['nnx', 'flax.nnx'],
  ['linen', 'flax.linen'],
  // Names only Keras gives a layer.
  ['SpatialDropout1D', 'keras.layers.SpatialDropout1D'],
  ['SpatialDropout2D', 'keras.layers.SpatialDropout2D'],
  ['SpatialDropout3D', 'keras.layers.SpatialDropout3D'],
  ['GaussianDropout', 'keras.layers.GaussianDropout'],
]);

/** The aliases the import statements in `tokens` bind, added to `into` (later statements win). */
export function collectImports(tokens: Tokens, into: ImportAliases = new Map()): ImportAliases {
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.indent[i]! < 0 || tokens.kind[i] !== 'name') continue;
    if (tokens.text[i] === 'import') i = readImport(tokens, i + 1, into);
    else if (tokens.text[i] === 'from') i = readFromImport(tokens, i + 1, into);
  }
  return into;
}

/** A dotted name at `i`: its text and the index after it, or undefined. */
function dotted(tokens: Tokens, i: number): { name: string; next: number } | undefined {
  if (tokens.kind[i] !== 'name') return undefined;
  let name = tokens.text[i];
  i++;
  while (tokens.text[i] === '.' && tokens.kind[i + 1] === 'name') {
    name += '.' + tokens.text[i + 1];
    i += 2;
  }
  return { name, next: i };
}

/** `import a.b as c, d` */
function readImport(tokens: Tokens, i: number, into: ImportAliases): number {
  for (;;) {
    const module = dotted(tokens, i);
    if (!module) return i;
    i = module.next;
    if (tokens.text[i] === 'as' && tokens.kind[i + 1] === 'name') {
      into.set(tokens.text[i + 1], module.name);
      i += 2;
    } else {
      const first = module.name.split('.')[0]!;
      into.set(first, first);
    }
    if (tokens.text[i] !== ',') return i;
    i++;
  }
}

/** `from a.b import c as d, (e, f)`; relative imports name project modules, not frameworks: skipped. */
function readFromImport(tokens: Tokens, i: number, into: ImportAliases): number {
  const module = dotted(tokens, i);
  if (!module || tokens.text[module.next] !== 'import') return i;
  i = module.next + 1;
  if (tokens.text[i] === '(') i++;
  for (;;) {
    if (tokens.kind[i] !== 'name') return i;
    const imported = tokens.text[i]!;
    let local = imported;
    i++;
    if (tokens.text[i] === 'as' && tokens.kind[i + 1] === 'name') {
      local = tokens.text[i + 1];
      i += 2;
    }
    into.set(local, `${module.name}.${imported}`);
    if (tokens.text[i] !== ',') return i;
    i++;
  }
}

/** The full dotted path `chain` stands for (`nn.Dropout` → `torch.nn.Dropout`), or undefined when its first name is unknown. */
export function resolveName(chain: readonly string[], aliases: ImportAliases): string | undefined {
  const head = aliases.get(chain[0]!) ?? CONVENTIONAL.get(chain[0]!);
  return head === undefined ? undefined : [head, ...chain.slice(1)].join('.');
}
