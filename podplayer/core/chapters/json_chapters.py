"""Podcasting 2.0 JSON chapters (``<podcast:chapters type="application/json+chapters">``).

The format: ``{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro", "endTime"?,
"url"?, "img"?, "toc"?}, ...]}``. Chapters marked ``"toc": false`` are silent chapters (an image or
location change, not a section of the episode) and are left out of the list.
Read with the stdlib ``json``; the checks below turn every malformed shape into one clear line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from podplayer.core.chapters.model import Chapter, ChapterError, checked_seconds, clean_title, sorted_chapters

MAX_BYTES = 10 * 1024 * 1024  # a chapters file of hundreds of chapters is a few tens of kilobytes


def read_json_chapters(path: str | Path) -> list[Chapter]:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ChapterError(f"{p}: chapters file is too large ({size} bytes)")
        data = p.read_bytes()
    except OSError as exc:
        raise ChapterError(f"{p}: cannot read chapters ({exc.strerror or exc})") from exc
    return parse_json_chapters(data, source=str(p))


def parse_json_chapters(data: bytes | str, source: str = "JSON chapters") -> list[Chapter]:
    """The chapters in a Podcasting 2.0 JSON chapters document, sorted by start."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ChapterError(f"{source}: chapters are not UTF-8 text") from exc
    if not data.strip():
        raise ChapterError(f"{source}: chapters file is empty")
    try:
        document: Any = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ChapterError(f"{source}: not JSON chapters ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise ChapterError(f"{source}: not JSON chapters (nested too deeply)") from exc
    if not isinstance(document, dict) or "chapters" not in document:
        raise ChapterError(f"{source}: not JSON chapters (no \"chapters\" list)")
    items = document["chapters"]
    if not isinstance(items, list):
        raise ChapterError(f"{source}: \"chapters\" is not a list")
    chapters: list[Chapter] = []
    for number, item in enumerate(items, start=1):
        where = f"{source}: chapter {number}"
        if not isinstance(item, dict):
            raise ChapterError(f"{where} is not an object")
        if item.get("toc") is False:
            continue
        if "startTime" not in item:
            raise ChapterError(f"{where} has no startTime")
        start = checked_seconds(item["startTime"], "startTime", where)
        end = checked_seconds(item["endTime"], "endTime", where) if item.get("endTime") is not None else None
        if end is not None and end < start:
            raise ChapterError(f"{where}: endTime {end:g} is before startTime {start:g}")
        chapters.append(
            Chapter(start, clean_title(item.get("title")), end, _text(item.get("url")), _text(item.get("img")))
        )
    return sorted_chapters(chapters)


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def chapters_to_json(chapters: list[Chapter]) -> dict[str, Any]:
    """The chapters as a Podcasting 2.0 JSON chapters document (what :func:`parse_json_chapters` reads)."""
    out: list[dict[str, Any]] = []
    for c in chapters:
        item: dict[str, Any] = {"startTime": c.start, "title": c.title}
        if c.end is not None:
            item["endTime"] = c.end
        if c.url:
            item["url"] = c.url
        if c.image:
            item["img"] = c.image
        out.append(item)
    return {"version": "1.2.0", "chapters": out}
