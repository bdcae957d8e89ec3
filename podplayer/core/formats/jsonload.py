"""Loading a JSON transcript with errors that name the line (stdlib json; it already reports it)."""

from __future__ import annotations

import json

from podplayer.core.model import TranscriptParseError


def load_json(text: str, name: str, fmt: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptParseError(f"invalid JSON: {exc.msg}", path=name, fmt=fmt, line=exc.lineno) from None
    except RecursionError:
        raise TranscriptParseError("invalid JSON: nested too deeply", path=name, fmt=fmt) from None


def segment_list(data: object, name: str, fmt: str) -> list[object]:
    """``data["segments"]`` (or ``data`` itself when it is a list), else a parse error."""
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise TranscriptParseError('expected an object with a "segments" list', path=name, fmt=fmt)
    return segments
