"""``podplayer import-qdpx`` / ``import-qdc``: the round trip through REFI-QDA, and refusing bad input
whole (one line on stderr, exit 1, the library untouched)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Highlight, Transcript, Turn, WordRef
from podplayer.store import Library
from tests.helpers_schemas import validate_qdc, validate_qdpx
from tests.helpers_store import sample_episode

GOOD_PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Tiny">
  <Sources>
    <TextSource guid="11111111-1111-1111-1111-111111111111" name="Notes" plainTextPath="{path}"/>
  </Sources>
</Project>
"""


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _coded_library(path: Path, audio: Path) -> None:
    with Library(path) as library:
        episode = sample_episode()
        episode.audio_path = str(audio)
        eid = library.add_episode(episode)
        t = episode.transcript
        library.add_highlight(eid, make_highlight(t, WordRef(1, 8), WordRef(1, 10), tags=["Work/Stress", "Family"],
                                                  note="Try this **soon**"))
        library.add_highlight(eid, make_highlight(t, WordRef(2, 0), WordRef(3, 2), tags=["Work/Stress/Deadlines"]))
        library.add_highlight(eid, Highlight(WordRef(4, 3), WordRef(4, 3), "", note="a bookmark"))
        library.set_episode_note(eid, "Episode memo")
        other = library.add_episode(Episode("No audio", Transcript([Turn.from_text("Dee", "words only here today")])))
        words = Transcript([Turn.from_text("Dee", "words only here today")])
        library.add_highlight(other, make_highlight(words, WordRef(0, 1), WordRef(0, 2), tags=["Family"]))
        library.set_tag_description("Work/Stress", "Pressure & <deadlines>")
        library.set_tag_color("Family", "#2a9d8f")
        library.set_tag_description("Unused code", "defined before use")


def _snapshot(path: Path) -> tuple[object, ...]:
    with Library(path) as library:
        episodes = []
        for summary in library.episodes():
            episode = library.episode(summary.id)
            turns = [(t.speaker, t.text, t.start_ms, t.end_ms) for t in episode.transcript.turns]
            highlights = [
                (h.start, h.end, h.quote, sorted(h.tags), h.note, h.is_bookmark, h.start_ms, h.end_ms, h.speaker)
                for h in library.highlights(summary.id)
            ]
            episodes.append((episode.title, episode.note, turns, highlights))
        tags = [(t.name, t.color, t.description, t.count) for t in library.tags()]
    return tuple(episodes), tuple(tags)


@pytest.mark.parametrize("no_audio", [False, True], ids=["audio-packed", "audio-by-path"])
def test_round_trip_keeps_every_highlight_tag_note_and_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_audio: bool
) -> None:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"ID3 pretend audio bytes")
    first, second = tmp_path / "a" / "library.sqlite3", tmp_path / "b" / "library.sqlite3"
    first.parent.mkdir()
    second.parent.mkdir()
    _coded_library(first, audio)
    project = tmp_path / "all.qdpx"
    options = ["--no-audio"] if no_audio else []
    assert run(capsys, first, "export", "--all", "--format", "qdpx", "-o", str(project), *options)[0] == 0
    validate_qdpx(project)
    code, out, err = run(capsys, second, "import-qdpx", str(project))
    assert (code, err) == (0, "")
    assert out.strip() == "2 episodes added, 4 highlights added, 4 tags added"  # "Work" is only a parent
    assert _snapshot(second) == _snapshot(first)
    with Library(second) as library:
        [with_audio, _] = library.episodes()
        assert with_audio.audio_path is not None
        copied = Path(with_audio.audio_path)
        assert copied.read_bytes() == audio.read_bytes()
        assert (copied == audio) == no_audio
    again = run(capsys, second, "import-qdpx", str(project))
    assert again[1].strip() == "0 episodes added, 0 highlights added, 0 tags added, 4 highlights already there"
    assert _snapshot(second) == _snapshot(first)


def test_codebook_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audio = tmp_path / "a.mp3"
    audio.write_bytes(b"x")
    first, second = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    _coded_library(first, audio)
    qdc = tmp_path / "codes.qdc"
    assert run(capsys, first, "export", "--all", "--format", "qdc", "-o", str(qdc))[0] == 0
    validate_qdc(qdc)
    assert run(capsys, second, "import-qdc", str(qdc))[1].strip() == "0 episodes added, 0 highlights added, 4 tags added"
    with Library(second) as library:
        tags = {t.name: (t.color, t.description) for t in library.tags()}
    assert tags == {
        "Family": ("#2a9d8f", ""),
        "Unused code": ("", "defined before use"),
        "Work/Stress": ("", "Pressure & <deadlines>"),
        "Work/Stress/Deadlines": ("", ""),
    }


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _project(text_path: str) -> bytes:
    return GOOD_PROJECT.format(path=text_path).encode()


ENTITY_PROJECT = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>
"""


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d.joinpath("x.qdpx").write_bytes(b"just some text, not a zip") and d / "x.qdpx", "not a REFI-QDA project (.qdpx is a zip archive)"),
        (lambda d: _zip(d / "x.qdpx", {"sources/a.txt": b"hello"}), "no project.qde in the archive"),
        (lambda d: _zip(d / "x.qdpx", {"project.qde": _project("internal://a.txt"), "sources/a.txt": bytes(8 * 2**20)}), "zip bomb"),
        (lambda d: _zip(d / "x.qdpx", {"project.qde": ENTITY_PROJECT}), "XML with a DTD or entity declarations is refused"),
        (lambda d: _zip(d / "x.qdpx", {"project.qde": _project("internal://../../etc/passwd")}), "points outside the archive"),
        (lambda d: _zip(d / "x.qdpx", {"project.qde": _project("/etc/passwd")}), "points outside the archive"),
        (lambda d: _zip(d / "x.qdpx", {"project.qde": _project("../notes.txt")}), "points outside the archive"),
        (lambda d: _zip(d / "x.qdpx", {"project.qde": b"<Project"}), "not well-formed XML"),
    ],
    ids=["not-a-zip", "no-project", "zip-bomb", "entities", "internal-dotdot", "absolute", "relative-dotdot", "broken-xml"],
)
def test_bad_projects_are_refused_with_one_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    assert callable(make)
    bad = make(tmp_path)
    with Library(db_path) as library:
        library.add_episode(sample_episode())
    before = _snapshot(db_path)
    code, out, err = run(capsys, db_path, "import-qdpx", str(bad))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert _snapshot(db_path) == before


def test_a_bad_second_source_leaves_nothing_half_imported(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"audio")
    source = tmp_path / "src.sqlite3"
    _coded_library(source, audio)
    good = tmp_path / "good.qdpx"
    assert run(capsys, source, "export", "--all", "--format", "qdpx", "-o", str(good))[0] == 0
    validate_qdpx(good)
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "project.qde":  # the second source's text now points outside
                text = data.decode()
                at = text.index("<TextSource")
                start = text.index('plainTextPath="', at) + len('plainTextPath="')
                data = (text[:start] + "../escape.txt" + text[text.index('"', start):]).encode()
            out.writestr(info, data)
    code, _, err = run(capsys, db_path, "import-qdpx", str(bad))
    assert code == 1 and "points outside the archive" in err
    assert _snapshot(db_path) == ((), ())
    assert not (db_path.parent / "Imported").exists() or not any((db_path.parent / "Imported").rglob("*.mp3"))
