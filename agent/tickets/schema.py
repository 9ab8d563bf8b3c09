"""The ticket JSON Schema (draft 2020-12), its validator, and the OpenAPI 3.1 fragment for the routes."""
from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

SEVERITIES = ("critical", "high", "medium", "low")
KINDS = ("ui_screenshot", "terminal", "photo_of_screen", "document")
SCHEMA_ID = "https://parley.invalid/v1/schemas/ticket.json"

_str_list = {"type": "array", "items": {"type": "string"}}
_box = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 4, "maxItems": 4, "description": "x, y, w, h in received-image pixels"}
_nullable_str = {"type": ["string", "null"]}

TICKET_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Parley bug ticket",
    "description": "A bug ticket drafted from a screenshot: rule-extracted fields (with the OCR line indices they came from) and an LLM-written title/summary.",
    "type": "object",
    "required": [
        "id", "created_at", "title", "summary", "component", "severity", "error_messages", "error_codes", "urls",
        "versions", "timestamps", "stack_frames", "steps_to_reproduce", "environment", "evidence", "image", "ocr",
        "flags", "note", "timings",
    ],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^tkt_[0-9a-f]{8,32}$"},
        "created_at": {"type": "string", "format": "date-time"},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "summary": {"type": "string", "maxLength": 2000},
        "component": {"type": "string", "maxLength": 80},
        "severity": {"enum": list(SEVERITIES)},
        "error_messages": _str_list,
        "error_codes": _str_list,
        "urls": _str_list,
        "versions": _str_list,
        "timestamps": _str_list,
        "stack_frames": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["language", "file", "line", "function", "text"],
                "additionalProperties": False,
                "properties": {
                    "language": {"type": "string"},
                    "file": _nullable_str,
                    "line": {"type": ["integer", "null"]},
                    "function": _nullable_str,
                    "text": {"type": "string"},
                },
            },
        },
        "steps_to_reproduce": {"type": "array", "items": {"type": "string", "maxLength": 300}, "maxItems": 12},
        "environment": {
            "type": "object",
            "required": ["app", "os", "browser"],
            "additionalProperties": False,
            "properties": {"app": _nullable_str, "os": _nullable_str, "browser": _nullable_str},
        },
        "evidence": {
            "type": "object",
            "description": "field name -> indices into ocr.lines the value was read from",
            "additionalProperties": {"type": "array", "items": {"type": "integer", "minimum": 0}},
        },
        "image": {
            "type": "object",
            "required": ["kind", "received", "processed"],
            "additionalProperties": False,
            "properties": {
                "kind": {"enum": list(KINDS)},
                "received": {
                    "type": "object",
                    "required": ["width", "height", "format", "bytes"],
                    "additionalProperties": False,
                    "properties": {
                        "width": {"type": "integer", "minimum": 1},
                        "height": {"type": "integer", "minimum": 1},
                        "format": {"type": "string"},
                        "bytes": {"type": "integer", "minimum": 1},
                        "frames": {"type": "integer", "minimum": 1},
                        "exif_rotated": {"type": "boolean"},
                    },
                },
                "processed": {
                    "type": "object",
                    "required": ["width", "height"],
                    "additionalProperties": False,
                    "properties": {
                        "width": {"type": "integer", "minimum": 1},
                        "height": {"type": "integer", "minimum": 1},
                        "crop": {"type": ["array", "null"], "items": {"type": "integer"}},
                        "deskew_degrees": {"type": "number"},
                        "inverted_fraction": {"type": "number", "minimum": 0, "maximum": 1},
                        "photo": {
                            "type": "object",
                            "description": "a photo of a screen: the screen was found and rectified before OCR",
                            "required": ["skew_degrees", "keystone_degrees", "blur", "corners"],
                            "additionalProperties": False,
                            "properties": {
                                "skew_degrees": {"type": "number", "description": "in-plane rotation of the screen's edges"},
                                "keystone_degrees": {"type": "number", "minimum": 0,
                                                     "description": "largest angle between opposite edges (perspective)"},
                                "blur": {"type": "number", "minimum": 0,
                                         "description": "variance of the Laplacian of the rectified screen at 1000 px across; lower is blurrier"},
                                "corners": {"type": "array", "minItems": 4, "maxItems": 4,
                                            "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"}},
                                            "description": "the screen's corners in the received image: top-left, top-right, bottom-right, bottom-left"},
                                "screen_kind": {"enum": ["terminal", "ui_screenshot"], "description": "what the screen shows"},
                            },
                        },
                    },
                },
            },
        },
        "ocr": {
            "type": "object",
            "required": ["text", "mean_confidence", "words"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string"},
                "lines": {"type": "array", "items": {"type": "string"}, "description": "reading order; evidence indexes these"},
                "mean_confidence": {"type": "number", "minimum": 0, "maximum": 100},
                "engine": {"type": "string"},
                "corrections": {
                    "type": "array",
                    "description": "tokens OCR misread, put back: as the screen shows them elsewhere (screen_witness.py, with "
                                   "`witness_line`), or as re-readings of an error line agreed (error_line_reread.py, `source` \"reread\", "
                                   "`read` \"\" for a token inserted)",
                    "items": {
                        "type": "object",
                        "required": ["line", "read", "fixed"],
                        "additionalProperties": False,
                        "properties": {"line": {"type": "integer", "minimum": 0}, "read": {"type": "string"},
                                       "fixed": {"type": "string"}, "witness_line": {"type": "integer", "minimum": 0},
                                       "source": {"enum": ["reread"]}, "readings": {"type": "integer", "minimum": 1}},
                    },
                },
                "words": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["text", "conf", "box"],
                        "additionalProperties": False,
                        "properties": {"text": {"type": "string"}, "conf": {"type": "number"}, "box": _box},
                    },
                },
            },
        },
        "flags": {
            "type": "object",
            "required": ["low_confidence", "prompt_injection_suspected", "llm_unavailable"],
            "additionalProperties": {"type": "boolean"},
            "properties": {
                "low_confidence": {"type": "boolean"},
                "prompt_injection_suspected": {"type": "boolean"},
                "llm_unavailable": {"type": "boolean"},
                "llm_output_repaired": {"type": "boolean"},
                "llm_pending": {"type": "boolean", "description": "the rule-based draft was returned; the LLM's replaces it in storage when ready"},
                "ocr_incomplete": {"type": "boolean"},
                "secrets_masked": {"type": "boolean"},
            },
        },
        "note": _nullable_str,
        "timings": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}, "description": "step -> milliseconds"},
    },
}


