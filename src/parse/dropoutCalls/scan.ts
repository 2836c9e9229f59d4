// Finds the dropout calls in Python source: which framework's, which variant, the drop probability
// when it is a literal (a keep probability converted), the axes that share a mask value, and, for
// torch's functional dropout, whether `training` is passed and whether the call sits in a method of
// an nn.Module (where forgetting it leaves dropout on in eval). One pass over the tokens; nothing in
// a string or a comment is ever taken for a call.
import { type ChannelSharing, type CodeFramework, type CodeVariant, type DropoutApi, dropoutApi } from './apis';
import { collectImports, type ImportAliases, resolveName } from './imports';
import { type Tokens, tokenize } from './pythonTokens';

/** The drop probability as the call gives it. */
export type Probability =
  /** A number literal (`0.3`, `keep_prob=0.8` → p = 0.2). */
  | { kind: 'literal'; p: number; written: string; parameter: ProbabilityParameter }
  /** Not passed: the framework's default. */
  | { kind: 'default'; p: number; parameter: ProbabilityParameter }
  /** A name or expression, a number outside [0, 1], or not passed where the framework requires it: the user says. */
  | { kind: 'ask'; reason: 'expression' | 'outOfRange' | 'missing'; written?: string; parameter: ProbabilityParameter };

export type ProbabilityParameter = 'p' | 'rate' | 'keep_prob';

export interface DropoutCall {
  /** The callee as written, e.g. `nn.Dropout2d`. */
  callee: string;
  /** Its full dotted path, e.g. `torch.nn.Dropout2d`. */
  api: string;
  framework: CodeFramework;
  variant: CodeVariant;
  probability: Probability;
  /** The axes that share one mask value, when the API shares any. */
  sharing?: ChannelSharing;
  /** Offsets of the call in the source: the callee's first character to just after its `)`. */
  start: number;
  end: number;
  /** torch's functional forms only: whether `training` is passed (by keyword, position, or possibly through `*`/`**`). */
  trainingPassed?: boolean;
  /** Whether the call is inside a method (taking `self`) of a class derived from torch's nn.Module. */
  inModuleMethod: boolean;
  /** The offset just after the last argument (where another argument goes); undefined with no arguments. */
  lastArgumentEnd?: number;
}

export interface ScanOptions {
  /** Names bound elsewhere (a notebook's other cells), used where this source does not bind them itself. */
  imports?: ImportAliases;
}

/** The import aliases `source` binds: for scanning other sources that share its names (a notebook's cells). */
export function importsOf(source: string, into?: ImportAliases): ImportAliases {
  return collectImports(tokenize(source), into);
}

/** Every dropout call in `source`, in source order (a call nested in another's arguments after it). */
export function scanDropoutCalls(source: string, options: ScanOptions = {}): DropoutCall[] {
  const tokens = tokenize(source);
  const aliases = collectImports(tokens, new Map(options.imports ?? []));
  const calls: DropoutCall[] = [];
  const blocks = new BlockStack();
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.indent[i]! >= 0) blocks.enterLine(tokens, i, aliases);
    if (tokens.kind[i] !== 'name' || !startsChain(tokens, i)) continue;
    let j = i + 1;
    while (tokens.text[j] === '.' && tokens.kind[j + 1] === 'name') j += 2;
    if (tokens.text[j] !== '(') continue;
    const chain: string[] = [];
    for (let k = i; k < j; k += 2) chain.push(tokens.text[k]!);
    const path = resolveName(chain, aliases);
    const found = path === undefined ? undefined : dropoutApi(path);
    if (!found) continue;
    const args = readArguments(tokens, j);
    if (!args) continue;
    const call = describeCall(source, tokens, found.api, args.list);
    if (!call) continue;
    calls.push({
      callee: chain.join('.'),
      api: found.path,
      framework: found.api.framework,
      variant: found.api.variant,
      ...call,
      start: tokens.start[i]!,
      end: tokens.end[args.close],
      inModuleMethod: blocks.inModuleMethod(),
      ...(args.list.length ? { lastArgumentEnd: tokens.end[args.list.at(-1)!.end - 1] } : {}),
    });
  }
  return calls;
}

/** Keywords after which a name is being defined or imported, not called. */
const NOT_A_CALL_AFTER = new Set(['def', 'class', 'import', 'as']);

/** Whether the name at `i` begins a dotted chain (not `x.Dropout`'s tail, not a definition's name). */
function startsChain(tokens: Tokens, i: number): boolean {
  if (i === 0) return true;
  const previous = tokens.text[i - 1]!;
  return previous !== '.' && !(tokens.kind[i - 1] === 'name' && NOT_A_CALL_AFTER.has(previous));
}

