// The Python that reads a value of a paused program for the playground, and the expressions that run it
// through the debug adapter's `evaluate`. Nothing here knows VS Code: the host sends the expressions and
// decodes the replies (./debugRead.ts).
//
// One evaluate reads the value: `(lambda ns: exec(READER, ns) or ns['result'])({...})` evaluates the user's
// expression in the frame (through the frame's own globals() and locals()), converts it in a namespace of
// its own and returns "<base64 JSON description>:<base64 bytes>". A value above 4 MiB waits under a
// random key in sys.modules for the evaluates that fetch its other parts; the last one removes it.

/** Raw bytes per evaluate reply (a multiple of 8: float64 values never straddle two replies). */
export const CHUNK_BYTES = 1 << 22;

const READER = String.raw`# Reads one value of the paused program as little-endian bytes, for Dropout Playground. It runs through
# exec() in a namespace of its own: nothing is bound in the program's frame, nothing is printed, the value
# is never modified (a tensor is detached and copied, an array converted into a copy).
import sys

_before = set(sys.modules)
import array, binascii, json, warnings  # noqa: E401  (stdlib; removed again below if the program had not loaded them)

_ours = set(sys.modules) - _before


def fail(kind, message):
    return {'ok': False, 'error': kind, 'message': message}


def name_of(v):
    t = type(v)
    return t.__name__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__name__


def too_large(shape, n, limit):
    return fail('tooLarge', '%s has shape [%s]: %s values, more than the %s values the playground accepts (the maxValues setting). '
                'Open a slice of it (e.g. %s[:%d]) or raise the limit.'
                % (expr, ', '.join(str(d) for d in shape), format(n, ','), format(limit, ','), expr, max(1, limit // max(1, n // shape[0]))))


def converted_note(source, out):
    if source == out:
        return None
    if source.startswith('int') or source.startswith('uint'):
        return '%s values, shown as %s (exact up to 2^24 = 16,777,216 in magnitude)' % (source, out)
    if source == 'bool':
        return 'bool values, shown as %s 0 and 1' % out
    return '%s values, shown as %s' % (source, out)


def to_host(tensor, dtype):
    # detach(): no autograd history and the tensor's requires_grad untouched; to(): a copy on the CPU (from CUDA,
    # MPS, XLA…) in the dtype the playground computes in, so the device's memory and the tensor stay as they were.
    return tensor.detach().to(device='cpu', dtype=dtype).contiguous()


def torch_bytes(t, torch, np):
    if np is not None:
        try:
            return np.asarray(t.numpy(), dtype='<f8' if t.dtype == torch.float64 else '<f4').tobytes()
        except Exception:  # a torch built without NumPy support
            pass
    values = array.array('d' if t.dtype == torch.float64 else 'f', t.reshape(-1).tolist())
    if sys.byteorder != 'little':
        values.byteswap()
    return values.tobytes()


def read_torch(v, torch, np):
    shape = list(v.shape)
    n = v.numel()
    if n > limit:
        return too_large(shape, n, limit)
    source = str(v.dtype).replace('torch.', '')
    if v.is_complex():
        return fail('notNumbers', '%s is a %s tensor: complex values cannot be dropped out here' % (expr, source))
    out = torch.float64 if v.dtype == torch.float64 else torch.float32
    t = to_host(v, out)
    reply = meta('torch', 'torch.Tensor', source, 'float64' if out == torch.float64 else 'float32', shape, torch_bytes(t, torch, np))
    if isinstance(reply, tuple):
        reply[0]['device'] = str(v.device)
        reply[0]['requiresGrad'] = bool(v.requires_grad)
    return reply


def read_numpy(v, np, type_name):
    a = np.asarray(v)
    shape = list(a.shape)
    if a.size > limit:
        return too_large(shape, a.size, limit)
    kind = a.dtype.kind
    source = a.dtype.name
    if kind == 'c':
        return fail('notNumbers', '%s is a %s array: complex values cannot be dropped out here' % (expr, source))
    if kind not in 'fiub':
        return fail('notNumbers', '%s is a %s of dtype %s, not numbers' % (expr, type_name, a.dtype.str.lstrip('<>|=')))
    out = 'float64' if (kind == 'f' and a.dtype.itemsize >= 8) else 'float32'
    data = np.ascontiguousarray(a, dtype='<f8' if out == 'float64' else '<f4').tobytes()
    return meta('numpy' if type_name.startswith('numpy') else 'array', type_name, source, out, shape, data)


def read_list(v):
    shape = []
    probe = v
    while isinstance(probe, (list, tuple)):
        shape.append(len(probe))
        if not probe:
            break
        probe = probe[0]
    n = 1
    for d in shape:
        n *= d
    if n == 0:
        return fail('notNumbers', '%s is an empty %s: there are no values to drop' % (expr, type(v).__name__))
    if n > limit:
        return too_large(shape, n, limit)
    flat = []

    def walk(x, depth, where):
        if depth == len(shape):
            if isinstance(x, (str, bytes, list, tuple)) or not hasattr(x, '__float__'):
                raise ValueError('%s%s is a %s, not a number' % (expr, where, name_of(x)))
            flat.append(float(x))
            return
        if not isinstance(x, (list, tuple)) or len(x) != shape[depth]:
            found = ('%d value%s' % (len(x), '' if len(x) == 1 else 's')) if isinstance(x, (list, tuple)) else 'a %s' % name_of(x)
            raise ValueError('%s%s has %s where %d were expected: the rows must all be as long' % (expr, where, found, shape[depth]))
        for i, y in enumerate(x):
            walk(y, depth + 1, where + '[%d]' % i)

    try:
        walk(v, 0, '')
    except ValueError as e:
        return fail('notNumbers', str(e))
    out = opts['dtype']
    values = array.array('d' if out == 'float64' else 'f', flat)
    if sys.byteorder != 'little':
        values.byteswap()
    return meta('list', type(v).__name__, None, out, shape, values.tobytes())


def meta(kind, type_name, source, out, shape, data):
    n = 1
    for d in shape:
        n *= d
    if not shape:
        return fail('notNumbers', '%s is a single number (%s), not an array or tensor' % (expr, type_name))
    reply = {'ok': True, 'kind': kind, 'type': type_name, 'dtype': out, 'shape': shape, 'bytes': len(data),
             'chunks': max(1, -(-len(data) // CHUNK))}
    note = converted_note(source, out) if source else None
    if note:
        reply['note'] = note
    if len(data) > CHUNK:
        token = '_dropout_playground_' + opts['token']
        sys.modules[token] = data  # the rest waits here for the next evaluates; the last one removes it
        reply['token'] = token
    return reply, data[:CHUNK]


def read():
    try:
        v = eval(expr, g, l)
    except BaseException as e:  # the user's expression raised: its own message, nothing else happened
        return fail('raised', ''.join([type(e).__name__, ': ', str(e)]) if str(e) else type(e).__name__)
    torch = sys.modules.get('torch')
    np = sys.modules.get('numpy')
    if torch is not None and isinstance(v, torch.Tensor):
        return read_torch(v, torch, np)
    if isinstance(v, (list, tuple)):
        return read_list(v)
    if np is not None and (isinstance(v, np.ndarray) or hasattr(type(v), '__array__')):
        return read_numpy(v, np, name_of(v))
    article = 'an' if name_of(v)[:1] in 'aeiou' else 'a'
    return fail('notNumbers', '%s is %s %s, not an array or tensor' % (expr, article, name_of(v)))


def encode(reply):
    data = b''
    if isinstance(reply, tuple):
        reply, data = reply
    text = binascii.b2a_base64(json.dumps(reply).encode('utf-8'), newline=False).decode('ascii')
    return text + ':' + binascii.b2a_base64(data, newline=False).decode('ascii')


try:
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            result = encode(read())
        except Exception as e:
            result = encode(fail('failed', '%s could not be read: %s: %s' % (expr, type(e).__name__, e)))
finally:
    for _name in _ours:
        sys.modules.pop(_name, None)
`;

