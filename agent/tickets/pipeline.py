"""Screenshot -> ticket, as typed steps with per-step timings.

    bytes ─► decode (validate, sniff, pixel limit, EXIF, RGB) ─► crop
          ─► prepare (classify, normalise, deskew, text regions) ─► ocr (parallel Tesseract)
          ─► extract (rules) ─► draft (LLM, rule fallback) ─► assemble + schema check

`analyze_screenshot()` is what the HTTP route and the voice session call. The image steps
run in one worker thread (they block); the caller bounds concurrency (runtime.ocr_limit).
Errors a client should see are `ParleyError`s with the codes of `media.image_validate`.
"""
from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable

from agent.config import Config
from agent import screen_text
from agent.edge.errors import ParleyError
from media.image_validate import DecodedImage, ImageRejected, decode, parse_crop
from media.ocr_prep import PrepOptions, Prepared
from models.ocr import OCRError, OCRTimeout, OCRUnavailable, OcrResult

from agent.tickets import schema as ticket_schema
from agent.tickets.draft import DRAFT_TIMEOUT_S, Draft, draft_ticket, rule_draft
from agent.tickets.error_line_reread import reread_error_lines
from agent.tickets.extract import Extracted, extract
from agent.tickets.ocr_step import read_page, read_prepared
from agent.tickets.redact import mask_secrets, redact
from agent.tickets.screen_witness import checked_against_screen

log = logging.getLogger("parley.tickets")

LOW_CONFIDENCE = 60.0  # mean word confidence below this sets flags.low_confidence


def new_ticket_id() -> str:
    return "tkt_" + uuid.uuid4().hex[:20]


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)


def image_steps(
    data: bytes,
    content_type: str | None,
    *,
    ocr: Any,
    config: Config,
    crop: Any = None,
    opts: PrepOptions = PrepOptions(),
) -> tuple[DecodedImage, tuple[int, int, int, int] | None, Prepared, OcrResult, dict[str, float]]:
    """The blocking part: decode, crop, (a photo of a screen: rectify), prepare, OCR.
    Raises ImageRejected / OCRError. A photo's `ScreenPhoto` is left on `prep.photo`."""
    from media.ocr_prep import prepare
    from media.screen_photo import detect as detect_photo

    timings: dict[str, float] = {}
    t = time.perf_counter()
    decoded = decode(data, max_bytes=config.max_upload_bytes, max_pixels=config.max_pixels, declared=content_type)
    timings["decode"] = _ms(t)
    image = decoded.image
    box = None
    if crop is not None:
        box = parse_crop(crop, image.width, image.height)
        if box:
            x, y, w, h = box
            image = image.crop((x, y, x + w, y + h))
    t = time.perf_counter()
    photo = detect_photo(image) if opts.screen_photos else None
    timings["photo"] = _ms(t)
    if photo is not None:  # OCR reads the rectified screen; its boxes are mapped back below
        for k, v in photo.timings.items():
            timings[f"photo.{k}"] = round(v, 1)
    t = time.perf_counter()
    # (a rectified photo keeps the photo recipe: deskew what is left, region edges kept; measured
    # on the dev photos it reads as well as or better than the screen kind's recipe)
    prep = prepare(photo.image if photo else image, opts, kind="photo_of_screen" if photo else None)
    prep.photo = photo
    timings["prepare"] = _ms(t)
    for k, v in prep.timings.items():
        timings[f"prepare.{k}"] = round(v, 1)
    t = time.perf_counter()
    if prep.page is not None:
        result = read_page(prep, ocr, timeout_s=config.ocr_timeout_s)
    elif prep.mosaics:
        result = read_prepared(prep, ocr, timeout_s=config.ocr_timeout_s)
    else:
        result = OcrResult((), (), image.width, image.height, 0.0, {"mosaics": 0, "failed": 0})
    timings["ocr"] = _ms(t)
    if config.ocr_lift_faint and prep.page is None and prep.mosaics and prep.kind != "photo_of_screen":  # (never lifted: media/ocr_prep.lifted)
        t = time.perf_counter()
        prep, result = _lifted_read(image, opts, prep, result, ocr, config)
        timings["lift"] = _ms(t)
    if result.lines:  # a line a terminal wrapped at its last column is one line again (monospace text only)
        from models.wrapped_lines import join_wrapped

        result = OcrResult(result.words, tuple(join_wrapped(result.lines, photo.image.width if photo else image.width)), result.width, result.height,
                           result.elapsed_ms, result.meta)
    if config.ocr_reread_error_lines and result.lines and prep.mosaics and prep.page is None:
        t = time.perf_counter()
        result = _reread(result, prep, ocr, config, photo.image if photo else image)
        timings["reread"] = _ms(t)
    if photo is not None:  # boxes from the rectified screen back into the photo
        from dataclasses import replace

        size = (image.width, image.height)

        def back(w: Any) -> Any:
            return replace(w, box=photo.to_received(w.box, size))

        lines = tuple(replace(ln, box=photo.to_received(ln.box, size), words=tuple(back(w) for w in ln.words)) for ln in result.lines)
        result = OcrResult(tuple(back(w) for w in result.words), lines, image.width, image.height, result.elapsed_ms, result.meta)
    if box:  # boxes back into the coordinates of the whole received image
        from models.ocr import OcrWord, group_lines

        words = tuple(OcrWord(w.text, w.conf, (w.box[0] + box[0], w.box[1] + box[1], w.box[2], w.box[3]), w.block, w.par, w.line) for w in result.words)
        result = OcrResult(words, tuple(group_lines(words)), decoded.image.width, decoded.image.height, result.elapsed_ms, result.meta)
    return decoded, box, prep, _checked_tokens(result), timings


