"""Find bar and library search dialog, driven with real keys over a real SQLite library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, SearchHit, Transcript, Turn, WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations.library_search import LibrarySearchDialog
from podplayer.ui.transcript.find_bar import FindBar
from tests.helpers_typing import present

TEXTS = [
    "The café opened early",
    "Nobody at the CAFE knew",
    "A quiet morning",
    "cafés everywhere, said the Café owner",
]


def test_find_bar_counts_and_steps_with_enter_and_shift_enter(qtbot: QtBot) -> None:
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_texts(TEXTS)
    bar.open_bar()
    with qtbot.waitSignal(bar.matchesChanged, timeout=2000) as blocker:
        qtbot.keyClicks(bar.edit, "cafe")
    matches, current = blocker.args
    owner = TEXTS[3].index("Café")
    assert matches == [(0, 4, 8), (1, 14, 18), (3, 0, 4), (3, owner, owner + 4)]
    assert current == 0
    assert bar.count_label.text() == "1 of 4"

    with qtbot.waitSignal(bar.currentChanged) as step:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert step.args == [1, 14, 18]
    assert bar.count_label.text() == "2 of 4"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "4 of 4"  # wraps around
    assert TEXTS[3][owner : owner + 4] == "Café"

    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_bar_reports_no_matches(qtbot: QtBot) -> None:
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_texts(TEXTS)
    bar.open_bar("zebra")
    assert bar.count_label.text() == "No matches"
    assert bar.matches == []


@pytest.fixture
def library(library: Library) -> Library:
    """The test's library (tests/ui/conftest.py) holding one talk with one highlight."""
    lib = library
    transcript = Transcript(
        [
            Turn.from_text("Ann", "We talk about gradient descent today", 0, 4000),
            Turn.from_text("Bob", "And about learning rates", 4000, 8000),
        ]
    )
    episode_id = lib.add_episode(Episode("Optimisation talk", transcript))
    lib.add_highlight(
        episode_id,
        make_highlight(transcript, WordRef(1, 0), WordRef(1, 3), note="remember the zeppelin analogy"),
    )
    return lib


def test_library_search_finds_a_note_and_activates_it(qtbot: QtBot, library: Library) -> None:
    dialog = LibrarySearchDialog(library)
    qtbot.addWidget(dialog)
    dialog.open_with()
    with qtbot.waitSignal(dialog.searched, timeout=3000) as done:
        qtbot.keyClicks(dialog.query_edit, "zeppelin")
    assert done.args[0] >= 1
    [hit] = [h for h in dialog.hits() if "zeppelin" in h.context]
    assert hit.episode_title == "Optimisation talk"
    assert hit.start_ms == 4000
    row = present(dialog.results.topLevelItem(0))
    assert row.text(1) == "0:04" and row.text(2) == "Bob"
    with qtbot.waitSignal(dialog.hitActivated) as activated:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert isinstance(activated.args[0], SearchHit)
    assert activated.args[0].episode_id == hit.episode_id


@pytest.mark.parametrize("query", ['"', "AND", "*", "NEAR(", '"gradient', "-", ":", "OR NOT", "a AND (", "^"])
def test_library_search_survives_any_typed_text(qtbot: QtBot, library: Library, query: str) -> None:
    dialog = LibrarySearchDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.query_edit.setText(query)
    with qtbot.waitSignal(dialog.searched, timeout=3000):
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert dialog.status.text() in {"No results"} or dialog.status.text().endswith(("result", "results"))


def test_library_search_phrase_and_prefix(qtbot: QtBot, library: Library) -> None:
    dialog = LibrarySearchDialog(library)
    qtbot.addWidget(dialog)
    dialog.query_edit.setText('"gradient descent"')
    dialog.run_search()
    assert any("gradient descent" in h.context for h in dialog.hits())
    dialog.query_edit.setText("learn*")
    dialog.run_search()
    assert any(h.speaker == "Bob" for h in dialog.hits())
