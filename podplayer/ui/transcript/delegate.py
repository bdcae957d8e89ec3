"""Paints one transcript turn: speaker label, clickable start time and the wrapped words.

Text is laid out with QTextLayout as *plain text* (markup in a transcript shows literally) and the
layout is cached per row and width; the same cached layout answers hit tests (point -> word), so the
view's word selection, clicks and tooltips agree exactly with what is painted. Highlights are painted
as translucent fills, so overlapping highlights stay visible as a darker blend.

Row heights (``sizeHint``) do not need a layout: they come from a cached per-word wrap estimate
(:mod:`podplayer.ui.transcript.turn_wrap`), so opening a 3,000-turn episode measures every row in a few tens of
milliseconds and only the rows actually painted or hit-tested are laid out. Whenever a row is laid
out, its real height replaces the estimate; if they differ, ``rowHeightsCorrected`` asks the view
for a new layout pass (rare: it needs a break Qt places differently, such as after a hyphen).

Chapter headings are painted at the top of the row of the turn where a chapter starts (see
:func:`podplayer.core.chapters.chapter_turns`): ``set_headings`` gives them per row, adds their
height to those rows only and forgets only those rows' cached layouts and heights. Notes of audio
not in the transcript (ads) work the same way (``set_note_rows``): a band above the headings,
painted by :mod:`podplayer.ui.transcript.untranscribed_note`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from podplayer.core.clock import format_clock
from podplayer.core.model import Turn
from podplayer.ui import theme
from podplayer.ui.transcript.model import HighlightSpan, Role
from podplayer.ui.transcript.turn_wrap import WrapEstimator
from podplayer.ui.transcript.untranscribed_note import NotePart, band_height, band_rect, paint_note, skip_rect

Index = QModelIndex | QPersistentModelIndex

PAD_X = 18.0
PAD_TOP = 10.0
PAD_BOTTOM = 12.0
HEADER_GAP = 4.0
ACCENT_BAR = 4.0
LINE_SPACING = 1.15  # a little leading for readability
HEADING_TOP = 14.0  # space above a row's chapter headings
HEADING_GAP = 2.0  # between the headings and the turn's own header


@dataclass(frozen=True, slots=True)
class Heading:
    """A chapter heading shown above a turn."""

    chapter: int  # index in the episode's chapter list
    title: str
    time_text: str


@dataclass(slots=True)
class RowLayout:
    """Everything needed to paint and hit-test one row, relative to the row's top-left corner."""

    width: int
    height: float
    text_layout: QTextLayout
    text_top: float
    word_starts: list[int]  # character offset of each word
    word_spans: list[tuple[int, int]]
    time_rect: QRectF
    speaker_rect: QRectF
    heading_height: float = 0.0  # everything above the turn: a note band, chapter headings (0 for most rows)
    heading_rects: tuple[tuple[QRectF, Heading], ...] = ()
    note_rect: QRectF | None = None  # the band noting audio not in the transcript before the turn


def _cursor_x(line: QTextLine, position: int) -> float:
    """x of a cursor position; PySide returns (x, position) for this in/out C++ argument."""
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)


