"""The episodes list on the left: title, duration, listening progress and highlight count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from podplayer.core.clock import format_clock
from podplayer.core.model import EpisodeSummary, Timing
from podplayer.ui import theme
from podplayer.ui.row_painting import paint_progress_bar, paint_selection, small_font

Index = QModelIndex | QPersistentModelIndex
SummaryRole = Qt.ItemDataRole.UserRole + 1
EpisodeIdRole = Qt.ItemDataRole.UserRole + 2


class EpisodeListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EpisodeSummary] = []

    def set_episodes(self, episodes: list[EpisodeSummary]) -> None:
        """Same episodes in the same order: repaint only the rows whose summary changed (a highlight
        count, a title); otherwise reset."""
        if [e.id for e in episodes] == [e.id for e in self._rows]:
            for row, (before, after) in enumerate(zip(self._rows, episodes, strict=True)):
                if before != after:
                    self._rows[row] = after
                    self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
            return
        self.beginResetModel()
        self._rows = list(episodes)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def row_of(self, episode_id: int) -> int | None:
        for i, e in enumerate(self._rows):
            if e.id == episode_id:
                return i
        return None

    def summary(self, row: int) -> EpisodeSummary:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return e.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{e.title}, {format_clock(e.duration_ms) or 'unknown length'}, {e.highlight_count} highlights"
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.audio_path or "No audio file"
        if role == SummaryRole:
            return e
        if role == EpisodeIdRole:
            return e.id
        return None


class EpisodeDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, int(fm.height() * 2 + 26))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        e: EpisodeSummary | None = index.data(SummaryRole)
        if e is None:
            return
        pal: QPalette = option.palette
        rect = QRectF(option.rect).adjusted(6, 3, -6, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_selection(painter, option, rect)
        font: QFont = QFont(option.font)
        title_font = QFont(font)
        title_font.setWeight(QFont.Weight.DemiBold)
        fm = QFontMetrics(title_font)
        inner = rect.adjusted(10, 6, -10, -6)
        painter.setFont(title_font)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        title = fm.elidedText(e.title, Qt.TextElideMode.ElideRight, int(inner.width()))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, title)

        small = small_font(font)
        painter.setFont(small)
        sfm = QFontMetrics(small)
        painter.setPen(theme.muted_text(pal))
        meta = [format_clock(e.duration_ms) or "—"]
        meta.append(f"{e.highlight_count} highlight{'s' if e.highlight_count != 1 else ''}")
        if e.timing == Timing.ESTIMATED:
            meta.append("estimated timing")
        elif e.timing == Timing.NONE:
            meta.append("untimed")
        if not e.audio_path:
            meta.append("no audio")
        meta_y = inner.top() + fm.height() + 3
        painter.drawText(QRectF(inner.left(), meta_y, inner.width(), sfm.height()), Qt.AlignmentFlag.AlignLeft, "  ·  ".join(meta))

        # Listening progress
        bar = QRectF(inner.left(), inner.bottom() - 3, inner.width(), 3)
        frac = min(1.0, max(0.0, e.position_ms / e.duration_ms)) if e.duration_ms else 0.0
        paint_progress_bar(painter, pal, bar, frac)
        painter.restore()


class LibraryList(QListView):
    """Episodes in the library. Emits ``episodeActivated(id)`` on click or Enter."""

    episodeActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryList")
        self.setAccessibleName("Library")
        self.episode_model = EpisodeListModel(self)
        self.setModel(self.episode_model)
        self.setItemDelegate(EpisodeDelegate(self))
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.episode_model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(theme.muted_text(self.palette()))
            painter.drawText(self.viewport().rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             "No episodes yet.\nFile → Open… or drop files on the window.")
            painter.end()

    def set_episodes(self, episodes: list[EpisodeSummary], current_id: int | None = None) -> None:
        """Show the library's episodes (those :attr:`EpisodeSummary.in_library_list`)."""
        self.episode_model.set_episodes([e for e in episodes if e.in_library_list])
        if current_id is not None:
            self.select_episode(current_id)

    def select_episode(self, episode_id: int) -> None:
        row = self.episode_model.row_of(episode_id)
        if row is not None:
            self.setCurrentIndex(self.episode_model.index(row, 0))

    def episode_ids(self) -> list[int]:
        return [self.episode_model.summary(i).id for i in range(self.episode_model.rowCount())]

    def _on_activated(self, index: QModelIndex) -> None:
        episode_id = index.data(EpisodeIdRole)
        if episode_id is not None:
            self.episodeActivated.emit(int(episode_id))
