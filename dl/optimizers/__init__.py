"""``dl.optimizers``: SGD, Adam, AdamW, RMSprop over dl Variables, and LR schedules."""

from __future__ import annotations

from . import schedules
from ._adam import Adam, AdamW
from ._optimizer import Optimizer
from ._rmsprop import RMSprop
from ._sgd import SGD

__all__ = ["SGD", "Adam", "AdamW", "Optimizer", "RMSprop", "schedules"]
