"""Runtime: every model loaded once per process, warmed at start-up, shared by all sessions.

Blocking inference runs in worker threads; each model has a bounded concurrency
(a semaphore) so sessions queue instead of thrashing two cores. The LLM and the TTS voice
hand over by priority (models/priority_gate.py): a committed turn before a draft, the user
who has waited longest first (`llm_scheduling`; "fifo" serves in arrival order).
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
import weakref
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import anyio
import numpy as np

from models import openmp_env
from models.priority_gate import SCHEDULINGS, PriorityGate, Rank

from agent.config import Config, ConfigError
from agent.replies.reply_policy import ReplyPolicy

log = logging.getLogger("parley.runtime")


@dataclass
class ModelStatus:
    name: str
    state: str = "pending"  # pending | loading | ready | error | disabled
    detail: str = ""
    load_s: float = 0.0


@dataclass
class Runtime:
    config: Config
    asr: Any = None
    tts: Any = None
    vad: Any = None
    llm: Any = None
    ocr: Any = None
    status: dict[str, ModelStatus] = field(default_factory=dict)
    # one ASR decode at a time: a turn's final transcript goes before other sessions' partials
    asr_limit: PriorityGate = field(default_factory=lambda: PriorityGate("asr"))
    tts_limit: PriorityGate = field(default_factory=lambda: PriorityGate("tts"))  # one synthesis at a time
    ocr_limit: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))
    sessions: dict[str, Any] = field(default_factory=dict)
    replies: "weakref.WeakSet[Any]" = field(default_factory=weakref.WeakSet)  # ResponseRuns in progress
    counters: dict[str, int] = field(default_factory=dict)
    latency: Any = None
    observe_turn: Any = None
    reply_policy: ReplyPolicy = field(default_factory=ReplyPolicy)
    admitted: int = 0  # sessions admitted (counted at admission, before any await)
    draining: bool = False  # SIGTERM: no new sessions, running turns finish

    def __post_init__(self) -> None:
        self.reply_policy = ReplyPolicy.from_config(self.config)  # knowledge_dir, reply_max_words
        if self.config.llm_scheduling not in SCHEDULINGS:
            raise ConfigError(f"llm_scheduling {self.config.llm_scheduling!r} must be one of {', '.join(SCHEDULINGS)}")
        self.tts_limit.scheduling = self.asr_limit.scheduling = self.config.llm_scheduling

    def admit(self) -> bool:
        """Take a session slot if one is free; pair with `leave()`."""
        if self.admitted >= self.config.max_sessions or self.draining:
            return False
        self.admitted += 1
        return True

    def leave(self) -> None:
        self.admitted = max(0, self.admitted - 1)

    @property
    def ready(self) -> bool:
        return bool(self.status) and all(s.state in ("ready", "disabled") for s in self.status.values())

    def a_user_waits_for_a_reply(self, besides: str = "", *, drafts: bool = False) -> bool:
        """Some session other than `besides` has a committed turn whose reply nobody hears
        yet (with `drafts`, or a draft: a user who stopped speaking, the turn not yet
        committed): the cores are on its critical path (agent/core/response.py `ResponseRun.priority`)."""
        ranks = (Rank.WAITING, Rank.DRAFT) if drafts else (Rank.WAITING,)
        return any(run.owner != besides and run.priority().rank in ranks for run in list(self.replies))

    def count(self, name: str, n: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + n

    def sessions_by_transport(self) -> dict[str, int]:
        counts = {"websocket": 0, "webrtc": 0, "phone": 0}
        for session in list(self.sessions.values()):
            counts[session.transport] = counts.get(session.transport, 0) + 1
        return counts

    def health(self) -> dict[str, Any]:
        return {
            "status": "ready" if self.ready else "loading",
            "models": {k: {"name": s.name, "state": s.state, "detail": s.detail, "load_s": round(s.load_s, 2)} for k, s in self.status.items()},
            "versions": package_versions(),
            "sessions": len(self.sessions),
            "sessions_by_transport": self.sessions_by_transport(),
            "busy": {"asr": int(self.asr_limit.locked()), "tts": int(self.tts_limit.locked())},
            "scheduling": self.scheduling_stats(),
        }

    def scheduling_stats(self) -> dict[str, Any]:
        """How the shared models were handed over: grants, grants out of arrival order, and
        (LLM) prefills that gave way and draft decoding while a committed turn waited."""
        stats: dict[str, Any] = {"mode": self.config.llm_scheduling,
                                 "tts": {"grants": self.tts_limit.grants, "reordered": self.tts_limit.reordered},
                                 "asr": {"grants": self.asr_limit.grants, "reordered": self.asr_limit.reordered}}
        llm_stats = getattr(self.llm, "scheduling_stats", None)
        if llm_stats is not None:
            stats["llm"] = llm_stats()
        return stats

    async def load(self, only: tuple[str, ...] = ("vad", "asr", "tts", "llm", "ocr"), progress: Callable[[str], None] | None = None) -> None:
        """Load and warm the models in order; errors are recorded per model, not raised."""
        loaders = {"vad": self._load_vad, "asr": self._load_asr, "tts": self._load_tts, "llm": self._load_llm, "ocr": self._load_ocr}
        if openmp_env.MOVED is not None:
            log.info("OMP_THREAD_LIMIT=%s applies to Tesseract only (%s=%s); the ASR and LLM keep their own thread counts",
                     openmp_env.MOVED, openmp_env.TESSERACT_THREADS, os.environ.get(openmp_env.TESSERACT_THREADS, "1"))
        for key in ("vad", "asr", "tts", "llm", "ocr"):
            self.status.setdefault(key, ModelStatus(key, "pending" if key in only else "disabled"))
        for key in only:
            st = self.status[key]
            st.state = "loading"
            if progress:
                progress(f"loading {key} …")
            t0 = time.monotonic()
            try:
                await loaders[key](st)
                st.state = "ready"
            except Exception as exc:  # noqa: BLE001 - recorded and shown in /health
                st.state, st.detail = "error", f"{type(exc).__name__}: {exc}"
                hint = getattr(exc, "hint", "")
                if hint:
                    st.detail += f" (hint: {hint})"
                log.error("model %s failed to load: %s", key, st.detail)
            st.load_s = time.monotonic() - t0
            if progress:
                progress(f"{key}: {st.state} in {st.load_s:.1f} s — {st.name}" + (f" — {st.detail}" if st.detail else ""))

    async def _load_vad(self, st: ModelStatus) -> None:
        from models.vad import SileroVAD

        self.vad = await anyio.to_thread.run_sync(SileroVAD)
        st.name = self.vad.name

    async def _load_asr(self, st: ModelStatus) -> None:
        from models.asr import WhisperASR

        c = self.config
        self.asr = await anyio.to_thread.run_sync(
            lambda: WhisperASR(c.asr_model, device=c.asr_device, compute_type=c.asr_compute_type, cpu_threads=c.asr_threads)
        )
        st.name = self.asr.name
        if c.warm_models:
            await anyio.to_thread.run_sync(self.asr.transcribe, np.zeros(16000, np.float32))

    async def _load_tts(self, st: ModelStatus) -> None:
        from models.tts import PiperTTS

        self.tts = await anyio.to_thread.run_sync(lambda: PiperTTS(self.config.tts_voice, threads=self.config.tts_threads))
        st.name = self.tts.name
        if self.config.warm_models:
            await anyio.to_thread.run_sync(self.tts.synthesize_all, "Ready.")

    async def _load_llm(self, st: ModelStatus) -> None:
        from models.llm import build_chat

        c = self.config
        self.llm = await anyio.to_thread.run_sync(
            lambda: build_chat(
                c.llm_backends, model_path=c.llm_model_path, api_key=c.llm_api_key, timeout_s=c.llm_timeout_s,
                n_threads=c.llm_threads, n_ctx=c.llm_context, cache_dir=Path(c.cache_dir) if c.cache_dir else None, seed=c.llm_seed,
                kv_snapshot_mb=c.llm_kv_snapshot_mb,
            )
        )
        st.name = self.llm.name
        if hasattr(self.llm, "set_scheduling"):
            self.llm.set_scheduling(c.llm_scheduling, preempt=c.llm_preempt)
        if c.llm_share_cores and hasattr(self.llm, "share_cores_with"):  # fewer decode threads while ASR or TTS runs
            self.llm.share_cores_with(lambda: self.asr_limit.locked() or self.tts_limit.locked())
        if hasattr(self.llm, "give_way_to"):  # a speculative prefill stops while a turn's final transcript or first audio is made
            self.llm.give_way_to(lambda: self.asr_limit.serving(Rank.WAITING) or self.tts_limit.serving(Rank.WAITING))
        if c.warm_models:
            await self.llm.warm()
            await self.llm.prefill(*self.stable_prefix())  # the system prompt stays KV-cached

    def stable_prefix(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
        from agent.replies.tools import default_toolbox

        policy = self.reply_policy
        return policy.messages([{"role": "system", "content": policy.instructions}]), default_toolbox(list).schemas([])

    async def _load_ocr(self, st: ModelStatus) -> None:
        from models.ocr import TesseractOCR

        self.ocr = await anyio.to_thread.run_sync(TesseractOCR)
        st.name = f"tesseract {self.ocr.version()}"

    async def aclose(self) -> None:
        if self.llm is not None:
            await self.llm.aclose()


def package_versions() -> dict[str, str]:
    out = {}
    for dist in ("parley", "faster-whisper", "ctranslate2", "piper-tts", "onnxruntime", "llama-cpp-python", "pytesseract", "websockets", "aiortc"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


