"""G.711 μ-law (PCMU) and A-law (PCMA) codecs, 8-bit samples ↔ PCM16, table driven."""
from __future__ import annotations

import numpy as np

_BIAS = 0x84
_CLIP = 32635


def _ulaw_decode_table() -> np.ndarray:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + _BIAS) << exponent) - _BIAS
    return np.where(sign, -magnitude, magnitude).astype(np.int16)


def _alaw_decode_table() -> np.ndarray:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    sign = a & 0x80
    exponent = (a >> 4) & 0x07
    mantissa = a & 0x0F
    magnitude = np.where(
        exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0)
    )
    return np.where(sign, magnitude, -magnitude).astype(np.int16)


_ULAW_DEC = _ulaw_decode_table()
_ALAW_DEC = _alaw_decode_table()


def _encode_with(table: np.ndarray) -> np.ndarray:
    # Encode by nearest decoded value: exact inverse of the decoder, built once.
    order = np.argsort(table, kind="stable")
    sorted_vals = table[order].astype(np.int32)
    lin = np.arange(-32768, 32768, dtype=np.int32)
    pos = np.clip(np.searchsorted(sorted_vals, lin), 1, len(sorted_vals) - 1)
    left, right = sorted_vals[pos - 1], sorted_vals[pos]
    choose = np.where(lin - left <= right - lin, pos - 1, pos)
    return order[choose].astype(np.uint8)


_ULAW_ENC = _encode_with(_ULAW_DEC)
_ALAW_ENC = _encode_with(_ALAW_DEC)


def ulaw_decode(data: bytes) -> bytes:
    return _ULAW_DEC[np.frombuffer(data, np.uint8)].astype("<i2").tobytes()


def alaw_decode(data: bytes) -> bytes:
    return _ALAW_DEC[np.frombuffer(data, np.uint8)].astype("<i2").tobytes()


def ulaw_encode(pcm16: bytes) -> bytes:
    x = np.frombuffer(pcm16, "<i2").astype(np.int32) + 32768
    return _ULAW_ENC[x].tobytes()


def alaw_encode(pcm16: bytes) -> bytes:
    x = np.frombuffer(pcm16, "<i2").astype(np.int32) + 32768
    return _ALAW_ENC[x].tobytes()
