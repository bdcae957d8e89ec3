"""Annotation widgets on their own: highlights panel, highlight editor, undo commands (real SQLite)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.annotations.highlights_model import Column, HighlightRole
from podplayer.ui.annotations.highlights_panel import HighlightsPanel
from podplayer.ui.dialogs.highlight_dialog import HighlightDialog, parse_tags
from podplayer.ui.operations import OpChanges, OperationRunner
from tests.helpers_typing import present


def timed_transcript(turns: int = 6, words_per_turn: int = 8) -> Transcript:
    out = []
    t = 0
    for i in range(turns):
        words = []
        for j in range(words_per_turn):
            words.append(Word(f"w{i}_{j}", t, t + 300))
            t += 400
        out.append(Turn("Ann" if i % 2 == 0 else "Bob", words, words[0].start_ms, words[-1].end_ms))
    return Transcript(out, title="Test episode")


@pytest.fixture
def episode_id(library: Library) -> int:
    return library.add_episode(Episode("Test episode", timed_transcript()))


def many_highlights(n: int) -> list[Highlight]:
    base = datetime(2026, 1, 1, tzinfo=UTC)
    colors = ["yellow", "green", "blue", "pink"]
    out = []
    for i in range(n):
        out.append(
            Highlight(
                WordRef(i, 0), WordRef(i, 3), f"quote number {i} café", tags=[f"tag{i % 7}", "all"],
                note=f"note {i}", color=colors[i % 4], id=i + 1, episode_id=1,
                created_at=base + timedelta(seconds=(n - i)), start_ms=i * 1000, end_ms=i * 1000 + 900,
                speaker="Ann" if i % 3 else "Bob",
            )
        )
    return out


def test_panel_opens_5000_highlights(qtbot: QtBot) -> None:
    """All 5,000 rows are there and painted; how fast is measured by the benchmarks (panel_5000_open_ms)."""
    highlights = many_highlights(5000)
    panel = HighlightsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 700)
    panel.set_highlights(highlights)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.proxy.rowCount() == 5000


def test_panel_filters_by_tag_speaker_colour_and_text(qtbot: QtBot) -> None:
    panel = HighlightsPanel()
    qtbot.addWidget(panel)
    highlights = many_highlights(40)
    panel.set_highlights(highlights)
    panel.set_tags([])
    panel.tag_combo.addItem("tag3", "tag3")
    panel.tag_combo.setCurrentIndex(panel.tag_combo.findData("tag3"))
    expected = [h.id for h in highlights if "tag3" in h.tags]
    assert sorted(present(h.id) for h in panel.visible_highlights()) == expected

    panel.color_combo.setCurrentIndex(panel.color_combo.findData("green"))
    expected = [h.id for h in highlights if "tag3" in h.tags and h.color == "green"]
    assert sorted(present(h.id) for h in panel.visible_highlights()) == expected

    panel.tag_combo.setCurrentIndex(0)
    panel.color_combo.setCurrentIndex(0)
    panel.speaker_combo.setCurrentIndex(panel.speaker_combo.findData("Bob"))
    assert {h.speaker for h in panel.visible_highlights()} == {"Bob"}
    panel.speaker_combo.setCurrentIndex(0)

    qtbot.keyClicks(panel.text_filter, "NUMBER 1 CAFE")  # case and accents ignored
    assert sorted(present(h.id) for h in panel.visible_highlights()) == [2]
    panel.text_filter.clear()
    assert len(panel.visible_highlights()) == 40


def test_panel_sorts_by_time_or_creation_and_keeps_filters_on_refresh(qtbot: QtBot) -> None:
    panel = HighlightsPanel()
    qtbot.addWidget(panel)
    highlights = many_highlights(10)
    panel.set_highlights(list(reversed(highlights)))
    assert [h.id for h in panel.visible_highlights()] == list(range(1, 11))  # by time
    panel.sort_combo.setCurrentIndex(1)  # by creation: created_at decreases with i
    assert [h.id for h in panel.visible_highlights()] == list(range(10, 0, -1))
    panel.text_filter.setText("number 3")
    panel.set_highlights(highlights)
    assert [h.id for h in panel.visible_highlights()] == [4]


def test_panel_click_emits_the_highlight_and_tooltips_are_plain_text(qtbot: QtBot) -> None:
    panel = HighlightsPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    h = many_highlights(3)
    h[1].note = "<b>not bold</b> & <img src=x>"
    panel.set_highlights(h)
    index = panel.proxy.index(1, Column.EXCERPT)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.activated) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].id == 2
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(tooltip)
    shown = doc.toPlainText()
    assert "<b>not bold</b> & <img src=x>" in shown
    assert "Tags: tag1, all" in shown
    assert index.data(HighlightRole).id == 2


def test_highlight_dialog_tags_completion_and_values(qtbot: QtBot) -> None:
    dialog = HighlightDialog(
        "some quote", color="yellow", tags=["old"], note="", known_tags=["machine learning", "music", "history"]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tags_edit.clear()
    qtbot.keyClicks(dialog.tags_edit, "history, mach")
    completer = dialog.completer
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "machine learning"
    popup = present(completer.popup())
    assert popup.isVisible()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.tags_edit.text() == "history, machine learning, "
    qtbot.keyClicks(dialog.tags_edit, "new one,History")
    dialog.select_color("blue")
    qtbot.keyClicks(dialog.note_editor.editor, "# Heading")
    qtbot.keyClick(dialog.note_editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.note_editor.editor, "*note*")
    values = dialog.values()
    assert values.tags == ["history", "machine learning", "new one"]
    assert values.color == "blue"
    assert values.note == "# Heading\n*note*"
    dialog.note_editor.preview_toggle.setChecked(True)
    assert dialog.note_editor.preview.toPlainText().startswith("Heading")


def test_parse_tags_trims_and_dedupes() -> None:
    assert parse_tags(" a ,b,, A,  c  d ") == ["a", "b", "c d"]


def test_undo_commands_create_edit_delete_round_trip(library: Library, episode_id: int) -> None:
    errors: list[str] = []
    runner = OperationRunner(errors.append)
    stack = runner.undo_stack
    changes: list[OpChanges] = []
    runner.changed.connect(changes.append)

    transcript = library.episode(episode_id).transcript
    h = make_highlight(transcript, WordRef(0, 2), WordRef(1, 1), tags=["one", "two"], note="first")
    assert runner.run(cmd.AddHighlightCommand(library, episode_id, h))
    [stored] = library.highlights(episode_id)
    assert stored.quote == "w0_2 w0_3 w0_4 w0_5 w0_6 w0_7\nw1_0 w1_1" and stored.tags == ["one", "two"]
    assert changes == [OpChanges(highlights=True, episodes=True, episode_id=episode_id)]

    after = dataclasses.replace(stored)
    after.color, after.tags, after.note = "green", ["two"], "second"
    assert runner.run(cmd.EditHighlightCommand(library, stored, after))
    assert (library.highlights(episode_id)[0].color, library.highlights(episode_id)[0].tags) == ("green", ["two"])

    assert runner.run(cmd.DeleteHighlightsCommand(library, [library.highlights(episode_id)[0]]))
    assert library.highlights(episode_id) == []

    stack.undo()  # delete
    [restored] = library.highlights(episode_id)
    assert restored.id == stored.id and restored.note == "second"
    stack.undo()  # edit
    assert library.highlights(episode_id)[0].note == "first"
    assert library.highlights(episode_id)[0].tags == ["one", "two"]
    stack.undo()  # create
    assert library.highlights(episode_id) == []
    stack.redo()
    assert library.highlights(episode_id)[0].id == stored.id
    stack.redo()
    stack.redo()
    assert library.highlights(episode_id) == []
    assert len(changes) == 9 and all(c.highlights for c in changes)  # every step said what it changed
    assert errors == []


def test_undo_tag_merge_and_speaker_merge(library: Library, episode_id: int) -> None:
    runner = OperationRunner(lambda message: None)
    stack = runner.undo_stack
    episode = library.episode(episode_id)
    t = episode.transcript
    library.add_highlight(episode_id, make_highlight(t, WordRef(0, 0), WordRef(0, 1), tags=["ml"]))
    library.add_highlight(episode_id, make_highlight(t, WordRef(2, 0), WordRef(2, 1), tags=["machine learning"]))
    runner.run(cmd.RenameTagCommand(library, "ml", "machine learning"))
    assert [tag.name for tag in library.tags()] == ["machine learning"]
    stack.undo()
    assert sorted(tag.name for tag in library.tags()) == ["machine learning", "ml"]
    assert sorted(h.tags[0] for h in library.highlights(episode_id)) == ["machine learning", "ml"]

    runner.run(cmd.RenameSpeakerCommand(library, episode, "Bob", "Ann"))
    assert library.episode(episode_id).transcript.speakers == ["Ann"]
    stack.undo()
    assert [turn.speaker for turn in library.episode(episode_id).transcript.turns] == [
        turn.speaker for turn in t.turns
    ]


def test_refused_change_is_not_pushed(library: Library, episode_id: int) -> None:
    errors: list[str] = []
    runner = OperationRunner(errors.append)
    ghost = Highlight(WordRef(0, 0), WordRef(0, 0), "x", id=999, episode_id=episode_id)
    assert not runner.run(cmd.EditHighlightCommand(library, ghost, ghost))
    assert len(errors) == 1 and "999" in errors[0]
    assert runner.undo_stack.count() == 0


def test_changes_combine_and_say_which_episode() -> None:
    both = OpChanges(highlights=True, episode_id=3) | OpChanges(tags=True, episode_id=3)
    assert both == OpChanges(highlights=True, tags=True, episode_id=3)
    assert (OpChanges(episode_id=3) | OpChanges(episode_id=4)).episode_id is None
    assert both.concerns(3) and not both.concerns(4) and OpChanges(tags=True).concerns(4)


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call, so a painting
    window aborted within seconds ("none_dealloc"); pyproject pins a release without that bug."""
    import sys

    from PySide6.QtGui import QColor

    color = QColor("red")
    before = sys.getrefcount(None)
    for _ in range(20_000):
        color.setAlpha(10)
    assert sys.getrefcount(None) >= before - 100
