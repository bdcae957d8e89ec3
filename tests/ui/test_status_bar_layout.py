"""The status bar never moves the transcript: a job's progress strip appearing and going, or a status
message, leaves the transcript view's geometry as it was (laying out a 3-hour transcript again costs a
visible frame)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from podplayer.core.jobs import CancelToken, Progress
from podplayer.ui import jobs
from podplayer.ui.window.main_window import MainWindow


class ResizeRecorder(QObject):
    """Every geometry a widget is resized to, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.resized: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.resized.append(QRect(watched.geometry()))
        return False


def test_a_job_and_a_message_leave_the_transcript_where_it_is(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "SHOW_AFTER_MS", 50)  # the strip shows after this delay; the test need not wait 1 s
    window = make_window()
    assert window.session.open(word_episode_id)
    view = window.transcript_view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=5000)
    before = QRect(view.geometry())
    recorder = ResizeRecorder()
    view.installEventFilter(recorder)
    view.viewport().installEventFilter(recorder)

    release = threading.Event()

    def waits(progress: Progress, cancel: CancelToken) -> None:
        progress(1, 2, "Working")
        release.wait(30)

    job = window.jobs.run("Waiting", waits)
    qtbot.waitUntil(window.job_status.isVisible, timeout=5000)
    assert view.geometry() == before
    release.set()
    qtbot.waitUntil(lambda: job.done and window.job_status.isHidden(), timeout=5000)
    window.show_status("Done with the job", 50)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=5000)

    assert view.geometry() == before
    assert recorder.resized == []
