"""Highlights to CSV: a plain table, or Readwise's import columns.

Formula injection guard: spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and tab / carriage return, per OWASP) as a formula. Every text cell starting with one of those gets a
leading apostrophe, which spreadsheets show as plain text. Numbers (Readwise's Location) are not text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from podplayer.core.clock import format_clock
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.markdown import hashtag_slug

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

PLAIN_COLUMNS = ["episode", "start", "end", "speaker", "text", "tags", "note", "color", "created", "link"]
# With chapters anywhere in the export, a "chapter" column follows "episode" (left out otherwise, so
# exports of episodes without chapters keep their columns).
CHAPTER_COLUMN = "chapter"
READWISE_COLUMNS = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]


def guard_cell(value: str) -> str:
    """Neutralise a text cell that a spreadsheet would evaluate as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _table(header: list[str], rows: Iterable[list[str | int | float]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow(header)
    for row in rows:
        writer.writerow([guard_cell(c) if isinstance(c, str) else c for c in row])
    return buffer.getvalue()


def render_csv(bundle: ExportBundle) -> str:
    with_chapters = bundle.has_chapters
    rows: list[list[str | int | float]] = []
    for item in bundle.items:
        ep = item.episode
        for h in item.highlights:
            start, end = highlight_span_ms(ep, h)
            chapter = item.chapter_of(h)
            rows.append(
                [
                    ep.title,
                    *([chapter.title if chapter else ""] if with_chapters else []),
                    format_clock(start, always_hours=True),
                    format_clock(end, always_hours=True),
                    highlight_speaker(ep, h),
                    h.quote,
                    "; ".join(h.tags),
                    h.note,
                    h.color,
                    h.created_at.isoformat() if h.created_at else "",
                    item.link(h),
                ]
            )
    columns = [PLAIN_COLUMNS[0], CHAPTER_COLUMN, *PLAIN_COLUMNS[1:]] if with_chapters else PLAIN_COLUMNS
    return _table(columns, rows)


def render_readwise(bundle: ExportBundle) -> str:
    """Readwise's CSV import: Author is the podcast (else the speakers), Location the start second, URL the
    highlight's podplayer:// link (the episode's page when it has none).

    Tags go into the note as Readwise inline tags (``.tag``), which its importer turns into tags.
    """
    rows: list[list[str | int | float]] = []
    for item in bundle.items:
        ep = item.episode
        meta = ep.transcript.metadata
        author = meta.get("podcast") or ", ".join(ep.transcript.speakers)
        url = meta.get("url", "") or meta.get("link", "")
        for h in item.highlights:
            start, _ = highlight_span_ms(ep, h)
            inline_tags = " ".join(f".{s}" for s in (hashtag_slug(t) for t in h.tags) if s)
            note = f"{inline_tags} {h.note}".strip() if inline_tags else h.note
            rows.append(
                [
                    h.quote or "(bookmark)",
                    ep.title,
                    author,
                    item.link(h) or url,
                    note,
                    start // 1000 if start is not None else "",
                    h.created_at.isoformat() if h.created_at else "",
                ]
            )
    return _table(READWISE_COLUMNS, rows)


def export_csv(bundle: ExportBundle, path: Path, *, readwise: bool = False, force: bool = False) -> None:
    text = render_readwise(bundle) if readwise else render_csv(bundle)
    write_text_atomic(path, text, force=force)
