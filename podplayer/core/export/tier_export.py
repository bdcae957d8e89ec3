"""Highlights as an annotation tier for ELAN (``eaf``) and Praat (``textgrid``).

The episode's transcript is written as in ``podplayer convert`` (a tier per speaker, and the words
when they are timed), plus a ``Highlights`` tier: one annotation per highlight over its time, labelled
with its tags and its note (``Work/Stress; Family: try this``), or its quote when it has neither.
Overlapping highlights go to ``Highlights 2``, ``Highlights 3``... since neither format allows two
annotations at once on one tier. EAF and TextGrid belong to one recording, so these exports take
one episode.
"""

from __future__ import annotations

from pathlib import Path

from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import ExportBundle, highlight_span_ms
from podplayer.core.export.errors import ExportError
from podplayer.core.formats.tiers import Label, Tier, pack
from podplayer.core.model import Highlight, Timing

HIGHLIGHTS_TIER = "Highlights"


def highlight_label(h: Highlight) -> str:
    tags = "; ".join(h.tags)
    note = " ".join(h.note.split())
    if tags and note:
        return f"{tags}: {note}"
    return tags or note or " ".join(h.quote.split()) or "bookmark"


def export_tiers(bundle: ExportBundle, dest: Path, *, fmt: str, force: bool = False) -> None:
    if len(bundle.items) != 1:
        raise ExportError(f"{fmt} files belong to one recording: export one episode (or a tag used in one episode)")
    item = bundle.items[0]
    episode = item.episode
    if episode.transcript.timing in (Timing.NONE,):
        raise ExportError(f"{episode.title!r} has no timings yet; sync it to its audio before exporting {fmt}")
    labels = []
    for h in item.highlights:
        start, end = highlight_span_ms(episode, h)
        if start is not None:
            labels.append(Label(start, max(end if end is not None else start, start + 1), highlight_label(h)))
    extra: list[Tier] = pack(HIGHLIGHTS_TIER, labels)
    words = episode.transcript.timing == Timing.WORD
    if fmt == "eaf":
        from podplayer.core.formats.eaf import eaf_document

        text = eaf_document(episode.transcript, words, extra, media=episode.audio_path)
    else:
        from podplayer.core.formats.textgrid import textgrid_document

        text = textgrid_document(episode.transcript, words, extra)
    write_text_atomic(dest, text, force=force)
