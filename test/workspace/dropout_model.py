# A small model with a dropout call of every kind the lenses know (the tests check their lines).
import torch
import torch.nn as nn
import torch.nn.functional as F
from tensorflow.keras import layers
from flax import nnx


class Net(nn.Module):
    """nn.Dropout(0.9) in a docstring is not a call."""

    def __init__(self, rate: float) -> None:
        super().__init__()
        self.drop = nn.Dropout(p=0.3)  # nn.Dropout(0.8) in a comment is not one either
        self.channels = nn.Dropout2d(0.25)
        self.selu = nn.AlphaDropout(rate)

    def forward(self, x):
        x = F.dropout(x, 0.2)
        return self.channels(F.dropout(x, p=0.1, training=self.training))


keras_head = layers.Dropout(rate=0.4)
noise = layers.GaussianDropout(0.15)
flax_drop = nnx.Dropout(0.5, rngs=nnx.Rngs(0))
