"""Exporting highlights and transcripts: text formats, audio clips, annotation backup and restore.

Every exporter takes an :class:`~podplayer.core.export.bundle.ExportBundle` (episodes with the chosen
highlights) and writes files; none touches the database. :func:`export_bundle` is the one entry point
the CLI and the GUI call; it is a job in the sense of :mod:`podplayer.core.jobs`.

Formats: ``md`` (Obsidian note, Jinja2 template), ``csv``, ``readwise``, ``json`` (backup, see
:mod:`.annotations_json`), ``html``, ``srt``, ``vtt``, ``clips`` (a folder of audio files),
``transcript-md``, ``transcript-html``, ``transcript-txt``, ``qdpx`` (a REFI-QDA project, see
:mod:`podplayer.core.refiqda`), ``qdc`` (its codebook alone), ``eaf`` and ``textgrid`` (the transcript with a
tier of highlights, :mod:`.tier_export`), ``video`` (a folder of captioned MP4s, see :mod:`.video`),
``card`` (a folder of PNG quote cards, painted by a renderer the UI provides).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from podplayer.core.export.annotations_json import export_json
from podplayer.core.export.atomic import write_bytes_atomic
from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle
from podplayer.core.export.card import CardRenderer, export_cards
from podplayer.core.export.clips import CLIP_FORMATS, ClipOptions, export_clips
from podplayer.core.export.csv_export import export_csv
from podplayer.core.export.errors import ExportError, TargetExistsError
from podplayer.core.export.html_export import export_html
from podplayer.core.export.markdown import export_markdown
from podplayer.core.export.subtitles import export_subtitles
from podplayer.core.export.transcript_export import export_transcript
from podplayer.core.export.video import VideoOptions, export_videos
from podplayer.core.jobs import CancelToken, Progress, no_progress

# Format name -> (label for menus, file suffix; "" for a folder).
FORMATS: dict[str, tuple[str, str]] = {
    "md": ("Markdown note (Obsidian)", ".md"),
    "csv": ("CSV table", ".csv"),
    "readwise": ("CSV for Readwise", ".csv"),
    "json": ("Annotations backup (JSON)", ".json"),
    "html": ("Printable page (HTML)", ".html"),
    "srt": ("Subtitles (SRT)", ".srt"),
    "vtt": ("Subtitles (WebVTT)", ".vtt"),
    "clips": ("Audio clips (folder)", ""),
    "video": ("Captioned videos (folder of MP4)", ""),
    "card": ("Quote cards (folder of PNG)", ""),
    "transcript-md": ("Full transcript (Markdown)", ".md"),
    "transcript-html": ("Full transcript (HTML)", ".html"),
    "transcript-txt": ("Full transcript (text)", ".txt"),
    "qdpx": ("REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)", ".qdpx"),
    "qdc": ("REFI-QDA codebook", ".qdc"),
    "eaf": ("ELAN (transcript and a highlights tier)", ".eaf"),
    "textgrid": ("Praat TextGrid (transcript and a highlights tier)", ".TextGrid"),
}

# Formats that need highlights; the full-transcript formats are useful without any.
NEEDS_HIGHLIGHTS = frozenset(FORMATS) - {
    "transcript-md", "transcript-html", "transcript-txt", "json", "qdpx", "qdc", "eaf", "textgrid",
}

__all__ = [
    "CLIP_FORMATS",
    "FORMATS",
    "ClipOptions",
    "VideoOptions",
    "EpisodeHighlights",
    "ExportBundle",
    "ExportError",
    "TargetExistsError",
    "export_bundle",
]


def export_qdc(bundle: ExportBundle, dest: Path, *, force: bool = False) -> Path:
    """The codebook alone as a REFI-QDA ``.qdc`` (every tag of the library, nested, with colours and descriptions)."""
    from podplayer.core.refiqda.codebook_xml import codebook_document

    if not bundle.codebook:
        raise ExportError("nothing to export: the library has no tags yet")
    write_bytes_atomic(dest, codebook_document(bundle.codebook), force=force)
    return dest


def export_bundle(
    bundle: ExportBundle,
    fmt: str,
    dest: Path,
    *,
    force: bool = False,
    template: Path | None = None,
    clip_options: ClipOptions | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    embed_audio: bool = True,
    video_options: VideoOptions | None = None,
    card_renderer: CardRenderer | None = None,
) -> list[Path]:
    """Write ``bundle`` as ``fmt`` to ``dest`` (a file, or a folder for clips); returns what was written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt in NEEDS_HIGHLIGHTS and bundle.highlight_count == 0:
        raise ExportError("nothing to export: no highlights in the selection")
    if not bundle.items:
        raise ExportError("nothing to export: no episodes in the selection")
    if template is not None and fmt != "md":
        raise ExportError("--template only applies to the md format")
    if fmt == "clips":
        options = dataclasses.replace(clip_options or ClipOptions(), force=force)
        return export_clips(bundle, dest, options, progress, cancel)
    if fmt == "qdpx":
        from podplayer.core.export.qdpx import write_qdpx

        return [write_qdpx(dest, bundle.items, bundle.codebook, title=bundle.title, embed_audio=embed_audio,
                           force=force, progress=progress, cancel=cancel, total=len(bundle.items))]
    if fmt == "qdc":
        return [export_qdc(bundle, dest, force=force)]
    if fmt in ("eaf", "textgrid"):
        from podplayer.core.export.tier_export import export_tiers

        progress(0, 1, f"Writing {dest.name}")
        export_tiers(bundle, dest, fmt=fmt, force=force)
        progress(1, 1, f"Wrote {dest.name}")
        return [dest]
    if fmt == "video":
        video = dataclasses.replace(video_options or VideoOptions(), force=force)
        return export_videos(bundle, dest, video, progress, cancel)
    if fmt == "card":
        if card_renderer is None:
            raise ExportError("cards are painted by the app's renderer; none was given")
        size = (video_options or VideoOptions()).size
        return export_cards(bundle, dest, card_renderer, size=size, force=force, progress=progress, cancel=cancel)
    progress(0, 1, f"Writing {dest.name}")
    if fmt == "md":
        export_markdown(bundle, dest, template=template, force=force)
    elif fmt in ("csv", "readwise"):
        export_csv(bundle, dest, readwise=fmt == "readwise", force=force)
    elif fmt == "json":
        export_json(bundle, dest, force=force)
    elif fmt == "html":
        export_html(bundle, dest, force=force)
    elif fmt in ("srt", "vtt"):
        export_subtitles(bundle, dest, fmt=fmt, force=force)
    else:
        export_transcript(bundle, dest, fmt=fmt, force=force)
    progress(1, 1, f"Wrote {dest.name}")
    return [dest]

