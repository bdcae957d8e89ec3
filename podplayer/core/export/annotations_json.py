"""The annotations backup/transfer format: versioned JSON with everything a user made.

``{"format": "podplayer-annotations", "version": 1, "exported_at": ..., "tags": [...],
"episodes": [{title, audio {path, fingerprint}, duration_ms, note, metadata, speakers [{name, color}],
transcript {estimated, turns [{speaker, start_ms, end_ms, words [[text, start_ms, end_ms, confidence]]}]},
highlights [{id, start {turn, word}, end {turn, word}, quote, prefix, suffix, color, tags, note,
created_at, start_ms, end_ms, speaker}]}]}``

An episode with chapters also carries ``chapters`` (Podcasting 2.0 JSON chapter objects:
``startTime``, ``title``, ``endTime``, ``url``, ``img``) and each of its highlights a ``chapter``
(the title of the chapter it starts in, or ""). Both keys are absent for episodes without chapters.

The transcript is included so a backup can recreate an episode the target library does not have.
Restoring a file into a library is a use case (``podplayer/usecases/restore.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from podplayer.core.audio_fingerprint import audio_fingerprint
from podplayer.core.chapters import (
    Chapter,
    ChapterError,
    chapters_to_json,
    parse_json_chapters,
)
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.errors import AnnotationsImportError
from podplayer.core.model import DETACHED, Episode, Highlight, Transcript, Turn, Word, WordRef
from podplayer.core.transcript_json import transcript_document

FORMAT_NAME = "podplayer-annotations"
FORMAT_VERSION = 1


# --- export ----------------------------------------------------------------------------------------


def highlight_document(h: Highlight, episode: Episode | None = None, link: str | None = None) -> dict[str, Any]:
    """The one JSON shape of a highlight (in backups and in ``podplayer highlights --json``). Given
    its episode, the times and speaker a highlight does not store are derived from the transcript; ``link`` is its podplayer:// link."""
    start, end = highlight_span_ms(episode, h) if episode is not None else (h.start_ms, h.end_ms)
    return {
        "id": h.id,
        "episode_id": h.episode_id,
        "start": {"turn": h.start.turn, "word": h.start.word},
        "end": {"turn": h.end.turn, "word": h.end.word},
        "start_ms": start,
        "end_ms": end,
        "speaker": highlight_speaker(episode, h) if episode is not None else h.speaker,
        "quote": h.quote,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "color": h.color,
        "tags": list(h.tags),
        "note": h.note,
        "bookmark": h.is_bookmark,
        "detached": h.detached,
        "created_at": h.created_at.isoformat() if h.created_at else None,
        "link": link,
    }


def _episode_doc(item: EpisodeHighlights) -> dict[str, Any]:
    ep = item.episode
    speakers = list(ep.transcript.speakers) + [s for s in ep.speaker_colors if s not in ep.transcript.speakers]
    highlights = [highlight_document(h, ep, item.link(h)) for h in item.highlights]
    chapters: dict[str, Any] = {}
    if item.chapters:
        chapters["chapters"] = chapters_to_json(item.chapters)["chapters"]
        for doc, h in zip(highlights, item.highlights, strict=True):
            chapter = item.chapter_of(h)
            doc["chapter"] = chapter.title if chapter else ""
    return {
        "id": ep.id,
        "title": ep.title,
        "audio": {"path": ep.audio_path, "fingerprint": audio_fingerprint(ep.audio_path)},
        "duration_ms": ep.duration_ms,
        "note": ep.note,
        "metadata": dict(ep.transcript.metadata),
        "speakers": [{"name": s, "color": ep.speaker_colors.get(s, "")} for s in speakers],
        "transcript": transcript_document(ep.transcript),
        **chapters,
        "highlights": highlights,
    }


