"""Writing REFI-QDA projects and codebooks; every file written is validated against the published schemas."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from podplayer.core.export import ExportBundle, export_bundle
from podplayer.core.export.bundle import EpisodeHighlights
from podplayer.core.export.errors import TargetExistsError
from podplayer.core.model import Episode, Highlight, Tag, Transcript, Turn, WordRef
from podplayer.core.refiqda.transcript_text import layout
from tests.helpers_schemas import validate_qdc, validate_qdpx
from tests.helpers_store import sample_episode

NS = {"q": "urn:QDA-XML:project:1.0"}
CODEBOOK = [
    Tag("Work/Stress", "#e76f51", description="Pressure & deadlines <at work>"),
    Tag("Work/Stress/Deadlines"),
    Tag("Family", "yellow"),
]


def _bundle(audio: Path | None) -> ExportBundle:
    episode = sample_episode()
    episode.id = 7
    episode.audio_path = str(audio) if audio else None
    highlights = [
        Highlight(WordRef(1, 8), WordRef(1, 10), "composting kitchen scraps", tags=["Work/Stress", "Family"],
                  note="Try this **soon**", id=1, speaker="Bob"),
        Highlight(WordRef(2, 0), WordRef(3, 2), "Composting … It slows down,", tags=["Work/Stress/Deadlines"],
                  id=2, speaker="Alice"),
        Highlight(WordRef(4, 3), WordRef(4, 3), "", id=3, speaker="Bob"),  # a bookmark
    ]
    untimed = Episode("Untimed talk", Transcript([Turn.from_text("Dee", "no times here at all")]), id=8,
                      note="An episode note")
    items = [
        EpisodeHighlights(episode, highlights),
        EpisodeHighlights(untimed, [Highlight(WordRef(0, 1), WordRef(0, 2), "times here", tags=["Family"], id=4,
                                              speaker="Dee")]),
    ]
    return ExportBundle(items, title="Interviews", codebook=CODEBOOK)


def test_project_validates_and_carries_sources_codes_notes_and_cases(tmp_path: Path) -> None:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"ID3 not really audio, packed as it is")
    out = tmp_path / "interviews.qdpx"
    assert export_bundle(_bundle(audio), "qdpx", out) == [out]
    root = ET.fromstring(validate_qdpx(out))

    codes = root.find("q:CodeBook/q:Codes", NS)
    assert codes is not None
    tree = [(c.get("name"), c.get("isCodable"), c.get("color")) for c in codes.iter(f"{{{NS['q']}}}Code")]
    assert tree == [("Family", "true", None), ("Work", "false", None), ("Stress", "true", "#e76f51"),
                    ("Deadlines", "true", None)]  # fmt: skip
    assert root.findtext(".//q:Code[@name='Stress']/q:Description", namespaces=NS) == "Pressure & deadlines <at work>"

    audio_source = root.find("q:Sources/q:AudioSource", NS)
    assert audio_source is not None and audio_source.get("name") == "Garden Hour 12"
    path = audio_source.get("path", "")
    assert path.startswith("internal://") and path.endswith(".mp3")
    with zipfile.ZipFile(out) as archive:
        assert archive.read(f"sources/{path.removeprefix('internal://')}") == audio.read_bytes()
        transcript = audio_source.find("q:Transcript", NS)
        assert transcript is not None
        text = archive.read("sources/" + transcript.get("plainTextPath", "").removeprefix("internal://")).decode()
    assert text == layout(sample_episode().transcript).text
    assert text.splitlines()[1].startswith("Bob: Thanks Alice.")

    points = {p.get("guid"): p for p in transcript.findall("q:SyncPoint", NS)}
    turn_starts = [int(p.get("timeStamp", -1)) for p in points.values() if text[int(p.get("position", 0)) - 1: int(p.get("position", 0))] in ("", "\n")]
    assert turn_starts == [t.start_ms for t in sample_episode().transcript.turns]
    selections = transcript.findall("q:TranscriptSelection", NS)
    assert len(selections) == 3
    first = selections[0]
    start, end = points[first.get("fromSyncPoint")], points[first.get("toSyncPoint")]
    assert text[int(start.get("position", 0)):int(end.get("position", 0))] == "composting kitchen scraps"
    bob = sample_episode().transcript.turns[1]
    assert (int(start.get("timeStamp", 0)), int(end.get("timeStamp", 0))) == (bob.words[8].start_ms, bob.words[10].end_ms)
    coded = [c.get("targetGUID") for c in first.findall("q:Coding/q:CodeRef", NS)]
    stress = root.find(".//q:Code[@name='Stress']", NS)
    family = root.find(".//q:Code[@name='Family']", NS)
    assert stress is not None and family is not None
    assert coded == [stress.get("guid"), family.get("guid")]
    note_ref = first.find("q:NoteRef", NS)
    assert note_ref is not None
    note = root.find(f"q:Notes/q:Note[@guid='{note_ref.get('targetGUID')}']", NS)
    assert note is not None and note.findtext("q:PlainTextContent", namespaces=NS) == "Try this **soon**"
    bookmark = selections[2]
    assert bookmark.get("fromSyncPoint") == bookmark.get("toSyncPoint") and bookmark.get("name") == "Bookmark"

    text_source = root.find("q:Sources/q:TextSource", NS)
    assert text_source is not None and text_source.get("name") == "Untimed talk"
    selection = text_source.find("q:PlainTextSelection", NS)
    assert selection is not None
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("8", "18")  # "Dee: no [times here]"
    episode_note = text_source.find("q:NoteRef", NS)
    assert episode_note is not None

    cases = {c.get("name"): c for c in root.findall("q:Cases/q:Case", NS)}
    assert sorted(name or "" for name in cases) == ["Alice", "Bob", "Carol", "Dee"]
    bob_refs = [r.get("targetGUID") for r in cases["Bob"].findall("q:SelectionRef", NS)]
    assert bob_refs == [first.get("guid"), bookmark.get("guid")]
    assert [r.get("targetGUID") for r in cases["Dee"].findall("q:SourceRef", NS)] == [text_source.get("guid")]


def test_without_audio_sources_refer_to_the_file_and_exports_are_stable(tmp_path: Path) -> None:
    audio = tmp_path / "garden hour.mp3"
    audio.write_bytes(b"x")
    first, second = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    export_bundle(_bundle(audio), "qdpx", first, embed_audio=False)
    export_bundle(_bundle(audio), "qdpx", second, embed_audio=False)
    root = ET.fromstring(validate_qdpx(first))
    source = root.find("q:Sources/q:AudioSource", NS)
    assert source is not None and source.get("path") == audio.as_uri()
    with zipfile.ZipFile(first) as archive:
        assert not [n for n in archive.namelist() if n.endswith(".mp3")]
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    again = [e.get("guid") for e in ET.fromstring(validate_qdpx(second)).iter() if e.get("guid")]
    assert guids == again and len(set(guids)) == len(guids)
    with pytest.raises(TargetExistsError):
        export_bundle(_bundle(audio), "qdpx", first)


def test_codebook_alone_validates(tmp_path: Path) -> None:
    out = tmp_path / "codes.qdc"
    export_bundle(_bundle(None), "qdc", out)
    validate_qdc(out)
    root = ET.parse(out).getroot()
    names = [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert names == ["Family", "Work", "Stress", "Deadlines"]
