"""Turning a transcript file's bytes into text: BOMs, UTF-8/UTF-16, latin-1 fallback, line ends.

Hand-written with the stdlib codecs: the rules are short and a detector library (chardet and
friends) guesses wrongly on short files, where "UTF-8 else latin-1" is what users expect.
"""

from __future__ import annotations

import codecs

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes) -> str:
    """Decode a transcript file: BOM-marked UTF-8/16/32, else UTF-8, else latin-1.

    Line ends are normalised to ``\\n`` (CRLF and lone CR both), so readers only see ``\\n``.
    Never raises: latin-1 maps every byte.
    """
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                text = None
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return normalise_newlines(text.lstrip("\ufeff"))


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