LIFT_MIN_SHARE = 0.003  # lifting that makes less of the image ink than this is not worth a second reading


def _text_mass(result: OcrResult) -> float:
    """Characters read, each weighted by its word's confidence (0..1): more text read surely."""
    return sum(w.conf * len(w.text) for w in result.words) / 100


def _lifted_read(image: Any, opts: PrepOptions, prep: Prepared, result: OcrResult, ocr: Any, config: Config) -> tuple[Prepared, OcrResult]:
    """The screen prepared again with faint ink lifted (media/ocr_prep.lifted: a grey
    `is_test.go:39:` prefix, pink `error:` on white) and read again; the reading with more
    confident text (`_text_mass`) is kept. Mean confidence would not do: the text that lifting
    adds is read less surely than the black text beside it (matryer/is 86 -> 74 mean, with 637
    characters read against 380). Costs one more prepare and OCR pass where lifting changes
    `LIFT_MIN_SHARE` of the image or more."""
    from dataclasses import replace

    from media.ocr_prep import prepare

    prep2 = prepare(image, replace(opts, lift_faint=True))
    if prep2.lift < LIFT_MIN_SHARE or not prep2.mosaics:
        return prep, result
    try:
        result2 = read_prepared(prep2, ocr, timeout_s=config.ocr_timeout_s)
    except OCRError:
        return prep, result
    if _text_mass(result2) > _text_mass(result):
        result2.meta["lifted"] = True
        return prep2, result2
    return prep, result


def _reread(result: OcrResult, prep: Prepared, ocr: Any, config: Config, source: Any) -> OcrResult:
    """The error lines read again and put to a vote (error_line_reread.py), with the second line
    recogniser where one is installed (models/line_reader.py); each edit is kept in
    `meta["corrections"]` for the ticket. Never fails the ticket: a failed re-read is no edit."""
    from models.line_reader import load_line_reader

    try:
        result, fixes = reread_error_lines(result, prep, ocr, budget_s=config.ocr_reread_budget_s, source=source,
                                           reader=load_line_reader(config.ocr_line_model))
    except Exception as exc:  # noqa: BLE001 - a second opinion only: the first reading stands
        log.warning("error-line re-read skipped: %s: %s", type(exc).__name__, exc)
        return result
    if not fixes:
        return result
    return OcrResult(result.words, result.lines, result.width, result.height, result.elapsed_ms,
                     {**result.meta, "corrections": [*result.meta.get("corrections", []), *(f.as_dict() for f in fixes)]})


