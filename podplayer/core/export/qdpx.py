"""Writing a REFI-QDA project (``.qdpx``): a zip holding ``project.qde`` and the files it refers to.

Each episode becomes an ``AudioSource`` whose ``Transcript`` is the turn-per-line text (see
:mod:`podplayer.core.refiqda.transcript_text`) with a ``SyncPoint`` at every timed turn start and end,
plus one at each end of every highlight (at its first and last word, with their times); an episode without audio becomes a
``TextSource``. Highlights are ``TranscriptSelection``s (``PlainTextSelection``s in text sources)
coded with their tags; the codebook keeps the hierarchy, colours and descriptions. Highlight notes and
the episode note are ``Note``s referred to by their selection or source; every speaker is a ``Case``
that refers to the sources they speak in and the highlights that start in their turns.

Audio goes into the archive (``internal://``); without it, sources refer to the files by their
absolute ``file://`` URL. Transcripts always travel in the archive as UTF-8 text. The archive is
written beside the destination and moved into place when complete.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from podplayer.core import atomic
from podplayer.core.export.atomic import check_target
from podplayer.core.export.bundle import EpisodeHighlights
from podplayer.core.export.errors import TargetExistsError
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Episode, Highlight, Tag
from podplayer.core.refiqda.codebook_xml import PROJECT_NS, code_guid, codes_element
from podplayer.core.refiqda.ids import guid
from podplayer.core.refiqda.transcript_text import TextLayout, layout

PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
_NAME_CHARS = 80


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def _when(moment: datetime | None) -> str:
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class _Cases:
    """Speakers met so far: name -> (sources they speak in, highlights in their turns)."""

    sources: dict[str, list[str]] = field(default_factory=dict)
    selections: dict[str, list[str]] = field(default_factory=dict)

    def element(self) -> ET.Element | None:
        if not self.sources:
            return None
        cases = ET.Element(_q("Cases"))
        for name in sorted(self.sources, key=str.casefold):
            case = ET.SubElement(cases, _q("Case"), {"guid": guid("speaker", name.casefold()), "name": name})
            ET.SubElement(case, _q("Description")).text = "Speaker"
            for target in self.sources[name]:
                ET.SubElement(case, _q("SourceRef"), {"targetGUID": target})
            for target in self.selections.get(name, []):
                ET.SubElement(case, _q("SelectionRef"), {"targetGUID": target})
        return cases


class _ProjectBuilder:
    def __init__(self, archive: zipfile.ZipFile, *, embed_audio: bool) -> None:
        self.archive = archive
        self.embed_audio = embed_audio
        self.user = guid("user", "podplayer")
        self.sources = ET.Element(_q("Sources"))
        self.notes = ET.Element(_q("Notes"))
        self.cases = _Cases()

    # --- notes ------------------------------------------------------------------------------------
    def note(self, key: tuple[object, ...], name: str, text: str, when: datetime | None) -> str:
        note_id = guid("note", *key)
        note = ET.SubElement(
            self.notes, _q("Note"),
            {"guid": note_id, "name": name, "creatingUser": self.user, "creationDateTime": _when(when)},
        )
        ET.SubElement(note, _q("PlainTextContent")).text = text
        return note_id

    # --- sources ----------------------------------------------------------------------------------
    def add(self, item: EpisodeHighlights) -> None:
        episode = item.episode
        key = episode.id if episode.id is not None else episode.title
        source_id = guid("episode", key)
        text = layout(episode.transcript)
        text_name = f"{guid('transcript', key)}.txt"
        self.archive.writestr(f"{SOURCES_DIR}/{text_name}", text.text.encode("utf-8"))
        common = {"guid": source_id, "name": episode.title, "creatingUser": self.user,
                  "creationDateTime": _when(episode.created_at)}
        audio = self._audio_path(episode, source_id)
        if audio is not None:
            source = ET.SubElement(self.sources, _q("AudioSource"), common | {"path": audio})
            transcript = ET.SubElement(
                source, _q("Transcript"),
                {"guid": guid("transcript", key), "name": episode.title, "plainTextPath": f"internal://{text_name}"},
            )
            self._transcript_selections(transcript, key, episode, text, item.highlights)
        else:
            source = ET.SubElement(self.sources, _q("TextSource"), common | {"plainTextPath": f"internal://{text_name}"})
            for h in item.highlights:
                start, end = self._span(text, h)
                selection = ET.SubElement(source, _q("PlainTextSelection"), self._selection_attrs(h, key) | {
                    "startPosition": str(start), "endPosition": str(end)})
                self._code_and_note(selection, h, key)
        if episode.note.strip():
            note_id = self.note(("episode", key), f"Note on {episode.title}", episode.note, episode.created_at)
            ET.SubElement(source, _q("NoteRef"), {"targetGUID": note_id})
        for speaker in episode.transcript.speakers:
            if speaker:
                self.cases.sources.setdefault(speaker, []).append(source_id)

    def _audio_path(self, episode: Episode, source_id: str) -> str | None:
        if episode.audio_path is None:
            return None
        audio = Path(episode.audio_path)
        if self.embed_audio and audio.is_file():
            name = f"{source_id}{audio.suffix.lower()}"
            self.archive.write(audio, f"{SOURCES_DIR}/{name}", compress_type=zipfile.ZIP_STORED)
            return f"internal://{name}"
        return audio.absolute().as_uri()

    @staticmethod
    def _span(text: TextLayout, h: Highlight) -> tuple[int, int]:
        """Character range of a highlight; a bookmark is the empty range at its word's start."""
        start = text.word_span(h.start)[0]
        return (start, start) if h.is_bookmark else (start, text.word_span(h.end)[1])

    def _selection_attrs(self, h: Highlight, key: object) -> dict[str, str]:
        label = " ".join((h.quote or "Bookmark").split())
        if len(label) > _NAME_CHARS:
            label = label[: _NAME_CHARS - 1] + "…"
        selection_id = guid("highlight", key, h.id if h.id is not None else (h.start, h.end))
        if h.speaker:
            self.cases.selections.setdefault(h.speaker, []).append(selection_id)
        return {"guid": selection_id, "name": label, "creatingUser": self.user, "creationDateTime": _when(h.created_at)}

    def _code_and_note(self, selection: ET.Element, h: Highlight, key: object) -> None:
        selection_id = selection.get("guid", "")
        for tag in h.tags:
            coding = ET.SubElement(selection, _q("Coding"), {
                "guid": guid("coding", selection_id, tag.casefold()), "creatingUser": self.user,
                "creationDateTime": _when(h.created_at)})
            ET.SubElement(coding, _q("CodeRef"), {"targetGUID": code_guid(tag)})
        if h.note.strip():
            note_id = self.note(("highlight", key, selection_id), f"Note on “{selection.get('name')}”", h.note, h.created_at)
            ET.SubElement(selection, _q("NoteRef"), {"targetGUID": note_id})

    def _transcript_selections(
        self, transcript: ET.Element, key: object, episode: Episode, text: TextLayout, highlights: list[Highlight]
    ) -> None:
        points: dict[tuple[int, int | None], str] = {}

        def point(position: int, time_ms: int | None) -> str:
            return points.setdefault((position, time_ms), guid("sync", key, position, time_ms))

        ends = [*text.line_starts[1:], len(text.text)]
        for turn, start, next_line in zip(episode.transcript.turns, text.line_starts, ends, strict=True):
            if turn.start_ms is not None:
                point(start, turn.start_ms)
            if turn.end_ms is not None:
                point(next_line - 1, turn.end_ms)  # the end of the turn's words
        selections: list[tuple[Highlight, str, str]] = []
        turns = episode.transcript.turns
        for h in highlights:
            start, end = self._span(text, h)
            begin_ms, end_ms = h.start_ms, h.end_ms  # the library's times (a streamed episode's words have none)
            if begin_ms is None:
                first = turns[h.start.turn].words[h.start.word]
                begin_ms = first.start_ms if first.start_ms is not None else turns[h.start.turn].start_ms
            if end_ms is None:
                end_ms = turns[h.end.turn].words[h.end.word].end_ms
            if h.is_bookmark:  # one point for the selection; the word's end keeps its time too
                if end_ms is not None:
                    point(text.word_span(h.start)[1], end_ms)
                end_ms = begin_ms
            selections.append((h, point(start, begin_ms), point(end, end_ms)))
        for (position, time_ms), point_id in sorted(points.items(), key=lambda p: (p[0][0], p[0][1] or 0)):
            attrs = {"guid": point_id, "position": str(position)}
            if time_ms is not None:
                attrs["timeStamp"] = str(time_ms)
            ET.SubElement(transcript, _q("SyncPoint"), attrs)
        for h, from_id, to_id in selections:
            selection = ET.SubElement(transcript, _q("TranscriptSelection"), self._selection_attrs(h, key) | {
                "fromSyncPoint": from_id, "toSyncPoint": to_id})
            self._code_and_note(selection, h, key)

    # --- the document -----------------------------------------------------------------------------
    def document(self, title: str, codebook: list[Tag]) -> bytes:
        ET.register_namespace("", PROJECT_NS)
        project = ET.Element(_q("Project"), {
            "name": title or "podplayer library", "origin": "podplayer", "creatingUserGUID": self.user,
            "creationDateTime": _when(None)})
        users = ET.SubElement(project, _q("Users"))
        ET.SubElement(users, _q("User"), {"guid": self.user, "name": "podplayer"})
        codes = codes_element(codebook, PROJECT_NS)
        if codes is not None:
            ET.SubElement(project, _q("CodeBook")).append(codes)
        cases = self.cases.element()
        if cases is not None:
            project.append(cases)
        if len(self.sources):
            project.append(self.sources)
        if len(self.notes):
            project.append(self.notes)
        return bytes(ET.tostring(project, encoding="utf-8", xml_declaration=True))


def write_qdpx(
    dest: Path,
    items: Iterable[EpisodeHighlights],
    codebook: list[Tag],
    *,
    title: str = "",
    embed_audio: bool = True,
    force: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    total: int = 0,
) -> Path:
    """Write the episodes in ``items`` (read one at a time) and ``codebook`` as a ``.qdpx`` at ``dest``."""
    check_target(dest, force=force)
    try:
        with (
            atomic.staged_file(dest, exclusive=not force) as tmp,
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        ):
            builder = _ProjectBuilder(archive, embed_audio=embed_audio)
            used: dict[str, str] = {}
            for done, item in enumerate(items, 1):
                if cancel is not None:
                    cancel.check()
                builder.add(item)
                used.update((t.casefold(), t) for h in item.highlights for t in h.tags)
                progress(done, max(total, done), f"Writing {item.episode.title}")
            known = {t.name.casefold() for t in codebook}
            codes = codebook + [Tag(name) for key, name in sorted(used.items()) if key not in known]
            archive.writestr(PROJECT_FILE, builder.document(title, codes))
    except FileExistsError as exc:
        raise TargetExistsError(str(dest)) from exc
    return dest
