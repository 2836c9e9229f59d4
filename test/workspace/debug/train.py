# A few training steps for the debugger tests: they stop here, read tensors through the playground, and
# compare them with what the script saves with np.save. It prints nothing: the tests check that reading
# a value prints nothing either.
import os

import numpy as np
import torch

out = os.environ["DROPOUT_DEBUG_OUT"]
torch.manual_seed(0)
weight = torch.nn.Linear(8, 4).weight
x = torch.randn(4, 8)


def forward(step):
    h = torch.relu(x * (step + 1) - 0.5)
    np.save(os.path.join(out, f"h{step}.npy"), h.numpy())
    return h.sum()  # stop: forward


for step in range(3):
    total = forward(step)

big = torch.rand(1_000_000)
np.save(os.path.join(out, "big.npy"), big.numpy())
huge = torch.zeros(3, 1000, 1000)
text = "hello"
done = True  # stop: end
