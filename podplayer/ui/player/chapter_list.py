"""The chapter list in the side panel: each chapter's start time, image and title; a click plays
from it.

It only shows chapters and emits intent (``chapterActivated``); ChapterNavigation seeks and keeps
the playing chapter marked. Chapter images (Podcasting 2.0 ``img``, Podlove ``image``) are fetched
in the background through the shared image cache: a thumbnail beside the title, the image itself in
the tooltip. Until one arrives, or when it cannot be fetched, the row shows none.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QIcon, QPixmap
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
from podplayer.ui.artwork import ArtworkCache

VISIBLE_ROWS = 7  # the list grows to this many rows, then scrolls
THUMB = 28  # chapter image in the list (pixels)
TOOLTIP_IMAGE = 220  # chapter image in the tooltip (pixels wide)


def _image_url(chapter: Chapter) -> str:
    """The chapter's image when it is on the web (the only kind the cache fetches)."""
    url = (chapter.image or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


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
        self._artwork: ArtworkCache | None = None
        self._chapters: list[Chapter] = []
        self._with_image: set[int] = set()  # rows showing a real image

    def use_artwork(self, artwork: ArtworkCache) -> None:
        """Show chapter images, fetched and cached by ``artwork``."""
        self._artwork = artwork
        artwork.changed.connect(self._image_arrived)

    def set_chapters(self, chapters: list[Chapter]) -> None:
        self.tree.clear()
        self._current = None
        self._chapters = list(chapters)
        self._with_image.clear()
        muted = theme.muted_text(self.palette())
        with_images = self._artwork is not None and any(_image_url(c) for c in chapters)
        self.tree.setIconSize(QSize(THUMB, THUMB) if with_images else QSize())
        text_height = self.tree.fontMetrics().height() + 8
        row_height = max(text_height, THUMB + 6) if with_images else text_height
        for index, chapter in enumerate(chapters):
            item = QTreeWidgetItem([format_clock(chapter.start_ms), chapter.title])
            item.setSizeHint(1, QSize(0, row_height))
            item.setForeground(0, muted)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            self._show_image(index, blank=with_images)
        self.title.setText(f"Chapters ({len(chapters)})" if chapters else "Chapters")
        rows = min(len(chapters), VISIBLE_ROWS)
        self.tree.setFixedHeight(rows * row_height + 2 * self.tree.frameWidth() + 2)

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def image_shown(self, index: int) -> QPixmap | None:
        """The thumbnail row ``index`` shows, or None."""
        icon = self._item(index).icon(1)
        return None if icon.isNull() or index not in self._with_image else icon.pixmap(THUMB, THUMB)

    def _show_image(self, index: int, blank: bool) -> None:
        """Row ``index``'s thumbnail and tooltip; ``blank``: keep the titles aligned while images load."""
        chapter, item = self._chapters[index], self._item(index)
        url = _image_url(chapter)
        pixmap = self._artwork.fetched(url, THUMB) if self._artwork is not None and url else None
        local = self._artwork.local_file(url) if pixmap is not None and self._artwork is not None else None
        # Plain text made safe for a tooltip, which would otherwise render markup in a title.
        tip = QtGui.Qt.convertFromPlainText(chapter.url or chapter.title)
        if pixmap is not None and local is not None:
            self._with_image.add(index)
            item.setIcon(1, QIcon(pixmap))
            source = html.escape(QUrl.fromLocalFile(str(local)).toString(), quote=True)
            tip += f'<img src="{source}" width="{TOOLTIP_IMAGE}">'
        else:
            self._with_image.discard(index)
            if blank:
                empty = QPixmap(THUMB, THUMB)
                empty.fill(Qt.GlobalColor.transparent)
                item.setIcon(1, QIcon(empty))
        item.setToolTip(1, tip)

    def _image_arrived(self, url: str) -> None:
        for index, chapter in enumerate(self._chapters):
            if url and _image_url(chapter) == url:
                self._show_image(index, blank=True)

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
