// The debugger read on a real Python (Debian's, with NumPy and PyTorch), through a stand-in for debugpy's
// evaluate: values arrive exactly, large ones in parts, refusals before any transfer, and the program's
// names, modules and tensors are as they were.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readDebugValue } from '../../../../src/host/debug/debugRead';
import { CHUNK_BYTES } from '../../../../src/host/debug/pythonReader';
import { PYTHON, PythonFrame } from './pythonFrame';

const hasFrameworks = spawnSync(PYTHON, ['-c', 'import numpy, torch'], { encoding: 'utf8' }).status === 0;
const options = { maxValues: 20_000_000, dtype: 'float32' as const };

/** The value's bytes as NumPy writes them (little-endian, C order), for comparison. */
async function numpyBytes(frame: PythonFrame, expression: string, dtype: string): Promise<Uint8Array> {
  const repr = await frame.repr(
    `__import__('base64').b64encode(__import__('numpy').ascontiguousarray(${expression}, dtype='${dtype}').tobytes()).decode()`,
  );
  return new Uint8Array(Buffer.from(repr.slice(1, -1), 'base64'));
}

const bytesOf = (data: Float32Array | Float64Array) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

(hasFrameworks ? describe : describe.skip)('reading a value of a paused Python program', function () {
  this.timeout(60_000);
  let frame: PythonFrame;
  before(async () => {
    frame = await PythonFrame.start(`
import numpy as np, torch
torch.manual_seed(0)
half = torch.randn(3, 4).half()
weight = torch.nn.Linear(4, 3).weight
fortran = np.asfortranarray(np.arange(12, dtype='>f8').reshape(3, 4) / 7)
view = np.arange(24, dtype=np.float32).reshape(4, 6)[:, ::2]
ints = np.array([[1, -2], [2**30 + 1, 7]], dtype=np.int64)
rows = [[1, 2.5], (3, 4)]
ragged = [[1, 2], [3]]
text = 'hello'
acts = {'layer3': torch.ones(2, 3)}
big = torch.rand(1_200_000)
`);
  });
  after(() => frame.stop());

  it('reads a float16 tensor as float32 with a note, and leaves a tensor that needs grad as it was', async () => {
    const half = await readDebugValue(frame, 1, 'half', options);
    assert.ok(half.ok, !half.ok ? half.message : '');
    assert.deepEqual(half.shape, [3, 4]);
    assert.equal(half.description.note, 'float16 values, shown as float32');
    assert.deepEqual(bytesOf(half.data), await numpyBytes(frame, 'half.float().numpy()', '<f4'));
    const weight = await readDebugValue(frame, 1, 'weight', options);
    assert.ok(weight.ok);
    assert.equal(weight.description.requiresGrad, true);
    assert.equal(weight.description.device, 'cpu');
    assert.deepEqual(bytesOf(weight.data), await numpyBytes(frame, 'weight.detach().numpy()', '<f4'));
    assert.equal(await frame.repr('(weight.requires_grad, weight.grad, weight.grad_fn, weight.is_leaf)'), '(True, None, None, True)');
  });

  it('reads big-endian, Fortran-order and strided arrays in C order, keeping float64, and converts integers with a note', async () => {
    const fortran = await readDebugValue(frame, 1, 'fortran', options);
    assert.ok(fortran.ok);
    assert.ok(fortran.data instanceof Float64Array);
    assert.deepEqual(bytesOf(fortran.data), await numpyBytes(frame, 'fortran', '<f8'));
    const view = await readDebugValue(frame, 1, 'view.T', options);
    assert.ok(view.ok);
    assert.deepEqual(view.shape, [3, 4]);
    assert.deepEqual([...view.data], [0, 6, 12, 18, 2, 8, 14, 20, 4, 10, 16, 22]);
    const ints = await readDebugValue(frame, 1, 'ints', options);
    assert.ok(ints.ok);
    assert.match(ints.description.note ?? '', /^int64 values, shown as float32 \(exact up to 2\^24/);
    assert.deepEqual([...ints.data], [1, -2, Math.fround(2 ** 30 + 1), 7]);
  });

  it('reads nested lists and tuples of numbers, any expression, and says what is wrong with anything else', async () => {
    const rows = await readDebugValue(frame, 1, 'rows', options);
    assert.ok(rows.ok);
    assert.deepEqual(rows.shape, [2, 2]);
    assert.deepEqual([...rows.data], [1, 2.5, 3, 4]);
    const picked = await readDebugValue(frame, 1, 'acts["layer3"][:, 1:]', options);
    assert.ok(picked.ok);
    assert.deepEqual(picked.shape, [2, 2]);
    const cases: [string, string][] = [
      ['text', 'text is a str, not an array or tensor'],
      ['acts', 'acts is a dict, not an array or tensor'],
      ['ragged', 'ragged[1] has 1 value where 2 were expected: the rows must all be as long'],
      ['undefined_name', "NameError: name 'undefined_name' is not defined"],
      ['1 / 0', 'ZeroDivisionError: division by zero'],
      ['weight[0, 0]', 'weight[0, 0] is a single number (torch.Tensor), not an array or tensor'],
    ];
    for (const [expression, message] of cases) {
      const read = await readDebugValue(frame, 1, expression, options);
      assert.ok(!read.ok, expression);
      assert.equal(read.message, message);
    }
  });

  it('refuses a value above maxValues before sending any of it, naming its shape', async () => {
    frame.evaluated.length = 0;
    const read = await readDebugValue(frame, 1, 'big', { ...options, maxValues: 1_000_000 });
    assert.ok(!read.ok);
    assert.equal(read.reason, 'tooLarge');
    assert.match(read.message, /^big has shape \[1200000\]: 1,200,000 values, more than the 1,000,000 values/);
    assert.equal(frame.evaluated.length, 1);
  });

  it('brings a value above 4 MiB in parts, exactly, and forgets it after the last part', async () => {
    frame.evaluated.length = 0;
    const read = await readDebugValue(frame, 1, 'big', options);
    assert.ok(read.ok);
    assert.equal(frame.evaluated.length, Math.ceil((1_200_000 * 4) / CHUNK_BYTES));
    assert.deepEqual(bytesOf(read.data), await numpyBytes(frame, 'big.numpy()', '<f4'));
    const { modules } = await frame.inspect();
    assert.deepEqual(
      modules.filter((m) => m.startsWith('_dropout')),
      [],
    );
  });

  it('leaves no name in the frame and no module loaded that was not there', async () => {
    const before = await frame.inspect();
    for (const expression of ['half', 'fortran', 'rows', 'big', 'text', 'undefined_name'])
      await readDebugValue(frame, 1, expression, options);
    assert.deepEqual(await frame.inspect(), before);
  });
});

(hasFrameworks ? describe : describe.skip)('reading in a program without PyTorch, and a tensor on a GPU', function () {
  this.timeout(60_000);

  it('reads a NumPy array without importing torch or anything else', async () => {
    const frame = await PythonFrame.start('import numpy as np\nx = np.linspace(0, 1, 5)');
    try {
      const before = await frame.inspect();
      const read = await readDebugValue(frame, 1, 'x', options);
      assert.ok(read.ok);
      assert.deepEqual([...read.data], [0, 0.25, 0.5, 0.75, 1]);
      const after = await frame.inspect();
      assert.deepEqual(after, before);
      assert.ok(!after.modules.includes('torch'));
    } finally {
      frame.stop();
    }
  });

  it('copies a CUDA tensor to the CPU through detach() and to(), never touching the tensor', async () => {
    // No GPU here: a stand-in torch whose tensor says it lives on cuda:0 and records what is done to it.
    const frame = await PythonFrame.start(`
import sys, types, numpy as np
calls = []
torch = types.ModuleType('torch')
torch.float16, torch.float32, torch.float64 = 'torch.float16', 'torch.float32', 'torch.float64'
class Tensor:
    def __init__(self, values, device, dtype, requires_grad, name):
        self.values, self.device, self.dtype, self.requires_grad, self.name = values, device, dtype, requires_grad, name
        self.shape = values.shape
    def numel(self): return self.values.size
    def is_complex(self): return False
    def detach(self):
        calls.append((self.name, 'detach'))
        return Tensor(self.values, self.device, self.dtype, False, 'detached')
    def to(self, device=None, dtype=None):
        calls.append((self.name, 'to', device, dtype))
        return Tensor(self.values.astype(np.float32), device, dtype, False, 'copy')
    def contiguous(self): return self
    def numpy(self):
        if self.device != 'cpu': raise TypeError("can't convert cuda:0 device type tensor to numpy")
        return self.values
torch.Tensor = Tensor
sys.modules['torch'] = torch
x = Tensor(np.array([[1.5, -2.0]], dtype=np.float16), 'cuda:0', torch.float16, True, 'x')
`);
    try {
      const read = await readDebugValue(frame, 1, 'x', options);
      assert.ok(read.ok, !read.ok ? read.message : '');
      assert.deepEqual([...read.data], [1.5, -2]);
      assert.equal(read.description.device, 'cuda:0');
      assert.equal(read.description.note, 'float16 values, shown as float32');
      assert.equal(await frame.repr('calls'), "[('x', 'detach'), ('detached', 'to', 'cpu', 'torch.float32')]");
      assert.equal(await frame.repr('(x.device, x.requires_grad, x.dtype)'), "('cuda:0', True, 'torch.float16')");
    } finally {
      frame.stop();
    }
  });
});
