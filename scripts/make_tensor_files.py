#!/usr/bin/python3
"""Writes the tensor-file fixtures in test/fixtures/tensorFiles/ with the real libraries.

Run with Debian's python3-numpy and python3-torch:  /usr/bin/python3 scripts/make_tensor_files.py
- .npy and .npz by NumPy (C and Fortran order, big-endian, every dtype the playground reads);
- .pt by torch.save (one tensor, a state_dict, nested containers, views with offsets and strides,
  half, bfloat16, int64, bool) and one file that holds a model object, which must be refused;
- .safetensors by the small writer below, which follows the format's published specification
  (the safetensors package is not in Debian): an 8-byte little-endian header size, the JSON
  header, then the data in header order.
expected.json gives, per file, every entry's name, shape, dtype and its values in C order as
NumPy reads them (float64 stays float64, every other dtype through float32). The values are the same
on every run; the bytes of the zips are not quite (np.savez stamps the time of writing).
"""
import json
import math
import os
import struct

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'tensorFiles')


def enc(v):
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def values(a):
    """C-order values as the playground holds them: float64 kept, everything else through float32."""
    a = np.ascontiguousarray(a)
    a = a.astype(np.float64) if a.dtype.kind == 'f' and a.dtype.itemsize == 8 else a.astype(np.float32)
    return [enc(v) for v in a.ravel().tolist()]


def entry(name, a, dtype=None):
    return {'name': name, 'shape': list(a.shape), 'dtype': dtype or str(a.dtype), 'values': values(a)}


def ramp(shape, dtype=np.float32, scale=0.37):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * scale) * 3).reshape(shape).astype(dtype)


def write_safetensors(path, tensors):
    """The safetensors layout, per its specification, for a dict of C-contiguous NumPy arrays."""
    names = {np.dtype('float16'): 'F16', np.dtype('float32'): 'F32', np.dtype('float64'): 'F64', np.dtype('int8'): 'I8',
             np.dtype('int32'): 'I32', np.dtype('int64'): 'I64', np.dtype('uint8'): 'U8', np.dtype('bool'): 'BOOL'}
    header, blobs, offset = {'__metadata__': {'format': 'np'}}, [], 0
    for name, a in tensors.items():
        data = np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': names[a.dtype], 'shape': list(a.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)  # the spec pads the header with spaces to an 8-byte boundary
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}

    # .npy: one entry, named after the file.
    special = np.array([[1.5, -0.0, np.nan], [np.inf, -np.inf, 65504.0]], dtype=np.float32)
    npys = {
        'c_float32.npy': ramp((3, 4)),
        'c_float64.npy': ramp((2, 3), np.float64),
        'fortran_float32.npy': np.asfortranarray(ramp((3, 4))),
        'bigendian_float64.npy': ramp((5,), np.float64).astype('>f8'),
        'bigendian_int32.npy': (np.arange(6, dtype=np.int32) * 1000 - 2500).astype('>i4').reshape(2, 3),
        'float16.npy': ramp((2, 5), np.float16),
        'int64.npy': np.array([-(2**40), -1, 0, 7, 2**24 + 1], dtype=np.int64),
        'uint8.npy': np.arange(0, 250, 50, dtype=np.uint8),
        'bool.npy': np.array([[True, False], [False, True]]),
        'special.npy': special,
        'nchw.npy': ramp((2, 3, 2, 2)),
        'scalar.npy': np.array(2.5, dtype=np.float32),
    }
    for file, a in npys.items():
        np.save(os.path.join(OUT, file), a)
        dtype = str(a.dtype.newbyteorder('=')) if a.dtype.byteorder == '>' else str(a.dtype)
        expected[file] = [entry(file[:-4], a, dtype)]

    # .npz: stored and deflated.
    members = {'weights': ramp((4, 3)), 'bias': ramp((3,), np.float64), 'mask': np.array([1, 0, 1], dtype=np.uint8)}
    np.savez(os.path.join(OUT, 'stored.npz'), **members)
    np.savez_compressed(os.path.join(OUT, 'compressed.npz'), **members)
    for file in ('stored.npz', 'compressed.npz'):
        expected[file] = [entry(name, a) for name, a in members.items()]

    # .pt by torch.save.
    torch.manual_seed(0)
    base = torch.from_numpy(ramp((4, 6)))
    pts = {
        'tensor.pt': ('one', {'': base}),
        'transposed.pt': ('one', {'': base.t()}),
        'sliced.pt': ('one', {'': base[1:3, 2:5]}),
        'half.pt': ('one', {'': base.half()}),
        'bfloat16.pt': ('one', {'': base.bfloat16()}),
        'int64.pt': ('one', {'': torch.tensor([-(2**40), 3, 2**24 + 1])}),
        'bool.pt': ('one', {'': torch.tensor([True, False, True])}),
        'float64.pt': ('one', {'': base.double()[::2]}),
    }
    for file, (_, tensors) in pts.items():
        t = tensors['']
        torch.save(t, os.path.join(OUT, file))
        expected[file] = [entry(file[:-3], t.float().numpy() if t.dtype in (torch.float16, torch.bfloat16) else t.numpy(),
                                str(t.dtype).replace('torch.', ''))]
    linear = torch.nn.Linear(3, 2)
    state = linear.state_dict()
    torch.save(state, os.path.join(OUT, 'state_dict.pt'))
    expected['state_dict.pt'] = [entry(k, v.numpy(), 'float32') for k, v in state.items()]
    shared = base[0]
    nested = {'layers': [{'w': base[:2], 'b': shared}, (base[2], shared)], 'epoch': 3, 'name': 'run'}
    torch.save(nested, os.path.join(OUT, 'nested.pt'))
    expected['nested.pt'] = [entry('layers.0.w', base[:2].numpy(), 'float32'), entry('layers.0.b', shared.numpy(), 'float32'),
                             entry('layers.1.0', base[2].numpy(), 'float32'), entry('layers.1.1', shared.numpy(), 'float32')]
    torch.save(linear, os.path.join(OUT, 'model.pt'))  # a whole module: refused, never loaded

    # .safetensors by the writer above.
    st = {'embed': ramp((3, 4)), 'norm': ramp((4,), np.float64), 'half': ramp((2, 2), np.float16),
          'ids': np.array([-3, 0, 2**31 - 1], dtype=np.int32), 'flags': np.array([True, False])}
    write_safetensors(os.path.join(OUT, 'weights.safetensors'), st)
    expected['weights.safetensors'] = [entry(name, a) for name, a in st.items()]

    write_checkpoints()

    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')


def write_checkpoints():
    """checkpoint.pt and checkpoint.npz: a few tensors of some kilobytes each (one a transposed view), whose
    data dwarfs their headers, for the tests that count which bytes a ranged read touches. Read whole,
    they are the reference (the small files above check the whole-file reader against NumPy)."""
    w0 = torch.from_numpy(ramp((64, 64)))
    state = {'layers.0.weight': w0, 'layers.0.bias': torch.from_numpy(ramp((64,))),
             'layers.1.weight': torch.from_numpy(ramp((64, 32), scale=0.11)).t()}
    torch.save(state, os.path.join(OUT, 'checkpoint.pt'))
    np.savez(os.path.join(OUT, 'checkpoint.npz'), **{k: v.numpy() for k, v in state.items()})


if __name__ == '__main__':
    main()