const CHUNK_READER = String.raw`# Sends the next part of a value read earlier, and forgets it after the last part (or when asked to).
import sys

_before = set(sys.modules)
import binascii  # noqa: E402

_ours = set(sys.modules) - _before
try:
    data = sys.modules.get(token)
    start = index * CHUNK
    result = '' if data is None else binascii.b2a_base64(memoryview(data)[start:start + CHUNK], newline=False).decode('ascii')
    if data is not None and start + CHUNK >= len(data):
        sys.modules.pop(token, None)
finally:
    for _name in _ours:
        sys.modules.pop(_name, None)
`;

/** A Python string literal (a JSON string is one: the same escapes, double quotes). */
const py = (text: string) => JSON.stringify(text);

/** The expression that reads `expression` in the stopped frame. `token` names where a large value waits for its other parts. */
export function readExpression(expression: string, options: { maxValues: number; dtype: 'float32' | 'float64'; token: string }): string {
  const limit = Math.max(0, Math.floor(options.maxValues));
  const opts = `{'dtype': ${py(options.dtype)}, 'token': ${py(options.token)}}`;
  return `(lambda ns: exec(${py(READER)}, ns) or ns['result'])({'g': globals(), 'l': locals(), 'expr': ${py(expression)}, 'limit': ${limit}, 'opts': ${opts}, 'CHUNK': ${CHUNK_BYTES}})`;
}

