// Tensor files -> tensors: .npy, .npz, .safetensors, and .pt/.pth written by torch.save. Pure, from
// bytes: listing reads only headers (the .npy header, the safetensors header, the zip directory and
// torch's pickle), reading one tensor reads only its values. Nothing in a file is ever executed.
import type { Tensor } from '../../engine/types';
import { type ElementLayout, readElements } from './elements';
import { FileFormatError } from './error';
import { npyLayout } from './npy';
import { safetensorsLayouts } from './safetensors';
import { sliceLayout, type TensorSlice } from './slice';
import { torchLayouts } from './torch';
import { isZip, zipEntries, zipEntryData, zipEntryStart } from './zip';

export { FileFormatError } from './error';
export { isWhole, slicedShape, sliceProblem, type TensorSlice } from './slice';
export { playgroundDType } from './elements';

/** One tensor of a file, as listing shows it: `dtype` as the file names it ('float16', 'bfloat16', 'int64', …). */
export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: string;
}

type Kind = 'npy' | 'npz' | 'safetensors' | 'torch';

function kindOf(fileName: string): Kind {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'npy':
      return 'npy';
    case 'npz':
      return 'npz';
    case 'safetensors':
      return 'safetensors';
    case 'pt':
    case 'pth':
      return 'torch';
  }
  throw new FileFormatError(`${fileName} is not a tensor file the playground reads (.npy, .npz, .safetensors, .pt, .pth)`, 0);
}

/** The file's own name without folders and extension: a .npy's one entry. */
export function stem(fileName: string): string {
  return (fileName.split(/[/\\]/).pop() ?? fileName).replace(/\.[^.]+$/, '');
}

/** Each tensor with the bytes its layout points into (a .npz entry is inflated on its own). */
interface Located {
  name: string;
  bytes: Uint8Array;
  layout: () => ElementLayout;
}

function locate(bytes: Uint8Array, fileName: string): Located[] {
  switch (kindOf(fileName)) {
    case 'npy':
      return [{ name: stem(fileName), bytes, layout: () => npyLayout(bytes) }];
    case 'safetensors':
      return safetensorsLayouts(bytes).map(({ name, layout }) => ({ name, bytes, layout: () => layout }));
    case 'npz': {
      if (!isZip(bytes)) throw new FileFormatError('Not a .npz file: it is not a zip', 0);
      return zipEntries(bytes)
        .filter((e) => e.name.endsWith('.npy'))
        .map((entry) => {
          let data: Uint8Array | undefined;
          const entryBytes = () => (data ??= zipEntryData(bytes, entry));
          const located: Located = {
            name: entry.name.slice(0, -'.npy'.length),
            get bytes() {
              return entryBytes();
            },
            layout: () => {
              const start = zipEntryStart(bytes, entry);
              return npyLayout(entryBytes(), entry.method === 0 ? (position) => start + position : () => start);
            },
          };
          return located;
        });
    }
    case 'torch': {
      if (!isZip(bytes)) {
        throw new FileFormatError('Not a zip: only torch.save files in the zip format (the default since PyTorch 1.6) are read', 0);
      }
      return torchLayouts(bytes, zipEntries(bytes)).map(({ name, layout }) => ({
        name: name || stem(fileName),
        bytes,
        layout: () => layout,
      }));
    }
  }
}

/** The tensors in the file, in file order, without reading their values. */
export function listTensors(bytes: Uint8Array, fileName: string): TensorEntry[] {
  return locate(bytes, fileName).map((t) => {
    const { shape, dtype } = t.layout();
    return { name: t.name, shape: [...shape], dtype };
  });
}

/**
 * One tensor of the file (the first when `name` is omitted), in C order: float64 stays float64, the
 * rest become float32. `slice` reads only a part: an index per leading axis, then the first rows of the
 * next axis (a larger row count reads them all).
 */
export function readTensor(bytes: Uint8Array, fileName: string, name?: string, slice: TensorSlice = {}): Tensor {
  const all = locate(bytes, fileName);
  const chosen = name === undefined ? all[0] : all.find((t) => t.name === name);
  if (!chosen) {
    if (all.length === 0) throw new FileFormatError(`${stem(fileName)} holds no tensors`, 0);
    throw new FileFormatError(`There is no tensor "${name}" in the file; it holds ${all.map((t) => t.name).join(', ')}`, 0);
  }
  // The strides stay: a part of any layout (transposed, Fortran-ordered) is an offset and fewer axes.
  return readElements(chosen.bytes, sliceLayout(chosen.layout(), slice));
}
