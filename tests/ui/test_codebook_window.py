"""The codebook in the window: the tags manager as a tree with descriptions, the filters by parent code,
and the code report dialog with its CSV export (real library, real widgets, offscreen)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QTableWidget, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from podplayer.core.model import Episode, Highlight, WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations.controller import AnnotationsController
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_store import sample_transcript


def _coded_library(library: Library) -> int:
    eid = library.add_episode(Episode("Interview 1", sample_transcript()))
    for turn, tags in ((0, ["Work/Stress", "Family"]), (1, ["Work/Autonomy"]), (3, ["Work/Stress"]), (4, ["Garden"])):
        library.add_highlight(eid, Highlight(WordRef(turn, 0), WordRef(turn, 3), "q", tags=tags))
    library.set_tag_description("Work/Stress", "Pressure, deadlines, overload")
    return eid


def _open_coded(library: Library, make_window: Callable[[], MainWindow]) -> AnnotationsController:
    """The window with the coded interview open; its annotation side."""
    eid = _coded_library(library)
    window = make_window()
    assert window.session.open(eid)
    annotations = window.annotations
    assert isinstance(annotations, AnnotationsController)
    return annotations


def _tree_rows(tree: QTreeWidget) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []

    def walk(item: QTreeWidgetItem | None, depth: int) -> None:
        assert item is not None
        rows.append((depth, [item.text(c) for c in range(tree.columnCount())]))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i), 0)
    return rows


def test_tags_manager_shows_the_codebook_tree_and_describes_codes(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library
) -> None:
    annotations = _open_coded(library, make_window)
    dialog = annotations.notes.open_tags_manager()
    assert isinstance(dialog.list, QTreeWidget)
    assert _tree_rows(dialog.list) == [
        (0, ["Family", "1", ""]),
        (0, ["Garden", "1", ""]),
        (0, ["Work", "3", ""]),
        (1, ["Autonomy", "1", ""]),
        (1, ["Stress", "2", "Pressure, deadlines, overload"]),
    ]
    work = dialog.list.topLevelItem(2)
    assert work is not None
    work.setSelected(True)
    assert dialog.selected_names() == ["Work"]  # a parent that exists only through its children
    assert dialog.rename_button.isEnabled() and dialog.describe_button.isEnabled()
    assert dialog.rename("Work", "Job")  # the codes below it move along
    assert sorted(t.name for t in library.tags()) == ["Family", "Garden", "Job/Autonomy", "Job/Stress"]
    assert [row for row in _tree_rows(dialog.list) if row[0] == 0][2] == (0, ["Job", "3", ""])
    annotations.undo_stack.undo()
    assert sorted(t.name for t in library.tags()) == ["Family", "Garden", "Work/Autonomy", "Work/Stress"]
    work = dialog.list.topLevelItem(2)
    assert work is not None
    autonomy = work.child(0)
    assert autonomy is not None
    dialog.list.clearSelection()
    autonomy.setSelected(True)
    assert dialog.selected_names() == ["Work/Autonomy"] and dialog.describe_button.isEnabled()

    dialog.descriptionRequested.emit("Work/Autonomy", "Deciding how to do one's job")
    assert {t.name: t.description for t in library.tags()}["Work/Autonomy"] == "Deciding how to do one's job"
    assert _tree_rows(dialog.list)[3] == (1, ["Autonomy", "1", "Deciding how to do one's job"])
    annotations.undo_stack.undo()
    assert {t.name: t.description for t in library.tags()}["Work/Autonomy"] == ""
    dialog.list.resize(540, 300)
    assert not dialog.grab().isNull()


def test_filtering_the_panel_by_a_parent_shows_its_children(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library
) -> None:
    panel = _open_coded(library, make_window).panel
    combo = panel.tag_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["All tags", "Family", "Garden", "Work", "    Autonomy", "    Stress"]
    combo.setCurrentIndex(combo.findData("Work"))
    assert sorted(t for h in panel.visible_highlights() for t in h.tags) == [
        "Family", "Work/Autonomy", "Work/Stress", "Work/Stress",
    ]  # fmt: skip
    combo.setCurrentIndex(combo.findData("Work/Stress"))
    assert len(panel.visible_highlights()) == 2


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _header(table: QTableWidget, index: int, *, vertical: bool) -> str:
    item = table.verticalHeaderItem(index) if vertical else table.horizontalHeaderItem(index)
    return item.text() if item is not None else ""


def test_code_report_dialog_shows_counts_and_exports_csv(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, tmp_path: Path
) -> None:
    _coded_library(library)
    window = make_window()
    annotations = window.annotations
    assert isinstance(annotations, AnnotationsController)
    assert annotations.code_report_action.text() == "&Code report…"
    dialog = annotations.notes.open_code_report()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Codes", "By episode", "By speaker", "Co-occurrence",
    ]  # fmt: skip
    rows = _tree_rows(dialog.codes)
    assert rows[2] == (0, ["Work", "0", "3", "1", "3", ""])
    assert rows[4] == (1, ["Stress", "2", "2", "1", "2", "Pressure, deadlines, overload"])
    matrix = dialog.cooccurrence
    codes = [_header(matrix, r, vertical=True) for r in range(matrix.rowCount())]
    assert codes == ["Family", "Garden", "Work/Autonomy", "Work/Stress"]
    assert _text(matrix, 0, 3) == "1" and _text(matrix, 3, 0) == "1" and _text(matrix, 0, 1) == ""
    speakers = dialog.by_speaker
    columns = [_header(speakers, c, vertical=False) for c in range(speakers.columnCount())]
    assert columns == ["Alice", "Bob", "Carol"]
    assert _text(speakers, 3, 0) == "1" and _text(speakers, 3, 2) == "1"  # Work/Stress: Alice, Carol

    target = tmp_path / "report.csv"
    assert dialog.export_csv(target)
    with target.open(newline="") as f:
        table = list(csv.DictReader(f))
    assert {"measure": "with subcodes", "code": "Work", "by": "", "count": "3"} in table
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.tabs.setCurrentIndex(3)
    assert not dialog.grab().isNull()
