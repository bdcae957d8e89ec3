"""The code report: the codebook as a tree with counts, codes per episode and per speaker, and the
co-occurrence matrix (codes on the same or overlapping highlights); Export CSV… writes it as one table.

The numbers come from :meth:`Library.code_report` (core/code_report.py); this dialog only shows them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.code_report import CodeReport
from podplayer.core.codebook import TagNode, tag_tree
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.model import PodplayerError
from podplayer.store import Library

_HEAT = QColor("#f4a261")


class CodeReportDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Code report")
        self.setAccessibleName("Code report")
        self.report: CodeReport = library.code_report()
        tags = library.tags()
        self.tabs = QTabWidget(self)
        self.codes = self._codes_tree(tag_tree(tags))
        used = [r.code for r in self.report.codes if r.highlights]
        self.by_episode = self._counts_table(used, self.report.by_episode, "Codes per episode")
        self.by_speaker = self._counts_table(used, self.report.by_speaker, "Codes per speaker")
        self.cooccurrence = self._matrix(used)
        self.tabs.addTab(self.codes, "Codes")
        self.tabs.addTab(self.by_episode, "By episode")
        self.tabs.addTab(self.by_speaker, "By speaker")
        self.tabs.addTab(self.cooccurrence, "Co-occurrence")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.export_button = QPushButton("Export CSV…", self)
        self.export_button.setAccessibleName("Export code report as CSV")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self._ask_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)

    # --- tabs ---------------------------------------------------------------------------------------
    def _codes_tree(self, roots: list[TagNode]) -> QTreeWidget:
        rows = {r.code.casefold(): r for r in self.report.codes}
        tree = QTreeWidget(self)
        tree.setAccessibleName("Codes with counts")
        tree.setHeaderLabels(["Code", "Highlights", "With subcodes", "Episodes", "Speakers", "Description"])
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)

        def item(node: TagNode) -> QTreeWidgetItem:
            r = rows[node.name.casefold()]
            numbers = [r.highlights, r.with_subcodes, r.episodes, r.speakers]
            it = QTreeWidgetItem([node.label, *map(str, numbers), " ".join(r.description.split())])
            it.setToolTip(0, node.name)
            it.setToolTip(5, r.description)
            for column in range(1, 5):
                it.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for child in node.children:
                it.addChild(item(child))
            return it

        for root in roots:
            tree.addTopLevelItem(item(root))
        tree.expandAll()
        header = tree.header()
        header.resizeSection(0, 190)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    def _table(self, name: str, rows: list[str], columns: list[str]) -> QTableWidget:
        table = QTableWidget(len(rows), len(columns), self)
        table.setAccessibleName(name)
        table.setVerticalHeaderLabels(rows)
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setDefaultSectionSize(96)
        return table

    def _cell(self, table: QTableWidget, row: int, column: int, n: int, peak: int) -> None:
        cell = QTableWidgetItem(str(n) if n else "")
        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if n and peak:
            shade = QColor(_HEAT)
            shade.setAlphaF(0.15 + 0.7 * n / peak)
            cell.setBackground(shade)
        table.setItem(row, column, cell)

    def _counts_table(self, codes: list[str], counts: dict[str, Counter[str]], name: str) -> QTableWidget:
        columns = sorted({by for c in codes for by in counts.get(c, {})}, key=str.casefold)
        table = self._table(name, codes, columns)
        peak = max((n for c in codes for n in counts.get(c, Counter()).values()), default=0)
        for r, code in enumerate(codes):
            for c, by in enumerate(columns):
                self._cell(table, r, c, counts.get(code, Counter())[by], peak)
        table.resizeColumnsToContents()
        return table

    def _matrix(self, codes: list[str]) -> QTableWidget:
        table = self._table("Co-occurrence of codes", codes, codes)
        peak = max(self.report.cooccurrence.values(), default=0)
        for r, a in enumerate(codes):
            for c, b in enumerate(codes):
                self._cell(table, r, c, self.report.together(a, b) if a != b else 0, peak)
        table.resizeColumnsToContents()
        return table

    # --- export -------------------------------------------------------------------------------------
    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export code report", "code-report.csv", "CSV table (*.csv)")
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> bool:
        """Write the report as CSV (replacing the file the user chose); a failure shows a dialog."""
        try:
            write_text_atomic(path, self.report.to_csv(), force=True)
        except (PodplayerError, OSError) as exc:
            QMessageBox.warning(self, "Code report not exported", str(exc))
            return False
        return True
