"""All configuration in one typed place.

Precedence: CLI flags > environment variables (`PARLEY_<FIELD>` upper-cased) > defaults.
"""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field, fields
from typing import Any, get_type_hints


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    # server
    host: str = "127.0.0.1"
    port: int = 8765
    api_keys: tuple[str, ...] = field(default=(), repr=False)  # when set, every HTTP/WS request needs one (Bearer or ?api_key=)
    allowed_origins: tuple[str, ...] = ()  # browser Origins allowed besides the server's own
    allowed_hosts: tuple[str, ...] = ()  # Host names served; () = the bound address + localhost ("*": any). Stops DNS rebinding
    trusted_proxies: tuple[str, ...] = ()  # peer addresses/networks whose X-Forwarded-Proto/-Host are believed (e.g. 127.0.0.1 for a local nginx); () = never
    health_details: bool = True  # /health lists models, versions and sessions (False: status only)
    metrics_enabled: bool = True  # /metrics (Prometheus); with api_keys set it needs a key
    max_sessions: int = 8
    max_session_s: float = 3600.0
    drain_s: float = 20.0  # on SIGTERM: how long running replies may finish before sessions are closed (1001)
    max_ws_message_bytes: int = 1 << 20  # one Realtime event (base64 audio or an image URL)
    max_audio_append_bytes: int = 512 * 1024  # decoded audio in one append
    max_appends_per_s: int = 200  # input_audio_buffer.append events per second per session
    max_audio_rate_x: float = 4.0  # audio may arrive this many times faster than real time (any transport) ...
    max_audio_burst_s: float = 60.0  # ... after a burst of this many seconds (a recording sent at once)
    max_audio_buffer_s: float = 120.0  # audio a session holds before a commit (turn_detection null) or while one turn goes on
    max_turn_s: float = 28.0  # a longer utterance is committed there and continues as a new turn (Whisper's window is 30 s)
    max_history_items: int = 200  # conversation items kept per session (the oldest go first)
    max_images_per_session: int = 20
    request_body_timeout_s: float = 5.0  # an SDP offer's body must arrive within this (408 request_timeout), before a session slot is taken
    twilio_start_timeout_s: float = 10.0  # a phone stream that sends no `start` within this is closed (1008 start_timeout) and its slot freed
    twilio_auth_token: str = field(default="", repr=False)  # when set, Twilio's webhook and media stream requests must carry a valid X-Twilio-Signature
    twilio_replay_window_s: float = 300.0  # a signed Twilio webhook request seen again within this is refused (403 replayed_request)
    # WebRTC calls (/v1/realtime/calls)
    webrtc_ice_servers: tuple[str, ...] = ()  # e.g. "stun:stun.example.org:3478"; none = host candidates only
    webrtc_connect_timeout_s: float = 20.0  # a call whose media never connects is closed after this
    teardown_timeout_s: float = 5.0  # each step of ending a call (its session, its peer connection) may take this long; one stuck longer is left to finish alone and logged
    webrtc_jitter_frames: int = 1  # 20 ms packets the caller's audio waits in the jitter buffer (aiortc's own default: 4)
    webrtc_loopback_candidates: bool = False  # also offer 127.0.0.1 as an ICE host candidate (tests, one-machine setups)
    max_sdp_bytes: int = 64 * 1024
    # models
    asr_model: str = ""  # a faster-whisper model directory or size name; "" = bundled tiny.en
    asr_device: str = "cpu"
    asr_compute_type: str = "int8"
    # 1: the bundled tiny.en decodes as fast on one thread as on two (bench/stages.py), and two
    # beside the LLM's OpenMP threads on 2 cores stalled both (a 13 s final 2.6 s, bench/RESULTS.md)
    asr_threads: int = 1
    tts_voice: str = ""  # a Piper .onnx voice; "" = bundled en_US-joe-medium
    tts_threads: int = 2
    llm_backends: tuple[str, ...] = ("local",)  # "local", "smollm2", "gguf:/path", "openai:URL#model"
    llm_model_path: str = ""  # GGUF for "local"; "" = bundled Qwen2.5-Coder-0.5B (hash-checked)
    llm_api_key: str = field(default="", repr=False)  # for openai-compatible backends
    llm_timeout_s: float = 30.0
    llm_threads: int = 2
    llm_context: int = 4096
    llm_max_tokens: int = 160
    llm_temperature: float = 0.0  # reply sampling temperature; 0 = the most likely token (steadiest on the help desk notes: bench/replies.py)
    llm_seed: int = 0  # >= 0: replies are repeatable (the same conversation, the same reply); -1: a random seed per reply
    llm_yield_to_tts: bool = True  # the LLM waits between tokens while the first chunk is synthesized
    tts_waits_for_llm_token: bool = True  # ... and that synthesis starts once the token in progress is done (not beside it)
    llm_paced_first_chunk: bool = True  # ... and until the first chunk is out, the LLM decodes a token only once the last one is read: the hold finds it parked
    barge_in_pauses_reply: bool = True  # a reply's LLM decoding and TTS wait while speech over it is judged
    llm_kv_snapshot_mb: int = 192  # each session's KV cache kept aside while others use the local LLM (0 = off)
    llm_share_cores: bool = True  # the local LLM decodes with one thread while ASR or TTS runs (they spin against each other)
    session_idle_timeout_s: float = 300.0  # a WebSocket session that sends nothing this long (and hears no reply) is closed (session_idle)
    builtin_tools: str = "auto"  # Parley's own tools (get_current_time, read_screenshot): "auto" = only while the client declares none, "on", "off"
    llm_scheduling: str = "priority"  # LLM and TTS hand-over across sessions: "priority" (waiting users first) or "fifo"
    llm_preempt: bool = True  # under "priority", an audible reply gives way between tokens to a user who hears nothing yet
    ocr_timeout_s: float = 10.0
    ocr_reread_error_lines: bool = True  # a ticket's error lines read again (Tesseract at three scales, and PP-OCRv4's recogniser where installed) and put to a token vote (agent/tickets/error_line_reread.py); third-party terminal exact lines dev 11/15 -> 13/15, held out 8/24 -> 10/24, none lost; p50 about +200 ms
    ocr_reread_budget_s: float = 1.0  # ... within this time (re-readings not done by then are left out)
    ocr_lift_faint: bool = False  # a ticket's screen read a second time with faint ink lifted (dim grey or coloured text made as dark as the text beside it; not photos, nor dithered backgrounds), and the reading with more confident text kept: third-party terminal exact lines dev 35 -> 37/53, held out 21 -> 22/58, but held-out UI 4 -> 3/6; p50 about +300 ms per image (bench/RESULTS.md, "Faint ink")
    ocr_line_model: str = ""  # the second line recogniser among the re-readings (models/line_reader.py): "" PP-OCRv4's from rapidocr-onnxruntime when installed, "off", or a PP-OCR-format .onnx path
    warm_models: bool = True
    # voice turn
    vad_threshold: float = 0.5
    silence_duration_ms: int = 500
    prefix_padding_ms: int = 300
    min_speech_ms: int = 250
    barge_in_min_speech_ms: int = 300
    merge_window_ms: int = 1500  # speech this soon after a committed turn continues it (one thought, one reply)
    budget_ms: int = 800
    tts_lead_s: float = 2.5  # reply audio synthesized ahead of the listener, at most (0 = no limit): TTS idles while they listen
    first_chunk_words: int = 3  # a long first sentence is spoken after this many words (fewer if they end on "the", "to"...)
    # replies (agent/replies/reply_policy.py)
    knowledge_dir: str = ""  # a folder of .md/.txt support articles searched per turn; "" = the starter set in agent/replies/knowledge/, "off" = none
    reply_max_words: int = 50  # a spoken reply ends before this many words, then offers to go on
    safety_by_likeness: bool = True  # risky questions are also found by likeness to labelled examples (agent/replies/risk_examples.py), not only by the safety rules' phrases
    article_replies: bool = True  # a how-to question near an article in meaning (cosine >= 0.5), not risky, under the default instructions, is answered with the article's own words, no LLM (ReplyPolicy.article_reply)
    knowledge_relevance: str = "minilm"  # an article is given only when its meaning is near the question's: this sentence encoder ("minilm" = the bundled all-MiniLM-L6-v2, "st:/abs/folder", "off" = BM25 alone)
    risk_embeddings: str = "local"  # ... and by meaning: the labelled examples compared as vectors of this model ("minilm" = the bundled all-MiniLM-L6-v2 sentence encoder (faster, 3 more unsafe replies: README), "st:/abs/folder" = another BERT sentence-transformers model, "local" = the bundled Qwen 0.5B, "smollm2" = the bundled SmolLM2-135M, "gguf:/abs/path.gguf", "off" = words only)
    risk_detector: str = "minilm"  # ... and risky at all, where no rule or example names the risk: a linear boundary over this sentence encoder's vectors (agent/replies/risk_detector.py; "minilm" = the bundled all-MiniLM-L6-v2, "st:/abs/folder", "off" = none)
    # screenshots
    max_upload_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000
    max_concurrent_uploads: int = 4  # screenshot uploads in progress at once; more get 429 too_many_uploads (Retry-After) before their body is read
    upload_timeout_s: float = 60.0  # a screenshot upload's body must arrive within this (408 request_timeout)
    tickets_db: str = "var/tickets.sqlite3"
    ticket_llm_wait_s: float = 0.5  # an upload waits this long for the LLM's draft, then gets the rule-based one (the LLM's replaces it when ready)
    keep_images: bool = False
    image_retention_days: int = 7
    cache_dir: str = ""
    log_level: str = "info"
    # fleet: several processes behind a balancer (deploy/)
    node_id: str = ""  # 1-16 of [a-z0-9]; embedded in WebRTC call ids (rtc_<node>_...) so the balancer routes hang-ups home
    # traces (OpenTelemetry; off unless otel_endpoint is set)
    otel_endpoint: str = ""  # OTLP/HTTP base URL, e.g. http://127.0.0.1:4318 (spans go to /v1/traces)
    otel_capture_content: bool = False  # put transcripts and replies on spans (off: timings and sizes only)
    otel_service_name: str = "parley"

    def replace(self, **changes: Any) -> "Config":
        return dataclasses.replace(self, **changes)


