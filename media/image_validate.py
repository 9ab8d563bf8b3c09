"""Check and decode an uploaded image safely. Never imports `agent`.

Order matters: the cheap checks run before any decoding.

1. size: 0 bytes -> `empty_file`; over the limit -> `file_too_large`.
2. type from magic bytes, not from the name or the declared Content-Type: PNG, JPEG, GIF,
   WebP, BMP, TIFF accepted; SVG, PDF, HEIC/AVIF, ICO ... -> `unsupported_media_type`;
   text, HTML, archives, random bytes -> `not_an_image`.
3. pixel count from the header (Pillow opens lazily) before the pixels are decoded:
   decompression bombs -> `too_many_pixels`.
4. full decode: truncated or corrupt data -> `corrupt_image`.
5. normalise: first frame of an animation, EXIF orientation applied, CMYK / 16-bit /
   palette / alpha (composited over white) -> 8-bit RGB.

Every failure is an `ImageRejected` with a stable code, a message, a hint and an HTTP status.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

SUPPORTED = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF")
SUPPORTED_TEXT = "PNG, JPEG, GIF, WebP, BMP or TIFF"
MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp", "BMP": "image/bmp", "TIFF": "image/tiff"}


class ImageRejected(Exception):
    def __init__(self, code: str, message: str, hint: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.status = status


@dataclass
class DecodedImage:
    image: Image.Image  # 8-bit RGB, upright
    format: str  # sniffed: PNG, JPEG, ...
    width: int  # as received (before EXIF rotation)
    height: int
    bytes: int
    mode: str  # the original Pillow mode
    frames: int = 1
    exif_rotated: bool = False


def sniff(data: bytes) -> tuple[str | None, str | None]:
    """(accepted format, None) or (None, what it is instead) from the first bytes."""
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG", None
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG", None
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF", None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP", None
    if head[:2] == b"BM" and len(data) >= 26:
        return "BMP", None
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF", None
    # known, but not accepted
    if head.startswith(b"%PDF-"):
        return None, "PDF"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"heim", b"heis"):
            return None, "HEIC"
        if brand in (b"avif", b"avis"):
            return None, "AVIF"
        return None, "video"
    if head[:4] == b"\x00\x00\x01\x00":
        return None, "ICO"
    if head[:4] == b"8BPS":
        return None, "PSD"
    if head[:12] in (b"\x00\x00\x00\x0cjP  \r\n\x87\n",) or head[:4] == b"\xff\x4f\xff\x51":
        return None, "JPEG 2000"
    if head[:2] in (b"\x1f\x8b",) or head[:4] in (b"PK\x03\x04", b"7z\xbc\xaf") or head[:5] == b"Rar!\x1a":
        return None, "archive"
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return None, "SVG"
    if text.startswith((b"<!doctype html", b"<html")):
        return None, "HTML"
    return None, None


def _rejected_type(what: str | None, declared: str | None) -> ImageRejected:
    sent = f" (sent as {declared})" if declared else ""
    if what in ("PDF", "SVG", "HEIC", "AVIF", "ICO", "PSD", "JPEG 2000", "video"):
        return ImageRejected(
            "unsupported_media_type",
            f"the file is {what}{sent}; supported image formats are {SUPPORTED_TEXT}",
            f"export or screenshot it as PNG or JPEG{'; for a PDF, screenshot the page' if what == 'PDF' else ''}",
            415,
        )
    return ImageRejected(
        "not_an_image",
        f"the file is not an image{f' (looks like {what})' if what else ''}{sent}; supported formats are {SUPPORTED_TEXT}",
        "upload a PNG or JPEG screenshot",
        415,
    )


def check_bytes(data: bytes, max_bytes: int, declared: str | None = None) -> str:
    """Size and type checks, no decoding. Returns the sniffed format."""
    if not data:
        raise ImageRejected("empty_file", "the uploaded file is empty (0 bytes)", "attach the screenshot file", 400)
    if len(data) > max_bytes:
        raise ImageRejected(
            "file_too_large",
            f"the file is {len(data)} bytes; the limit is {max_bytes} bytes",
            "crop the screenshot or save it as JPEG",
            413,
        )
    fmt, what = sniff(data)
    if fmt is None:
        raise _rejected_type(what, declared)
    return fmt


def _too_many(w: int, h: int, max_pixels: int) -> ImageRejected:
    return ImageRejected(
        "too_many_pixels",
        f"the image is {w}x{h} = {w * h} pixels; the limit is {max_pixels}",
        "send a smaller screenshot or crop it",
        413,
    )


def _to_rgb(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode == "RGB":
        return img
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        a = np.asarray(img).astype(np.float64)
        hi = float(a.max()) if a.size else 0.0
        if hi > 255:
            a = a * (255.0 / (65535.0 if hi > 4095 else hi))
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L").convert("RGB")
    if mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
        mode = img.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if mode == "1":
        return img.convert("L").convert("RGB")
    return img.convert("RGB")  # L, CMYK, YCbCr, LAB, HSV, RGBX


def decode(data: bytes, *, max_bytes: int, max_pixels: int, declared: str | None = None) -> DecodedImage:
    """Validate and decode an upload into an upright 8-bit RGB image (see the module doc)."""
    fmt = check_bytes(data, max_bytes, declared)
    # Pillow's own bomb guard (a process-wide setting: warning above MAX_IMAGE_PIXELS, error
    # above twice that) is only the backstop; our header check below is the real, per-call
    # limit. It is raised for a larger configured limit, never lowered: lowering it for one
    # call would refuse images within another caller's limit.
    if Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS < max_pixels:
        Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=[fmt])
    except Image.DecompressionBombError as exc:
        raise ImageRejected("too_many_pixels", f"the image has too many pixels ({exc})", "send a smaller screenshot", 413) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected(
            "corrupt_image", f"the {fmt} file could not be read: {str(exc)[:120]}", "the file may be truncated; upload it again", 422
        ) from None
    w, h = img.size
    if w <= 0 or h <= 0:
        raise ImageRejected("corrupt_image", f"the {fmt} header declares a {w}x{h} image", "upload it again", 422)
    if w * h > max_pixels:
        raise _too_many(w, h, max_pixels)
    mode = img.mode
    frames = int(getattr(img, "n_frames", 1) or 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            if frames > 1:
                img.seek(0)
            img.load()
            if img.size[0] * img.size[1] > max_pixels:  # a first frame bigger than the header said
                raise _too_many(img.size[0], img.size[1], max_pixels)
            upright = ImageOps.exif_transpose(img)
            rotated = _orientation(img) not in (None, 1)
            rgb = _to_rgb(upright if upright is not None else img)
    except ImageRejected:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageRejected("too_many_pixels", f"the image has too many pixels ({exc})", "send a smaller screenshot", 413) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError) as exc:
        raise ImageRejected(
            "corrupt_image", f"the {fmt} file is truncated or corrupt: {str(exc)[:120]}", "upload the original file again", 422
        ) from None
    return DecodedImage(rgb, fmt, w, h, len(data), mode, frames, bool(rotated))


def _orientation(img: Image.Image) -> int | None:
    try:
        return img.getexif().get(0x0112)
    except Exception:  # noqa: BLE001 - broken EXIF is not our problem, just no rotation
        return None


def parse_crop(value: str | None, width: int, height: int) -> tuple[int, int, int, int] | None:
    """'x,y,w,h' -> a box clipped to the image; raises ImageRejected(invalid_crop) when malformed or empty."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, (tuple, list)):
        parts = list(value)
    else:
        parts = [p.strip() for p in str(value).split(",")]
    try:
        x, y, w, h = (int(float(p)) for p in parts)
    except (TypeError, ValueError):
        raise ImageRejected("invalid_crop", f"crop must be 'x,y,w,h' in pixels, got {str(value)[:40]!r}", "e.g. crop=0,0,800,600", 422) from None
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    if w <= 0 or h <= 0 or x1 - x0 < 4 or y1 - y0 < 4:
        raise ImageRejected(
            "invalid_crop", f"crop {x},{y},{w},{h} leaves no area inside the {width}x{height} image", "check the crop box", 422
        )
    return (x0, y0, x1 - x0, y1 - y0)
