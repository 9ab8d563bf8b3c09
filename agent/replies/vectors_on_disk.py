"""Vectors of a fixed list of texts, computed once and kept in the cache folder.

The risk examples (risk_by_embedding.py) and the articles' views (knowledge_base.py) are
each a few hundred forward passes: seconds at every start, unless kept. The file's name holds a
hash of what the vectors depend on (the model's identity and the texts), so a changed model or
text is a new file, never a stale one.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

log = logging.getLogger("parley.vectors")


def vectors_kept_on_disk(prefix: str, key_lines: Sequence[str], texts: Sequence[str], embed: Callable[[str], np.ndarray],
                         cache_dir: Path | None = None) -> np.ndarray:
    """`embed(t)` for each of `texts`, one row each, read from `<cache>/<prefix>-<hash of key_lines>.npy`
    when it is there with one row per text, else computed and written there (a read-only
    cache costs the forward passes again next start, nothing else)."""
    from models import weights

    key = hashlib.sha256("\n".join(key_lines).encode()).hexdigest()[:16]
    path = (cache_dir or weights.default_cache_dir()) / f"{prefix}-{key}.npy"
    try:
        vectors = np.load(path)
        if vectors.shape[0] == len(texts):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = np.stack([embed(t) for t in texts])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    except OSError as exc:
        log.warning("could not keep the %s vectors in %s: %s", prefix, path.parent, exc)
    return vectors
