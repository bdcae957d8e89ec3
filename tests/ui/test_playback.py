"""Real playback through QMediaPlayer (FFmpeg backend, no sound server needed) driving the view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, QPoint, Qt
from pytestqt.qtbot import QtBot

from podplayer.core.model import Episode, WordRef
from podplayer.store.repository import Library
from podplayer.ui.transcript.model import Role
from podplayer.ui.window.main_window import MainWindow
from tests.ui.conftest import WORD_MS, open_and_wait, word_timed_transcript

# The estimate places turn starts within 1 s of the truth (see tests/core/test_timing_estimate.py), plus
# the playhead can run ahead of the last position tick (40 ms at 3x speed) by the time we sample.
ESTIMATE_TOLERANCE_MS = 1000 + 300


def truth_turns_near(truth: list[dict[str, Any]], position_ms: int, tolerance_ms: int) -> set[int]:
    """Turn indexes whose true span comes within ``tolerance_ms`` of ``position_ms``."""
    near = set()
    for i, t in enumerate(truth):
        start, end = int(t["start_ms"]), int(t["end_ms"])
        next_start = int(truth[i + 1]["start_ms"]) if i + 1 < len(truth) else end
        if start - tolerance_ms <= position_ms <= max(end, next_start) + tolerance_ms:
            near.add(i)
    return near


def test_highlighted_row_follows_demo_audio(
    qtbot: QtBot, make_window: Callable[[], MainWindow], demo_id: int, demo_truth: list[dict[str, Any]]
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, demo_id)
    model = window.transcript_view.transcript_model
    controller = window.controller
    # Start two seconds before the 4th turn, at 3x, and watch ~12 s of audio cross turn boundaries.
    start = int(demo_truth[3]["start_ms"]) - 2000
    controller.set_rate(3.0)
    controller.seek(start)
    with qtbot.waitSignal(controller.playingChanged, timeout=5000):
        controller.play()
    seen: set[int] = set()
    samples = 0

    def check() -> bool:
        nonlocal samples
        pos = controller.position
        current = model.current_turn
        assert current is not None
        assert current in truth_turns_near(demo_truth, pos, ESTIMATE_TOLERANCE_MS), (pos, current)
        # Exactly one row is painted as current, and it is the controller's turn.
        assert model.index(current, 0).data(Role.IS_CURRENT) is True
        seen.add(current)
        samples += 1
        return pos > start + 12000

    qtbot.waitUntil(check, timeout=15000)
    controller.pause()
    assert samples > 10
    assert len(seen) >= 2  # the highlight moved on to the following turns
    # Follow mode kept the playing row on screen.
    rect = window.transcript_view.visualRect(model.index(model.current_turn or 0, 0))
    assert window.transcript_view.viewport().rect().intersects(rect)


def test_current_word_follows_word_timings(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    model = window.transcript_view.transcript_model
    transcript = word_timed_transcript()
    observed: list[tuple[int, int, int]] = []

    def record(turn: int | None, word: int | None) -> None:
        if turn is not None and word is not None:
            observed.append((window.controller.position, turn, word))

    window.controller.currentChanged.connect(record)
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.position > 4200, timeout=10000)
    window.controller.pause()
    assert len(observed) >= 8
    for position, turn, word in observed:
        w = transcript.turns[turn].words[word]
        assert w.start_ms is not None
        # The painted word started no later than the playhead and at most one word length before it.
        assert w.start_ms - 60 <= position <= w.start_ms + WORD_MS + 400, (position, turn, word)
    last_turn, last_word = observed[-1][1], observed[-1][2]
    assert model.index(last_turn, 0).data(Role.CURRENT_WORD) == last_word


def test_clicking_a_word_seeks_and_plays(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    view = window.transcript_view
    target = WordRef(1, 3)  # "india"
    center = view.word_center(target)
    assert center is not None
    with qtbot.waitSignal(window.controller.playingChanged, timeout=5000) as blocker:
        qtbot.mouseClick(view.viewport(), _left(), pos=center)
    assert blocker.args == [True]
    expected = word_timed_transcript().turns[1].words[3].start_ms or 0
    assert expected <= window.controller.position < expected + 1500
    qtbot.waitUntil(lambda: window.transcript_view.transcript_model.current_word is not None, timeout=3000)
    assert window.transcript_view.transcript_model.current_turn == 1
    assert view.selected_range() is None  # a click is not a selection


def test_clicking_a_turn_time_seeks_to_turn_start(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    x, y, w, h = window.transcript_view.time_label_rect(2)
    qtbot.mouseClick(window.transcript_view.viewport(), _left(), pos=_point(x + w // 2, y + h // 2))
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=5000)
    start = word_timed_transcript().turns[2].start_ms or 0
    assert start <= window.controller.position < start + 1500


def test_speed_skip_and_replay(qtbot: QtBot, make_window: Callable[[], MainWindow], demo_id: int) -> None:
    window = make_window()
    open_and_wait(qtbot, window, demo_id)
    c = window.controller
    c.seek(60_000)
    qtbot.keyClick(window.transcript_view, _key("Right"), _ctrl())
    assert c.position == 75_000  # default forward skip: 15 s
    qtbot.keyClick(window.transcript_view, _key("Left"), _ctrl())
    assert c.position == 70_000  # default back skip: 5 s
    qtbot.keyClick(window.transcript_view, _key("BracketRight"))
    qtbot.keyClick(window.transcript_view, _key("BracketRight"))
    assert c.rate == 1.2
    assert abs(c.player.playbackRate() - 1.2) < 1e-6
    assert window.player_controls.speed_box.value() == 1.2
    for _ in range(30):
        qtbot.keyClick(window.transcript_view, _key("BracketLeft"))
    assert c.rate == 0.5  # clamped
    window.player_controls.speed_box.setValue(3.0)
    assert c.rate == 3.0 and window.settings.speed == 3.0
    # Playing at 3x really advances about three times faster than the wall clock: the rate is the
    # media position's advance over the wall clock's, once the position has moved 4.5 s.
    c.seek(100_000)
    with qtbot.waitSignal(c.playingChanged, timeout=5000):
        c.play()
    qtbot.waitUntil(lambda: c.position > 100_000, timeout=5000)
    wall = QElapsedTimer()
    wall.start()
    moving_from = c.position
    qtbot.waitUntil(lambda: c.position - moving_from >= 4500, timeout=10_000)
    rate = (c.position - moving_from) / max(wall.elapsed(), 1)
    c.pause()
    assert 2.0 <= rate <= 4.5, rate
    # Replay the last 5 s: back 5 s and playing.
    before = c.position
    c.replay_last()
    assert before - 5200 <= c.position <= before - 4800
    qtbot.waitUntil(lambda: c.is_playing, timeout=3000)
    c.pause()
    tooltip = window.player_controls.speed_box.toolTip()
    assert c.pitch_preserved() is not None
    assert ("Pitch is preserved" in tooltip) == c.pitch_preserved()
    assert ("Pitch changes with speed" in tooltip) == (not c.pitch_preserved())


def test_position_is_saved_and_restored(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], demo_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, demo_id)
    window.controller.seek(123_000)
    window.close()
    assert library.episode(demo_id).position_ms == 123_000
    again = make_window()
    open_and_wait(qtbot, again, demo_id)
    qtbot.waitUntil(lambda: abs(again.controller.player.position() - 123_000) < 500, timeout=5000)
    assert again.player_controls.elapsed_label.text() == "2:03"
    # The transcript shows the turn playing at 2:03.
    expected = again.controller.timeline.turn_at(123_000)
    assert again.transcript_view.transcript_model.current_turn == expected


def test_loop_current_turn(qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    c = window.controller
    start, end = c.timeline.turn_span(0)
    c.seek(end - 500)
    window.player_controls.loop_turn_button.click()
    assert window.menu_actions.loop_turn.isChecked()
    wrapped = []
    c.positionChanged.connect(lambda p: wrapped.append(p) if p < start + 300 else None)
    c.play()
    qtbot.waitUntil(lambda: bool(wrapped), timeout=5000)
    c.pause()
    assert window.transcript_view.transcript_model.current_turn == 0
    window.player_controls.loop_turn_button.click()
    assert c.loop_range is None


def test_missing_audio_shows_message_and_keeps_transcript(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    gone = tmp_path / "vanished-episode.mp3"
    episode_id = library.add_episode(Episode("Gone", word_timed_transcript(), str(gone), duration_ms=8000))
    window = make_window()
    assert window.session.open(episode_id)
    assert window.banner.isVisible()
    assert "vanished-episode.mp3" in window.banner.label.text()
    assert window.transcript_view.model().rowCount() == 3
    assert not window.player_controls.play_button.isEnabled()
    # Pressing play explains the problem in a dialog naming the file.
    qtbot.keyClick(window.transcript_view, _key("Space"))
    qtbot.waitUntil(lambda: getattr(window, "last_error_dialog", None) is not None, timeout=2000)
    assert "vanished-episode.mp3" in window.last_error_dialog.text()
    window.last_error_dialog.close()
    # The transcript stays usable: clicking a turn's time moves the (virtual) playhead.
    window.controller.seek_to_turn(2, play=False)
    assert window.transcript_view.transcript_model.current_turn == 2


def test_unsupported_audio_shows_message(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    bogus = tmp_path / "notes-not-audio.mp3"
    bogus.write_text("this is not audio at all\n" * 50)
    episode_id = library.add_episode(Episode("Bogus", word_timed_transcript(), str(bogus), duration_ms=8000))
    window = make_window()
    with qtbot.waitSignal(window.controller.mediaError, timeout=10000) as blocker:
        window.session.open(episode_id)
    assert "notes-not-audio.mp3" in blocker.args[0]
    assert window.banner.isVisible()


# --- small helpers -----------------------------------------------------------------------------------
def _left() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton


def _ctrl() -> Qt.KeyboardModifier:
    return Qt.KeyboardModifier.ControlModifier


def _key(name: str) -> Qt.Key:
    key: Qt.Key = getattr(Qt.Key, f"Key_{name}")
    return key


def _point(x: int, y: int) -> QPoint:
    return QPoint(x, y)
