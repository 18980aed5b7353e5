"""Turns raw input bytes into text: binary detection, encoding detection and mojibake repair."""

from __future__ import annotations

import codecs

import charset_normalizer
import ftfy

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that real text files contain: tab, line feed, form feed, carriage return, escape.
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b\x08")
WESTERN_ENCODING = "cp1252"
WESTERN_MAX_CHAOS = 0.1
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.05


class InputProblem(Exception):
    """Raised inside ingest for one unreadable input; turned into a Problem record by the caller."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def looks_binary(sample: bytes) -> bool:
    """True for bytes that are not text: NUL bytes, or many control characters (images, archives)."""
    if not sample or _bom_encoding(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > MAX_CONTROL_SHARE


def repair_text(text: str) -> str:
    """Undo mojibake ("PutinÃ¢â‚¬â„¢s" -> "Putin’s") without touching quotes or anything else."""
    return ftfy.fix_encoding(text)


def guess_decode(data: bytes) -> str | None:
    """Decode non-UTF-8 bytes with the most plausible legacy encoding, or None if none fits.

    On short texts charset-normalizer cannot tell Windows-1252 from its neighbours (only accented
    letters and curly quotes differ) and picks wrongly ("mañana" -> "mańana", "“" -> "ō"). The
    inputs are mostly Western European news, so Windows-1252 wins whenever it reads cleanly.
    """
    western = charset_normalizer.from_bytes(data, cp_isolation=[WESTERN_ENCODING]).best()
    if western is not None and western.chaos <= WESTERN_MAX_CHAOS:
        return str(western)
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else None


def decode_bytes(data: bytes) -> str:
    """Decode a whole input: BOM, then UTF-8, then the best charset-normalizer guess; repair mojibake.

    Raises InputProblem E003 for binary data and E004 when no encoding fits.
    """
    bom = _bom_encoding(data)
    if bom:
        encoding, skip = bom
        try:
            return repair_text(data[skip:].decode(encoding))
        except UnicodeDecodeError as exc:
            raise InputProblem("E004", detail=f"invalid {encoding} at byte {exc.start + skip}") from exc
    if looks_binary(data[:SNIFF_BYTES]):
        raise InputProblem("E003")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = guess_decode(data)
        if guess is None:
            raise InputProblem("E004", detail=f"not UTF-8 (invalid byte at {exc.start}) "
                                              "and no other encoding fits") from exc
        text = guess
    return repair_text(text)
