"""REFI-QDA projects and codebooks come in through the window's file intake (drop or Open), in one
transaction; a bad project shows a dialog and changes nothing."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from podplayer.core.export import export_bundle
from podplayer.core.export.scope import library_bundle
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations.controller import AnnotationsController
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_schemas import validate_qdpx
from tests.helpers_store import sample_episode


def _mime(path: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    return data


def _drop(window: MainWindow, data: QMimeData) -> None:
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter.setAccepted(False)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(drop)


def test_dropping_a_project_imports_and_opens_it(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    source = Library(tmp_path / "elsewhere.sqlite3")
    episode = sample_episode()
    episode.audio_path = None  # a text source
    eid = source.add_episode(episode)
    source.add_highlight(eid, make_highlight(episode.transcript, WordRef(1, 8), WordRef(1, 10), tags=["Food/Waste"]))
    project = tmp_path / "coded.qdpx"
    export_bundle(library_bundle(source, include_empty=True), "qdpx", project, embed_audio=False)
    validate_qdpx(project)
    source.close()

    window = make_window()
    data = _mime(project)
    with qtbot.waitSignal(window.session.episodeOpened, timeout=20000):
        _drop(window, data)
    assert [s.title for s in library.episodes()] == ["Garden Hour 12"]
    annotations = window.annotations
    assert isinstance(annotations, AnnotationsController)
    qtbot.waitUntil(lambda: len(annotations.panel.visible_highlights()) == 1)
    assert annotations.panel.visible_highlights()[0].tags == ["Food/Waste"]
    assert "Imported coded.qdpx: 1 episodes added, 1 highlights added, 1 tags added" in window.statusBar().currentMessage()


def test_a_bad_project_shows_a_dialog_and_changes_nothing(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    bad = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("readme.txt", "no project here")
    window = make_window()
    data = _mime(bad)
    _drop(window, data)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "last_error_dialog", None), QMessageBox))
    box = window.last_error_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "no project.qde in the archive" in box.text()
    assert library.episodes() == [] and library.tags() == []
