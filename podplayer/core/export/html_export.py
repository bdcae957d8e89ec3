"""Highlights to one self-contained printable HTML page (inline CSS, no scripts, no external files).

Every piece of user or transcript text reaches the page through Jinja2's autoescape (MarkupSafe, the
same five characters as ``html.escape(quote=True)``); colours are passed only when they are plain CSS
colours (see :func:`safe_css_color`), so neither text nor colours can inject markup or style.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from podplayer.core.clock import format_clock
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import (
    ExportBundle,
    highlight_span_ms,
    highlight_speaker,
    safe_css_color,
    speaker_colors,
)
from podplayer.core.export.templates import make_environment, render

TEMPLATE = "highlights.html.j2"
DEFAULT_HIGHLIGHT = "#fff3a3"
DEFAULT_TAG = "#e8e8e8"


def render_html(bundle: ExportBundle) -> str:
    episodes: list[dict[str, Any]] = []
    for item in bundle.items:
        ep = item.episode
        colors = speaker_colors(ep)
        highlights = []
        for h in item.highlights:
            start, _ = highlight_span_ms(ep, h)
            speaker = highlight_speaker(ep, h)
            chapter = item.chapter_of(h)
            highlights.append(
                {
                    "chapter": chapter.title if chapter else "",
                    "chapter_timestamp": format_clock(chapter.start_ms) if chapter else "",
                    "timestamp": format_clock(start, unknown="--:--"),
                    "link": item.link(h),
                    "speaker": speaker,
                    "speaker_color": colors.get(speaker, "#444444"),
                    "text": h.quote,
                    "note": h.note,
                    "color": safe_css_color(h.color, DEFAULT_HIGHLIGHT),
                    "tags": [
                        {"name": t, "color": safe_css_color(bundle.tag_colors.get(t, ""), DEFAULT_TAG)} for t in h.tags
                    ],
                }
            )
        meta = ep.transcript.metadata
        episodes.append(
            {
                "title": ep.title,
                "podcast": meta.get("podcast", ""),
                "date": meta.get("date", ""),
                "duration": format_clock(ep.duration_ms) if ep.duration_ms else "",
                "note": ep.note,
                "speakers": [{"name": n, "color": c} for n, c in colors.items()],
                "highlights": highlights,
            }
        )
    title = bundle.title or (episodes[0]["title"] if len(episodes) == 1 else "Highlights")
    env = make_environment(autoescape=True, filters={})
    context = {"title": title, "episodes": episodes, "multiple": len(episodes) > 1, "has_chapters": bundle.has_chapters}
    return render(env, context, name=TEMPLATE)


def export_html(bundle: ExportBundle, path: Path, *, force: bool = False) -> None:
    write_text_atomic(path, render_html(bundle), force=force)
