"""Reading a REFI-QDA project into podplayer's terms: episodes with transcripts, highlights, tags.

- Audio sources (and video sources, for their sound) with a transcript, and text sources, become
  episodes; a transcript's lines become turns (``Speaker: words`` when the label is one of the
  project's cases or looks like a name, see core/formats/speakers.py), and its sync points time the
  turns and words they fall on.
- Selections coded in transcripts and texts become highlights on the words they cover (an empty
  selection is a bookmark) with their codes as tags and their notes as the note.
- Codes become tags (``Parent/Child``), with colours and descriptions.

Other sources (PDF, pictures) and codings on audio without a transcript are counted, not imported.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from podplayer.core.formats.speakers import is_speaker_name
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Highlight, Tag, Transcript, Turn, Word, WordRef
from podplayer.core.refiqda.archive import ProjectArchive, ProjectImportError, parse_xml
from podplayer.core.refiqda.codebook_xml import CODEBOOK_NS, PROJECT_NS, ReadCode, read_codes
from podplayer.core.refiqda.transcript_text import LABEL_END

_WORD = re.compile(r"\S+")


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


@dataclass(slots=True)
class ImportedSource:
    episode: Episode  # audio_path unset; see ``audio_member`` / ``audio_reference``
    highlights: list[Highlight]
    audio_member: str | None = None  # the archive member holding the audio
    audio_reference: str | None = None  # an absolute file:// URL the project refers to


@dataclass(slots=True)
class ImportedProject:
    name: str
    codes: list[Tag]
    sources: list[ImportedSource]
    skipped: list[str] = field(default_factory=list)  # what was left out, for the report


def read_codebook_file(data: bytes, where: str) -> list[Tag]:
    """The tags of a stand-alone ``.qdc`` codebook."""
    root = parse_xml(data, where)
    codes = root.find(f"{{{CODEBOOK_NS}}}Codes")
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook" or codes is None:
        raise ProjectImportError(f"{where}: not a REFI-QDA codebook (no CodeBook/Codes in {CODEBOOK_NS})")
    return _tags(read_codes(codes, CODEBOOK_NS))


def _tags(codes: list[ReadCode]) -> list[Tag]:
    """Every code as a tag; a parent that cannot be applied is kept only if it says something."""
    return [c.tag for c in codes if c.codable or c.tag.description or c.tag.color]


def read_project(archive: ProjectArchive) -> ImportedProject:
    root = archive.project()
    if root.tag != _q("Project"):
        raise ProjectImportError(f"{archive.path}: project.qde is not a REFI-QDA project (root {root.tag!r})")
    codes_element = root.find(f"{_q('CodeBook')}/{_q('Codes')}")
    codes = read_codes(codes_element, PROJECT_NS) if codes_element is not None else []
    code_names = {c.guid.strip("{}").lower(): c.tag.name for c in codes}
    notes = {
        (n.get("guid") or "").strip("{}").lower(): _note_text(archive, n)
        for n in root.findall(f"{_q('Notes')}/{_q('Note')}")
    }
    cases = {c.get("name", "") for c in root.findall(f"{_q('Cases')}/{_q('Case')}")} - {""}
    reader = _SourceReader(archive, code_names, notes, cases)
    project = ImportedProject(root.get("name", archive.path.stem), _tags(codes), [])
    sources = root.find(_q("Sources"))
    for source in sources if sources is not None else []:
        kind = source.tag.removeprefix(f"{{{PROJECT_NS}}}")
        name = source.get("name") or kind
        if kind in ("AudioSource", "VideoSource"):
            imported = reader.media(source, name)
        elif kind == "TextSource":
            imported = reader.text(source, name)
        else:
            imported = None
        if imported is None:
            project.skipped.append(f"{kind} {name!r}: no transcript podplayer can read")
        else:
            project.sources.append(imported)
    project.skipped.extend(reader.skipped)
    return project


def _note_text(archive: ProjectArchive, note: Element) -> str:
    inline = note.findtext(_q("PlainTextContent"))
    if inline is not None:
        return inline
    path = note.get("plainTextPath")
    if path:
        return _decode(archive.read(archive.member_for(path, "note")), archive)
    return ""


def _decode(data: bytes, archive: ProjectArchive) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectImportError(f"{archive.path}: a source text is not UTF-8") from None


class _Words:
    """A source text cut into turns and words, and the way back from character positions to words."""

    def __init__(self, text: str, cases: set[str]) -> None:
        self.turns: list[Turn] = []
        self.starts: list[int] = []  # of every word, in order
        self.ends: list[int] = []
        self.refs: list[WordRef] = []
        self.line_starts: dict[int, int] = {}  # position of a line (label included) -> turn index
        self.line_ends: dict[int, int] = {}
        pos = 0
        for line in text.split("\n"):
            speaker, body_at = "", 0
            label, sep, _rest = line.partition(LABEL_END)
            if sep and (label in cases or is_speaker_name(label)):
                speaker, body_at = label, len(label) + len(sep)
            words = [(m.start() + body_at, m.group()) for m in _WORD.finditer(line[body_at:])]
            if words:
                index = len(self.turns)
                self.line_starts[pos] = index
                self.line_starts[pos + words[0][0]] = index
                self.line_ends[pos + len(line.rstrip())] = index
                self.turns.append(Turn(speaker, [Word(w) for _, w in words]))
                for i, (at, word) in enumerate(words):
                    self.starts.append(pos + at)
                    self.ends.append(pos + at + len(word))
                    self.refs.append(WordRef(index, i))
            pos += len(line) + 1

    def first_word_from(self, position: int) -> int | None:
        """Index of the word covering ``position`` or else the next one."""
        i = bisect_right(self.starts, position) - 1
        if i >= 0 and position < self.ends[i]:
            return i
        return i + 1 if i + 1 < len(self.starts) else None

    def last_word_before(self, position: int) -> int | None:
        i = bisect_left(self.starts, position) - 1
        return i if i >= 0 else None

    def time(self, position: int, ms: int) -> None:
        """Put a sync point's time where it falls: a turn's start or end, a word's start or end."""
        turn = self.line_starts.get(position)
        if turn is not None and self.turns[turn].start_ms is None:
            self.turns[turn].start_ms = ms
        end_turn = self.line_ends.get(position)
        if end_turn is not None:
            self.turns[end_turn].end_ms = ms
        i = bisect_left(self.starts, position)
        if i < len(self.starts) and self.starts[i] == position:
            ref = self.refs[i]
            self.turns[ref.turn].words[ref.word].start_ms = ms
        j = bisect_left(self.ends, position)
        if j < len(self.ends) and self.ends[j] == position:
            ref = self.refs[j]
            self.turns[ref.turn].words[ref.word].end_ms = ms


