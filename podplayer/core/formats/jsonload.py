"""Loading a JSON transcript with errors that name the line (stdlib json; it already reports it),
and reading its segments with errors that name the segment (Podcasting 2.0 and Whisper JSON)."""

from __future__ import annotations

import json

from podplayer.core.formats.timecode import seconds_to_ms
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


class JsonSegment:
    """One entry of a ``segments`` list, read field by field; its errors name it ("segment 3: …")."""

    def __init__(self, raw: object, number: int, name: str, fmt: str) -> None:
        self.number = number
        self.name = name
        self.fmt = fmt
        if not isinstance(raw, dict):
            raise self.error("expected an object")
        self.fields: dict[str, object] = raw

    def error(self, message: str) -> TranscriptParseError:
        return TranscriptParseError(f"segment {self.number}: {message}", path=self.name, fmt=self.fmt)

    def text(self, key: str) -> str:
        """The string under ``key`` ("" when absent)."""
        value = self.fields.get(key, "")
        if not isinstance(value, str):
            raise self.error(f'"{key}" must be a string')
        return value

    def speaker(self) -> str | None:
        """The ``speaker`` label, stripped; None when absent or blank."""
        value = self.fields.get("speaker")
        if value is not None and not isinstance(value, str):
            raise self.error('"speaker" must be a string')
        return (value.strip() or None) if value else None

    def times(self, start_key: str, end_key: str) -> tuple[int | None, int | None]:
        """Start and end in milliseconds from seconds under the two keys; None where absent."""
        try:
            start = seconds_to_ms(self.fields[start_key]) if self.fields.get(start_key) is not None else None
            end = seconds_to_ms(self.fields[end_key]) if self.fields.get(end_key) is not None else None
        except ValueError:
            raise self.error(f"{start_key}/{end_key} must be non-negative numbers of seconds") from None
        return start, end
