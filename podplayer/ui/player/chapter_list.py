"""The chapter list in the side panel: each chapter's start time and title; a click plays from it.

It only shows chapters and emits intent (``chapterActivated``); ChapterNavigation seeks and keeps
the playing chapter marked.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.chapters import Chapter
from podplayer.core.clock import format_clock
from podplayer.ui import theme

VISIBLE_ROWS = 7  # the list grows to this many rows, then scrolls


class ChapterList(QWidget):
    chapterActivated = Signal(int)  # chapter index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterList")
        self.setAccessibleName("Chapters")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.title = QLabel("Chapters")
        font = self.title.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Chapter list")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setCursor(Qt.CursorShape.PointingHandCursor)
        self.tree.itemClicked.connect(lambda item, _col: self.chapterActivated.emit(self.tree.indexOfTopLevelItem(item)))
        self.tree.itemActivated.connect(
            lambda item, _col: self.chapterActivated.emit(self.tree.indexOfTopLevelItem(item))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self._current: int | None = None

    def set_chapters(self, chapters: list[Chapter]) -> None:
        self.tree.clear()
        self._current = None
        muted = theme.muted_text(self.palette())
        row_height = self.tree.fontMetrics().height() + 8
        for chapter in chapters:
            item = QTreeWidgetItem([format_clock(chapter.start_ms), chapter.title])
            item.setSizeHint(1, QSize(0, row_height))
            item.setForeground(0, muted)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            # Plain text made safe for a tooltip, which would otherwise render markup in a title.
            item.setToolTip(1, QtGui.Qt.convertFromPlainText(chapter.url or chapter.title))
            self.tree.addTopLevelItem(item)
        self.title.setText(f"Chapters ({len(chapters)})" if chapters else "Chapters")
        rows = min(len(chapters), VISIBLE_ROWS)
        self.tree.setFixedHeight(rows * row_height + 2 * self.tree.frameWidth() + 2)

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def _item(self, index: int) -> QTreeWidgetItem:
        item = self.tree.topLevelItem(index)
        assert item is not None
        return item

    def titles(self) -> list[str]:
        return [self._item(i).text(1) for i in range(self.count())]

    @property
    def current(self) -> int | None:
        return self._current

    def set_current(self, index: int | None) -> None:
        """Mark the playing chapter (bold, selected) and keep it in view."""
        if index == self._current:
            return
        for i in (self._current, index):
            if i is not None and 0 <= i < self.count():
                item = self._item(i)
                font = item.font(1)
                font.setBold(i == index)
                item.setFont(1, font)
        self._current = index
        if index is None or not 0 <= index < self.count():
            self.tree.clearSelection()
            return
        item = self._item(index)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
