// A pickle read as data, never run: the opcodes that torch.save uses for tensors and their
// containers (protocols 2 to 5) build plain values; a GLOBAL is looked up in a short allow-list of
// what torch.save writes for tensors (the tensor and parameter rebuilders, storage types,
// OrderedDict). Anything else (a model class, a function) stops the reading with a FileFormatError
// that names it.
import { FileFormatError } from './error';

/** A storage the pickle points at: its element type's torch name, and the zip entry that holds it. */
export interface StorageRef {
  kind: 'storage';
  storageType: string;
  key: string;
}

/** What torch._utils._rebuild_tensor_v2 would build: where the values are, not the values. */
export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  offset: number;
  shape: number[];
  stride: number[];
}

/** A GLOBAL from the allow-list: called by REDUCE, never executed as Python. */
interface Callable {
  kind: 'callable';
  name: string;
  call(args: unknown[], at: number): unknown;
}

const MARK = Symbol('mark');

function isTuple(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function toInts(value: unknown, what: string, at: number): number[] {
  if (!isTuple(value) || !value.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) {
    throw new FileFormatError(`The tensor's ${what} is not a tuple of integers`, at);
  }
  return value as number[];
}

function rebuildTensor(args: unknown[], at: number): TensorRef {
  const [storage, offset, shape, stride] = args;
  if (typeof storage !== 'object' || storage === null || (storage as StorageRef).kind !== 'storage') {
    throw new FileFormatError('A tensor in the pickle has no storage', at);
  }
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
    throw new FileFormatError('A tensor has no valid storage offset', at);
  return { kind: 'tensor', storage: storage as StorageRef, offset, shape: toInts(shape, 'size', at), stride: toInts(stride, 'stride', at) };
}

const STORAGE_TYPES = [
  'FloatStorage',
  'DoubleStorage',
  'HalfStorage',
  'BFloat16Storage',
  'LongStorage',
  'IntStorage',
  'ShortStorage',
  'CharStorage',
  'ByteStorage',
  'BoolStorage',
];

/** The allow-list: module.name → what a REDUCE of it builds. */
function allowed(module: string, name: string): Callable | { kind: 'storageType'; name: string } | undefined {
  const full = `${module}.${name}`;
  switch (full) {
    case 'torch._utils._rebuild_tensor_v2':
    case 'torch._utils._rebuild_tensor':
      return { kind: 'callable', name: full, call: rebuildTensor };
    case 'torch._utils._rebuild_parameter':
      return {
        kind: 'callable',
        name: full,
        call: (args, at) => {
          if ((args[0] as TensorRef)?.kind !== 'tensor') throw new FileFormatError('A parameter in the pickle holds no tensor', at);
          return args[0];
        },
      };
    case 'collections.OrderedDict':
      return { kind: 'callable', name: full, call: () => new Map<unknown, unknown>() };
  }
  if (module === 'torch' && STORAGE_TYPES.includes(name)) return { kind: 'storageType', name };
  return undefined;
}

/** Reads a torch.save pickle into plain values: Maps (dicts), arrays (lists, tuples), TensorRefs, numbers, strings. */
export function readPickle(bytes: Uint8Array, base = 0): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new FileFormatError('The pickle is cut off', base + bytes.length);
  };
  const u8 = () => (need(1), bytes[pos++]);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const text = (n: number) => (need(n), (pos += n), decoder.decode(bytes.subarray(pos - n, pos)));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new FileFormatError('The pickle is cut off', base + bytes.length);
    const s = decoder.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = () => {
    if (stack.length === 0) throw new FileFormatError('The pickle pops an empty stack', base + pos);
    const v = stack.pop();
    if (v === MARK) throw new FileFormatError('The pickle pops a mark', base + pos);
    return v;
  };
  const popToMark = () => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) throw new FileFormatError('The pickle has no mark to pop to', base + pos);
    const items = stack.splice(i + 1);
    stack.pop();
    return items;
  };
  const top = () => {
    if (stack.length === 0) throw new FileFormatError('The pickle reads an empty stack', base + pos);
    return stack[stack.length - 1];
  };
  const setItems = (target: unknown, items: unknown[], at: number) => {
    if (!(target instanceof Map)) throw new FileFormatError('The pickle sets items on something that is not a dict', at);
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  const append = (target: unknown, items: unknown[], at: number) => {
    if (!Array.isArray(target)) throw new FileFormatError('The pickle appends to something that is not a list', at);
    target.push(...items);
  };
  const persistent = (id: unknown, at: number): StorageRef => {
    // ('storage', <storage type>, key, location, numel)
    if (!isTuple(id) || id[0] !== 'storage' || typeof id[2] !== 'string')
      throw new FileFormatError('The pickle names a persistent object that is not a storage', at);
    const type = id[1] as { kind?: string; name?: string };
    if (type?.kind !== 'storageType' || typeof type.name !== 'string')
      throw new FileFormatError('A storage in the pickle has no known type', at);
    return { kind: 'storage', storageType: type.name, key: id[2] };
  };
  const global = (module: string, name: string, at: number) => {
    const found = allowed(module, name);
    if (!found) {
      throw new FileFormatError(
        `The file holds a ${module}.${name} object, which is never loaded: only what torch.save writes for tensors (a tensor, or a dict, list or tuple of them) is read`,
        at,
      );
    }
    return found;
  };

  for (;;) {
    const at = base + pos;
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        u8();
        break;
      case 0x95: // FRAME
        need(8);
        pos += 8;
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x4a: // BININT
        need(4);
        pos += 4;
        stack.push(view.getInt32(pos - 4, true));
        break;
      case 0x8a: {
        // LONG1: a little-endian two's-complement integer of n bytes
        const n = u8();
        need(n);
        let value = 0n;
        for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[pos + i]);
        if (n > 0 && bytes[pos + n - 1] & 0x80) value -= 1n << BigInt(8 * n);
        pos += n;
        stack.push(Number(value));
        break;
      }
      case 0x47: // BINFLOAT (big-endian)
        need(8);
        pos += 8;
        stack.push(view.getFloat64(pos - 8, false));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x54: // BINSTRING
        stack.push(text(u32()));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(text(u8()));
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x74: // TUPLE
        stack.push(popToMark());
        break;
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) throw new FileFormatError(`The pickle gets memo ${key}, which was never put`, at);
        stack.push(memo.get(key));
        break;
      }
      case 0x63: // GLOBAL module\nname\n
        stack.push(global(line(), line(), at));
        break;
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string')
          throw new FileFormatError('The pickle names a global that is not text', at);
        stack.push(global(module, name, at));
        break;
      }
      case 0x51: // BINPERSID
        stack.push(persistent(pop(), at));
        break;
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop() as Callable;
        if (callable?.kind !== 'callable' || !isTuple(args))
          throw new FileFormatError('The pickle calls something that is not an allowed constructor', at);
        stack.push(callable.call(args, at));
        break;
      }
      case 0x62: // BUILD: state for an object; torch's tensors and OrderedDicts need none of it
        pop();
        break;
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value], at);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popToMark();
        setItems(top(), items, at);
        break;
      }
      case 0x61: {
        // APPEND
        const value = pop();
        append(top(), [value], at);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popToMark();
        append(top(), items, at);
        break;
      }
      default:
        throw new FileFormatError(
          `The pickle uses opcode 0x${op.toString(16).padStart(2, '0')}, which torch.save does not write for tensors`,
          at,
        );
    }
  }
}
