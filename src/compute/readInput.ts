// A load request -> the tensor the session works on: text is parsed, a file's bytes are read (never
// executed), values that arrive as numbers are checked. Every refusal names what was found.
import type { Tensor } from '../engine/types';
import { parseActivations, type ParseWarning, readTensor } from '../parse';
import { plural } from '../parse/messages';
import type { LoadRequest } from './types';

/** The tensor, with what the text's header and number reading had to say. */
export type InputTensor = Tensor & { columnLabels?: string[]; warning?: ParseWarning };

export function readInput(request: LoadRequest): InputTensor {
  switch (request.kind) {
    case 'tensor':
      return withinLimit(checkedTensor(request.shape, request.data), request);
    case 'file':
      return withinLimit(readTensor(request.bytes, request.fileName, request.name, request.slice), request);
    default:
      return parseActivations(request.text, request.format, {
        dtype: request.dtype,
        origin: request.origin,
        maxValues: request.maxValues,
      });
  }
}

function checkedTensor(shape: number[], data: Float32Array | Float64Array): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0) || n !== data.length) {
    throw new Error(`The values do not fit their shape: [${shape.join(', ')}] holds ${n} values, ${data.length} arrived.`);
  }
  if (shape.length === 0) throw new Error('A single number is not an array: dropout needs values to drop.');
  return { shape: [...shape], dtype: data instanceof Float64Array ? 'float64' : 'float32', data };
}

function withinLimit(tensor: Tensor, request: LoadRequest): Tensor {
  const n = tensor.data.length;
  if (n > request.maxValues) {
    throw new Error(
      `${request.label} has shape [${tensor.shape.join(', ')}]: ${plural(n, 'value', 'values')}, more than the ${plural(request.maxValues, 'value', 'values')} the playground accepts (the maxValues setting). Open a slice of it, or raise the limit.`,
    );
  }
  return tensor;
}
