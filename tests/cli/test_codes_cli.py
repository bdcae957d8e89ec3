"""``podplayer codes``: the codebook tree with counts, JSON, CSV and descriptions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.model import Highlight, WordRef
from podplayer.store import Library
from tests.helpers_store import sample_episode


@pytest.fixture
def db(db_path: Path) -> Path:
    with Library(db_path) as library:
        eid = library.add_episode(sample_episode())
        library.add_highlight(eid, Highlight(WordRef(0, 0), WordRef(0, 2), "a", tags=["Work/Stress", "Family"]))
        library.add_highlight(eid, Highlight(WordRef(1, 0), WordRef(1, 1), "b", tags=["Work/Autonomy"]))
    return db_path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_codes_prints_the_tree_with_counts_and_pairs(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, db, "codes", "--describe", "Work/Stress", "deadlines, overload")[0] == 0
    code, out, err = run(capsys, db, "codes")
    assert (code, err) == (0, "")
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "Family 1 1 1 1" in lines
    assert "Work 0 2 1 2" in lines
    assert "Autonomy 1 1 1 1" in lines
    assert "Stress 1 1 1 1 deadlines, overload" in lines
    assert "Family Work/Stress 1" in lines


def test_codes_json_and_csv(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, db, "codes", "--json")
    data = json.loads(out)
    assert code == 0
    assert {c["code"]: c["with_subcodes"] for c in data["codes"]} == {
        "Family": 1, "Work": 2, "Work/Autonomy": 1, "Work/Stress": 1,
    }  # fmt: skip
    assert data["by_speaker"]["Work/Autonomy"] == {"Bob": 1}
    target = tmp_path / "codes.csv"
    assert run(capsys, db, "codes", "--csv", str(target))[0] == 0
    with target.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"measure": "episode", "code": "Family", "by": "Garden Hour 12", "count": "1"} in rows
    code, _, err = run(capsys, db, "codes", "--csv", str(target))
    assert code == 1 and err.count("\n") == 1 and "exists" in err
