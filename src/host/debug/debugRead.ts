// Reads a value of a paused Python program through the Debug Adapter Protocol: one `evaluate` converts the
// value and returns its description with its first 4 MiB, further evaluates return the rest. The
// `clipboard` context: debugpy cuts other contexts' results at 65,540 characters.
import { decodeBase64Into, decodeBase64Text } from './base64';
import {
  CHUNK_BYTES,
  chunkExpression,
  parseReadReply,
  type ReadDescription,
  readExpression,
  releaseExpression,
  unquote,
} from './pythonReader';

/** What the read needs of a debug session (vscode.DebugSession has it). */
export interface EvaluateTarget {
  customRequest(command: string, args?: unknown): Thenable<unknown>;
}

export type ReadValue =
  | { ok: true; shape: number[]; data: Float32Array | Float64Array; description: Extract<ReadDescription, { ok: true }> }
  | { ok: false; message: string; reason: Extract<ReadDescription, { ok: false }>['error'] | 'adapter' };

export interface ReadOptions {
  maxValues: number;
  /** The dtype lists of Python numbers become (arrays and tensors keep float64, or become float32). */
  dtype: 'float32' | 'float64';
}

export async function readDebugValue(
  session: EvaluateTarget,
  frameId: number,
  expression: string,
  options: ReadOptions,
): Promise<ReadValue> {
  const token = randomToken();
  let reply;
  try {
    reply = parseReadReply(await evaluate(session, frameId, readExpression(expression, { ...options, token })), decodeBase64Text);
  } catch (error) {
    return { ok: false, reason: 'adapter', message: adapterMessage(error) };
  }
  if (!reply) return { ok: false, reason: 'adapter', message: `The debugger did not return ${expression}'s values.` };
  const { description, first } = reply;
  if (!description.ok) return { ok: false, reason: description.error, message: description.message };
  try {
    const bytes = new Uint8Array(description.bytes);
    let at = decodeBase64Into(first, bytes);
    for (let part = 1; part < description.chunks; part++) {
      at += decodeBase64Into(
        unquote(await evaluate(session, frameId, chunkExpression(description.token ?? '', part))),
        bytes,
        part * CHUNK_BYTES,
      );
    }
    const n = description.shape.reduce((a, b) => a * b, 1);
    const size = description.dtype === 'float64' ? 8 : 4;
    if (at !== description.bytes || n * size !== at) throw new Error(`${at} bytes arrived for ${n} ${description.dtype} values.`);
    const data = description.dtype === 'float64' ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
    return { ok: true, shape: description.shape, data, description };
  } catch (error) {
    if (description.token) await evaluate(session, frameId, releaseExpression(description.token)).then(undefined, () => undefined);
    return { ok: false, reason: 'adapter', message: `${expression}'s values did not arrive whole: ${adapterMessage(error)}` };
  }
}

async function evaluate(session: EvaluateTarget, frameId: number, expression: string): Promise<string> {
  const response = (await session.customRequest('evaluate', { expression, frameId, context: 'clipboard' })) as
    { result?: unknown } | undefined;
  if (typeof response?.result !== 'string') throw new Error('The debugger returned no result.');
  return response.result;
}

function adapterMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where a large value waits between evaluates: unguessable, so it never meets a name of the program's. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