/** One argument: token indices [start, end), with its keyword or splat. */
interface Argument {
  start: number;
  end: number;
  keyword?: string;
  splat?: '*' | '**';
}

/** The arguments of the call whose `(` is at `open`, and the index of its `)`; undefined when it never closes. */
function readArguments(tokens: Tokens, open: number): { list: Argument[]; close: number } | undefined {
  const list: Argument[] = [];
  let depth = 0;
  let start = open + 1;
  const finish = (end: number) => {
    if (end === start) return;
    const first = tokens.text[start]!;
    const argument: Argument = { start, end };
    if (tokens.kind[start] === 'name' && tokens.text[start + 1] === '=') argument.keyword = first;
    else if (first === '*' || first === '**') argument.splat = first;
    list.push(argument);
  };
  for (let k = open + 1; k < tokens.count; k++) {
    const text = tokens.kind[k] === 'op' ? tokens.text[k] : '';
    if (text === '(' || text === '[' || text === '{') depth++;
    else if (text === ')' || text === ']' || text === '}') {
      if (depth === 0) {
        finish(k);
        return { list, close: k };
      }
      depth--;
    } else if (text === ',' && depth === 0) {
      finish(k);
      start = k + 1;
    } else if (tokens.kind[k] === 'newline') return undefined;
  }
  return undefined;
}

/** What the arguments say; undefined when the call is not this API after all (tf.nn.dropout without keep_prob). */
function describeCall(
  source: string,
  tokens: Tokens,
  api: DropoutApi,
  args: readonly Argument[],
): Pick<DropoutCall, 'probability' | 'sharing' | 'trainingPassed'> | undefined {
  const firstKeyword = args.findIndex((a) => a.keyword !== undefined || a.splat !== undefined);
  const positional = firstKeyword < 0 ? args : args.slice(0, firstKeyword);
  const splat = args.some((a) => a.splat !== undefined);
  const valueOf = (keyword: string, position?: number): Argument | undefined => {
    const named = args.find((a) => a.keyword === keyword);
    if (named) return { start: named.start + 2, end: named.end };
    return position !== undefined ? positional[position] : undefined;
  };

  let probability: Probability | undefined;
  for (const way of api.probability) {
    const arg = valueOf(way.keyword, api.keywordRequired ? undefined : way.position);
    if (arg) {
      probability = probabilityFrom(source, tokens, arg, way.keyword);
      break;
    }
  }
  if (!probability) {
    if (api.keywordRequired) return undefined;
    const parameter = api.probability[0]!.keyword;
    probability =
      api.defaultP !== undefined && !splat
        ? { kind: 'default', p: api.defaultP, parameter }
        : { kind: 'ask', reason: 'missing', parameter };
  }

  let sharing = api.sharing;
  if (api.broadcastDims) {
    const arg = valueOf('broadcast_dims', api.broadcastDims.position);
    const axes = arg && intTuple(tokens, arg);
    if (axes?.length) sharing = { kind: 'axes', axes };
  }
  if (api.dataFormat && sharing?.kind === 'kerasSpatial') {
    const arg = valueOf('data_format');
    const format = arg && stringLiteral(source, tokens, arg);
    if (format === 'channels_first') sharing = { ...sharing, channelsFirst: true };
  }

  return {
    probability,
    ...(sharing ? { sharing } : {}),
    ...(api.training
      ? { trainingPassed: splat || args.some((a) => a.keyword === 'training') || positional.length > api.training.position }
      : {}),
  };
}

function probabilityFrom(source: string, tokens: Tokens, arg: Argument, parameter: ProbabilityParameter): Probability {
  const written = source
    .slice(tokens.start[arg.start], tokens.end[arg.end - 1])
    .replace(/\s+/g, ' ')
    .trim();
  const value = numberLiteral(tokens, arg);
  if (value === undefined) return { kind: 'ask', reason: 'expression', written, parameter };
  if (!(value >= 0 && value <= 1)) return { kind: 'ask', reason: 'outOfRange', written, parameter };
  // 1 − keep in float64 is 0.19999999999999996 for 0.8: the p the user means has the literal's precision.
  const p = parameter === 'keep_prob' ? Number((1 - value).toPrecision(15)) : value;
  return { kind: 'literal', p, written, parameter };
}