@lru_cache(maxsize=1)
def validator():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(TICKET_SCHEMA)
    return Draft202012Validator(TICKET_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(ticket: dict) -> list[str]:
    """Human-readable schema violations ([] when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator().iter_errors(ticket)]


def validate(ticket: dict) -> None:
    """Raise jsonschema.ValidationError unless `ticket` matches the schema."""
    validator().validate(ticket)


def schema() -> dict:
    return copy.deepcopy(TICKET_SCHEMA)


_ERROR_SCHEMA = {
    "type": "object",
    "required": ["type", "code", "message"],
    "properties": {
        "type": {"const": "error"},
        "code": {"type": "string"},
        "message": {"type": "string"},
        "hint": {"type": "string"},
    },
}


def _err(desc: str) -> dict:
    return {"description": desc, "content": {"application/json": {"schema": copy.deepcopy(_ERROR_SCHEMA)}}}


def _inline_ticket() -> dict:
    ticket = schema()
    ticket.pop("$schema", None)
    ticket.pop("$id", None)
    return ticket


def openapi_paths() -> dict:
    """OpenAPI 3.1 `paths` for the ticket routes, self-contained (schemas inlined, no $refs)."""
    ticket_ref = _inline_ticket()
    image_types = {t: {"schema": {"type": "string", "contentMediaType": t}} for t in ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff")}
    return {
        "/v1/screenshots": {
            "post": {
                "summary": "Turn a screenshot into a bug ticket",
                "description": "Multipart form with `file` (and optional `note`, `crop` = 'x,y,w,h'), or the raw image as the body with its Content-Type and `?note=&crop=`. OCR text is treated as untrusted data.",
                "operationId": "createTicketFromScreenshot",
                "parameters": [
                    {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 200}, "description": "a retried upload with the same key returns the same ticket"},
                    {"name": "Prefer", "in": "header", "required": False, "schema": {"type": "string"},
                     "description": "wait=N: wait up to N s (at most 8) for the LLM's draft; otherwise the rule-based ticket comes back with flags.llm_pending and the LLM's draft replaces it in storage"},
                    {"name": "note", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 2000}},
                    {"name": "crop", "in": "query", "required": False, "schema": {"type": "string", "pattern": "^-?\\d+,-?\\d+,\\d+,\\d+$"}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "contentMediaType": "application/octet-stream"},
                                    "note": {"type": "string"},
                                    "crop": {"type": "string"},
                                },
                            }
                        },
                        **image_types,
                    },
                },
                "responses": {
                    "201": {"description": "ticket created", "content": {"application/json": {"schema": ticket_ref}}},
                    "200": {"description": "an idempotent retry: the ticket created earlier", "content": {"application/json": {"schema": ticket_ref}}},
                    "400": _err("empty_file, corrupt_image, bad_request"),
                    "409": _err("idempotency_key_reused: the key was used for a different upload"),
                    "413": _err("file_too_large, too_many_pixels"),
                    "415": _err("unsupported_media_type, not_an_image"),
                    "422": _err("missing_file, invalid_crop, corrupt_image"),
                    "503": _err("ocr_unavailable: tesseract is not installed"),
                    "504": _err("ocr_timeout"),
                },
            }
        },
        "/v1/tickets": {
            "get": {
                "summary": "List tickets, newest first",
                "operationId": "listTickets",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
                ],
                "responses": {
                    "200": {
                        "description": "a page of tickets",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["object", "data", "total", "limit", "offset"],
                                    "properties": {
                                        "object": {"const": "list"},
                                        "data": {"type": "array", "items": ticket_ref},
                                        "total": {"type": "integer"},
                                        "limit": {"type": "integer"},
                                        "offset": {"type": "integer"},
                                    },
                                }
                            }
                        },
                    },
                    "422": _err("invalid_parameter"),
                },
            }
        },
        "/v1/tickets/{ticket_id}": {
            "get": {
                "summary": "One ticket",
                "operationId": "getTicket",
                "parameters": [{"name": "ticket_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "the ticket", "content": {"application/json": {"schema": ticket_ref}}},
                    "404": _err("ticket_not_found"),
                },
            }
        },
        "/v1/schemas/ticket.json": {
            "get": {
                "summary": "The ticket JSON Schema (draft 2020-12)",
                "operationId": "getTicketSchema",
                "responses": {"200": {"description": "JSON Schema", "content": {"application/schema+json": {"schema": {"type": "object"}}}}},
            }
        },
    }
