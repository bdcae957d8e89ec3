"""Settings persistence, library list rows, waveform markers, loop selection, low-confidence hints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from podplayer.core.model import Transcript, Turn, Word, WordRef
from podplayer.store.repository import Library
from podplayer.ui.library_list import SummaryRole
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.view import TranscriptView
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_typing import present
from tests.ui.conftest import open_and_wait


def test_settings_round_trip_and_clamp(tmp_path: Path) -> None:
    s = Settings(tmp_path / "a.ini")
    s.speed = 1.7
    s.skip_back_s = 8
    s.volume = 55
    s.muted = True
    s.font_size = 14.0
    s.last_highlight_color = "green"
    s.last_export_format = "markdown"
    s.last_export_folder = "/tmp/out"
    for i in range(15):
        s.add_recent_episode(i)
    s.add_recent_episode(3)
    s.sync()
    t = Settings(tmp_path / "a.ini")
    assert (t.speed, t.skip_back_s, t.skip_forward_s, t.volume, t.muted, t.font_size) == (1.7, 8, 15, 55, True, 14.0)
    assert (t.last_highlight_color, t.last_export_format, t.last_export_folder) == ("green", "markdown", "/tmp/out")
    assert t.recent_episodes[:3] == [3, 14, 13] and len(t.recent_episodes) == 10
    t.speed = 9.0
    assert t.speed == 3.0  # clamped to the supported range
    (tmp_path / "b.ini").write_text("[playback]\nspeed=fast\nvolume=loud\n")
    u = Settings(tmp_path / "b.ini")
    assert (u.speed, u.volume) == (1.0, 80)  # garbage falls back to defaults


def test_window_geometry_and_splitter_are_restored(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.resize(640, 480)
    window.splitter.setSizes([120, 300, 220])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()  # the fixture resizes to 1200x800 after construction; restore happened first
    assert again.settings.geometry is not None
    again.restoreGeometry(again.settings.geometry)
    assert again.width() == 640
    assert again.splitter.sizes()[0] == sizes[0]


def test_library_list_rows(library: Library, make_window: Callable[[], MainWindow], demo_id: int) -> None:
    library.set_position(demo_id, 200_000)
    window = make_window()
    window.refresh_library()
    summary = window.library_list.model().index(0, 0).data(SummaryRole)
    assert summary.title == "100 Days of Data — Episode 67"
    assert summary.position_ms == 200_000 and summary.duration_ms == 423_784
    assert window.library_list.episode_ids() == [demo_id]


def test_waveform_markers_follow_highlights_and_search(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    from podplayer.core.model import Highlight

    library.add_highlight(word_episode_id, Highlight(WordRef(1, 0), WordRef(1, 2), "foxtrot golf hotel"))
    window = make_window()
    window.session.open(word_episode_id)
    window.session.reload()
    qtbot.waitUntil(lambda: len(window.waveform._highlights) == 1, timeout=2000)
    start, end, _color = window.waveform._highlights[0]
    turn = present(window.session.episode).transcript.turns[1]
    assert start == turn.words[0].start_ms and end == turn.words[2].end_ms
    window.transcript_view.set_search_matches([(2, 0, 4), (0, 6, 11)], 0)
    qtbot.waitUntil(lambda: len(window.waveform._search) == 2, timeout=2000)
    assert sorted(window.waveform._search) == sorted([turn_start(window, 2), turn_start(window, 0)])


def turn_start(window: MainWindow, i: int) -> int:
    return window.controller.timeline.turn_start(i)


def test_loop_selection_repeats_the_selected_words(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    window.transcript_view.set_selected_range(WordRef(0, 1), WordRef(0, 2))
    window.menu_actions.loop_selection.setChecked(True)
    c = window.controller
    words = present(window.session.episode).transcript.turns[0].words
    assert c.loop_range == (words[1].start_ms, words[2].end_ms)
    assert window.player_controls.loop_highlight_button.isChecked()
    positions: list[int] = []
    c.positionChanged.connect(positions.append)
    c.play()

    def jumps_back() -> int:
        return sum(b < a for a, b in zip(positions, positions[1:], strict=False))

    qtbot.waitUntil(lambda: jumps_back() >= 2, timeout=10_000)  # round the 750 ms loop twice
    c.pause()
    lo, hi = present(c.loop_range)
    assert all(lo <= p <= hi + 120 for p in positions[2:]), positions


def test_low_confidence_words_explain_themselves(qtbot: QtBot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    words = [Word("sure", 0, 300, 0.9), Word("maybe", 300, 600, 0.2), Word("yes", 600, 900, None)]
    view.set_transcript(Transcript([Turn("A", words, 0, 900)]))
    maybe = view.word_center(WordRef(0, 1))
    sure = view.word_center(WordRef(0, 0))
    assert maybe is not None and sure is not None
    assert "Low alignment confidence" in (view.tooltip_text_at(maybe) or "")
    assert view.tooltip_text_at(sure) is None
    assert view.tooltip_text_at(QPoint(5, 5)) is None
