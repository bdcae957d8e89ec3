"""The highlights list as Qt model/view: a flat table model plus a filter proxy (no widget per row).

Sorting is done once in Python when the list changes (``sorted`` with a key is far cheaper than a
proxy calling a Python ``lessThan`` n·log n times); filtering is one Python pass that marks the
accepted rows, so the proxy's per-row check is a list lookup. Both keep 5,000 rows instant.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from podplayer.core.clock import format_clock
from podplayer.core.codebook import is_within
from podplayer.core.model import Highlight
from podplayer.core.palette import HIGHLIGHT_COLORS
from podplayer.core.text_search import fold_query
from podplayer.ui import theme

__all__ = ["HIGHLIGHT_COLORS", "HighlightsModel", "HighlightsFilterProxy", "highlight_qcolor"]

HighlightRole = Qt.ItemDataRole.UserRole + 1
EpisodeIdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def highlight_qcolor(name: str) -> QColor:
    """Opaque paint colour of a highlight colour name (palette name or #rrggbb), as the view paints it."""
    return theme.highlight_color(name, 255)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt renders tooltips that look like HTML as rich
    text, so the text is escaped and wrapped (line breaks kept) instead of passed as-is."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def highlight_summary(highlight: Highlight) -> str:
    """Plain-text hover summary: tags and note."""
    lines = []
    if highlight.tags:
        lines.append("Tags: " + ", ".join(highlight.tags))
    if highlight.note:
        lines.append(highlight.note)
    return "\n".join(lines) or ("Bookmark" if highlight.is_bookmark else "No tags or note")


class Column(IntEnum):
    TIME = 0
    EPISODE = 1
    SPEAKER = 2
    EXCERPT = 3
    TAGS = 4
    NOTE = 5


COLUMN_COUNT = len(Column)

HEADERS = {
    Column.TIME: "Time",
    Column.EPISODE: "Episode",
    Column.SPEAKER: "Speaker",
    Column.EXCERPT: "Excerpt",
    Column.TAGS: "Tags",
    Column.NOTE: "Note",
}


class SortOrder(IntEnum):
    TIME = 0
    CREATED = 1


class _Row:
    """One highlight plus its display strings, built on first paint (only visible rows are painted,
    so filling the model with 5,000 highlights costs little more than wrapping them)."""

    __slots__ = ("highlight", "episode", "color", "_cells", "_tooltip", "_search_text", "accepted", "filter_generation")

    def __init__(self, highlight: Highlight, episode: str, color: QColor) -> None:
        self.highlight = highlight
        self.episode = episode
        self.color = color
        self._cells: tuple[str, ...] | None = None
        self._tooltip: str | None = None
        self._search_text: str | None = None
        self.accepted = True  # the filter proxy's verdict for filter ``filter_generation``
        self.filter_generation = -1

    def same_as(self, other: _Row) -> bool:
        """Shows the same thing (so the row need not repaint)."""
        return self.highlight == other.highlight and self.episode == other.episode and self.color == other.color

    def cell(self, column: int) -> str:
        if self._cells is None:
            h = self.highlight
            excerpt = h.quote or "🔖 " + (h.note or "Bookmark")
            if h.detached:  # its words were deleted by a correction: listed until re-attached
                excerpt = "(detached) " + excerpt
            self._cells = (
                format_clock(h.start_ms),
                self.episode,
                h.speaker,
                _one_line(excerpt),
                ", ".join(h.tags),
                _one_line(h.note),
            )
        return self._cells[column]

    @property
    def tooltip(self) -> str:
        if self._tooltip is None:
            self._tooltip = plain_tooltip(highlight_summary(self.highlight))
        return self._tooltip

    @property
    def search_text(self) -> str:
        if self._search_text is None:
            h = self.highlight
            text = " ".join((h.quote, h.note, " ".join(h.tags), h.speaker, self.episode))
            self._search_text = fold_query(text)
        return self._search_text


def _timestamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else 0.0


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class HighlightsModel(QAbstractTableModel):
    """One row per highlight, columns as :class:`Column`; order given by :meth:`set_sort`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._order = SortOrder.TIME

    # --- content ------------------------------------------------------------------------------
    def set_highlights(self, highlights: list[Highlight], titles: dict[int, str] | None = None) -> None:
        titles = titles or {}
        colors: dict[str, QColor] = {}
        rows = []
        for h in highlights:
            color = colors.get(h.color)
            if color is None:
                color = colors[h.color] = highlight_qcolor(h.color)
            rows.append(_Row(h, titles.get(h.episode_id, "") if h.episode_id is not None else "", color))
        self._update_rows(self._sorted(rows))

    def _update_rows(self, new: list[_Row]) -> None:
        """Tell the views only what changed: one row added, one removed, or rows edited in place;
        anything else (a new episode, a re-sort) resets the model. Rows that did not change keep
        their objects, so their display strings and filter verdicts stay cached."""
        old = self._rows
        old_ids = [r.highlight.id for r in old]
        new_ids = [r.highlight.id for r in new]
        if None in old_ids or None in new_ids or len(set(new_ids)) != len(new_ids):
            self._reset(new)
            return
        if old_ids == new_ids:
            changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if not a.same_as(b)]
            for i in changed:
                self._rows[i] = new[i]
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))
            return
        if abs(len(new) - len(old)) == 1:
            longer, shorter = (new, old) if len(new) > len(old) else (old, new)
            k = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False))
                      if a.highlight.id != b.highlight.id), len(shorter))
            rest_same = all(a.same_as(b) for a, b in zip(shorter, longer[:k] + longer[k + 1:], strict=True))
            if rest_same:
                if len(new) > len(old):
                    self.beginInsertRows(QModelIndex(), k, k)
                    self._rows = old[:k] + [new[k]] + old[k:]
                    self.endInsertRows()
                else:
                    self.beginRemoveRows(QModelIndex(), k, k)
                    self._rows = old[:k] + old[k + 1:]
                    self.endRemoveRows()
                return
        self._reset(new)

    def _reset(self, rows: list[_Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_sort(self, order: SortOrder) -> None:
        if order == self._order:
            return
        self._order = order
        self._reset(self._sorted(self._rows))

    def _sorted(self, rows: list[_Row]) -> list[_Row]:
        if self._order == SortOrder.CREATED:
            return sorted(rows, key=lambda r: (_timestamp(r.highlight.created_at), r.highlight.id or 0))
        return sorted(
            rows,
            key=lambda r: (
                r.episode,
                r.highlight.episode_id or 0,
                r.highlight.start_ms if r.highlight.start_ms is not None else -1,
                (r.highlight.start.turn, r.highlight.start.word),
            ),
        )

    def highlight(self, row: int) -> Highlight:
        return self._rows[row].highlight

    def highlights(self) -> list[Highlight]:
        return [r.highlight for r in self._rows]

    def row_of(self, highlight_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.highlight.id == highlight_id:
                return i
        return None

    def _row(self, row: int) -> _Row:
        return self._rows[row]

    # --- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cell(column)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.TIME:
            return row.color
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == HighlightRole:
            return row.highlight
        if role == EpisodeIdRole:
            return row.highlight.episode_id
        return None


@dataclass(slots=True)
class HighlightFilter:
    """What the panel's filter controls ask for; empty fields match everything."""

    text: str = ""
    tag: str = ""
    speaker: str = ""
    color: str = ""

    def accepts(self, row: _Row, folded_text: str) -> bool:
        h = row.highlight
        if self.tag and not any(is_within(t, self.tag) for t in h.tags):  # a parent takes in its children
            return False
        if self.speaker and h.speaker != self.speaker:
            return False
        if self.color and h.color != self.color:
            return False
        return not folded_text or folded_text in row.search_text


class HighlightsFilterProxy(QSortFilterProxyModel):
    """Filters by tag, speaker, colour and (accent/case-insensitive) text.

    Each row keeps the verdict for the current filter (``_Row.accepted``, valid while its
    ``filter_generation`` is the proxy's), so re-filtering after a row is added, edited or removed
    judges only the new rows; a new filter judges every row once.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = HighlightFilter()
        self._folded = ""
        self._generation = 0

    def set_filter(self, flt: HighlightFilter) -> None:
        self.beginFilterChange()
        self._filter = flt
        self._folded = fold_query(flt.text)
        self._generation += 1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def current_filter(self) -> HighlightFilter:
        return self._filter

    def _filter_active(self) -> bool:
        flt = self._filter
        return bool(flt.text.strip() or flt.tag or flt.speaker or flt.color)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not self._filter_active() or not isinstance(model, HighlightsModel):
            return True
        if not 0 <= source_row < model.rowCount():
            return False
        row = model._row(source_row)
        if row.filter_generation != self._generation:
            row.accepted = self._filter.accepts(row, self._folded)
            row.filter_generation = self._generation
        return row.accepted
