"""The transcript view on its own and in the window: selection, follow mode, plain text, zoom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSlider
from pytestqt.qtbot import QtBot

from podplayer.core.model import Highlight, Transcript, Turn, Word, WordRef
from podplayer.ui.transcript.model import Role
from podplayer.ui.transcript.view import TranscriptView
from podplayer.ui.window.main_window import MainWindow
from tests.ui.conftest import open_and_wait, word_timed_transcript


def make_view(qtbot: QtBot, transcript: Transcript, size: tuple[int, int] = (700, 500)) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_transcript(transcript)
    return view


def long_transcript(turns: int = 60) -> Transcript:
    out = []
    t = 0
    for i in range(turns):
        words = [Word(f"word{i}x{j}", t + j * 300, t + j * 300 + 250) for j in range(25)]
        out.append(Turn("Ann" if i % 2 else "Ben", words, t, t + 25 * 300))
        t += 25 * 300 + 500
    return Transcript(out)


def drag(qtbot: QtBot, view: TranscriptView, start: QPoint, end: QPoint) -> None:
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    steps = 6
    for i in range(1, steps + 1):
        p = QPoint(start.x() + (end.x() - start.x()) * i // steps, start.y() + (end.y() - start.y()) * i // steps)
        qtbot.mouseMove(vp, p)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def test_mouse_drag_selects_words_within_a_turn(qtbot: QtBot) -> None:
    view = make_view(qtbot, word_timed_transcript())
    a, b = view.word_center(WordRef(0, 1)), view.word_center(WordRef(0, 3))
    assert a is not None and b is not None
    with qtbot.waitSignal(view.selectionChangedRange):
        drag(qtbot, view, a, b)
    assert view.selected_range() == (WordRef(0, 1), WordRef(0, 3))
    assert view.selected_text() == "bravo charlie delta"
    assert view.transcript_model.index(0, 0).data(Role.SELECTION) == (1, 3)


def test_mouse_drag_selects_across_turns_backwards(qtbot: QtBot) -> None:
    view = make_view(qtbot, word_timed_transcript())
    a, b = view.word_center(WordRef(2, 1)), view.word_center(WordRef(0, 3))
    assert a is not None and b is not None
    drag(qtbot, view, a, b)
    assert view.selected_range() == (WordRef(0, 3), WordRef(2, 1))
    assert view.selected_text() == "delta echo\nfoxtrot golf hotel india juliet\nkilo lima"
    assert view.transcript_model.index(1, 0).data(Role.SELECTION) == (0, 4)


def test_shift_arrows_extend_selection_across_turns(qtbot: QtBot) -> None:
    view = make_view(qtbot, word_timed_transcript())
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (WordRef(0, 0), WordRef(0, 2))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (WordRef(0, 0), WordRef(1, 2))
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (WordRef(0, 0), WordRef(2, 0))  # crossed into the third turn
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (WordRef(0, 0), WordRef(1, 4))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_range() is None


def test_hidden_speakers_are_skipped(qtbot: QtBot) -> None:
    view = make_view(qtbot, word_timed_transcript())
    view.set_hidden_speakers({"Ben"})
    assert view.isRowHidden(1) and not view.isRowHidden(0)
    view.set_selected_range(WordRef(0, 4))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (WordRef(0, 4), WordRef(2, 0))


def test_markup_in_transcript_is_shown_literally(qtbot: QtBot) -> None:
    text = 'He typed <b>bold</b> and <img src="x.png"> here'
    view = make_view(qtbot, Transcript([Turn.from_text("Ann", text, 0, 5000)]))
    assert view.transcript_model.index(0, 0).data() == text
    # Every word, tags included, is hit-testable where it is painted (laid out as plain text).
    words = view.transcript_model.turn(0).words
    assert [w.text for w in words][2] == "<b>bold</b>"
    center = view.word_center(WordRef(0, 2))
    assert center is not None and view.word_at(center) == WordRef(0, 2)


def test_highlight_tooltip_is_plain_text(qtbot: QtBot) -> None:
    view = make_view(qtbot, word_timed_transcript())
    h = Highlight(WordRef(0, 1), WordRef(1, 1), "bravo … golf", tags=["<i>idea</i>", "todo"], note="see <b>this</b>")
    h2 = Highlight(WordRef(1, 0), WordRef(1, 3), "foxtrot golf hotel india", color="green", note="second")
    view.set_highlights([h, h2])
    spans = view.transcript_model.index(1, 0).data(Role.HIGHLIGHT_SPANS)
    assert [(s.first_word, s.last_word) for s in spans] == [(0, 1), (0, 3)]  # overlapping, both kept
    center = view.word_center(WordRef(1, 1))
    assert center is not None
    text = view.tooltip_text_at(center)
    assert text is not None
    assert "Tags: <i>idea</i>, todo" in text and "see <b>this</b>" in text and "second" in text
    shown = QtGui.Qt.convertFromPlainText(text)
    assert "&lt;b&gt;" in shown and "<b>this" not in shown


def test_manual_scroll_pauses_follow_and_back_to_now_resumes(qtbot: QtBot) -> None:
    view = make_view(qtbot, long_transcript())
    view.set_current(30, 0)
    row_rect = view.visualRect(view.model().index(30, 0))
    assert view.viewport().rect().intersects(row_rect)  # follow brought row 30 into view
    with qtbot.waitSignal(view.followChanged) as blocker:
        view.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert blocker.args == [False]
    assert view.back_to_now.isVisible()
    # While not following, a new playing row does not scroll the view.
    value = view.verticalScrollBar().value()
    view.set_current(45, 0)
    assert view.verticalScrollBar().value() == value
    qtbot.mouseClick(view.back_to_now, Qt.MouseButton.LeftButton)
    assert view.follow and not view.back_to_now.isVisible()
    assert view.viewport().rect().intersects(view.visualRect(view.model().index(45, 0)))


def test_wheel_scroll_pauses_follow(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = make_view(qtbot, long_transcript())
    view.set_current(20, 0)
    pos = QPointF(100, 100)
    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert not view.follow and view.back_to_now.isVisible()


def test_only_changed_rows_repaint(qtbot: QtBot) -> None:
    view = make_view(qtbot, long_transcript())
    changed: list[tuple[int, int]] = []
    view.transcript_model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    view.set_current(3, 0)
    view.set_current(3, 1)
    view.set_current(4, 0)
    assert changed == [(3, 3), (3, 3), (3, 3), (4, 4)]


def test_zoom_changes_row_heights(qtbot: QtBot) -> None:
    view = make_view(qtbot, long_transcript(5))
    before = view.visualRect(view.model().index(0, 0)).height()
    view.zoom_in()
    view.zoom_in()
    after = view.visualRect(view.model().index(0, 0)).height()
    assert after > before
    view.zoom_out()
    view.zoom_out()
    assert view.visualRect(view.model().index(0, 0)).height() == before


def test_narrow_width_wraps_into_taller_rows(qtbot: QtBot) -> None:
    view = make_view(qtbot, long_transcript(3), size=(900, 500))
    wide = view.visualRect(view.model().index(0, 0)).height()
    view.resize(360, 500)
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(0, 0)).height() > wide, timeout=2000)


def test_window_zoom_shortcuts_and_persisted_font(
    qtbot: QtBot, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    size = window.transcript_view.point_size
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.transcript_view.point_size == size + 1
    assert window.settings.font_size == size + 1
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.transcript_view.point_size == size


def test_stepping_to_a_search_match_elsewhere_pauses_follow(qtbot: QtBot) -> None:
    view = make_view(qtbot, long_transcript())
    view.set_current(2, 0)
    view.set_search_matches([(40, 0, 6), (50, 0, 6)], 0)
    assert not view.follow and view.back_to_now.isVisible()
    assert view.viewport().rect().intersects(view.visualRect(view.model().index(40, 0)))
    view.set_current(3, 0)  # playback moves on; the match stays in view
    assert view.viewport().rect().intersects(view.visualRect(view.model().index(40, 0)))