def annotations_document(bundle: ExportBundle, *, exported_at: datetime | None = None) -> dict[str, Any]:
    stamp = (exported_at or datetime.now(UTC)).isoformat(timespec="seconds")
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": stamp,
        "title": bundle.title,
        "tags": [{"name": t, "color": bundle.tag_colors.get(t, "")} for t in bundle.tags()],
        "episodes": [_episode_doc(i) for i in bundle.items],
    }


def render_json(bundle: ExportBundle) -> str:
    return json.dumps(annotations_document(bundle), ensure_ascii=False, indent=2) + "\n"


def export_json(bundle: ExportBundle, path: Path, *, force: bool = False) -> None:
    write_text_atomic(path, render_json(bundle), force=force)


# --- reading ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class SavedEpisode:
    """One episode as read back from an annotations file."""

    title: str
    audio_path: str | None
    fingerprint: dict[str, Any] | None
    duration_ms: int | None
    note: str
    metadata: dict[str, str]
    speaker_colors: dict[str, str]
    transcript: Transcript | None
    highlights: list[Highlight]
    chapters: list[Chapter] = field(default_factory=list)


@dataclass(slots=True)
class AnnotationsFile:
    episodes: list[SavedEpisode]
    tag_colors: dict[str, str] = field(default_factory=dict)


