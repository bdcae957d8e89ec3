"""The window's two ways in, the Open dialog and drag and drop, offer the one list of media suffixes and
import through the one use case: the same files twice (or after `podplayer import`) open one episode."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from podplayer.cli import main
from podplayer.core.formats.media import AUDIO_SUFFIXES, TRANSCRIPT_SUFFIXES
from podplayer.store.repository import Library
from podplayer.ui.window.main_window import MainWindow
from tests.ui.conftest import current_episode

VTT = ("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n<v Ann>Hello there friends\n\n"
       "00:00:02.500 --> 00:00:05.000\n<v Ben>Welcome to the show\n")  # fmt: skip


@pytest.fixture(scope="module")
def audiobook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six seconds of real AAC audio in an .m4b (audiobook) container, with its WebVTT sidecar."""
    folder = tmp_path_factory.mktemp("book")
    path = folder / "chapter one.m4b"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=330:duration=6",
         "-c:a", "aac", "-b:a", "48k", "-f", "ipod", str(path)],
        check=True,
    )  # fmt: skip
    (folder / "chapter one.vtt").write_text(VTT, encoding="utf-8")
    return path


def _answer_file_dialog(qtbot: QtBot, choose: list[Path], seen_filters: list[str]) -> None:
    """When the Open dialog shows, note its name filters, choose ``choose`` and accept it."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen_filters.extend(dialog.nameFilters())
        dialog.setDirectory(str(choose[0].parent))
        dialog.selectFile(" ".join(f'"{p.name}"' for p in choose))
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_open_dialog_offers_every_media_suffix_and_imports_once(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], audiobook: Path, db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    window = make_window()
    ids = []
    for _ in range(2):
        filters: list[str] = []
        window.activateWindow()  # window shortcuts need the active window; the last dialog had it
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        _answer_file_dialog(qtbot, [audiobook.with_suffix(".vtt"), audiobook], filters)
        with qtbot.waitSignal(window.session.episodeOpened, timeout=20000):
            qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        assert all(f"*{s}" in filters[0] for s in AUDIO_SUFFIXES + TRANSCRIPT_SUFFIXES)
        assert "*.m4b" in filters[0] and "*.aac" in filters[0]
        assert window.session.episode is not None
        ids.append(window.session.episode.id)
        if len(ids) == 1:
            window.session.close()  # so that opening it again shows it again
    assert ids[0] == ids[1] and len(library.episodes()) == 1
    assert current_episode(window).audio_path == str(audiobook.resolve())
    assert [t.speaker for t in current_episode(window).transcript.turns] == ["Ann", "Ben"]
    # The command line applies the same rule to the same files.
    assert main(["--db", str(db_path), "import", str(audiobook), str(audiobook.with_suffix(".vtt"))]) == 0
    assert capsys.readouterr().out == f"{ids[0]}\n"
    assert len(library.episodes()) == 1


def test_drag_and_drop_accepts_media_only_and_imports_once(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], audiobook: Path, tmp_path: Path
) -> None:
    window = make_window()

    def mime(*paths: Path) -> QMimeData:
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        return data

    notes = tmp_path / "notes.odt"
    notes.write_text("not media", encoding="utf-8")
    for paths, accepted in (([notes], False), ([audiobook], True), ([audiobook.with_suffix(".vtt")], True)):
        data = mime(*paths)
        enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)  # fmt: skip
        enter.setAccepted(False)
        window.dragEnterEvent(enter)
        assert enter.isAccepted() is accepted, paths
    ids = []
    for _ in range(2):  # the audio alone: its sidecar transcript is found
        data = mime(audiobook)  # the event does not own its data: keep it alive
        drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)  # fmt: skip
        with qtbot.waitSignal(window.session.episodeOpened, timeout=20000):
            window.dropEvent(drop)
        assert window.session.episode is not None
        ids.append(window.session.episode.id)
        window.session.close()
    assert ids[0] == ids[1] and len(library.episodes()) == 1
    assert window.library_list.episode_ids() == [ids[0]]
