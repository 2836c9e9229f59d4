// "Save Outputs": the input, this seed's train mask and the train output in one .npz file, as NumPy
// reads them (np.load(path)["output"]): the values in the input's dtype, bit for bit as the engine
// made them, each of the input's shape, the mask as booleans (True = kept). Pure.
import type { DType } from '../../engine/types';
import { type NpyArray, npzBytes } from '../../parse/tensorFile/npyWrite';

/** The arrays of one train draw, as the compute side holds them. */
export interface TrainArrays {
  shape: readonly number[];
  dtype: DType;
  input: Float32Array | Float64Array;
  /** 1 = kept, 0 = dropped. */
  mask: Uint8Array;
  output: Float32Array | Float64Array;
}

/** The members of the file, in order, by the names np.load gives them. */
export const OUTPUTS_FILE_MEMBERS = ['output', 'mask', 'input'] as const;

function values(dtype: DType, shape: readonly number[], data: Float32Array | Float64Array): NpyArray {
  return dtype === 'float64' ? { dtype, shape, data: data as Float64Array } : { dtype, shape, data: data as Float32Array };
}

/** The .npz bytes of the draw. */
export function outputsFile({ shape, dtype, input, mask, output }: TrainArrays): Uint8Array {
  return npzBytes({
    output: values(dtype, shape, output),
    mask: { dtype: 'bool', shape, data: mask },
    input: values(dtype, shape, input),
  });
}
