"""A podcast's episodes as a model/view: thousands of rows, painted by a delegate, never widgets per row.

Each row shows the title, date and length, badges (new, downloaded, transcript, chapters), listening
progress, and while downloading its progress bar. Download progress changes repaint only that row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from podplayer.core import clock
from podplayer.core.feeds.feed_model import PodcastEpisode
from podplayer.ui import theme
from podplayer.ui.row_painting import paint_progress_bar, paint_selection, small_font

Index = QModelIndex | QPersistentModelIndex
EpisodeRole = Qt.ItemDataRole.UserRole + 1
ProgressRole = Qt.ItemDataRole.UserRole + 2  # download fraction (0..1) or None


class PodcastEpisodeModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PodcastEpisode] = []
        self._rows_by_id: dict[int, int] = {}
        self._downloads: dict[int, float] = {}

    def set_episodes(self, episodes: list[PodcastEpisode]) -> None:
        self.beginResetModel()
        self._rows = episodes
        self._rows_by_id = {e.id: i for i, e in enumerate(episodes)}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def episode(self, row: int) -> PodcastEpisode:
        return self._rows[row]

    def row_of(self, episode_id: int) -> int | None:
        return self._rows_by_id.get(episode_id)

    def set_download_progress(self, episode_id: int, fraction: float | None) -> None:
        """Show (or with None, stop showing) a download's progress on its row."""
        if fraction is None:
            self._downloads.pop(episode_id, None)
        else:
            self._downloads[episode_id] = fraction
        row = self._rows_by_id.get(episode_id)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row), [ProgressRole])

    def is_downloading(self, episode_id: int) -> bool:
        return episode_id in self._downloads

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return e.title
        if role == EpisodeRole:
            return e
        if role == ProgressRole:
            return self._downloads.get(e.id)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{e.title}, {', '.join(badges(e)) or 'not downloaded'}"
        return None


def badges(e: PodcastEpisode) -> list[str]:
    out = []
    if e.is_new:
        out.append("new")
    if e.downloaded:
        out.append("downloaded")
    if e.transcript_format:
        out.append(f"transcript ({e.transcript_format})")
    elif e.offers_transcript:
        out.append("transcript")
    if e.chapter_count:
        out.append(f"{e.chapter_count} chapters")
    elif e.offers_chapters:
        out.append("chapters")
    return out


class PodcastEpisodeDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(260, int(fm.height() * 2 + 24))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        e: PodcastEpisode | None = index.data(EpisodeRole)
        if e is None:
            return
        downloading: float | None = index.data(ProgressRole)
        pal: QPalette = option.palette
        rect = QRectF(option.rect).adjusted(4, 2, -4, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_selection(painter, option, rect)
        inner = rect.adjusted(10, 5, -10, -5)
        font = QFont(option.font)
        title_font = QFont(font)
        title_font.setWeight(QFont.Weight.DemiBold if e.is_new or not e.position_ms else QFont.Weight.Normal)
        fm = QFontMetrics(title_font)
        x = inner.left()
        if e.is_new:  # a dot before new episodes
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.ACCENT)
            painter.drawEllipse(QRectF(x, inner.top() + fm.height() / 2 - 3.5, 7, 7))
            x += 13
        painter.setFont(title_font)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.drawText(QRectF(x, inner.top(), inner.right() - x, fm.height()), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(e.title, Qt.TextElideMode.ElideRight, int(inner.right() - x)))

        small = small_font(font)
        sfm = QFontMetrics(small)
        painter.setFont(small)
        y = inner.top() + fm.height() + 4
        meta = []
        if e.published is not None:
            meta.append(e.published.strftime("%-d %b %Y"))
        if e.duration_ms:
            meta.append(clock.format_clock(e.duration_ms))
        painter.setPen(theme.muted_text(pal))
        text = "  ·  ".join(meta)
        painter.drawText(QRectF(inner.left(), y, inner.width(), sfm.height()), Qt.AlignmentFlag.AlignLeft, text)
        bx = inner.left() + sfm.horizontalAdvance(text) + (12 if text else 0)
        if downloading is not None:
            bar = QRectF(bx, y + sfm.height() / 2 - 3, min(140.0, inner.right() - bx), 6)
            paint_progress_bar(painter, pal, bar, downloading)
            painter.setPen(theme.muted_text(pal))
            painter.drawText(QRectF(bar.right() + 6, y, 60, sfm.height()), Qt.AlignmentFlag.AlignLeft, f"{downloading:.0%}")
        else:
            for label in badges(e):
                if label == "new":
                    continue
                w = sfm.horizontalAdvance(label) + 12
                if bx + w > inner.right():
                    break
                pill = QRectF(bx, y - 1, w, sfm.height() + 2)
                color = QColor(theme.ACCENT) if label == "downloaded" else theme.muted_text(pal)
                fill = QColor(color)
                fill.setAlpha(40)
                path = QPainterPath()
                path.addRoundedRect(pill, pill.height() / 2, pill.height() / 2)
                painter.fillPath(path, fill)
                painter.setPen(color)
                painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
                bx += w + 6
        # Listening progress
        if e.duration_ms and e.position_ms:
            paint_progress_bar(painter, pal, QRectF(inner.left(), inner.bottom() - 2, inner.width(), 2.5),
                               min(1.0, e.position_ms / e.duration_ms))
        painter.restore()
