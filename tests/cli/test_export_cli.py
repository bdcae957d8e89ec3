"""``podplayer export`` / ``import-annotations`` end to end on real library files and real audio."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.store import Library
from tests.core.export.conftest import stepped_tone_mp3
from tests.core.export.samples import make_episode, make_highlights


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stepped_tone_mp3(tmp_path_factory.mktemp("cli-audio") / "ep.mp3")


@pytest.fixture
def db(tmp_path: Path, audio: Path) -> Path:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as library:
        episode_id = library.add_episode(replace(make_episode(str(audio), title="First episode"), id=None))
        for h in make_highlights():
            library.add_highlight(episode_id, replace(h, id=None, episode_id=None))
        library.add_episode(replace(make_episode(str(audio), title="Empty episode"), id=None))
    return path


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_export_episode_as_csv(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h.csv"
    assert run(db, "export", "First", "--format", "csv", "-o", str(out)) == 0
    assert str(out) in capsys.readouterr().out
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == [h.quote for h in make_highlights()]


def test_existing_target_needs_force(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h.md"
    out.write_text("mine", encoding="utf-8")
    assert run(db, "export", "1", "--format", "md", "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine"
    assert run(db, "export", "1", "--format", "md", "-o", str(out), "--force") == 0
    assert out.read_text(encoding="utf-8").startswith("---\n")


def test_tag_scope_and_selected_highlights(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "tag.json"
    assert run(db, "export", "--tag", "INTRO", "--format", "json", "-o", str(out)) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [[h["quote"] for h in e["highlights"]] for e in doc["episodes"]] == [["show where we talk about"]]
    assert doc["title"] == "Tag: intro"
    out = tmp_path / "two.srt"
    assert run(db, "export", "1", "--highlight", "2", "--highlight", "3", "--format", "srt", "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8").count(" --> ") == 2


def test_all_scope_transcript_includes_every_episode(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.txt"
    assert run(db, "export", "--all", "--format", "transcript-txt", "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "First episode" in text and "Empty episode" in text


def test_clips_with_options(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    code = run(db, "export", "1", "--format", "clips", "-o", str(folder), "--pad", "0.2", "--clip-format", "ogg",
               "--combined")  # fmt: skip
    assert code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 4 and names[0].startswith("001 - Alice - ") and names[-1].startswith("Best of - ")
    assert all(n.endswith(".ogg") for n in names)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "404", "--format", "md", "-o", "x.md"], "no episode matches"),
        (["export", "--format", "md", "-o", "x.md"], "exactly one of EPISODE"),
        (["export", "1", "--format", "md", "-o", "x.md", "--template", "missing.j2"], "no such template"),
        (["export", "1", "--format", "clips", "-o", "c", "--pad", "-1"], "--pad"),
        (["export", "--tag", "nope", "--format", "csv", "-o", "x.csv"], "no tag named"),
        (["export", "2", "--format", "csv", "-o", "x.csv"], "no highlights"),
        (["import-annotations", "missing.json"], "no such file"),
    ],
)
def test_bad_input_is_one_line_exit_1(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    args: list[str], message: str,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert run(db, *args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x.csv").exists()


def test_unknown_format_is_usage_error(db: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        run(db, "export", "1", "--format", "docx", "-o", "x")
    assert exc.value.code == 2


def test_import_annotations_round_trip(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "backup.json"
    assert run(db, "export", "1", "--format", "json", "-o", str(backup)) == 0
    fresh = tmp_path / "fresh.sqlite3"
    assert run(fresh, "import-annotations", str(backup)) == 0
    assert "restored 3 highlights" in capsys.readouterr().out
    again = tmp_path / "again.json"
    assert run(fresh, "export", "1", "--format", "json", "-o", str(again)) == 0
    strip = [json.loads(p.read_text(encoding="utf-8")) for p in (backup, again)]
    for doc in strip:
        doc.pop("exported_at")
        for ep in doc["episodes"]:
            ep.pop("id")
            for h in ep["highlights"]:
                h.pop("id")
    assert strip[0] == strip[1]


def test_entry_point_runs_as_a_process(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = subprocess.run(
        [sys.executable, "-m", "podplayer", "--db", str(db), "export", "1", "--format", "html", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
