"""The list of subscriptions: artwork, title, author, unplayed and new counts, the last refresh error."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from podplayer.core.feeds.feed_model import PodcastSummary
from podplayer.ui import theme
from podplayer.ui.artwork import ArtworkCache
from podplayer.ui.row_painting import paint_selection, small_font

Index = QModelIndex | QPersistentModelIndex
PodcastRole = Qt.ItemDataRole.UserRole + 1
ART = 44


class PodcastListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PodcastSummary] = []

    def set_podcasts(self, podcasts: list[PodcastSummary]) -> None:
        self.beginResetModel()
        self._rows = list(podcasts)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def podcast(self, row: int) -> PodcastSummary:
        return self._rows[row]

    def row_of(self, podcast_id: int) -> int | None:
        return next((i for i, p in enumerate(self._rows) if p.id == podcast_id), None)

    def artwork_changed(self, url: str) -> None:
        for i, p in enumerate(self._rows):
            if p.artwork == url:
                self.dataChanged.emit(self.index(i), self.index(i))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{p.title}, {p.unplayed_count} unplayed, {p.new_count} new"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{p.feed_url}\n{p.last_error}" if p.last_error else p.feed_url
        if role == PodcastRole:
            return p
        return None


class PodcastDelegate(QStyledItemDelegate):
    def __init__(self, artwork: ArtworkCache, parent: Any = None) -> None:
        super().__init__(parent)
        self._artwork = artwork

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(220, ART + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        p: PodcastSummary | None = index.data(PodcastRole)
        if p is None:
            return
        pal: QPalette = option.palette
        rect = QRectF(option.rect).adjusted(4, 2, -4, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_selection(painter, option, rect)
        art = self._artwork.pixmap(p.artwork, p.title, ART)
        painter.drawPixmap(int(rect.left() + 6), int(rect.top() + (rect.height() - ART) / 2), art)
        left = rect.left() + ART + 14
        badge_w = 0.0
        font = QFont(option.font)
        small = small_font(font)
        if p.unplayed_count:
            text = str(p.unplayed_count)
            sfm = QFontMetrics(small)
            badge_w = sfm.horizontalAdvance(text) + 14
            badge = QRectF(rect.right() - badge_w - 6, rect.top() + 8, badge_w, sfm.height() + 2)
            path = QPainterPath()
            path.addRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.fillPath(path, theme.ACCENT if p.new_count else theme.muted_text(pal))
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        width = rect.right() - left - badge_w - 12
        title_font = QFont(font)
        title_font.setWeight(QFont.Weight.DemiBold)
        fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        top = rect.top() + 7
        painter.drawText(QRectF(left, top, width, fm.height()), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(p.title, Qt.TextElideMode.ElideRight, int(width)))
        painter.setFont(small)
        sfm = QFontMetrics(small)
        if p.last_error:
            painter.setPen(theme.SEARCH_CURRENT)
            line = "⚠ " + p.last_error
        else:
            painter.setPen(theme.muted_text(pal))
            parts = [p.author] if p.author else []
            parts.append(f"{p.episode_count} episodes")
            if p.new_count:
                parts.append(f"{p.new_count} new")
            line = "  ·  ".join(parts)
        painter.drawText(QRectF(left, top + fm.height() + 3, rect.right() - left - 8, sfm.height()),
                         Qt.AlignmentFlag.AlignLeft, sfm.elidedText(line, Qt.TextElideMode.ElideRight, int(rect.right() - left - 8)))
        painter.restore()