def _checked_tokens(result: OcrResult) -> OcrResult:
    """A key token OCR misread, put back as the screen shows it elsewhere (screen_witness.py);
    what was replaced is kept in `meta["corrections"]` for the ticket."""
    from dataclasses import replace

    texts, fixes = checked_against_screen([ln.text for ln in result.lines], [{w.text: w.conf for w in ln.words} for ln in result.lines])
    if not fixes:
        return result
    lines = tuple(ln if text == ln.text else replace(ln, text=text) for ln, text in zip(result.lines, texts))
    return OcrResult(result.words, lines, result.width, result.height, result.elapsed_ms,
                     {**result.meta, "corrections": sorted([*result.meta.get("corrections", []), *(f.as_dict() for f in fixes)],
                                                          key=lambda c: c["line"])})


def assemble(
    *,
    ticket_id: str,
    decoded: DecodedImage,
    crop_box: tuple[int, int, int, int] | None,
    prep: Prepared,
    result: OcrResult,
    ex: Extracted,
    draft: Draft,
    flags: dict[str, bool],
    note: str | None,
    timings: dict[str, float],
    engine: str,
) -> dict[str, Any]:
    lines = [mask_secrets(line.text) for line in result.lines]
    words = [{"text": mask_secrets(w.text), "conf": round(max(0.0, min(100.0, w.conf)), 1), "box": [max(0, int(v)) for v in w.box]} for w in result.words]
    masked = any(mask_secrets(line.text) != line.text for line in result.lines)
    pw, ph = prep.processed
    processed: dict[str, Any] = {"width": int(pw), "height": int(ph)}
    if crop_box:
        processed["crop"] = list(crop_box)
    if prep.angle:
        processed["deskew_degrees"] = float(prep.angle)
    processed["inverted_fraction"] = round(float(prep.inverted_fraction), 4)
    photo = getattr(prep, "photo", None)
    if photo is not None:
        processed["photo"] = photo.report()
    mean_conf = round(float(result.mean_confidence), 1)
    all_flags = {
        "low_confidence": (not result.words) or mean_conf < LOW_CONFIDENCE,
        "prompt_injection_suspected": bool(ex.injection_lines),
        "llm_unavailable": bool(flags.get("llm_unavailable", False)),
    }
    if flags.get("llm_output_repaired"):
        all_flags["llm_output_repaired"] = True
    if flags.get("llm_pending"):
        all_flags["llm_pending"] = True
    if result.meta.get("failed"):
        all_flags["ocr_incomplete"] = True
    if masked:
        all_flags["secrets_masked"] = True
    return {
        "id": ticket_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        **draft.as_dict(),
        "error_messages": [mask_secrets(m) for m in ex.error_messages],
        "error_codes": list(ex.error_codes),
        "urls": [mask_secrets(u) for u in ex.urls],
        "versions": list(ex.versions),
        "timestamps": list(ex.timestamps),
        "stack_frames": [{**f, "text": mask_secrets(f["text"])} for f in ex.stack_frames],
        "environment": {k: ex.environment.get(k) for k in ("app", "os", "browser")},
        "evidence": {k: sorted(set(v)) for k, v in ex.evidence.items()},
        "image": {
            "kind": "photo_of_screen" if photo is not None else prep.kind,
            "received": {
                "width": decoded.width,
                "height": decoded.height,
                "format": decoded.format,
                "bytes": decoded.bytes,
                "frames": decoded.frames,
                "exif_rotated": decoded.exif_rotated,
            },
            "processed": processed,
        },
        "ocr": {"text": "\n".join(lines), "lines": lines, "mean_confidence": mean_conf, "engine": engine, "words": words,
                **({"corrections": [{**c, "read": mask_secrets(c["read"]), "fixed": mask_secrets(c["fixed"])} for c in result.meta["corrections"]]}
                   if result.meta.get("corrections") else {})},
        "flags": all_flags,
        "note": note,
        "timings": {k: max(0.0, float(v)) for k, v in timings.items()},
    }


def _to_parley(exc: Exception) -> ParleyError:
    if isinstance(exc, ImageRejected):
        return ParleyError(exc.code, exc.message, exc.hint, exc.status)
    if isinstance(exc, OCRUnavailable):
        return ParleyError("ocr_unavailable", str(exc), exc.hint, 503)
    if isinstance(exc, OCRTimeout):
        return ParleyError("ocr_timeout", str(exc), exc.hint, 504)
    if isinstance(exc, OCRError):
        return ParleyError("ocr_failed", str(exc), "try again or send a PNG", 502)
    raise exc


