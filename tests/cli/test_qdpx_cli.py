"""``podplayer export --format qdpx|qdc``: REFI-QDA projects and codebooks from the command line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.model import Episode, Highlight, Transcript, Turn, WordRef
from podplayer.store import Library
from tests.helpers_schemas import validate_qdc, validate_qdpx
from tests.helpers_store import sample_episode

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Path:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"not really audio")
    with Library(db_path) as library:
        episode = sample_episode()
        episode.audio_path = str(audio)
        eid = library.add_episode(episode)
        library.add_highlight(eid, Highlight(WordRef(0, 0), WordRef(0, 2), "a", tags=["Work/Stress"], note="memo"))
        library.add_highlight(eid, Highlight(WordRef(1, 0), WordRef(1, 1), "b", tags=["Family"]))
        library.add_episode(Episode("No audio", Transcript([Turn.from_text("Dee", "words only here")])))
        library.set_tag_description("Work/Stress", "pressure")
    return db_path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_all_as_qdpx_with_and_without_audio(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "all.qdpx"
    code, stdout, err = run(capsys, db, "export", "--all", "--format", "qdpx", "-o", str(out))
    assert (code, stdout.strip()) == (0, f"wrote {out}")
    root = ET.fromstring(validate_qdpx(out))
    sources = root.find("q:Sources", NS)
    assert sources is not None and [s.tag.split("}")[1] for s in sources] == ["AudioSource", "TextSource"]
    with zipfile.ZipFile(out) as archive:
        assert sum(n.endswith(".mp3") for n in archive.namelist()) == 1
    lean = tmp_path / "lean.qdpx"
    assert run(capsys, db, "export", "--all", "--format", "qdpx", "--no-audio", "-o", str(lean))[0] == 0
    source = ET.fromstring(validate_qdpx(lean)).find("q:Sources/q:AudioSource", NS)
    assert source is not None and source.get("path") == (tmp_path / "garden.mp3").as_uri()


def test_export_a_parent_code_and_the_codebook(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "work.qdpx"
    assert run(capsys, db, "export", "--tag", "work", "--format", "qdpx", "-o", str(out))[0] == 0
    root = ET.fromstring(validate_qdpx(out))
    assert len(root.findall(".//q:TranscriptSelection", NS)) == 1  # Work/Stress, not Family
    codebook = tmp_path / "codes.qdc"
    assert run(capsys, db, "export", "--all", "--format", "qdc", "-o", str(codebook))[0] == 0
    validate_qdc(codebook)
    code, _, err = run(capsys, db, "export", "--tag", "Nothing", "--format", "qdpx", "-o", str(out), "--force")
    assert code == 1 and err.count("\n") == 1 and "no tag named 'Nothing'" in err
