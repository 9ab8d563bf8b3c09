"""`RecentVectors`: the vectors of the texts embedded last, so a question embedded by the risk
classifier is not embedded again by the article search in the same turn (and a prefill's
words are found again when the turn ends). Thread-safe; least recently used out first."""
from __future__ import annotations

import collections
import threading

import numpy as np


class RecentVectors:
    def __init__(self, keep: int = 256) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._vectors: collections.OrderedDict[str, np.ndarray] = collections.OrderedDict()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            vec = self._vectors.get(key)
            if vec is not None:
                self._vectors.move_to_end(key)
            return vec

    def put(self, key: str, vec: np.ndarray) -> None:
        with self._lock:
            self._vectors[key] = vec
            self._vectors.move_to_end(key)
            while len(self._vectors) > self.keep:
                self._vectors.popitem(last=False)