async def analyze_screenshot(
    data: bytes,
    content_type: str | None,
    *,
    ocr: Any,
    llm: Any = None,
    config: Config,
    note: str | None = None,
    crop: tuple[int, int, int, int] | str | None = None,
    ticket_id: str | None = None,
    llm_timeout_s: float = DRAFT_TIMEOUT_S,
    llm_wait_s: float | None = None,
    on_late_draft: Callable[[dict[str, Any]], Awaitable[None]] | None = None,
    opts: PrepOptions = PrepOptions(),
) -> dict[str, Any]:
    """A validated ticket dict for one screenshot (not stored: see `store.TicketStore`).

    Bad input raises `ParleyError` (4xx); a missing/dead/slow LLM never fails the call.
    The caller holds `runtime.ocr_limit` around this (the voice session and the route do).

    With `llm_wait_s` and `on_late_draft`, the LLM gets only `llm_wait_s` before the
    rule-based ticket is returned (`flags.llm_pending`); the LLM goes on drafting, and
    `on_late_draft` receives the finished ticket (same id) when it is done.
    """
    if ocr is None:
        raise ParleyError("ocr_unavailable", "OCR is not available on this server", "install tesseract-ocr", 503)
    t_all = time.perf_counter()
    note = (note or "").strip()[:2000] or None
    try:
        decoded, box, prep, result, timings = await asyncio.to_thread(
            image_steps, data, content_type, ocr=ocr, config=config, crop=crop, opts=opts
        )
    except (ImageRejected, OCRError) as exc:
        raise _to_parley(exc) from None
    t = time.perf_counter()
    ex = extract([line.text for line in result.lines])
    timings["extract"] = _ms(t)
    t_draft = time.perf_counter()
    rules_first = llm is not None and llm_wait_s is not None and on_late_draft is not None
    drafting = asyncio.ensure_future(draft_ticket(ex, note, llm, timeout_s=llm_timeout_s))
    try:
        if rules_first:
            await asyncio.wait({drafting}, timeout=llm_wait_s)
        if drafting.done() or not rules_first:
            draft, flags = await drafting
        else:
            draft, flags = rule_draft(ex, note), {"llm_pending": True}
    except asyncio.CancelledError:
        drafting.cancel()
        raise
    timings["draft"] = _ms(t_draft)
    try:
        engine = f"tesseract {ocr.version()}"
    except Exception:  # noqa: BLE001
        engine = "tesseract"
    tid = ticket_id or new_ticket_id()
    kw = dict(ticket_id=tid, decoded=decoded, crop_box=box, prep=prep, result=result, ex=ex, note=note, engine=engine)

    def build(draft: Draft, flags: dict[str, bool], timings: dict[str, float]) -> dict[str, Any]:
        t = time.perf_counter()
        ticket = assemble(draft=draft, flags=flags, timings=timings, **kw)
        problems = ticket_schema.errors(ticket)
        if problems and draft.source == "llm":  # belt and braces: the rule draft always validates
            log.warning("ticket %s: LLM draft failed the schema (%s); using the rule-based draft", tid, problems[:3])
            ticket = assemble(draft=rule_draft(ex, note), flags={**flags, "llm_output_repaired": True}, timings=timings, **kw)
            problems = ticket_schema.errors(ticket)
        if problems:
            raise ParleyError("ticket_invalid", f"internal error: the ticket failed its schema ({problems[0]})", "please report this", 500)
        timings["validate"] = _ms(t)
        return ticket

    ticket = build(draft, flags, timings)
    timings["total"] = _ms(t_all)
    ticket["timings"] = dict(timings)
    if flags.get("llm_pending") and on_late_draft is not None:
        _spawn(_late_draft(drafting, ex, note, ticket, build, on_late_draft, t_draft))
    log.info(
        "ticket %s: kind=%s %dx%d words=%d conf=%.0f title=%r timings=%s",
        tid, prep.kind, decoded.width, decoded.height, len(result.words), result.mean_confidence, redact(ticket["title"])[:120],
        {k: v for k, v in timings.items() if "." not in k},
    )
    return ticket


