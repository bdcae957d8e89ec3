"""Highlights to Obsidian-ready Markdown: YAML front matter, episode note, one section per highlight.

The front matter is produced by PyYAML (not by string pasting), so titles with ``:``, quotes, ``#``
or newlines are always quoted correctly. The body comes from a Jinja2 template: the shipped
``resources/templates/highlights.md.j2`` or the user's own file with the same variables.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from podplayer.core.clock import format_clock
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import (
    EpisodeHighlights,
    ExportBundle,
    first_words,
    highlight_span_ms,
    highlight_speaker,
)
from podplayer.core.export.templates import make_environment, render

DEFAULT_TEMPLATE = "highlights.md.j2"

_TAG_UNSAFE = re.compile(r"[^\w/-]+")


def hashtag_slug(tag: str) -> str:
    """A tag as Obsidian accepts it after ``#``: spaces become ``-``, other punctuation is dropped.

    ``"machine learning"`` -> ``machine-learning``; a purely numeric tag gets a ``tag-`` prefix because
    Obsidian needs at least one non-digit.
    """
    slug = _TAG_UNSAFE.sub("-", tag.strip()).strip("-/")
    slug = re.sub(r"-{2,}", "-", slug)
    if slug.isdigit():
        slug = f"tag-{slug}"
    return slug


def md_text(text: str) -> str:
    """Escape the characters that would let transcript text become HTML inside Markdown."""
    return text.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")


def md_line(text: str) -> str:
    """Text for a heading or list item: one line, escaped."""
    return md_text(" ".join(text.split()))


def blockquote(text: str) -> str:
    lines = md_text(text).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def yaml_front_matter(data: dict[str, Any]) -> str:
    dumped: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return dumped.rstrip("\n")


def _episode_context(item: EpisodeHighlights) -> dict[str, Any]:
    ep = item.episode
    meta = ep.transcript.metadata
    highlights = []
    by_id: dict[int, dict[str, Any]] = {}
    for n, h in enumerate(item.highlights, start=1):
        start, end = highlight_span_ms(ep, h)
        chapter = item.chapter_of(h)
        context = {
            "index": n,
            "start_ms": start,
            "end_ms": end,
            "timestamp": format_clock(start, unknown="--:--"),
            "link": item.link(h),
            "speaker": highlight_speaker(ep, h),
            "text": h.quote,
            "excerpt": first_words(h.quote),
            "tags": list(h.tags),
            "hashtags": [f"#{s}" for s in (hashtag_slug(t) for t in h.tags) if s],
            "note": h.note,
            "color": h.color,
            "created": h.created_at.isoformat() if h.created_at else "",
            "chapter": chapter.title if chapter else "",
        }
        highlights.append(context)
        by_id[id(h)] = context
    chapters = [
        {
            "title": chapter.title if chapter else "",
            "timestamp": format_clock(chapter.start_ms) if chapter else "",
            "start_ms": chapter.start_ms if chapter else None,
            "url": (chapter.url or "") if chapter else "",
            "highlights": [by_id[id(h)] for h in group],
        }
        for chapter, group in item.by_chapter()
    ] if item.chapters else []
    return {
        "title": ep.title,
        "podcast": meta.get("podcast", ""),
        "date": meta.get("date", ""),
        "duration": format_clock(ep.duration_ms, always_hours=True) if ep.duration_ms else "",
        "source": ep.audio_path or "",
        "note": ep.note,
        "speakers": ep.transcript.speakers,
        "highlights": highlights,
        "chapters": chapters,
    }


def front_matter_data(bundle: ExportBundle) -> dict[str, Any]:
    tags = [s for s in dict.fromkeys(hashtag_slug(t) for t in bundle.tags()) if s]
    if len(bundle.items) == 1:
        ep = bundle.items[0].episode
        meta = ep.transcript.metadata
        data: dict[str, Any] = {"title": ep.title}
        if meta.get("podcast"):
            data["podcast"] = meta["podcast"]
        if meta.get("date"):
            data["date"] = meta["date"]
        if ep.duration_ms:
            data["duration"] = format_clock(ep.duration_ms, always_hours=True)
        if ep.audio_path:
            data["source"] = ep.audio_path
    else:
        data = {"title": bundle.title or "Highlights", "episodes": [i.episode.title for i in bundle.items]}
    data["tags"] = tags
    return data


def render_markdown(bundle: ExportBundle, template: Path | None = None) -> str:
    env = make_environment(
        autoescape=False,
        filters={"md": md_text, "md_line": md_line, "blockquote": blockquote, "hashtag": hashtag_slug},
    )
    episodes = [_episode_context(i) for i in bundle.items]
    context = {
        "front_matter": yaml_front_matter(front_matter_data(bundle)),
        "title": bundle.title or (episodes[0]["title"] if len(episodes) == 1 else "Highlights"),
        "episodes": episodes,
        "multiple": len(episodes) > 1,
    }
    text = render(env, context, name=DEFAULT_TEMPLATE, path=template)
    # Templates are easier to read with generous blank lines; the output keeps at most one.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def export_markdown(bundle: ExportBundle, path: Path, *, template: Path | None = None, force: bool = False) -> None:
    write_text_atomic(path, render_markdown(bundle, template), force=force)
