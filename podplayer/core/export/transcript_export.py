"""The full transcript of an episode, with highlighted passages marked, as Markdown, HTML or text.

Markdown marks highlights Obsidian's way (``==text==``); plain text uses ``[[text]]`` (explained in
a legend line); HTML uses ``<mark>`` in the highlight's colour. Text is escaped for each format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podplayer.core.chapters import Chapter, chapter_turns
from podplayer.core.clock import format_clock
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import (
    EpisodeHighlights,
    ExportBundle,
    covered_words,
    safe_css_color,
    speaker_colors,
)
from podplayer.core.export.html_export import DEFAULT_HIGHLIGHT
from podplayer.core.export.markdown import md_line, md_text, yaml_front_matter
from podplayer.core.export.templates import make_environment, render
from podplayer.core.model import Episode, Highlight, WordRef
from podplayer.core.timeline import Timeline

TRANSCRIPT_FORMATS = ("transcript-md", "transcript-html", "transcript-txt")


@dataclass(slots=True)
class Run:
    """Consecutive words of a turn that are all inside the same highlight (or all outside)."""

    text: str
    highlight: Highlight | None


def turn_runs(episode: Episode, highlights: list[Highlight]) -> list[list[Run]]:
    """Each turn's text split into runs, so a highlight can be marked without splitting words."""
    turns = episode.transcript.turns
    covered = covered_words(turns, highlights)
    result: list[list[Run]] = []
    for t, turn in enumerate(turns):
        runs: list[Run] = []
        for w, word in enumerate(turn.words):
            h = covered.get(WordRef(t, w))
            if runs and runs[-1].highlight is h:
                runs[-1].text += " " + word.text
            else:
                if runs:
                    runs[-1].text += " "  # the space between runs belongs outside the mark
                runs.append(Run(word.text, h))
        result.append(runs)
    return result


def turn_chapters(item: EpisodeHighlights) -> list[list[Chapter]]:
    """For each turn, the chapters whose heading goes above it (mostly none)."""
    placed = chapter_turns(Timeline(item.episode.transcript), item.chapters) if item.chapters else {}
    return [[item.chapters[c] for c in placed.get(t, [])] for t in range(len(item.episode.transcript.turns))]


def _mark(runs: list[Run], escape: Any, before: str, after: str) -> str:
    out = []
    for r in runs:
        if r.highlight is None:
            out.append(escape(r.text))
        else:
            trailing = " " if r.text.endswith(" ") else ""
            out.append(f"{before}{escape(r.text.rstrip(' '))}{after}{trailing}")
    return "".join(out)


def render_transcript_text(bundle: ExportBundle) -> str:
    parts = ["Highlighted passages are marked [[like this]].", ""]
    for item in bundle.items:
        ep = item.episode
        parts += [ep.title, "=" * max(len(ep.title), 3), ""]
        if ep.note:
            parts += [ep.note, ""]
        rows = zip(ep.transcript.turns, turn_runs(ep, item.highlights), turn_chapters(item), strict=True)
        for turn, runs, chapters in rows:
            for c in chapters:
                heading = f"{c.title} [{format_clock(c.start_ms)}]"
                parts += [heading, "-" * len(heading), ""]
            stamp = f"[{format_clock(turn.start_ms)}] " if turn.start_ms is not None else ""
            parts += [f"{stamp}{turn.speaker}: {_mark(runs, str, '[[', ']]')}", ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def render_transcript_markdown(bundle: ExportBundle) -> str:
    titles = [i.episode.title for i in bundle.items]
    front: dict[str, Any] = {"title": titles[0] if len(titles) == 1 else (bundle.title or "Transcripts")}
    parts = ["---", yaml_front_matter(front), "---", ""]
    for item in bundle.items:
        ep = item.episode
        parts += [f"# {md_line(ep.title)}", ""]
        if ep.note:
            parts += [md_text(ep.note), ""]
        rows = zip(ep.transcript.turns, turn_runs(ep, item.highlights), turn_chapters(item), strict=True)
        for turn, runs, chapters in rows:
            for c in chapters:
                parts += [f"## {md_line(c.title)} ({format_clock(c.start_ms)})", ""]
            stamp = f"`{format_clock(turn.start_ms)}` " if turn.start_ms is not None else ""
            parts += [f"{stamp}**{md_line(turn.speaker)}:** {_mark(runs, md_text, '==', '==')}", ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def render_transcript_html(bundle: ExportBundle) -> str:
    episodes = []
    for item in bundle.items:
        ep = item.episode
        colors = speaker_colors(ep)
        turns = []
        rows = zip(ep.transcript.turns, turn_runs(ep, item.highlights), turn_chapters(item), strict=True)
        for turn, runs, chapters in rows:
            turns.append(
                {
                    "chapters": [{"title": c.title, "timestamp": format_clock(c.start_ms)} for c in chapters],
                    "timestamp": format_clock(turn.start_ms),
                    "speaker": turn.speaker,
                    "speaker_color": colors.get(turn.speaker, "#444444"),
                    "runs": [
                        {
                            "text": r.text,
                            "marked": r.highlight is not None,
                            "color": safe_css_color(r.highlight.color, DEFAULT_HIGHLIGHT) if r.highlight else "",
                            "note": r.highlight.note if r.highlight else "",
                        }
                        for r in runs
                    ],
                }
            )
        episodes.append({"title": ep.title, "note": ep.note, "turns": turns})
    title = episodes[0]["title"] if len(episodes) == 1 else (bundle.title or "Transcripts")
    env = make_environment(autoescape=True, filters={})
    return render(env, {"title": title, "episodes": episodes}, name="transcript.html.j2")


def export_transcript(bundle: ExportBundle, path: Path, *, fmt: str, force: bool = False) -> None:
    renderers = {
        "transcript-md": render_transcript_markdown,
        "transcript-html": render_transcript_html,
        "transcript-txt": render_transcript_text,
    }
    write_text_atomic(path, renderers[fmt](bundle), force=force)
