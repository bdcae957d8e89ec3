"""The note-taking job in the real main window: keys, clicks and dialogs over a temp SQLite library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QListWidget, QMenu
from pytestqt.qtbot import QtBot

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Transcript, Turn, Word, WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations.controller import AnnotationsController
from podplayer.ui.annotations.highlights_model import HighlightRole
from podplayer.ui.dialogs.highlight_dialog import HighlightDialog
from podplayer.ui.library_list import SummaryRole
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_typing import present
from tests.ui.conftest import current_episode, current_id

SENTENCES = [
    ("Ann", "Welcome to the show about coffee and the café culture of Vienna"),
    ("Bob", "Thanks Ann it is great to be here talking about espresso"),
    ("Ann", "Let us start with the history of the coffee house"),
    ("Bob", "The first café opened in the seventeenth century they say"),
    ("Ann", "And coffee spread from there to every corner of Europe"),
]


def timed(sentences: list[tuple[str, str]], word_ms: int = 500) -> Transcript:
    turns, t = [], 0
    for speaker, text in sentences:
        words = []
        for w in text.split():
            words.append(Word(w, t, t + word_ms - 100))
            t += word_ms
        turns.append(Turn(speaker, words, words[0].start_ms, words[-1].end_ms))
    return Transcript(turns, title="Coffee")


@pytest.fixture
def window(make_window: Callable[[], MainWindow], library: Library) -> MainWindow:
    """The main window with the coffee episode open."""
    episode_id = library.add_episode(Episode("Coffee houses", timed(SENTENCES)))
    win = make_window()
    assert win.session.open(episode_id)
    return win


def annotations_of(win: MainWindow) -> AnnotationsController:
    controller = win.annotations
    assert isinstance(controller, AnnotationsController)
    return controller


def drag_select(qtbot: QtBot, win: MainWindow, start: WordRef, end: WordRef) -> None:
    view = win.transcript_view
    view.scroll_to_turn(start.turn)
    QApplication.processEvents()
    a, b = view.word_center(start), view.word_center(end)
    assert a is not None and b is not None
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), pos=QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(view.viewport(), pos=b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert view.selected_range() == (start, end)


def press(qtbot: QtBot, win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    if QApplication.activeWindow() is not win:  # a closed dialog can leave no window active offscreen
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    win.transcript_view.setFocus()
    qtbot.keyClick(win.transcript_view, key, modifier)


def click_ok(qtbot: QtBot, dialog: HighlightDialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def create_highlight(qtbot: QtBot, win: MainWindow, start: WordRef, end: WordRef, tags: str, note: str) -> None:
    ann = annotations_of(win)
    drag_select(qtbot, win, start, end)
    with qtbot.waitSignal(ann.dialogOpened) as opened:
        press(qtbot, win, Qt.Key.Key_H)
    dialog = opened.args[0]
    assert isinstance(dialog, HighlightDialog)
    qtbot.keyClicks(dialog.tags_edit, tags)
    qtbot.keyClicks(dialog.note_editor.editor, note)
    with qtbot.waitSignal(ann.highlightsChanged):
        click_ok(qtbot, dialog)


def test_select_across_turns_highlight_with_tags_and_note(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode_id = current_id(window)
    create_highlight(qtbot, window, WordRef(0, 8), WordRef(1, 2), "culture, guests", "Opening *bit*")

    [stored] = library.highlights(episode_id)
    assert stored.quote == "café culture of Vienna\nThanks Ann it"
    assert stored.tags == ["culture", "guests"] and stored.note == "Opening *bit*"
    assert stored.prefix.endswith("coffee and the") and stored.suffix.startswith("is great")
    assert [h.id for h in window.transcript_view.transcript_model.highlights] == [stored.id]  # painted
    listed = ann.panel.visible_highlights()
    assert [h.id for h in listed] == [stored.id]
    assert ann.panel.model.index(0, 4).data() == "culture, guests"
    assert window.transcript_view.selected_range() is None  # selection consumed
    assert window.library_list.model().index(0, 0).data(SummaryRole).highlight_count == 1


def test_undo_redo_create_edit_delete_with_keys(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode_id = current_id(window)
    create_highlight(qtbot, window, WordRef(2, 0), WordRef(2, 4), "history", "")
    [h] = library.highlights(episode_id)

    ann.panel.select_highlight(present(h.id))
    with qtbot.waitSignal(ann.dialogOpened) as opened:
        press(qtbot, window, Qt.Key.Key_E)
    dialog = opened.args[0]
    dialog.select_color("green")
    dialog.tags_edit.setText("history, origins")
    click_ok(qtbot, dialog)
    assert library.highlights(episode_id)[0].tags == ["history", "origins"]
    assert library.highlights(episode_id)[0].color == "green"

    ann.panel.view.setFocus()
    ann.panel.select_highlight(present(h.id))
    qtbot.keyClick(ann.panel.view, Qt.Key.Key_Delete)
    assert library.highlights(episode_id) == []
    assert window.transcript_view.transcript_model.highlights == []

    undo = Qt.KeyboardModifier.ControlModifier
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_Z, undo)  # undo delete: same id back
    assert [x.id for x in library.highlights(episode_id)] == [h.id]
    assert [x.id for x in ann.panel.visible_highlights()] == [h.id]
    press(qtbot, window, Qt.Key.Key_Z, undo)  # undo edit
    assert (library.highlights(episode_id)[0].color, library.highlights(episode_id)[0].tags) == ("yellow", ["history"])
    press(qtbot, window, Qt.Key.Key_Z, undo)  # undo create
    assert library.highlights(episode_id) == []
    press(qtbot, window, Qt.Key.Key_Z, redo)
    press(qtbot, window, Qt.Key.Key_Z, redo)
    assert library.highlights(episode_id)[0].tags == ["history", "origins"]
    press(qtbot, window, Qt.Key.Key_Z, redo)
    assert library.highlights(episode_id) == []
    assert ann.undo_stack.count() == 3
    history = ann.show_undo_history()
    assert history.isVisible()


def test_rename_speaker_updates_view_and_db_and_undoes(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode_id = current_id(window)
    dialog = ann.speakers.open_speakers()
    assert dialog is not None
    with qtbot.waitSignal(ann.highlightsChanged):
        assert dialog.rename("Bob", "Robert")
    assert library.episode(episode_id).transcript.speakers == ["Ann", "Robert"]
    model = window.transcript_view.transcript_model
    assert model.turn(1).speaker == "Robert" and model.turn(3).speaker == "Robert"
    assert isinstance(dialog.list, QListWidget)
    assert [present(dialog.list.item(i)).text() for i in range(dialog.list.count())] == ["Ann", "Robert"]
    ann.undo_stack.undo()
    assert library.episode(episode_id).transcript.speakers == ["Ann", "Bob"]
    assert model.turn(1).speaker == "Bob"


def test_reassign_turn_and_hide_speaker(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode_id = current_id(window)
    menu = ann.speakers.transcript_menu(1)
    reassign = next(m for a in menu.actions() if isinstance(m := a.menu(), QMenu))
    [to_ann] = [a for a in reassign.actions() if a.text() == "Ann"]
    to_ann.trigger()
    assert library.episode(episode_id).transcript.turns[1].speaker == "Ann"
    assert window.transcript_view.transcript_model.turn(1).speaker == "Ann"
    ann.undo_stack.undo()
    assert library.episode(episode_id).transcript.turns[1].speaker == "Bob"

    ann.speakers.set_hidden_speakers({"Bob"})
    assert window.transcript_view.isRowHidden(1) and not window.transcript_view.isRowHidden(0)
    ann.speakers.set_hidden_speakers(set())
    assert not window.transcript_view.isRowHidden(1)


def test_ctrl_f_steps_through_matches(qtbot: QtBot, window: MainWindow) -> None:
    ann = annotations_of(window)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = ann.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    with qtbot.waitSignal(bar.matchesChanged, timeout=2000):
        qtbot.keyClicks(bar.edit, "CAFE")  # matches "café" twice, accent- and case-insensitive
    model = window.transcript_view.transcript_model
    assert bar.count_label.text() == "1 of 2"
    assert [m[0] for m in model.search_matches] == [0, 3]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "2 of 2"
    assert bar.current == 1
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "1 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert list(model.search_matches) == []


def test_library_search_finds_note_and_opens_episode_at_that_moment(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    ann = annotations_of(window)
    other = timed([("Cleo", "Tea is a different story altogether"), ("Dan", "Indeed it is, with green leaves")])
    other_id = library.add_episode(Episode("Tea time", other))
    library.add_highlight(other_id, make_highlight(other, WordRef(1, 3), WordRef(1, 5), note="ask about matcha"))
    window.refresh_library()

    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = ann.search.search_dialog
    assert dialog is not None and dialog.isVisible()
    for query in ['"', "AND", "*", "NEAR(", '"unbalanced']:
        dialog.query_edit.setText(query)
        dialog.run_search()  # returns normally, shows a status line
    dialog.query_edit.setText("")
    with qtbot.waitSignal(dialog.searched, timeout=3000):
        qtbot.keyClicks(dialog.query_edit, "matcha")
    assert [h.kind for h in dialog.hits()] == ["highlight"]
    with qtbot.waitSignal(window.session.episodeOpened):
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert current_id(window) == other_id
    assert window.controller.position == other.turns[1].words[3].start_ms
    assert [h.note for h in ann.panel.selected_highlights()] == ["ask about matcha"]


def test_hover_tooltips_are_plain_text(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode = current_episode(window)
    note = "<b>bold?</b> <img src='x'> & more"
    h = make_highlight(episode.transcript, WordRef(1, 0), WordRef(1, 2), tags=["<i>tag</i>"], note=note)
    assert ann.highlighting.add_highlight(h)
    view = window.transcript_view
    view.scroll_to_turn(1)
    QApplication.processEvents()
    center = view.word_center(WordRef(1, 1))
    assert center is not None
    text = view.tooltip_text_at(center)
    assert text is not None and note in text and "<i>tag</i>" in text
    panel_tip = ann.panel.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(panel_tip)
    assert note in doc.toPlainText() and "Tags: <i>tag</i>" in doc.toPlainText()


def test_last_thirty_seconds_and_bookmark(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode = current_episode(window)
    words = [w for t in episode.transcript.turns for w in t.words]
    last_start = present(words[-1].start_ms)
    window.controller.seek(last_start + 200)
    with qtbot.waitSignal(ann.highlightsChanged):
        press(qtbot, window, Qt.Key.Key_L)
    [h] = library.highlights(present(episode.id))
    assert h.end == WordRef(4, len(episode.transcript.turns[4].words) - 1)
    assert last_start - present(h.start_ms) <= 30_000 < last_start - present(h.start_ms) + 500 or h.start == WordRef(0, 0)
    assert h.quote.split()[-1] == "Europe"

    window.controller.seek(3_100)  # inside the 7th word
    with qtbot.waitSignal(ann.dialogOpened) as opened:
        press(qtbot, window, Qt.Key.Key_B)
    dialog = opened.args[0]
    qtbot.keyClicks(dialog.note_editor.editor, "come back here")
    click_ok(qtbot, dialog)
    bookmarks = [x for x in library.highlights(present(episode.id)) if x.is_bookmark]
    assert len(bookmarks) == 1 and bookmarks[0].note == "come back here"
    assert bookmarks[0].start == WordRef(0, 6)


def test_episode_note_autosaves(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    episode_id = current_id(window)
    ann.tabs.setCurrentWidget(ann.note_editor)
    qtbot.keyClicks(ann.note_editor.editor, "Great **episode**")
    qtbot.waitUntil(lambda: library.episode(episode_id).note == "Great **episode**", timeout=3000)
    qtbot.keyClicks(ann.note_editor.editor, " and more")
    window.close()  # a pending edit is saved on close, before the debounce fires
    assert library.episode(episode_id).note == "Great **episode** and more"


def test_library_scope_lists_all_episodes_and_opens_the_other(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    ann = annotations_of(window)
    other = timed([("Cleo", "A second episode with words")])
    other_id = library.add_episode(Episode("Second", other))
    library.add_highlight(other_id, make_highlight(other, WordRef(0, 2), WordRef(0, 3), tags=["x"]))
    first = current_episode(window)
    ann.highlighting.add_highlight(make_highlight(first.transcript, WordRef(0, 0), WordRef(0, 1)))
    assert len(ann.panel.visible_highlights()) == 1
    ann.panel.scope_button.click()
    assert {h.episode_id for h in ann.panel.visible_highlights()} == {first.id, other_id}
    proxy = ann.panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(HighlightRole).episode_id == other_id)
    index = proxy.index(row, 0)
    with qtbot.waitSignal(window.session.episodeOpened):
        qtbot.mouseClick(ann.panel.view.viewport(), Qt.MouseButton.LeftButton, pos=ann.panel.view.visualRect(index).center())
    assert current_id(window) == other_id
    assert window.controller.position == other.turns[0].words[2].start_ms


def test_tags_manager_renames_and_merges(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ann = annotations_of(window)
    t = current_episode(window).transcript
    ann.highlighting.add_highlight(make_highlight(t, WordRef(0, 0), WordRef(0, 1), tags=["ml"]))
    ann.highlighting.add_highlight(make_highlight(t, WordRef(1, 0), WordRef(1, 1), tags=["machine learning", "x"]))
    dialog = ann.notes.open_tags_manager()
    assert dialog.rename("x", "extra")
    assert sorted(tag.name for tag in library.tags()) == ["extra", "machine learning", "ml"]
    dialog.merge(["ml", "machine learning"], "machine learning")
    assert sorted(tag.name for tag in library.tags()) == ["extra", "machine learning"]
    assert all("machine learning" in h.tags for h in library.highlights())
    assert dialog.names() == ["extra", "machine learning"]
    ann.undo_stack.undo()
    assert sorted(tag.name for tag in library.tags()) == ["extra", "machine learning", "ml"]


def test_library_rename_delete_undo_and_missing_audio(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    ann = annotations_of(window)
    episode = current_episode(window)
    ann.highlighting.add_highlight(make_highlight(episode.transcript, WordRef(0, 0), WordRef(0, 2), tags=["keep"], note="n"))
    assert ann.library_actions.rename_episode(present(episode.id), "Coffee, renamed")
    assert library.episodes()[0].title == "Coffee, renamed"
    assert window.library_list.model().index(0, 0).data() == "Coffee, renamed"

    library.set_audio_path(present(episode.id), str(tmp_path / "gone.mp3"))
    labels = [a.text() for a in ann.library_actions.library_menu(present(episode.id)).actions()]
    assert "Audio missing — relink…" in labels

    assert ann.library_actions.delete_episode(present(episode.id))
    assert library.episodes() == [] and window.session.episode is None
    ann.undo_stack.undo()
    [restored] = library.episodes()
    assert restored.title == "Coffee, renamed"
    [h] = library.highlights(restored.id)
    assert (h.tags, h.note, h.quote) == (["keep"], "n", "Welcome to the")


def test_last_colour_is_remembered_and_speaker_colour_is_undoable(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    ann = annotations_of(window)
    episode_id = current_id(window)
    drag_select(qtbot, window, WordRef(0, 0), WordRef(0, 3))
    with qtbot.waitSignal(ann.dialogOpened) as opened:
        press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = opened.args[0]
    dialog.select_color("purple")
    click_ok(qtbot, dialog)
    assert window.settings.last_highlight_color == "purple"
    assert library.highlights(episode_id)[0].color == "purple"
    drag_select(qtbot, window, WordRef(1, 0), WordRef(1, 1))
    with qtbot.waitSignal(ann.dialogOpened) as opened:
        press(qtbot, window, Qt.Key.Key_H)
    assert opened.args[0].values().color == "purple"
    opened.args[0].reject()

    before = library.episode(episode_id).speaker_colors["Ann"]
    assert ann.speakers.set_speaker_color("Ann", "#123456")
    assert library.episode(episode_id).speaker_colors["Ann"] == "#123456"
    assert current_episode(window).speaker_colors["Ann"] == "#123456"
    ann.undo_stack.undo()
    assert library.episode(episode_id).speaker_colors["Ann"] == before
