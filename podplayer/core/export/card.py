"""A highlight as a PNG quote card: what goes on it, decided here; the pixels, painted by Qt in the UI.

Core has no Qt, so a card export takes a renderer: ``ui/share/card_painter.py`` paints a
:class:`CardContent` into a PNG offscreen (the CLI reaches it through ``ui/app.py``). Each card is
written under a temporary name and renamed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from podplayer.core.atomic import staged_file
from podplayer.core.clock import format_clock
from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.errors import ExportError, TargetExistsError
from podplayer.core.export.filenames import clip_filename
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Highlight


@dataclass(frozen=True, slots=True)
class CardContent:
    quote: str
    speaker: str
    episode: str
    podcast: str
    time: str  # "12:34"
    # The audio file whose embedded cover is the artwork (None: podplayer's icon).
    audio_path: str | None
    size: tuple[int, int] = (1080, 1080)


# Paints one card into the PNG file it is given.
CardRenderer = Callable[[CardContent, Path], None]


def card_content(item: EpisodeHighlights, h: Highlight, size: tuple[int, int] = (1080, 1080)) -> CardContent:
    ep = item.episode
    start, _ = highlight_span_ms(ep, h)
    quote = " ".join(h.quote.split()) or h.note.strip()
    return CardContent(
        quote=quote,
        speaker=highlight_speaker(ep, h),
        episode=ep.title,
        podcast=ep.transcript.metadata.get("podcast", ""),
        time=format_clock(start, unknown=""),
        audio_path=ep.audio_path,
        size=size,
    )


def plan_cards(bundle: ExportBundle, size: tuple[int, int] = (1080, 1080)) -> list[tuple[str, CardContent]]:
    """The file name and content of every card; a bookmark (no words) is refused."""
    width = max(3, len(str(bundle.highlight_count)))
    planned: list[tuple[str, CardContent]] = []
    for item in bundle.items:
        for h in item.highlights:
            content = card_content(item, h, size)
            if not content.quote:
                raise ExportError(f"a bookmark at {content.time or 'an unknown time'} has no words for a card")
            planned.append((clip_filename(len(planned) + 1, content.speaker, content.quote, "png", width=width), content))
    return planned


def render_card(content: CardContent, target: Path, renderer: CardRenderer) -> Path:
    with staged_file(target) as staged:
        renderer(content, staged)
    return target


def export_cards(
    bundle: ExportBundle, folder: Path, renderer: CardRenderer, *, size: tuple[int, int] = (1080, 1080),
    force: bool = False, progress: Progress = no_progress, cancel: CancelToken | None = None,
) -> list[Path]:  # fmt: skip
    """One PNG card per highlight of ``bundle`` in ``folder``; existing files are kept unless ``force``."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; card export writes into a folder")
    planned = [(folder / name, content) for name, content in plan_cards(bundle, size)]
    if not force:
        for path, _ in planned:
            if path.exists():
                raise TargetExistsError(str(path))
    folder.mkdir(parents=True, exist_ok=True)
    for n, (path, content) in enumerate(planned):
        if cancel is not None:
            cancel.check()
        progress(n, len(planned), f"Painting {path.name}")
        render_card(content, path, renderer)
    progress(len(planned), len(planned), f"Wrote {len(planned)} cards")
    return [path for path, _ in planned]
