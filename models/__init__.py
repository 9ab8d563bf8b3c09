"""One small adapter per model family (ASR, TTS, OCR, LLM, VAD). Never imports `agent`."""
