"""An unusable library file at start-up: explained in a dialog, moved aside only when asked, never lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from podplayer.store.errors import CorruptLibraryError, NewerLibraryError
from podplayer.store.repository import Library
from podplayer.ui.window.library_recovery import MOVE_ASIDE_TEXT, open_library_with_recovery

GARBAGE = b"this is not a database\x00" * 200


def _answer_dialog(button_text: str, seen: list[str]) -> None:
    """Once the modal message box is up, record its text and press the button labelled ``button_text``."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(f"{box.text()} {box.informativeText()}")
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(20, press)


def test_corrupt_library_is_moved_aside_when_asked(qtbot: QtBot, db_path: Path) -> None:
    db_path.write_bytes(GARBAGE)
    seen: list[str] = []
    _answer_dialog(MOVE_ASIDE_TEXT, seen)
    library, moved = open_library_with_recovery(lambda: Library(db_path))
    with library:
        assert library.episodes() == []
    assert db_path.name in seen[0] and "not a usable podplayer library" in seen[0]
    assert moved is not None and moved.parent == db_path.parent and moved != db_path
    assert moved.read_bytes() == GARBAGE  # kept, byte for byte


def test_declining_leaves_the_corrupt_file_where_it_was(qtbot: QtBot, db_path: Path) -> None:
    db_path.write_bytes(GARBAGE)
    seen: list[str] = []
    _answer_dialog("Close", seen)
    with pytest.raises(CorruptLibraryError):
        open_library_with_recovery(lambda: Library(db_path))
    assert seen
    assert db_path.read_bytes() == GARBAGE
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_newer_library_is_explained_and_untouched(qtbot: QtBot, db_path: Path) -> None:
    Library(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = db_path.read_bytes()
    seen: list[str] = []
    _answer_dialog("OK", seen)
    with pytest.raises(NewerLibraryError):
        open_library_with_recovery(lambda: Library(db_path))
    assert "newer podplayer" in seen[0]
    assert db_path.read_bytes() == before