class _SourceReader:
    def __init__(self, archive: ProjectArchive, codes: dict[str, str], notes: dict[str, str], cases: set[str]) -> None:
        self.archive = archive
        self.codes = codes
        self.notes = notes
        self.cases = cases
        self.skipped: list[str] = []

    def _text(self, element: Element, what: str) -> str | None:
        inline = element.findtext(_q("PlainTextContent"))
        if inline is not None:
            return inline
        path = element.get("plainTextPath")
        if not path:
            return None
        return _decode(self.archive.read(self.archive.member_for(path, what)), self.archive)

    def media(self, source: Element, name: str) -> ImportedSource | None:
        transcript = source.find(_q("Transcript"))
        if transcript is None:
            return None
        text = self._text(transcript, f"transcript of {name!r}")
        if text is None:
            return None
        words = _Words(text, self.cases)
        points: dict[str, int] = {}
        for point in transcript.findall(_q("SyncPoint")):
            position = _int(point.get("position"))
            if position is None:
                continue
            points[(point.get("guid") or "").strip("{}").lower()] = position
            stamp = _int(point.get("timeStamp"))
            if stamp is not None and stamp >= 0:
                words.time(position, stamp)
        spans = []
        for selection in transcript.findall(_q("TranscriptSelection")):
            start = points.get((selection.get("fromSyncPoint") or "").strip("{}").lower())
            end = points.get((selection.get("toSyncPoint") or "").strip("{}").lower())
            if start is None or end is None:
                self.skipped.append(f"a selection in {name!r} without its sync points")
                continue
            spans.append((start, end, selection))
        uncoded = len(source.findall(_q("AudioSelection")))
        if uncoded:
            self.skipped.append(f"{uncoded} codings on the audio of {name!r} (no transcript words to hold them)")
        imported = self._source(source, name, words, spans)
        path = source.get("path") or ""
        if path.startswith("internal://"):
            imported.audio_member = self.archive.member_for(path, f"audio of {name!r}")
        elif path.startswith("file:///"):
            imported.audio_reference = path
        elif path:
            raise ProjectImportError(f"{self.archive.path}: audio of {name!r} {path!r} points outside the archive")
        return imported

    def text(self, source: Element, name: str) -> ImportedSource | None:
        text = self._text(source, f"text of {name!r}")
        if text is None:
            return None
        spans = [
            (_int(s.get("startPosition")) or 0, _int(s.get("endPosition")) or 0, s)
            for s in source.findall(_q("PlainTextSelection"))
        ]
        return self._source(source, name, _Words(text, self.cases), spans)

    def _source(self, source: Element, name: str, words: _Words, spans: list[tuple[int, int, Element]]) -> ImportedSource:
        if not words.turns:
            raise ProjectImportError(f"{self.archive.path}: source {name!r} has no words")
        transcript = Transcript(words.turns, title=name, metadata={"source_format": "qdpx"})
        highlights = [h for start, end, s in spans if (h := self._highlight(transcript, words, start, end, s, name))]
        note = "\n\n".join(self._notes(source))
        return ImportedSource(Episode(name, transcript, note=note), highlights)

    def _notes(self, element: Element) -> list[str]:
        texts = [self.notes.get((r.get("targetGUID") or "").strip("{}").lower(), "") for r in element.findall(_q("NoteRef"))]
        return [t for t in texts if t.strip()]

    def _highlight(
        self, transcript: Transcript, words: _Words, start: int, end: int, selection: Element, name: str
    ) -> Highlight | None:
        tags = []
        for coding in selection.findall(_q("Coding")):
            ref = coding.find(_q("CodeRef"))
            key = ((ref.get("targetGUID") if ref is not None else "") or "").strip("{}").lower()
            if key not in self.codes:
                raise ProjectImportError(f"{self.archive.path}: a coding in {name!r} refers to a code not in the codebook")
            tags.append(self.codes[key])
        note = "\n\n".join(self._notes(selection) + [n for c in selection.findall(_q("Coding")) for n in self._notes(c)])
        first = words.first_word_from(min(start, end))
        if first is None:
            self.skipped.append(f"a selection past the end of {name!r}")
            return None
        if end <= start:  # an empty selection: a bookmark on the word there
            at = words.refs[first]
            return Highlight(at, at, "", tags=tags, note=note)
        last = words.last_word_before(end)
        if last is None or last < first:
            last = first
        return make_highlight(transcript, words.refs[first], words.refs[last], tags=tags, note=note)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
