#!/usr/bin/python3
"""Writes a large torch.save checkpoint for the tensor-file bench: a state_dict of COUNT tensors of
SIDE x SIDE float32 (COUNT * SIDE^2 * 4 bytes), the last one sin(0), sin(1), ... so the bench can
check it read the right bytes.  Usage: write_checkpoint.py PATH COUNT SIDE
"""
import sys

import torch


def main():
    path, count, side = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(1)
    # torch.empty leaves the pages untouched until torch.save reads them: no time spent filling values.
    state = {f'layers.{i}.weight': torch.empty(side, side) for i in range(count - 1)}
    state[f'layers.{count - 1}.weight'] = torch.sin(torch.arange(side * side, dtype=torch.float64)).float().reshape(side, side)
    torch.save(state, path)


if __name__ == '__main__':
    main()
