"""OMP_THREAD_LIMIT belongs to Tesseract, not to the models in this process.

Tesseract's default OpenMP threading was 2-4x slower on a small CPU, so deployments set
`OMP_THREAD_LIMIT=1` (the developers' guide says to). In the server's own process the
same variable caps every OpenMP pool: llama.cpp evaluated a 96-token prompt in 930 ms
instead of 519 ms (one thread, not its two), and CTranslate2 had to be given one thread
(more than the limit allowed decoded garbage). Each model here sets its own thread count
(`llm_threads`, the ASR's `cpu_threads`), and the Tesseract subprocesses get their limit
from `PARLEY_TESSERACT_THREADS` (models/ocr.py).

So importing `models` moves the variable out of this process's environment before any
OpenMP runtime loads (llama.cpp and CTranslate2 are imported lazily, inside their
adapters), and keeps its value for Tesseract. libgomp reads the variable once, when it is
loaded: a library that loaded it earlier keeps the cap (models/asr.py still checks).
"""
from __future__ import annotations

import os

TESSERACT_THREADS = "PARLEY_TESSERACT_THREADS"


def move_openmp_limit_to_tesseract(environ: "os._Environ[str] | dict[str, str]" = os.environ) -> str | None:
    """Take OMP_THREAD_LIMIT out of `environ`; a positive whole number becomes Tesseract's
    thread count unless `PARLEY_TESSERACT_THREADS` is set. Returns the value moved (None if unset)."""
    limit = environ.pop("OMP_THREAD_LIMIT", None)
    if limit is not None and limit.strip().isdigit() and int(limit) > 0:
        environ.setdefault(TESSERACT_THREADS, limit.strip())
    return limit


MOVED = move_openmp_limit_to_tesseract()  # what this process was started with (for logs and `parley doctor`)