def _coerce(name: str, kind: Any, raw: str) -> Any:
    try:
        if kind is bool:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind == tuple[str, ...]:
            return tuple(p.strip() for p in raw.split(",") if p.strip())
        return raw
    except ValueError:
        raise ConfigError(f"PARLEY_{name.upper()}={raw!r} is not a valid {getattr(kind, '__name__', kind)}") from None


def load_config(env: dict[str, str] | None = None, **overrides: Any) -> Config:
    """Defaults, then `PARLEY_*` environment variables, then explicit overrides (CLI flags)."""
    env = os.environ if env is None else env
    hints = get_type_hints(Config)
    values: dict[str, Any] = {}
    for f in fields(Config):
        raw = env.get(f"PARLEY_{f.name.upper()}")
        if raw is not None:
            values[f.name] = _coerce(f.name, hints[f.name], raw)
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in hints:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = value
    node = str(values.get("node_id", ""))
    if node and not re.fullmatch(r"[a-z0-9]{1,16}", node):
        raise ConfigError(f"node_id {node!r} must be 1-16 lowercase letters or digits (it goes into call ids and the balancer's map)")
    if values.get("builtin_tools", "auto") not in ("auto", "on", "off"):
        raise ConfigError(f"builtin_tools {values['builtin_tools']!r} must be auto, on or off")
    if not 0.0 <= float(values.get("llm_temperature", 0.0)) <= 2.0:
        raise ConfigError(f"llm_temperature {values['llm_temperature']!r} must be between 0 and 2")
    for name in ("request_body_timeout_s", "twilio_start_timeout_s", "upload_timeout_s", "session_idle_timeout_s", "teardown_timeout_s"):
        if name in values and not float(values[name]) > 0:
            raise ConfigError(f"{name} {values[name]!r} must be a number of seconds above 0")
    if "max_concurrent_uploads" in values and int(values["max_concurrent_uploads"]) < 1:
        raise ConfigError(f"max_concurrent_uploads {values['max_concurrent_uploads']!r} must be at least 1")
    if "twilio_replay_window_s" in values and not float(values["twilio_replay_window_s"]) > 0:
        raise ConfigError(f"twilio_replay_window_s {values['twilio_replay_window_s']!r} must be a number of seconds above 0")
    import ipaddress

    for proxy in values.get("trusted_proxies", ()):
        try:
            ipaddress.ip_network(str(proxy).strip(), strict=False)
        except ValueError:
            raise ConfigError(f"trusted_proxies entry {proxy!r} is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/8)") from None
    return Config(**values)
