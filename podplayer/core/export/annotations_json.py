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
Restoring matches each episode by audio fingerprint, then by title; highlights whose word anchors no
longer fit the target transcript are re-found by their quote (with prefix/suffix as tie-breakers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from podplayer.core.chapters import (
    Chapter,
    ChapterError,
    ChapterSource,
    chapters_to_json,
    parse_json_chapters,
)
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.errors import AnnotationsImportError
from podplayer.core.export.fingerprint import audio_fingerprint
from podplayer.core.model import Episode, EpisodeSummary, Highlight, Tag, Transcript, Turn, Word, WordRef

FORMAT_NAME = "podplayer-annotations"
FORMAT_VERSION = 1


# --- export ----------------------------------------------------------------------------------------


def _transcript_doc(transcript: Transcript) -> dict[str, Any]:
    return {
        "estimated": transcript.estimated,
        "turns": [
            {
                "speaker": t.speaker,
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
                "words": [[w.text, w.start_ms, w.end_ms, w.confidence] for w in t.words],
            }
            for t in transcript.turns
        ],
    }


def _highlight_doc(item: EpisodeHighlights, h: Highlight) -> dict[str, Any]:
    episode = item.episode
    start, end = highlight_span_ms(episode, h)
    return {
        "id": h.id,
        "start": {"turn": h.start.turn, "word": h.start.word},
        "end": {"turn": h.end.turn, "word": h.end.word},
        "quote": h.quote,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "color": h.color,
        "tags": list(h.tags),
        "note": h.note,
        "created_at": h.created_at.isoformat() if h.created_at else None,
        "start_ms": start,
        "end_ms": end,
        "speaker": highlight_speaker(episode, h),
        "link": item.link(h),
    }


def _episode_doc(item: EpisodeHighlights) -> dict[str, Any]:
    ep = item.episode
    speakers = list(ep.transcript.speakers) + [s for s in ep.speaker_colors if s not in ep.transcript.speakers]
    highlights = [_highlight_doc(item, h) for h in item.highlights]
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
        "transcript": _transcript_doc(ep.transcript),
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


# --- restoring -------------------------------------------------------------------------------------


class AnnotationsLibrary(Protocol):
    """The part of the store's Library that restoring needs (core does not import the store)."""

    def episodes(self) -> list[EpisodeSummary]: ...
    def episode(self, episode_id: int) -> Episode: ...
    def resolve_episode(self, ref: str) -> int: ...
    def add_episode(self, episode: Episode) -> int: ...
    def set_episode_note(self, episode_id: int, note: str) -> None: ...
    def add_highlight(self, episode_id: int, highlight: Highlight) -> int: ...
    def highlights(self, episode_id: int | None = None, *, tag: str | None = None) -> list[Highlight]: ...
    def tags(self) -> list[Tag]: ...
    def set_tag_color(self, name: str, color: str) -> None: ...
    def set_speaker_color(self, episode_id: int, speaker: str, color: str) -> None: ...
    def chapters(self, episode_id: int) -> list[Chapter]: ...
    def set_chapters(self, episode_id: int, chapters: list[Chapter], source: ChapterSource) -> None: ...


@dataclass(slots=True)
class RestoreReport:
    lines: list[str] = field(default_factory=list)
    added: int = 0
    duplicates: int = 0
    unplaced: int = 0
    created_episodes: int = 0


class WordIndex:
    """Every word of a transcript in reading order, with each word's position (built once per episode)."""

    def __init__(self, transcript: Transcript) -> None:
        self.refs = [WordRef(t, w) for t, turn in enumerate(transcript.turns) for w in range(len(turn.words))]
        self.texts = [word.text for turn in transcript.turns for word in turn.words]
        self.position = {ref: i for i, ref in enumerate(self.refs)}

    def range_words(self, start: WordRef, end: WordRef) -> list[str] | None:
        i, j = self.position.get(start), self.position.get(end)
        if i is None or j is None or j < i:
            return None
        return self.texts[i : j + 1]


def place_highlight(words: WordIndex, h: Highlight) -> Highlight | None:
    """``h`` on the same words if its anchor still fits the transcript, else re-found by its quote.

    Among several occurrences of the quote, the one whose neighbouring words best match the saved
    prefix/suffix wins. None when the quote is not in the transcript at all.
    """
    quote = h.quote.split()
    current = words.range_words(h.start, h.end)
    if current is not None and (not quote or current == quote):
        return h
    if not quote:
        return None
    texts = words.texts
    before, after = h.prefix.split(), h.suffix.split()
    best: tuple[int, int] | None = None  # (score, start index)
    for i in range(len(texts) - len(quote) + 1):
        if texts[i] != quote[0] or texts[i : i + len(quote)] != quote:
            continue
        score = sum(1 for a, b in zip(reversed(texts[:i]), reversed(before), strict=False) if a == b)
        score += sum(1 for a, b in zip(texts[i + len(quote) :], after, strict=False) if a == b)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    i = best[1]
    return replace(h, start=words.refs[i], end=words.refs[i + len(quote) - 1], start_ms=None, end_ms=None)


def _match_episode(library: AnnotationsLibrary, saved: SavedEpisode) -> tuple[int, str] | None:
    summaries = library.episodes()
    fp = saved.fingerprint
    if fp and isinstance(fp.get("size"), int):
        for s in summaries:
            if not s.audio_path:
                continue
            try:
                if Path(s.audio_path).stat().st_size != fp["size"]:
                    continue
            except OSError:
                continue
            if audio_fingerprint(s.audio_path) == fp:
                return s.id, "audio fingerprint"
    key = saved.title.casefold().strip()
    titled = [s for s in summaries if s.title.casefold().strip() == key]
    if len(titled) == 1:
        return titled[0].id, "title"
    if len(titled) > 1:
        raise AnnotationsImportError(f"several episodes are titled {saved.title!r}; choose one with --episode")
    return None


def _create_episode(library: AnnotationsLibrary, saved: SavedEpisode) -> int:
    if saved.transcript is None:
        raise AnnotationsImportError(
            f"no episode in this library matches {saved.title!r} (by audio or title); import it first or pass --episode"
        )
    transcript = replace(saved.transcript, title=saved.title, metadata=dict(saved.metadata))
    episode = Episode(
        title=saved.title,
        transcript=transcript,
        audio_path=saved.audio_path,
        duration_ms=saved.duration_ms,
        note=saved.note,
        speaker_colors={k: v for k, v in saved.speaker_colors.items() if v},
    )
    return library.add_episode(episode)


def _restore_episode(library: AnnotationsLibrary, saved: SavedEpisode, episode_id: int, report: RestoreReport) -> None:
    target = library.episode(episode_id)
    if saved.note and target.note != saved.note:
        if target.note:
            report.lines.append(f"kept the library's own note of {target.title!r}")
        else:
            library.set_episode_note(episode_id, saved.note)
    for name, color in saved.speaker_colors.items():
        if color and name in target.speaker_colors and target.speaker_colors[name] != color:
            library.set_speaker_color(episode_id, name, color)
    if saved.chapters and not library.chapters(episode_id):
        library.set_chapters(episode_id, saved.chapters, ChapterSource.JSON)
    words = WordIndex(target.transcript)
    existing = {(h.start, h.end, " ".join(h.quote.split())) for h in library.highlights(episode_id)}
    for h in saved.highlights:
        placed = place_highlight(words, h)
        if placed is None:
            report.unplaced += 1
            report.lines.append(f"could not place highlight {' '.join(h.quote.split()[:8])!r} in {target.title!r}")
            continue
        key = (placed.start, placed.end, " ".join(placed.quote.split()))
        if key in existing:
            report.duplicates += 1
            continue
        library.add_highlight(episode_id, replace(placed, id=None, episode_id=episode_id, start_ms=None, end_ms=None))
        existing.add(key)
        report.added += 1


def restore_annotations(
    library: AnnotationsLibrary, annotations: AnnotationsFile, *, episode_ref: str | None = None
) -> RestoreReport:
    """Put the highlights, notes and colours of ``annotations`` into ``library``; returns what happened."""
    report = RestoreReport()
    if episode_ref is not None and len(annotations.episodes) != 1:
        raise AnnotationsImportError(
            f"--episode needs a file with one episode; this one has {len(annotations.episodes)}"
        )
    for saved in annotations.episodes:
        if episode_ref is not None:
            episode_id, how = library.resolve_episode(episode_ref), "--episode"
        else:
            match = _match_episode(library, saved)
            if match is None:
                episode_id, how = _create_episode(library, saved), "created from the file"
                report.created_episodes += 1
            else:
                episode_id, how = match
        report.lines.append(f"{saved.title!r} -> episode {episode_id} ({how})")
        _restore_episode(library, saved, episode_id, report)
    known = {t.name: t.color for t in library.tags()}
    for name, color in annotations.tag_colors.items():
        if color and name in known and known[name] != color:
            library.set_tag_color(name, color)
    return report
