"""ELAN and Praat from the command line: convert, ``transcript --format``, highlight exports with a
highlights tier, and importing an EAF or TextGrid as an episode."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pympi import Praat

from podplayer.cli import main
from podplayer.core.formats import read_transcript
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Transcript, Turn, WordRef
from podplayer.store import Library
from tests.helpers_schemas import validate_eaf
from tests.helpers_store import sample_episode

T = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts"


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(db_path: Path) -> Path:
    with Library(db_path) as library:
        episode = sample_episode()
        eid = library.add_episode(episode)
        t = episode.transcript
        library.add_highlight(eid, make_highlight(t, WordRef(1, 8), WordRef(1, 10), tags=["Work/Stress", "Food"],
                                                  note="try this"))
        library.add_highlight(eid, make_highlight(t, WordRef(1, 9), WordRef(2, 1)))  # overlaps the first
        library.add_episode(Episode("Untimed", Transcript([Turn.from_text("A", "no times at all")])))
    return db_path


def test_convert_to_eaf_and_textgrid(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path) -> None:
    eaf, grid = tmp_path / "out.eaf", tmp_path / "out.TextGrid"
    assert run(capsys, db, "convert", str(T / "interview.utf16.TextGrid"), "-o", str(eaf), "--words")[0] == 0
    validate_eaf(eaf)
    assert run(capsys, db, "convert", str(eaf), "-o", str(grid), "--words")[0] == 0
    back = read_transcript(grid)
    assert [(t.speaker, t.text) for t in back.turns] == [("Ann", "Grüß dich, Jürgen!"), ("Jürgen", "Hallo Ann, schön dass du da bist.")]
    assert [w.start_ms for w in back.turns[0].words] == [400, 900, 1300]
    assert [tier.name for tier in Praat.TextGrid(str(grid)).get_tiers()][:2] == ["Ann", "Ann - words"]


def test_transcript_command_writes_eaf_and_textgrid(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, db, "transcript", "Garden", "--format", "eaf", "--words")
    assert code == 0 and "<ANNOTATION_DOCUMENT" in out
    written = tmp_path / "stdout.eaf"
    written.write_text(out, encoding="utf-8")
    validate_eaf(written)
    target = tmp_path / "garden.TextGrid"
    assert run(capsys, db, "transcript", "Garden", "-o", str(target), "--words")[0] == 0
    assert len(Praat.TextGrid(str(target)).get_tier("Bob - words").get_all_intervals()) > 20


def test_highlight_exports_add_a_highlights_tier(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path) -> None:
    eaf, grid = tmp_path / "h.eaf", tmp_path / "h.TextGrid"
    assert run(capsys, db, "export", "Garden", "--format", "eaf", "-o", str(eaf))[0] == 0
    validate_eaf(eaf)
    text = eaf.read_text(encoding="utf-8")
    assert 'TIER_ID="Highlights"' in text and 'TIER_ID="Highlights 2"' in text
    assert "Work/Stress; Food: try this" in text
    assert read_transcript(eaf).speakers == ["Alice", "Bob", "Carol"]  # the highlights are not a speaker
    assert run(capsys, db, "export", "--tag", "Work", "--format", "textgrid", "-o", str(grid))[0] == 0
    tiers = {tier.name: tier for tier in Praat.TextGrid(str(grid)).get_tiers()}
    [(begin, end, label)] = [i for i in tiers["Highlights"].get_all_intervals() if i[2]]
    bob = sample_episode().transcript.turns[1]
    assert (round(begin * 1000), round(end * 1000), label) == (bob.words[8].start_ms, bob.words[10].end_ms, "Work/Stress; Food: try this")
    code, _, err = run(capsys, db, "export", "--all", "--format", "eaf", "-o", str(tmp_path / "all.eaf"))
    assert code == 1 and "export one episode" in err and err.count("\n") == 1
    code, _, err = run(capsys, db, "export", "Untimed", "--format", "textgrid", "-o", str(tmp_path / "u.TextGrid"))
    assert code == 1 and "has no timings yet" in err


def test_importing_elan_and_praat_files_as_episodes(tmp_path: Path, capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    audio = tmp_path / "interview.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=8",
                    "-ac", "1", "-b:a", "32k", str(audio)], check=True)  # fmt: skip
    for name in ("interview.eaf", "interview.utf16.TextGrid"):
        code, out, err = run(capsys, db_path, "import", str(audio), str(T / name))
        assert (code, err) == (0, ""), err
    with Library(db_path) as library:
        speakers = [library.episode(s.id).transcript.speakers for s in library.episodes()]
    assert speakers == [["Ann Lee", "Ben"], ["Ann", "Jürgen"]]
    bad = tmp_path / "overlap.eaf"
    bad.write_text((T / "interview.eaf").read_text(encoding="utf-8").replace('"a7" TIME_SLOT_REF1="ts7"', '"a7" TIME_SLOT_REF1="ts3"'), encoding="utf-8")
    code, _, err = run(capsys, db_path, "import", str(audio), str(bad))
    assert code == 1 and "annotations overlap" in err and err.count("\n") == 1
