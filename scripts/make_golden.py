#!/usr/bin/python3
"""Regenerates the extra dropout vectors in test/fixtures/generated/ from the real frameworks.

Run with Debian's python3-torch and python3-numpy:  /usr/bin/python3 scripts/make_golden.py
Writes torch_more.json (F.dropout float32/float64, Dropout2d) and numpy_more.json
(np.random.default_rng(seed).random(n, dtype) < keep, out = x * mask / keep) in the
schema of test/fixtures/golden (see its README), over more seeds, shapes and p than
the hand-picked golden set. Deterministic: the same files on every run.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'generated')
SPECIALS = [float('nan'), float('inf'), float('-inf'), -0.0, -2.5]


def enc(v):
    """A float as the golden files write it: NaN and infinities as strings, -0.0 kept."""
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def mean(values):
    """math.fsum(values) / n in float64, NaN/Inf propagating as IEEE sums do."""
    vals = [float(v) for v in values]
    if any(math.isnan(v) for v in vals):
        return 'NaN'
    pos, neg = math.inf in vals, -math.inf in vals
    if pos or neg:
        return 'NaN' if pos and neg else ('Infinity' if pos else '-Infinity')
    return enc(math.fsum(vals) / len(vals))


def seed_json(seed):
    return seed if abs(seed) < 2 ** 53 else str(seed)


def make_input(shape, dtype, case_number, specials):
    """Values on a 1/16 grid (short decimals keep the files small); optionally NaN/Inf/-0 first."""
    n = int(np.prod(shape))
    x = np.round(np.random.default_rng(case_number).standard_normal(n) * 24) / 16
    if specials:
        x[:len(SPECIALS)] = SPECIALS
    return x.astype(dtype).reshape(shape)


def torch_case(op, seed, p, shape, dtype, case_number, specials=False):
    x = torch.from_numpy(make_input(shape, dtype, case_number, specials))
    drop = (lambda t: F.dropout(t, p, training=True)) if op == 'Dropout' else (lambda t: F.dropout2d(t, p, training=True))
    torch.manual_seed(seed)
    train = drop(x)
    torch.manual_seed(seed)
    mask = (drop(torch.ones_like(x)) != 0).to(torch.uint8)
    flat = x.flatten().tolist()
    case = {
        'name': f'{op}_seed{seed}_p{p}_{"x".join(map(str, shape))}_{dtype}' + ('_nan_inf' if specials else ''),
        'op': op, 'seed': seed_json(seed), 'p': p, 'shape': list(shape), 'dtype': dtype,
        'input': [enc(v) for v in flat],
        'mask': mask.flatten().tolist(),
        'train_output': [enc(v) for v in train.flatten().tolist()],
        'eval_output': [enc(v) for v in flat],
        'train_mean': mean(train.flatten().tolist()),
        'eval_mean': mean(flat),
        'train_mean_torch_float': enc(train.mean().item()),
    }
    if op == 'Dropout':
        tdt = torch.float32 if dtype == 'float32' else torch.float64
        case['scale'] = enc((torch.tensor(1, dtype=tdt) / torch.tensor(1 - p, dtype=tdt)).item())
    else:
        case['mask_shape'] = 'drawn per (N, C) and broadcast; mask is already expanded'
    return case


def numpy_case(seed, p, shape, dtype, case_number, specials=False):
    keep = 1 - p
    x = make_input(shape, dtype, case_number, specials)
    rng = np.random.default_rng(seed)
    method = 'random_f32' if dtype == 'float32' else 'random_f64'
    # The playground's numpy convention draws in the tensor's dtype.
    u = rng.random(x.shape, dtype=np.float32) if dtype == 'float32' else rng.random(x.shape)
    mask = u < (np.float32(keep) if dtype == 'float32' else keep)
    with np.errstate(invalid='ignore'):
        train = (x * mask / keep).astype(dtype)
    flat = x.flatten().tolist()
    return {
        'name': f'np_{method}_seed{seed}_p{p}_{"x".join(map(str, shape))}' + ('_nan_inf' if specials else ''),
        'seed': seed_json(seed), 'p': p, 'keep': keep, 'shape': list(shape), 'dtype': dtype, 'method': method,
        'input': [enc(v) for v in flat],
        'mask': mask.flatten().astype(int).tolist(),
        'train_output': [enc(v) for v in train.flatten().tolist()],
        'eval_output': [enc(v) for v in flat],
        'train_mean': mean(train.flatten().tolist()),
        'eval_mean': mean(flat),
        'next_random_f64_after': [rng.random(), rng.random()],
    }


SHAPES = [(19,), (5, 6), (2, 3, 2, 3)]


def main():
    torch.set_num_threads(1)
    number = 0
    torch_cases, numpy_cases = [], []
    for seed in [0, 1, 42, 2 ** 32 + 7, -1]:
        for p in [0.15, 0.45, 0.5]:
            for shape in SHAPES:
                for dtype in ['float32', 'float64']:
                    number += 1
                    torch_cases.append(torch_case('Dropout', seed, p, shape, dtype, number))
        for dtype in ['float32', 'float64']:
            number += 1
            torch_cases.append(torch_case('Dropout2d', seed, 0.45, (3, 4, 2, 2), dtype, number))
        number += 1
        torch_cases.append(torch_case('Dropout', seed, 0.45, (12,), 'float32', number, specials=True))
    for seed in [0, 1, 42, 2 ** 32 + 7, 2 ** 64 + 12345, 2 ** 128 + 99]:
        for p in [0.15, 0.45, 0.5]:
            for shape in SHAPES:
                for dtype in ['float32', 'float64']:
                    number += 1
                    numpy_cases.append(numpy_case(seed, p, shape, dtype, number))
        number += 1
        numpy_cases.append(numpy_case(seed, 0.45, (12,), 'float32', number, specials=True))
    meta = {'generator': 'scripts/make_golden.py', 'torch': torch.__version__, 'numpy': np.__version__}
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, cases in [('torch_more.json', torch_cases), ('numpy_more.json', numpy_cases)]:
        path = os.path.join(OUT_DIR, name)
        with open(path, 'w') as fh:
            json.dump({'meta': meta, 'cases': cases}, fh, separators=(',', ':'))
            fh.write('\n')
        print(f'{name}: {len(cases)} cases, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