_LATE_DRAFTS: set[asyncio.Task] = set()


def _spawn(coro: Awaitable[None]) -> None:
    task = asyncio.ensure_future(coro)
    _LATE_DRAFTS.add(task)
    task.add_done_callback(_LATE_DRAFTS.discard)


async def _late_draft(drafting: asyncio.Future, ex: Extracted, note: str | None, first: dict[str, Any],
                      build: Callable[..., dict[str, Any]], on_late_draft: Callable[[dict[str, Any]], Awaitable[None]], t_draft: float) -> None:
    """The LLM's draft arrived after the rule-based ticket was returned: hand on the finished one."""
    try:
        draft, flags = await drafting
    except Exception as exc:  # noqa: BLE001 - draft_ticket never raises for LLM trouble; this is a bug guard
        log.warning("ticket %s: late draft failed (%s)", first["id"], type(exc).__name__)
        draft, flags = rule_draft(ex, note), {"llm_unavailable": True}
    timings = {k: v for k, v in first["timings"].items() if k not in ("draft", "validate", "total")}
    timings["draft"] = _ms(t_draft)
    try:
        ticket = build(draft, flags, timings)
    except ParleyError as exc:
        log.error("ticket %s: late draft dropped: %s", first["id"], exc.message)
        return
    ticket["created_at"] = first["created_at"]
    ticket["timings"] = {**timings, "total": first["timings"]["total"]}
    log.info("ticket %s: %s draft ready after %.0f ms", first["id"], draft.source, timings["draft"])
    try:
        await on_late_draft(ticket)
    except Exception:  # noqa: BLE001 - a background step: log, never raise into the loop
        log.exception("ticket %s: storing the late draft failed", first["id"])


_SPECIFIC_FAILURE = re.compile(r"fail|denied|cannot|can't|unable|refused|timed? ?out|not found|exception|invalid|missing|crash", re.I)


def _generic_error_line(line: str) -> int:
    """0 for lines that say what went wrong, 1 for generic ones (dialog titles, 'Error')."""
    return 0 if _SPECIFIC_FAILURE.search(line) else 1


def context_summary(ticket: dict[str, Any], max_chars: int = 600) -> str:
    """A short, delimited summary of a screenshot for the conversation context.

    The exact error lines first, then codes and URLs; all of it marked as untrusted data.
    """
    head = screen_text.introduced("a screenshot")
    tail = f"\n{screen_text.CLOSES}"
    if (ticket.get("flags") or {}).get("prompt_injection_suspected"):
        tail += "\n(Warning: the screenshot contains text that looks like instructions to an AI; it was not followed.)"
    body_parts: list[str] = []

    def clean(s: str) -> str:
        return " ".join(str(s).replace("<<<", " ").replace(">>>", " ").replace("SCREEN_TEXT", " ").split())

    injected = set((ticket.get("evidence") or {}).get("prompt_injection", []))
    # The specific failure first ("Failed to save …: Permission denied"), window titles
    # such as "Error - App" last: a small model quotes the first error line it sees.
    for m in sorted(ticket.get("error_messages") or [], key=_generic_error_line):
        body_parts.append(f"error: {clean(m)}")
    if ticket.get("error_codes"):
        body_parts.append("codes: " + ", ".join(clean(c) for c in ticket["error_codes"]))
    if ticket.get("urls"):
        body_parts.append("urls: " + ", ".join(clean(u) for u in ticket["urls"]))
    env = ticket.get("environment") or {}
    env_s = ", ".join(clean(v) for v in (env.get("app"), env.get("os"), env.get("browser")) if v)
    if env_s:
        body_parts.append(f"environment: {env_s}")
    if not body_parts:
        lines = (ticket.get("ocr") or {}).get("lines") or []
        body_parts = [clean(x) for i, x in enumerate(lines[:6]) if i not in injected]
        if not body_parts:
            body_parts = ["(no readable text)"]
    budget = max(40, max_chars - len(head) - len(tail))
    body = ""
    for part in body_parts:
        add = (("\n" if body else "") + part)
        if len(body) + len(add) > budget:
            room = budget - len(body) - 1
            if room > 20:
                body += add[: room] + "…"
            break
        body += add
    return head + body + tail