/** The expression that returns part `index` (1, 2, …) of a large value as base64, and forgets the value after its last part. */
export function chunkExpression(key: string, index: number): string {
  return `(lambda ns: exec(${py(CHUNK_READER)}, ns) or ns['result'])({'token': ${py(key)}, 'index': ${index}, 'CHUNK': ${CHUNK_BYTES}})`;
}

/** Forgets a large value whose other parts will not be fetched (the read was abandoned). */
export function releaseExpression(key: string): string {
  return `__import__('sys').modules.pop(${py(key)}, None) and None`;
}

/** What the reader says about a value. */
export type ReadDescription =
  | {
      ok: true;
      /** 'torch', 'numpy' (or another array type read through NumPy: 'array'), 'list'. */
      kind: string;
      /** e.g. 'torch.Tensor', 'numpy.ndarray', 'list'. */
      type: string;
      dtype: 'float32' | 'float64';
      shape: number[];
      bytes: number;
      chunks: number;
      note?: string;
      device?: string;
      requiresGrad?: boolean;
      /** Where the other parts wait, when there are any. */
      token?: string;
    }
  | { ok: false; error: 'raised' | 'notNumbers' | 'tooLarge' | 'failed'; message: string };

/** A reply of the read or of a part: the evaluate result, with the quotes of its repr taken off. */
export function unquote(result: string): string {
  const q = result[0];
  return (q === "'" || q === '"') && result.endsWith(q) ? result.slice(1, -1) : result;
}

/**
 * Splits the read's reply into its description and the first part of the bytes (base64). Anything else
 * (the adapter's own error text, a reply cut short) is undefined.
 */
export function parseReadReply(
  result: string,
  decode: (base64: string) => string,
): { description: ReadDescription; first: string } | undefined {
  const text = unquote(result);
  const colon = text.indexOf(':');
  if (colon < 0 || !/^[A-Za-z0-9+/=]*:[A-Za-z0-9+/=]*$/.test(text)) return undefined;
  try {
    const description = JSON.parse(decode(text.slice(0, colon))) as ReadDescription;
    if (typeof description !== 'object' || description === null || typeof description.ok !== 'boolean') return undefined;
    return { description, first: text.slice(colon + 1) };
  } catch {
    return undefined;
  }
}