const DECIMAL = /^(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

/** A decimal number literal, optionally signed; undefined for anything else (names, hex, complex, arithmetic). */
function numberLiteral(tokens: Tokens, arg: Argument): number | undefined {
  let k = arg.start;
  let sign = 1;
  if (tokens.text[k] === '-' || tokens.text[k] === '+') {
    if (tokens.text[k] === '-') sign = -1;
    k++;
  }
  const text = tokens.text[k]!;
  if (k !== arg.end - 1 || tokens.kind[k] !== 'number' || !DECIMAL.test(text)) return undefined;
  return sign * Number(text.replace(/_/g, ''));
}

/** A literal tuple or list of whole numbers (`(1, 2)`, `[-1]`, `()`); undefined for anything else. */
function intTuple(tokens: Tokens, arg: Argument): number[] | undefined {
  const open = tokens.text[arg.start];
  const close = tokens.text[arg.end - 1];
  if (!((open === '(' && close === ')') || (open === '[' && close === ']'))) return undefined;
  const axes: number[] = [];
  let k = arg.start + 1;
  while (k < arg.end - 1) {
    const sign = tokens.text[k] === '-' ? -1 : 1;
    if (sign < 0) k++;
    if (tokens.kind[k] !== 'number' || !/^\d+$/.test(tokens.text[k]!)) return undefined;
    axes.push(sign * Number(tokens.text[k]));
    k++;
    if (tokens.text[k] === ',') k++;
    else if (k !== arg.end - 1) return undefined;
  }
  return axes;
}

/** A plain string literal's text (no prefix, no escapes); undefined for anything else. */
function stringLiteral(source: string, tokens: Tokens, arg: Argument): string | undefined {
  if (arg.end - arg.start !== 1 || tokens.kind[arg.start] !== 'string') return undefined;
  const text = source.slice(tokens.start[arg.start], tokens.end[arg.start]);
  const match = /^(['"])([\w-]*)\1$/.exec(text);
  return match?.[2];
}

/** torch.nn.Module, and the base classes that derive from it without saying so in their name. */
const MODULE_BASES = new Set(['torch.nn.Module', 'torch.nn.modules.module.Module']);

/** The class and def blocks around the current line, from its indentation. */
class BlockStack {
  private readonly blocks: { indent: number; kind: 'class' | 'def'; module: boolean; self: boolean }[] = [];
  /** Classes of this source that derive from nn.Module: a class derived from one of them is a module too. */
  private readonly moduleClasses = new Set<string>();

  /** Called at the first token of each logical line. */
  enterLine(tokens: Tokens, i: number, aliases: ImportAliases): void {
    const indent = tokens.indent[i]!;
    while (this.blocks.length && this.blocks.at(-1)!.indent >= indent) this.blocks.pop();
    const k = tokens.text[i] === 'async' ? i + 1 : i;
    if (tokens.kind[k] !== 'name') return;
    if (tokens.text[k] === 'def') {
      // A method reaches `self.training` only through its `self` (not a staticmethod, not a classmethod's cls).
      this.blocks.push({ indent, kind: 'def', module: false, self: tokens.text[k + 2] === '(' && tokens.text[k + 3] === 'self' });
    } else if (tokens.text[k] === 'class') {
      const name = tokens.kind[k + 1] === 'name' ? tokens.text[k + 1] : '';
      const module = tokens.text[k + 2] === '(' && this.derivesFromModule(tokens, k + 2, aliases);
      if (module) this.moduleClasses.add(name);
      this.blocks.push({ indent, kind: 'class', module, self: false });
    }
  }

  /** Whether the innermost class around here derives from nn.Module and here is inside one of its methods taking `self`. */
  inModuleMethod(): boolean {
    for (let b = this.blocks.length - 1; b >= 0; b--) {
      if (this.blocks[b]!.kind === 'class') return this.blocks[b]!.module && this.blocks[b + 1]?.self === true;
    }
    return false;
  }

  private derivesFromModule(tokens: Tokens, open: number, aliases: ImportAliases): boolean {
    const bases = readArguments(tokens, open);
    if (!bases) return false;
    return bases.list.some((base) => {
      if (base.keyword || base.splat) return false;
      const chain: string[] = [];
      for (let k = base.start; k < base.end; k += 2) {
        if (tokens.kind[k] !== 'name' || (k + 1 < base.end && tokens.text[k + 1] !== '.')) return false;
        chain.push(tokens.text[k]);
      }
      const path = resolveName(chain, aliases);
      if (path !== undefined) return MODULE_BASES.has(path) || chain.at(-1) === 'LightningModule';
      return (chain.length === 1 && (chain[0] === 'Module' || this.moduleClasses.has(chain[0]!))) || chain.at(-1) === 'LightningModule';
    });
  }
}
