"""Correcting the transcript in the window, keyboard first: F2 and Enter, Escape, split, merge, a
speaker for selected words, Undo, highlights staying on their words, and the next uncertain word."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import WordRef
from podplayer.store.repository import Library
from podplayer.ui.window.main_window import MainWindow
from tests.ui.conftest import current_episode, open_and_wait

Key = Qt.Key
Mod = Qt.KeyboardModifier


def press(qtbot: QtBot, win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    if QApplication.activeWindow() is not win:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    win.transcript_view.setFocus()
    qtbot.keyClick(win.transcript_view, key, modifier)


def texts(library: Library, episode_id: int) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in library.episode(episode_id).transcript.turns]


def test_edit_a_turn_with_the_keyboard_and_undo(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    transcript = library.episode(word_episode_id).transcript
    library.add_highlight(word_episode_id, make_highlight(transcript, WordRef(1, 1), WordRef(1, 3), note="keep"))
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    editing = window.annotations.editing
    editor = editing.editor
    before = texts(library, word_episode_id)
    old_times = [(w.start_ms, w.end_ms) for w in transcript.turns[1].words]

    window.transcript_view.set_selected_range(WordRef(1, 2), WordRef(1, 2))
    press(qtbot, window, Key.Key_Return)  # Enter on a selection edits its turn
    assert editor.isVisible() and editor.row == 1 and editor.toPlainText() == "foxtrot golf hotel india juliet"
    qtbot.keyClick(editor, Key.Key_Escape)
    assert not editor.isVisible() and texts(library, word_episode_id) == before

    press(qtbot, window, Key.Key_F2)
    assert editor.isVisible() and editor.row == 1
    editor.selectAll()
    qtbot.keyClicks(editor, "foxtrot golf hostel india juliet")
    qtbot.keyClick(editor, Key.Key_Return)
    assert not editor.isVisible()
    stored = library.episode(word_episode_id).transcript
    assert stored.turns[1].text == "foxtrot golf hostel india juliet"
    shown = current_episode(window).transcript
    assert shown.turns[1].text == stored.turns[1].text  # the view shows the edit without a reload
    kept = [(w.start_ms, w.end_ms) for k, w in enumerate(stored.turns[1].words) if k != 2]
    assert kept == [t for k, t in enumerate(old_times) if k != 2]  # unchanged words keep their times
    [highlight] = library.highlights(word_episode_id)
    assert highlight.quote == "golf hostel india" and highlight.note == "keep"
    if editing.retime_job is not None:  # the changed word is re-timed in the background
        qtbot.waitUntil(lambda: editing.retime_job is not None and editing.retime_job.done, timeout=20000)
    assert not library.episode(word_episode_id).transcript.turns[1].words[2].estimated

    press(qtbot, window, Key.Key_Z, Mod.ControlModifier)
    assert texts(library, word_episode_id) == before
    assert [(w.start_ms, w.end_ms) for w in library.episode(word_episode_id).transcript.turns[1].words] == old_times
    assert library.highlights(word_episode_id)[0].quote == "golf hotel india"


def test_split_speaker_and_merge_from_the_keyboard(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    editing = window.annotations.editing
    window.transcript_view.set_selected_range(WordRef(0, 3), WordRef(0, 3))
    press(qtbot, window, Key.Key_Return, Mod.ControlModifier | Mod.ShiftModifier)
    assert texts(library, word_episode_id)[:2] == [("Ann", "alpha bravo charlie"), ("Ann", "delta echo")]

    window.transcript_view.set_selected_range(WordRef(1, 0), WordRef(1, 1))
    assert editing.set_speaker("Cleo")  # the name a user types into the speaker box
    assert texts(library, word_episode_id)[1] == ("Cleo", "delta echo")
    assert "Cleo" in current_episode(window).speaker_colors  # the new speaker has its colour from the library

    window.transcript_view.set_selected_range(WordRef(1, 0), WordRef(1, 0))
    press(qtbot, window, Key.Key_Backspace, Mod.ControlModifier | Mod.ShiftModifier)
    assert texts(library, word_episode_id)[0] == ("Ann", "alpha bravo charlie delta echo")
    assert len(texts(library, word_episode_id)) == 3
    stack = window.annotations.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Split turn", "Words to “Cleo”", "Merge turns"]
    for _ in range(3):
        stack.undo()
    assert texts(library, word_episode_id) == [
        ("Ann", "alpha bravo charlie delta echo"),
        ("Ben", "foxtrot golf hotel india juliet"),
        ("Ann", "kilo lima mike november oscar"),
    ]


def test_next_uncertain_word_selects_it_and_plays_from_before(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    transcript = library.episode(word_episode_id).transcript
    transcript.turns[2].words[1].confidence = 0.2
    library.replace_timings(word_episode_id, transcript, estimated=False)
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    press(qtbot, window, Key.Key_U, Mod.ControlModifier)
    assert window.transcript_view.selected_range() == (WordRef(2, 1), WordRef(2, 1))
    word_start = transcript.turns[2].words[1].start_ms or 0
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=5000)
    assert word_start - 1500 <= window.controller.position <= word_start
    press(qtbot, window, Key.Key_U, Mod.ControlModifier)
    assert window.transcript_view.selected_range() == (WordRef(2, 1), WordRef(2, 1))  # no later one


def test_a_highlight_whose_words_are_deleted_is_listed_detached_and_can_be_reattached(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], word_episode_id: int
) -> None:
    transcript = library.episode(word_episode_id).transcript
    library.add_highlight(word_episode_id, make_highlight(transcript, WordRef(2, 1), WordRef(2, 2), tags=["t"]))
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    ann = window.annotations
    window.transcript_view.set_selected_range(WordRef(2, 0), WordRef(2, 0))
    press(qtbot, window, Key.Key_F2)
    ann.editing.editor.setPlainText("kilo november oscar")
    qtbot.keyClick(ann.editing.editor, Key.Key_Return)
    [gone] = library.highlights(word_episode_id)
    assert gone.detached and gone.quote == "lima mike" and gone.tags == ["t"]
    panel_texts = [ann.panel.proxy.index(r, c).data() for r in range(ann.panel.proxy.rowCount()) for c in range(4)]
    assert any(isinstance(t, str) and t.startswith("(detached) lima mike") for t in panel_texts)
    assert window.transcript_view.transcript_model.highlights_at(WordRef(2, 0)) == []  # on no word

    window.transcript_view.set_selected_range(WordRef(1, 3), WordRef(1, 4))
    assert ann.highlighting.reattach(gone)
    [back] = library.highlights(word_episode_id)
    assert not back.detached and back.quote == "india juliet" and back.tags == ["t"] and back.id == gone.id
    ann.undo_stack.undo()
    assert library.highlights(word_episode_id)[0].detached
