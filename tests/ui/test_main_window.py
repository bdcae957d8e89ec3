"""The main window: shortcuts, waveform seeking, opening files, highlights that persist, menus."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from podplayer.core.jobs import CancelToken, Progress
from podplayer.core.model import Timing, WordRef
from podplayer.paths import SEED_EPISODE
from podplayer.store.repository import Library
from podplayer.ui.annotations.highlights_model import Column
from podplayer.ui.dialogs.highlight_dialog import HighlightDialog
from podplayer.ui.dialogs.shortcuts_sheet import collect_shortcuts
from podplayer.ui.transcript.model import Role
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_typing import present
from tests.ui.conftest import DEMO_AUDIO, open_and_wait


def test_space_and_ctrl_space_toggle_playback(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    c = window.controller
    with qtbot.waitSignal(c.playingChanged, timeout=5000) as blocker:
        qtbot.keyClick(window.transcript_view, Qt.Key.Key_Space)
    assert blocker.args == [True]
    with qtbot.waitSignal(c.playingChanged, timeout=5000) as blocker:
        qtbot.keyClick(window.transcript_view, Qt.Key.Key_Space)
    assert blocker.args == [False]
    # While typing in a text field, Space types a space but Ctrl+Space still plays.
    field = QLineEdit()
    present(window.right_panel_container.layout()).addWidget(field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    qtbot.keyClick(field, Qt.Key.Key_Space)
    assert field.text() == " " and not c.is_playing
    with qtbot.waitSignal(c.playingChanged, timeout=5000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [True]
    c.pause()


def test_turn_navigation_shortcuts(qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    c = window.controller
    c.seek(0)
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.transcript_view.transcript_model.current_turn == 0
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.transcript_view.transcript_model.current_turn == 1
    assert c.position == c.timeline.turn_start(1)
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.transcript_view.transcript_model.current_turn == 0


def test_waveform_click_seeks(qtbot: QtBot, make_window: Callable[[], MainWindow], demo_id: int) -> None:
    window = make_window()
    open_and_wait(qtbot, window, demo_id)
    wave = window.waveform
    qtbot.waitUntil(lambda: bool(wave.envelope), timeout=20000)  # envelope computed in the background
    x = int(wave.width() * 0.5)
    qtbot.mouseClick(wave, Qt.MouseButton.LeftButton, pos=QPoint(x, wave.height() // 2))
    expected = wave.position_at_x(x)
    assert abs(window.controller.position - expected) < 50
    assert abs(expected - window.controller.duration / 2) < window.controller.duration * 0.03
    assert wave.position == window.controller.position
    turn = window.controller.timeline.turn_at(expected)
    assert window.transcript_view.transcript_model.current_turn == turn


def test_highlight_survives_closing_and_reopening(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    # A user drags across two turns, presses H, tags and annotates the passage and accepts.
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    view = window.transcript_view
    a, b = view.word_center(WordRef(0, 2)), view.word_center(WordRef(1, 1))
    assert a is not None and b is not None
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert view.selected_range() == (WordRef(0, 2), WordRef(1, 1))
    with qtbot.waitSignal(window.annotations.dialogOpened, timeout=5000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_H)
    dialog = opened.args[0]
    assert isinstance(dialog, HighlightDialog)
    qtbot.keyClicks(dialog.tags_edit, "phonetic, alphabet")
    qtbot.keyClicks(dialog.note_editor.editor, "Crosses the *speaker change*")
    with qtbot.waitSignal(window.annotations.highlightsChanged, timeout=5000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    window.close()

    # A new window on the same library file shows it again: painted, listed, and a click plays it.
    [stored] = library.highlights(word_episode_id)
    assert stored.quote == "charlie delta echo\nfoxtrot golf"
    assert stored.tags == ["phonetic", "alphabet"] and stored.note == "Crosses the *speaker change*"
    again = make_window()
    open_and_wait(qtbot, again, word_episode_id)
    model = again.transcript_view.transcript_model
    for turn in (0, 1):
        spans = model.index(turn, 0).data(Role.HIGHLIGHT_SPANS)
        assert [span.highlight.id for span in spans] == [stored.id]
    assert model.index(2, 0).data(Role.HIGHLIGHT_SPANS) == []
    panel = again.annotations.panel
    assert [h.id for h in panel.visible_highlights()] == [stored.id]
    assert panel.proxy.index(0, Column.TAGS).data() == "phonetic, alphabet"
    again.controller.seek(7000)
    row = panel.view.visualRect(panel.proxy.index(0, Column.EXCERPT)).center()
    with qtbot.waitSignal(panel.activated, timeout=2000):
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert stored.start_ms is not None
    assert abs(again.controller.position - stored.start_ms) < 300  # seeks there and starts playing
    again.controller.pause()


def test_open_audio_finds_sidecar_and_estimates_timings(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    audio = tmp_path / "episode67.mp3"
    shutil.copy(DEMO_AUDIO, audio)
    shutil.copy(SEED_EPISODE, tmp_path / "episode67.txt")
    window = make_window()
    with qtbot.waitSignal(window.session.episodeOpened, timeout=20000):
        episode_id = window.open_paths([audio])
    assert episode_id is not None
    assert window.session.episode is not None and window.session.episode.audio_path == str(audio.resolve())
    assert window.transcript_view.model().rowCount() == 32
    # Untimed transcript + audio: timings are estimated in the background and stored.
    qtbot.waitUntil(lambda: library.episode(episode_id).transcript.timing == Timing.ESTIMATED, timeout=30000)
    qtbot.waitUntil(lambda: window.timing_badge.isVisible() and window.controller.timeline.is_timed, timeout=5000)
    assert window.timing_badge.text() == "Estimated timing"
    # Opening the same files again reuses the episode.
    assert window.open_paths([audio, tmp_path / "episode67.txt"]) == episode_id
    assert len(library.episodes()) == 1


def test_drop_audio_and_transcript_imports_and_opens(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path, tone_audio: Path
) -> None:
    vtt = tmp_path / "talk.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n<v Ann>Hello there friends\n\n"
                   "00:00:02.500 --> 00:00:05.000\n<v Ben>Welcome to the show\n", encoding="utf-8")
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tone_audio)), QUrl.fromLocalFile(str(vtt))])
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.session.episodeOpened, timeout=10000):
        window.dropEvent(drop)
    assert [t.speaker for t in present(window.session.episode).transcript.turns] == ["Ann", "Ben"]
    assert len(library.episodes()) == 1
    assert window.library_list.episode_ids() == [window.session.episode_id]


def test_bad_transcript_shows_one_clear_message(
    qtbot: QtBot, make_window: Callable[[], MainWindow], tmp_path: Path, tone_audio: Path
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"segments": [', encoding="utf-8")
    window = make_window()
    assert window.open_paths([tone_audio, bad]) is None
    qtbot.waitUntil(lambda: getattr(window, "last_error_dialog", None) is not None, timeout=2000)
    assert "broken.json" in window.last_error_dialog.text()
    assert "\n" not in window.last_error_dialog.text().strip()
    assert "Traceback" not in window.last_error_dialog.text()


def test_menus_show_shortcuts_and_every_control_is_named(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    assert set(window.menus) == {"file", "edit", "view", "playback", "annotate", "help"}
    rows = collect_shortcuts(window.menus)
    names = {name for _, name, _ in rows}
    for expected in ("Play / pause", "Skip back", "Skip forward", "Slower", "Faster", "Zoom in", "Keyboard shortcuts"):
        assert expected in names
    window.show_shortcuts()
    assert window.shortcuts_sheet.tree.topLevelItemCount() >= 4
    window.shortcuts_sheet.close()
    unnamed = [
        w for w in window.player_controls.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName()
        and w.parent() is window.player_controls
    ]
    assert not unnamed, unnamed
    for name in ("Play", "Seek", "Playback speed", "Volume", "Transcript", "Waveform", "Library"):
        assert any(w.accessibleName() == name for w in window.findChildren(QWidget)), name


def test_recent_episodes_and_close(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int, demo_id: int
) -> None:
    window = make_window()
    window.session.open(word_episode_id)
    window.session.open(demo_id)
    assert window.settings.recent_episodes[:2] == [demo_id, word_episode_id]
    window.files.fill_recent_menu(window.menu_actions.recent_menu)
    titles = [a.text() for a in window.menu_actions.recent_menu.actions()]
    assert titles[:2] == ["100 Days of Data — Episode 67", "Word timed"]
    with qtbot.waitSignal(window.session.episodeClosed):
        window.session.close()
    assert window.session.episode is None and window.transcript_view.model().rowCount() == 0
    QApplication.processEvents()


def test_preferences_change_skip_lengths_and_auto_rewind(
    qtbot: QtBot, make_window: Callable[[], MainWindow], demo_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, demo_id)
    window.show_preferences()
    dialog = window.preferences_dialog
    dialog.skip_back.setValue(10)
    dialog.skip_forward.setValue(30)
    dialog.auto_rewind.setValue(1.5)
    dialog.accept()
    assert window.menu_actions.auto_rewind.isChecked()
    c = window.controller
    c.seek(100_000)
    qtbot.mouseClick(window.player_controls.skip_forward_button, Qt.MouseButton.LeftButton)
    assert c.position == 130_000
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert c.position == 120_000
    # Auto-rewind: resuming after a pause steps back 1.5 s.
    with qtbot.waitSignal(c.playingChanged, timeout=5000):
        c.play()
    qtbot.waitUntil(lambda: c.position >= 120_300, timeout=5000)  # playing for a moment
    with qtbot.waitSignal(c.playingChanged, timeout=5000):
        c.pause()
    paused_at = c.position
    c.play()
    assert paused_at - 1600 <= c.position <= paused_at - 1400
    c.pause()


def test_closing_the_window_cancels_running_jobs(make_window: Callable[[], MainWindow]) -> None:
    import threading

    window = make_window()
    started = threading.Event()

    def wait_for_cancel(progress: Progress, cancel: CancelToken) -> None:
        started.set()
        while True:
            cancel.check()
            threading.Event().wait(0.01)

    cancelled: list[bool] = []
    window.jobs.run("waits", wait_for_cancel, on_cancel=lambda: cancelled.append(True))
    assert started.wait(5)
    window.close()  # must not hang and must leave no thread running
    assert window.jobs._pool.activeThreadCount() == 0
    QApplication.processEvents()
    assert cancelled == [True]


def test_remaining_playback_shortcuts(qtbot: QtBot, make_window: Callable[[], MainWindow], demo_id: int) -> None:
    window = make_window()
    open_and_wait(qtbot, window, demo_id)
    c, view = window.controller, window.transcript_view
    c.set_rate(2.0)
    qtbot.keyClick(view, Qt.Key.Key_Backslash)
    assert c.rate == 1.0
    c.seek(50_000)
    with qtbot.waitSignal(c.playingChanged, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_R)  # replay the last 5 s
    assert 44_800 <= c.position <= 46_000
    c.pause()
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.menu_actions.loop_turn.isChecked() and c.loop_range is not None
    assert window.player_controls.loop_turn_button.isChecked()
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert c.loop_range is None
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert not view.follow
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert view.follow
    qtbot.keyClick(view, Qt.Key.Key_F1)
    assert window.shortcuts_sheet.isVisible()
    window.shortcuts_sheet.close()
