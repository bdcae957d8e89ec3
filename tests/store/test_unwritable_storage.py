"""Read-only library file, read-only library folder and a full disk, for real (no faked errors).

Each case shows one clear LibraryError line (CLI: exit 1, no traceback), loses nothing already saved,
and lets the same Library instance save the very same change once the disk is writable again.

Read-only: as root (who ignores permission bits) the file or folder is bind-mounted read-only onto
itself; otherwise its permission bits are cleared. Full disk: a 4 MB tmpfs filled up (root only) and,
for everyone, a file size limit (RLIMIT_FSIZE) in a subprocess.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from podplayer.store import Library, LibraryError, ReadOnlyLibraryError
from tests.helpers_store import filled_library, sample_episode, sample_highlight

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
IS_ROOT = os.geteuid() == 0


def _sh(*cmd: str | Path) -> None:
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True)


@contextmanager
def read_only(target: Path) -> Iterator[Callable[[], None]]:
    """Make ``target`` (file or folder) unwritable; yields a function that makes it writable again."""
    if IS_ROOT:
        _sh("mount", "--bind", target, target)
        try:
            _sh("mount", "-o", "remount,bind,ro", target)
            yield lambda: _sh("mount", "-o", "remount,bind,rw", target)
        finally:
            subprocess.run(["umount", "-l", str(target)], check=False)
        return
    mode = target.stat().st_mode
    target.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield lambda: target.chmod(mode)
    finally:
        target.chmod(mode)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "podplayer", "--db", str(db), *args],
        capture_output=True, text=True, timeout=120, env=ENV, cwd=REPO, check=False,
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1 and result.stdout == "", result
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def _notes(library: Library, episode_id: int) -> list[str]:
    return sorted(h.note for h in library.highlights(episode_id))


def test_read_only_library_file(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    library, episode_id = filled_library(db)
    library.close()
    with read_only(db) as make_writable:
        assert_one_line_error(
            cli(db, "highlight", "add", "1", "--from", "0", "--to", "2", "--note", "cli"), str(db), "read-only"
        )
        library = Library(db)  # reading still works
        assert _notes(library, episode_id) == ["try this"]
        change = sample_highlight(note="kept in memory")
        with pytest.raises(ReadOnlyLibraryError) as info:
            library.add_highlight(episode_id, change)
        assert str(info.value) == f"{db}: the library file is read-only; changes cannot be saved"
        assert change.id is None and _notes(library, episode_id) == ["try this"]
        with pytest.raises(ReadOnlyLibraryError):
            library.set_episode_note(episode_id, "also refused")
        make_writable()
        assert library.add_highlight(episode_id, change) > 0  # the same instance, the same change
        library.set_episode_note(episode_id, "saved after all")
        library.close()
    with Library(db) as reopened:
        assert _notes(reopened, episode_id) == ["kept in memory", "try this"]
        assert reopened.episode(episode_id).note == "saved after all"
        assert reopened.integrity_check() == "ok"


def test_read_only_library_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "library.sqlite3"
    library, episode_id = filled_library(db)
    library.close()
    with read_only(folder) as make_writable:
        # Nothing has the library open: SQLite cannot create its WAL index next to the file.
        with pytest.raises(ReadOnlyLibraryError) as info:
            Library(db)
        assert str(info.value).startswith(f"{db}: ") and "read-only" in str(info.value)
        assert "\n" not in str(info.value)
        assert_one_line_error(cli(db, "episodes"), str(db), "read-only")
        make_writable()
        assert cli(db, "highlight", "add", "1", "--from", "0", "--to", "2", "--note", "cli").returncode == 0


def test_read_only_folder_under_a_running_window(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "library.sqlite3"
    running, episode_id = filled_library(db)  # a window that had the library open before
    with read_only(folder) as make_writable:
        result = cli(db, "highlight", "add", "1", "--from", "0", "--to", "2", "--note", "cli")
        assert_one_line_error(result, str(db), "read-only")
        other = Library(db)  # opens for reading: the window keeps the WAL index alive
        change = sample_highlight(note="second instance")
        with pytest.raises(ReadOnlyLibraryError) as info:
            other.add_highlight(episode_id, change)
        assert str(info.value).startswith(f"{db}: ") and "read-only" in str(info.value)
        # The window's open connection still reaches its files; whatever it reports saved, is saved.
        try:
            running.add_highlight(episode_id, sample_highlight(note="while read-only"))
            saved = ["while read-only"]
        except ReadOnlyLibraryError:
            saved = []
        make_writable()
        assert other.add_highlight(episode_id, change) > 0  # retry on the same instance
        assert cli(db, "highlight", "add", "1", "--from", "0", "--to", "2", "--note", "cli").returncode == 0
        running.add_highlight(episode_id, sample_highlight(note="after"))
        other.close()
    running.close()
    with Library(db) as reopened:
        assert _notes(reopened, episode_id) == sorted(["try this", "second instance", "cli", "after", *saved])
        assert reopened.integrity_check() == "ok"


@contextmanager
def tiny_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    folder.mkdir()
    _sh("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    # Unbuffered: when the disk fills, nothing is left in a buffer for the close to fail on.
    with filler.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    return filler


@pytest.mark.skipif(not IS_ROOT, reason="mounting a tmpfs needs root; test_file_size_limit covers the rest")
def test_full_disk(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk") as disk:
        db = disk / "library.sqlite3"
        library, episode_id = filled_library(db)
        big = sample_episode("Too big")
        big.transcript.turns = big.transcript.turns * 400
        filler = _fill(disk)
        with pytest.raises(LibraryError) as info:
            library.add_episode(big)
        assert str(info.value) == f"{db}: the disk is full; the last change was not saved"
        assert [e.title for e in library.episodes()] == ["Garden Hour 12"]
        audio = REPO / "resources" / "demo" / "demo-episode.mp3"
        transcript = REPO / "tests" / "fixtures" / "transcripts" / "carried_speakers.srt"
        assert_one_line_error(cli(db, "import", str(audio), str(transcript), "--no-estimate"), "disk is full")
        filler.unlink()
        assert library.add_episode(big) > episode_id  # the same instance, the same episode
        assert library.integrity_check() == "ok"
        library.close()
        with Library(db) as reopened:
            assert [e.title for e in reopened.episodes()] == ["Garden Hour 12", "Too big"]


def test_file_size_limit(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    library, episode_id = filled_library(db)
    library.close()
    result = subprocess.run(
        [sys.executable, "-m", "tests.store.disk_limit_worker", str(db), str(episode_id)],
        capture_output=True, text=True, timeout=120, env=ENV, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    error = report["error"]
    assert error is not None and error.startswith(f"{db}: ") and "\n" not in error
    assert "not saved" in error and "disk" in error
    assert report["titles_after_failure"] == ["Garden Hour 12"]
    assert report["retry_id"] > episode_id and report["position"] == 1234 and report["integrity"] == "ok"