class _Reader:
    """Typed access to the JSON with one-line errors naming where the file is wrong."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> AnnotationsImportError:
        return AnnotationsImportError(f"{self.source}: {where}: {problem}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected an object")
        return value

    def lst(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "expected a list")
        return value

    def text(self, d: dict[str, Any], key: str, where: str, default: str = "") -> str:
        value = d.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "expected text")
        return value

    def ms(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, "expected a time in whole milliseconds (or null)")
        return value

    def index(self, d: dict[str, Any], key: str, where: str) -> int:
        value = d.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"{where}.{key}", "expected a non-negative whole number")
        return value


def _read_transcript(r: _Reader, value: Any, where: str) -> Transcript | None:
    if value is None:
        return None
    doc = r.obj(value, where)
    turns = []
    for ti, raw_turn in enumerate(r.lst(doc.get("turns"), f"{where}.turns")):
        tw = f"{where}.turns[{ti}]"
        turn = r.obj(raw_turn, tw)
        words = []
        for wi, raw in enumerate(r.lst(turn.get("words"), f"{tw}.words")):
            ww = f"{tw}.words[{wi}]"
            item = r.lst(raw, ww)
            if len(item) != 4 or not isinstance(item[0], str) or not item[0].strip():
                raise r.fail(ww, "expected [text, start_ms, end_ms, confidence]")
            conf = item[3]
            if conf is not None and (isinstance(conf, bool) or not isinstance(conf, int | float)):
                raise r.fail(ww, "confidence must be a number or null")
            words.append(Word(item[0], r.ms(item[1], ww), r.ms(item[2], ww), None if conf is None else float(conf)))
        turns.append(Turn(r.text(turn, "speaker", tw), words, r.ms(turn.get("start_ms"), tw), r.ms(turn.get("end_ms"), tw)))
    return Transcript(turns, estimated=bool(doc.get("estimated", False)))


def _read_highlight(r: _Reader, value: Any, where: str) -> Highlight:
    d = r.obj(value, where)
    start = r.obj(d.get("start"), f"{where}.start")
    end = r.obj(d.get("end"), f"{where}.end")
    tags = r.lst(d.get("tags", []), f"{where}.tags")
    if not all(isinstance(t, str) for t in tags):
        raise r.fail(f"{where}.tags", "expected a list of text")
    created_raw = d.get("created_at")
    created = None
    if created_raw is not None:
        try:
            created = datetime.fromisoformat(str(created_raw))
        except ValueError as exc:
            raise r.fail(f"{where}.created_at", "not an ISO date-time") from exc
    if d.get("detached") is True:  # its words were deleted by a correction: kept on no word, with its times
        return Highlight(
            start=DETACHED, end=DETACHED, quote=r.text(d, "quote", where), prefix=r.text(d, "prefix", where),
            suffix=r.text(d, "suffix", where), color=r.text(d, "color", where, "yellow") or "yellow",
            tags=list(tags), note=r.text(d, "note", where), created_at=created,
            start_ms=r.ms(d.get("start_ms"), f"{where}.start_ms"), end_ms=r.ms(d.get("end_ms"), f"{where}.end_ms"),
            speaker=r.text(d, "speaker", where),
        )
    return Highlight(
        start=WordRef(r.index(start, "turn", f"{where}.start"), r.index(start, "word", f"{where}.start")),
        end=WordRef(r.index(end, "turn", f"{where}.end"), r.index(end, "word", f"{where}.end")),
        quote=r.text(d, "quote", where),
        prefix=r.text(d, "prefix", where),
        suffix=r.text(d, "suffix", where),
        color=r.text(d, "color", where, "yellow") or "yellow",
        tags=list(tags),
        note=r.text(d, "note", where),
        created_at=created,
        speaker=r.text(d, "speaker", where),
    )


def _read_chapters(r: _Reader, value: Any, where: str) -> list[Chapter]:
    items = r.lst(value, where)
    try:
        return parse_json_chapters(json.dumps({"chapters": items}), source=where)
    except ChapterError as exc:
        raise AnnotationsImportError(f"{r.source}: {exc}") from exc


def parse_annotations(text: str, source: str = "annotations") -> AnnotationsFile:
    r = _Reader(source)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnnotationsImportError(f"{source}: not JSON ({exc.msg}, line {exc.lineno})") from exc
    doc = r.obj(doc, "top level")
    if doc.get("format") != FORMAT_NAME:
        raise r.fail("format", f"not a podplayer annotations file (expected \"format\": \"{FORMAT_NAME}\")")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise r.fail("version", "missing or not a number")
    if version > FORMAT_VERSION:
        raise r.fail("version", f"made by a newer podplayer (format version {version}); please update")
    tag_colors = {}
    for i, raw in enumerate(r.lst(doc.get("tags", []), "tags")):
        tag = r.obj(raw, f"tags[{i}]")
        name = r.text(tag, "name", f"tags[{i}]")
        if name:
            tag_colors[name] = r.text(tag, "color", f"tags[{i}]")
    episodes = []
    for i, raw in enumerate(r.lst(doc.get("episodes"), "episodes")):
        where = f"episodes[{i}]"
        ep = r.obj(raw, where)
        audio = r.obj(ep.get("audio") or {}, f"{where}.audio")
        fingerprint = audio.get("fingerprint")
        speakers = {}
        for si, s in enumerate(r.lst(ep.get("speakers", []), f"{where}.speakers")):
            s = r.obj(s, f"{where}.speakers[{si}]")
            speakers[r.text(s, "name", f"{where}.speakers[{si}]")] = r.text(s, "color", f"{where}.speakers[{si}]")
        metadata = r.obj(ep.get("metadata") or {}, f"{where}.metadata")
        episodes.append(
            SavedEpisode(
                title=r.text(ep, "title", where),
                audio_path=r.text(audio, "path", f"{where}.audio") or None,
                fingerprint=fingerprint if isinstance(fingerprint, dict) else None,
                duration_ms=r.ms(ep.get("duration_ms"), f"{where}.duration_ms"),
                note=r.text(ep, "note", where),
                metadata={str(k): str(v) for k, v in metadata.items()},
                speaker_colors=speakers,
                transcript=_read_transcript(r, ep.get("transcript"), f"{where}.transcript"),
                highlights=[
                    _read_highlight(r, h, f"{where}.highlights[{hi}]")
                    for hi, h in enumerate(r.lst(ep.get("highlights", []), f"{where}.highlights"))
                ],
                chapters=_read_chapters(r, ep.get("chapters", []), f"{where}.chapters"),
            )
        )
    return AnnotationsFile(episodes, tag_colors)


def read_annotations(path: Path) -> AnnotationsFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AnnotationsImportError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationsImportError(f"{path}: cannot read ({exc})") from exc
    return parse_annotations(text, str(path))
