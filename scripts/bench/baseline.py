"""Python side of the dropout benchmark: a long-lived process that times the
framework baselines on request, so the Node harness can interleave them with
its own measurements in the same time window.

Protocol (one line in, one line out, on stdin/stdout):
  info              -> JSON: versions and which libraries import
  run numpy N       -> "ok <ms>" for x * (rng.random(N, dtype=float32) < keep) / keep
  run torch N       -> "ok <ms>" for F.dropout(x, p, training=True), one thread
  quit
Only the operation itself sits between the two perf_counter calls.
"""
import json
import platform
import sys
import time

P = 0.5
KEEP = 1.0 - P

try:
    import numpy as np
    NUMPY_ERROR = None
except Exception as error:  # report why, keep serving what does import
    np = None
    NUMPY_ERROR = f"{type(error).__name__}: {error}"

try:
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(1)
    TORCH_ERROR = None
except Exception as error:
    torch = None
    TORCH_ERROR = f"{type(error).__name__}: {error}"

numpy_rng = np.random.default_rng(0) if np is not None else None
numpy_inputs = {}
torch_inputs = {}
if torch is not None:
    torch.manual_seed(0)


def numpy_input(n):
    if n not in numpy_inputs:
        numpy_inputs[n] = np.random.default_rng(1).standard_normal(n, dtype=np.float32)
    return numpy_inputs[n]


def torch_input(n):
    if n not in torch_inputs:
        torch_inputs[n] = torch.randn(n, dtype=torch.float32)
    return torch_inputs[n]


def run_numpy(n):
    x = numpy_input(n)
    rng = numpy_rng
    start = time.perf_counter()
    y = x * (rng.random(n, dtype=np.float32) < KEEP) / KEEP
    end = time.perf_counter()
    del y
    return (end - start) * 1e3


def run_torch(n):
    x = torch_input(n)
    start = time.perf_counter()
    y = F.dropout(x, P, training=True)
    end = time.perf_counter()
    del y
    return (end - start) * 1e3


def info():
    return {
        "python": platform.python_version(),
        "numpy": np.__version__ if np is not None else None,
        "numpyError": NUMPY_ERROR,
        "torch": torch.__version__ if torch is not None else None,
        "torchError": TORCH_ERROR,
        "torchThreads": torch.get_num_threads() if torch is not None else None,
    }


def main():
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "quit":
                break
            if parts[0] == "info":
                reply = json.dumps(info())
            elif parts[0] == "run" and len(parts) == 3:
                n = int(float(parts[2]))
                if parts[1] == "numpy" and np is not None:
                    reply = f"ok {run_numpy(n)!r}"
                elif parts[1] == "torch" and torch is not None:
                    reply = f"ok {run_torch(n)!r}"
                else:
                    reply = f"err {parts[1]} is not available"
            else:
                reply = f"err unknown request {line.strip()!r}"
        except Exception as error:
            reply = f"err {type(error).__name__}: {error}"
        sys.stdout.write(reply + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