class TranscriptDelegate(QStyledItemDelegate):
    rowHeightsCorrected = Signal()  # a laid-out row's height differs from its estimate: lay the rows out again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font = QFont()
        self._font.setPointSizeF(11.0)
        self._cache: dict[int, RowLayout] = {}
        self._heights: dict[int, int] = {}  # row -> sizeHint height at the current width and font
        self._width = 600
        self._headings: dict[int, list[Heading]] = {}
        self._note_rows: set[int] = set()
        self._correction = QTimer(self)
        self._correction.setSingleShot(True)
        self._correction.setInterval(0)
        self._correction.timeout.connect(self.rowHeightsCorrected.emit)
        self._font_changed()

    # --- fonts & cache --------------------------------------------------------------------------
    @property
    def font(self) -> QFont:
        return QFont(self._font)

    def set_point_size(self, size: float) -> None:
        self._font.setPointSizeF(size)
        self._font_changed()
        self.clear_cache()

    def header_font(self) -> QFont:
        return QFont(self._header_font)

    def _font_changed(self) -> None:
        """Per-font measurements shared by every row (building them per row was a third of a layout)."""
        header = QFont(self._font)
        header.setPointSizeF(max(7.0, self._font.pointSizeF() * 0.85))
        header.setWeight(QFont.Weight.DemiBold)
        self._header_font = header
        self._header_metrics = QFontMetricsF(header)
        self._text_top = PAD_TOP + self._header_metrics.height() + HEADER_GAP
        self._empty_text_height = QFontMetricsF(self._font).height()
        probe = QTextLayout("Xg", self._font)
        probe.beginLayout()
        line = probe.createLine()
        line.setLineWidth(1000.0)
        probe.endLayout()
        self._line_height = line.height()
        self._wrap = WrapEstimator(self._font)
        heading = QFont(self._font)
        heading.setPointSizeF(self._font.pointSizeF() * 1.05)
        heading.setWeight(QFont.Weight.Bold)
        self._heading_font = heading
        self._heading_metrics = QFontMetricsF(heading)
        self._heading_line = self._heading_metrics.height() + 6.0

    def set_width(self, width: int) -> None:
        if width != self._width:
            self._width = width
            self.clear_cache()

    @property
    def width(self) -> int:
        return self._width

    def clear_cache(self) -> None:
        self._cache.clear()
        self._heights.clear()

    def invalidate_row(self, row: int) -> None:
        self._cache.pop(row, None)
        self._heights.pop(row, None)

    # --- chapter headings --------------------------------------------------------------------------
    def set_headings(self, headings: dict[int, list[Heading]]) -> set[int]:
        """Show ``headings`` (row -> headings above it); returns the rows whose size changed."""
        changed = {row for row in set(self._headings) | set(headings) if self._headings.get(row) != headings.get(row)}
        self._headings = {row: list(items) for row, items in headings.items() if items}
        for row in changed:
            self.invalidate_row(row)
        return changed

    def set_note_rows(self, rows: set[int]) -> set[int]:
        """Rows with a note of audio not in the transcript above them; returns the rows whose size changed."""
        changed = self._note_rows ^ rows
        self._note_rows = set(rows)
        for row in changed:
            self.invalidate_row(row)
        return changed

    def headings(self, row: int) -> list[Heading]:
        return list(self._headings.get(row, ()))

    def heading_font(self) -> QFont:
        return QFont(self._heading_font)

    def _above_turn_height(self, row: int, headings: int | None = None) -> float:
        """Height of what is painted above a turn: its note band, then its chapter headings."""
        count = len(self._headings.get(row, ())) if headings is None else headings
        note = band_height(self._header_metrics) if row in self._note_rows else 0.0
        return note + (HEADING_TOP + count * self._heading_line + HEADING_GAP if count else 0.0)

    def _line_width(self) -> float:
        return max(40.0, self._width - 2 * PAD_X)

    def row_layout(self, row: int, turn: Turn) -> RowLayout:
        cached = self._cache.get(row)
        if cached is not None and cached.width == self._width:
            return cached
        layout = self._build(row, turn, self._headings.get(row, []))
        self._cache[row] = layout
        height = int(layout.height + 0.999)
        estimated = self._heights.get(row)
        self._heights[row] = height
        if estimated is not None and estimated != height and not self._correction.isActive():
            self._correction.start()  # after this paint or hit test, never inside it
        return layout

    def row_height(self, row: int, turn: Turn) -> int:
        """The row's height in pixels: measured if laid out, else estimated without a layout."""
        height = self._heights.get(row)
        if height is not None:
            return height
        text = turn.text
        if not self._wrap.covers(text):
            # Fallback fonts bring their own line heights: only a real layout knows this row's height.
            return int(self.row_layout(row, turn).height + 0.999)
        if text:
            lines = self._wrap.line_count([w.text for w in turn.words], self._line_width())
            y = 0.0
            pitch = self._line_height * LINE_SPACING
            for _ in range(lines):
                y += pitch  # the same sum as _build's, so the same lines give the same pixels
        else:
            y = self._empty_text_height
        height = int(self._above_turn_height(row) + self._text_top + y + PAD_BOTTOM + 0.999)
        self._heights[row] = height
        return height

    def _build(self, row: int, turn: Turn, headings: list[Heading]) -> RowLayout:
        width = self._width
        header = self._header_metrics
        top = self._above_turn_height(row, len(headings))
        note_rect = band_rect(width, header) if row in self._note_rows else None
        first_heading = band_height(header) if note_rect is not None else 0.0
        heading_rects = tuple(
            (
                QRectF(PAD_X, first_heading + HEADING_TOP + i * self._heading_line, max(40.0, width - 2 * PAD_X),
                       self._heading_line),
                h,
            )
            for i, h in enumerate(headings)
        )
        speaker_w = header.horizontalAdvance(turn.speaker or "—")
        speaker_rect = QRectF(PAD_X, top + PAD_TOP, speaker_w, header.height())
        time_text = format_clock(turn.start_ms)
        time_w = header.horizontalAdvance(time_text) if time_text else 0.0
        time_rect = QRectF(speaker_rect.right() + 12.0, top + PAD_TOP, time_w, header.height())
        text_top = top + self._text_top

        text = turn.text
        layout = QTextLayout(text, self._font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        line_width = self._line_width()
        # Break where the height estimate did: each planned line gets the width its words need plus
        # less than a space of slack, so Qt's in-context measuring (a pixel off here and there) keeps
        # the same words on it. Unplanned lines, and any after Qt disagrees, wrap at the line width.
        plan = self._wrap.wrap([w.text for w in turn.words], line_width) if self._wrap.covers(text) else None
        planned = plan.planned if plan is not None else []
        slack = self._wrap.slack
        y = 0.0
        index = 0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            if index < len(planned):
                chars, planned_width = planned[index]
                line.setLineWidth(planned_width + slack)
                if line.textLength() != chars:
                    planned = []
                    line.setLineWidth(line_width)
            else:
                line.setLineWidth(line_width)
            line.setPosition(QPointF(0.0, y))
            y += line.height() * LINE_SPACING
            index += 1
        layout.endLayout()
        if not text:
            y = self._empty_text_height
        spans = turn.word_char_spans()
        return RowLayout(
            width=width,
            height=text_top + y + PAD_BOTTOM,
            text_layout=layout,
            text_top=text_top,
            word_starts=[s for s, _ in spans],
            word_spans=spans,
            time_rect=time_rect,
            speaker_rect=speaker_rect,
            heading_height=top,
            heading_rects=heading_rects,
            note_rect=note_rect,
        )

    # --- geometry queries (used by the view) ------------------------------------------------------
    def heading_at(self, layout: RowLayout, point: QPointF) -> Heading | None:
        """The chapter heading under ``point`` (row-relative), if any."""
        for rect, heading in layout.heading_rects:
            if rect.top() - 4 <= point.y() < rect.bottom() and point.x() >= rect.left() - 4:
                return heading
        return None

    def note_part_at(self, layout: RowLayout, point: QPointF, playing: bool) -> NotePart | None:
        """What of the row's note band is under ``point`` (row-relative): "skip" (the Skip button,
        shown while its stretch plays), "note" (the rest of the band), or None."""
        band = layout.note_rect
        if band is None or not band.contains(point):
            return None
        return "skip" if playing and skip_rect(band, self._header_metrics).contains(point) else "note"

    def skip_rect(self, layout: RowLayout) -> QRectF | None:
        """The Skip button's rectangle (row-relative) in a row with a note band."""
        return None if layout.note_rect is None else skip_rect(layout.note_rect, self._header_metrics)

    def word_at(self, layout: RowLayout, point: QPointF, nearest: bool = False) -> int | None:
        """Word index under ``point`` (row-relative). With ``nearest``, the closest word instead of None."""
        if not layout.word_spans:
            return None
        tl = layout.text_layout
        y = point.y() - layout.text_top
        x = point.x() - PAD_X
        if tl.lineCount() == 0:
            return None
        line = None
        for i in range(tl.lineCount()):
            candidate = tl.lineAt(i)
            if y < candidate.y() + candidate.height() * 1.15:
                line = candidate
                break
        if line is None:
            if not nearest:
                return None
            return len(layout.word_spans) - 1
        if y < 0 and not nearest:
            return None
        if not nearest and (x < 0 or x > line.naturalTextWidth() + 2):
            return None
        pos = line.xToCursor(max(x, 0.0), QTextLine.CursorPosition.CursorOnCharacter)
        pos = min(max(pos, line.textStart()), line.textStart() + max(line.textLength() - 1, 0))
        index = bisect_right(layout.word_starts, pos) - 1
        index = max(0, min(index, len(layout.word_spans) - 1))
        start, end = layout.word_spans[index]
        if not nearest and not start <= pos < end:
            return None  # the space between two words
        return index

    def char_rects(self, layout: RowLayout, start: int, end: int) -> list[QRectF]:
        """Row-relative rectangles covering characters [start, end) on each line they occupy."""
        rects: list[QRectF] = []
        tl = layout.text_layout
        for i in range(tl.lineCount()):
            line = tl.lineAt(i)
            l0 = line.textStart()
            l1 = l0 + line.textLength()
            a, b = max(start, l0), min(end, l1)
            if a >= b:
                continue
            x0 = _cursor_x(line, a)
            x1 = _cursor_x(line, b)
            rects.append(QRectF(PAD_X + x0 - 1, layout.text_top + line.y(), x1 - x0 + 2, line.height()))
        return rects

    def word_rects(self, layout: RowLayout, first: int, last: int) -> list[QRectF]:
        if not layout.word_spans:
            return []
        first = max(0, first)
        last = min(last, len(layout.word_spans) - 1)
        if last < first:
            return []
        return self.char_rects(layout, layout.word_spans[first][0], layout.word_spans[last][1])

    # --- QStyledItemDelegate ------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.row()
        height = self._heights.get(row)
        if height is None:
            turn = index.data(Role.TURN)
            if turn is None:
                return QSize(self._width, 24)
            height = self.row_height(row, turn)
        return QSize(self._width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        turn: Turn | None = index.data(Role.TURN)
        if turn is None:
            return
        layout = self.row_layout(index.row(), turn)
        palette: QPalette = option.palette
        rect = QRectF(option.rect)
        painter.save()
        # Until a corrected height is laid out, a row never paints over its neighbour.
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(rect.topLeft())
        speaker_color: QColor = index.data(Role.SPEAKER_COLOR)

        note = index.data(Role.UNTRANSCRIBED_NOTE)
        if layout.note_rect is not None and note is not None:
            playing = index.data(Role.UNTRANSCRIBED_PLAYING)
            paint_note(painter, layout.note_rect, self._header_font, self._header_metrics, palette, note, playing)
        if layout.heading_rects:
            self._paint_headings(painter, layout, palette, rect.width())
        top = layout.heading_height  # the turn itself starts below its chapter headings
        turn_h = rect.height() - top
        is_current = bool(index.data(Role.IS_CURRENT))
        state = option.state
        if is_current:
            path = QPainterPath()
            path.addRoundedRect(QRectF(4, top + 2, rect.width() - 8, turn_h - 4), 8, 8)
            painter.fillPath(path, theme.current_turn_fill(palette))
            painter.fillRect(QRectF(4, top + 8, ACCENT_BAR, turn_h - 16), speaker_color)
        elif state & QStyle.StateFlag.State_HasFocus and state & QStyle.StateFlag.State_Selected:
            pen = QPen(palette.color(QPalette.ColorRole.Mid))
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(4, top + 2, rect.width() - 8, turn_h - 4), 8, 8)

        # Header: speaker name in its colour, then the clickable start time.
        painter.setFont(self._header_font)
        painter.setPen(speaker_color)
        painter.drawText(layout.speaker_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, turn.speaker or "—")
        if turn.start_ms is not None:
            painter.setPen(theme.muted_text(palette))
            painter.drawText(
                layout.time_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, format_clock(turn.start_ms)
            )

        # Fills under the text: highlights, search matches, selection, current word.
        painter.setPen(Qt.PenStyle.NoPen)
        spans: list[HighlightSpan] = index.data(Role.HIGHLIGHT_SPANS) or []
        for span in spans:
            for r in self.word_rects(layout, span.first_word, span.last_word):
                painter.fillRect(r, span.color)
        for c0, c1, current in index.data(Role.SEARCH_SPANS) or []:
            color = QColor(theme.SEARCH_CURRENT if current else theme.SEARCH_MATCH)
            color.setAlpha(200 if current else 120)
            for r in self.char_rects(layout, c0, c1):
                painter.fillRect(r, color)
        selection = index.data(Role.SELECTION)
        if selection is not None:
            sel_color = QColor(palette.color(QPalette.ColorRole.Highlight))
            sel_color.setAlpha(110)
            for r in self.word_rects(layout, selection[0], selection[1]):
                painter.fillRect(r, sel_color)
        current_word = index.data(Role.CURRENT_WORD)
        if current_word is not None:
            for r in self.word_rects(layout, current_word, current_word):
                path = QPainterPath()
                path.addRoundedRect(r.adjusted(-1, 0, 1, 0), 3, 3)
                painter.fillPath(path, theme.current_word_fill(palette))

        # The words themselves (plain text).
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(self._font)
        layout.text_layout.draw(painter, QPointF(PAD_X, layout.text_top))

        # Low-confidence words: a subtle dotted underline.
        low = [i for i, w in enumerate(turn.words) if w.uncertain]
        if low:
            pen = QPen(theme.muted_text(palette), 1.2)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            for i in low:
                for r in self.word_rects(layout, i, i):
                    y = r.bottom() - 1.5
                    painter.drawLine(QPointF(r.left() + 1, y), QPointF(r.right() - 1, y))
        painter.restore()

    def _paint_headings(self, painter: QPainter, layout: RowLayout, palette: QPalette, width: float) -> None:
        """Each chapter heading: a rule across the row, the title in bold, its start time muted."""
        rule = QColor(theme.muted_text(palette))
        rule.setAlpha(90)
        first = layout.heading_rects[0][0]
        painter.fillRect(QRectF(PAD_X, first.top() - HEADING_TOP / 2, width - 2 * PAD_X, 1.0), rule)
        metrics = self._heading_metrics
        for r, heading in layout.heading_rects:
            painter.setFont(self._heading_font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            time_w = self._header_metrics.horizontalAdvance(heading.time_text) + 12.0
            title_w = max(10.0, r.width() - time_w)
            title = metrics.elidedText(heading.title, Qt.TextElideMode.ElideRight, title_w)
            painter.drawText(QRectF(r.left(), r.top(), title_w, r.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            painter.setFont(self._header_font)
            painter.setPen(theme.muted_text(palette))
            x = r.left() + metrics.horizontalAdvance(title) + 12.0
            painter.drawText(QRectF(x, r.top(), time_w, r.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, heading.time_text)
