"""The one atomic writer: a whole file under the final name, or the old one untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.atomic import TargetExistsError, staged_file, write_atomic


def test_text_and_bytes_land_whole(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.txt"
    write_atomic(target, "one\ntwo ünï\n")
    assert target.read_bytes() == "one\ntwo ünï\n".encode()
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_a_failure_while_writing_keeps_the_old_file_and_leaves_no_part(tmp_path: Path) -> None:
    target = tmp_path / "library.opml"
    target.write_text("old")
    with pytest.raises(RuntimeError), staged_file(target) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError("disk gone")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["library.opml"]


def test_exclusive_refuses_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(TargetExistsError), staged_file(target, exclusive=True) as tmp:
        tmp.write_text("mine")
        target.write_text("someone else's")
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
