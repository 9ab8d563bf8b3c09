"""One small adapter per model family (ASR, TTS, OCR, LLM, VAD). Never imports `agent`."""
from models import openmp_env as _openmp_env  # noqa: F401 - first: before any OpenMP runtime loads
