#!/usr/bin/python3
"""Regenerates extra golden dropout vectors from the real frameworks.

Run with Debian's python3-torch and python3-numpy: /usr/bin/python3 scripts/make_golden.py
Writes test/fixtures/generated/torch_more.json and numpy_more.json in the schema of
test/fixtures/golden (see its README): more seeds, shapes and p values than the
hand-picked golden set, small enough to commit.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'generated')


def enc(v):
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def mean(values):
    vals = [float(v) for v in values]
    if any(math.isnan(v) for v in vals):
        return 'NaN'
    if any(math.isinf(v) for v in vals):
        pos = any(v == math.inf for v in vals)
        neg = any(v == -math.inf for v in vals)
        return 'NaN' if pos and neg else ('Infinity' if pos else '-Infinity')
    return enc(math.fsum(vals) / len(vals))


def seed_json(seed):
    return seed if abs(seed) < 2 ** 53 else str(seed)


def inputs(shape, dtype, salt):
    n = int(np.prod(shape))
    rng = np.random.default_rng(1000 + salt)
    # multiples of 1/8: short exact decimals keep the files small
    return (np.round(rng.standard_normal(n) * 16) / 8).astype(dtype)


TORCH_DT = {'float32': torch.float32, 'float64': torch.float64}


def torch_case(name, op, seed, p, shape, dtype, salt):
    x = torch.from_numpy(inputs(shape, dtype, salt).reshape(shape))
    module = torch.nn.Dropout(p) if op == 'Dropout' else torch.nn.Dropout2d(p)
    module.train()
    torch.manual_seed(seed)
    train = module(x)
    torch.manual_seed(seed)
    mask = (module(torch.ones_like(x)) != 0).to(torch.uint8)
    module.eval()
    ev = module(x)
    case = {
        'name': name, 'op': op, 'seed': seed_json(seed), 'p': p, 'shape': list(shape), 'dtype': dtype,
        'input': [enc(v) for v in x.flatten().tolist()],
        'mask': mask.flatten().tolist(),
        'train_output': [enc(v) for v in train.flatten().tolist()],
        'eval_output': [enc(v) for v in ev.flatten().tolist()],
        'train_mean': mean(train.flatten().tolist()),
        'eval_mean': mean(x.flatten().tolist()),
        'train_mean_torch_float': enc(train.mean().item()),
    }
    if op == 'Dropout':
        keep = torch.tensor(1 - p, dtype=TORCH_DT[dtype])
        case['scale'] = enc((torch.tensor(1, dtype=TORCH_DT[dtype]) / keep).item()) if p < 1 else 0
    else:
        case['mask_shape'] = 'drawn per (N, C) and broadcast; mask is already expanded'
    return case


def numpy_case(name, seed, p, shape, dtype, method, salt):
    keep = 1 - p
    x = inputs(shape, dtype, salt)
    n = x.size
    rng = np.random.default_rng(seed)
    if method == 'random_f32':
        mask = rng.random(n, dtype=np.float32) < np.float32(keep)
    else:
        mask = rng.random(n) < keep
    nxt = [rng.random(), rng.random()]
    with np.errstate(divide='ignore', invalid='ignore'):
        train = (x * mask / keep).astype(dtype)
    return {
        'name': name, 'seed': seed_json(seed), 'p': p, 'keep': keep, 'shape': list(shape), 'dtype': dtype,
        'method': method, 'input': [enc(v) for v in x.tolist()], 'mask': mask.astype(int).tolist(),
        'train_output': [enc(v) for v in train.tolist()], 'eval_output': [enc(v) for v in x.tolist()],
        'train_mean': mean(train.tolist()), 'eval_mean': mean(x.tolist()),
        'next_random_f64_after': nxt,
    }


TORCH_SHAPES = [(17,), (4, 5), (2, 2, 2, 3)]
NUMPY_SHAPES = [(13,), (3, 5), (1, 2, 2, 3)]


def main():
    torch.set_num_threads(1)
    torch_cases, numpy_cases = [], []
    salt = 0
    for seed in [0, 1, 42, 2 ** 32 + 7, -1]:
        for p in [0.15, 0.45, 0.5]:
            for shape in TORCH_SHAPES:
                for dtype in ['float32', 'float64']:
                    if dtype == 'float64' and shape != TORCH_SHAPES[1]:
                        continue
                    salt += 1
                    torch_cases.append(torch_case(f'torch_dropout_s{seed}_p{p}_{"x".join(map(str, shape))}_{dtype}',
                                                  'Dropout', seed, p, shape, dtype, salt))
        salt += 1
        torch_cases.append(torch_case(f'torch_dropout2d_s{seed}_p0.45', 'Dropout2d', seed, 0.45, (3, 4, 2, 3), 'float32', salt))
    for seed in [0, 1, 42, 2 ** 32 + 7, 2 ** 64 + 12345, 2 ** 100 + 3]:
        for p in [0.15, 0.45, 0.0, 1.0]:
            for shape in (NUMPY_SHAPES if 0 < p < 1 else NUMPY_SHAPES[:1]):
                for method in ['random_f32', 'random_f64']:
                    salt += 1
                    numpy_cases.append(numpy_case(f'np_{method}_s{seed}_p{p}_{"x".join(map(str, shape))}',
                                                  seed, p, shape, 'float32', method, salt))
    meta_t = {'framework': 'torch', 'version': torch.__version__, 'generator': 'scripts/make_golden.py'}
    meta_n = {'framework': 'numpy', 'version': np.__version__, 'generator': 'scripts/make_golden.py',
              'methods': {'random_f32': 'mask = rng.random(n, dtype=np.float32) < np.float32(keep)',
                          'random_f64': 'mask = rng.random(n) < keep'}}
    os.makedirs(OUT, exist_ok=True)
    for file, meta, cases in [('torch_more.json', meta_t, torch_cases), ('numpy_more.json', meta_n, numpy_cases)]:
        with open(os.path.join(OUT, file), 'w') as fh:
            json.dump({'meta': meta, 'cases': cases}, fh, separators=(',', ':'))
        print(file, len(cases), 'cases', os.path.getsize(os.path.join(OUT, file)), 'bytes')


if __name__ == '__main__':
    main()
