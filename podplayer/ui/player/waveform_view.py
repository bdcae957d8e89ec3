"""Waveform overview under the transcript: envelope, turns by speaker, highlights, matches, chapter
marks, playhead.

The envelope is computed off the GUI thread (podplayer.core.waveform via ui/jobs.py) and handed over
as a numpy array of peak levels in [0, 1]. Click or drag anywhere to seek.

Everything but the playhead changes rarely, so it is drawn once per size into cached pixmaps: the
background with the speaker strip and chapter marks, the envelope in its "played" and its "unplayed" colour, and the
highlight and search markers (redrawn alone when highlights or matches change). A paint copies the
background, the played envelope left of the playhead and the unplayed one right of it, the markers,
and draws the playhead line; a playhead tick repaints two thin strips, not 3,000 turn marks and
hundreds of envelope bars.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from podplayer.core.clock import format_clock
from podplayer.ui import theme

STRIP_H = 6.0  # the speaker strip along the bottom
MARK_H = 5.0  # highlight / search markers along the top
CHAPTER_TICK = 5.0  # the notch at the foot of a chapter mark
BAR_PITCH = 3  # one envelope bar every 3 px, 2 px wide

Levels = npt.NDArray[np.float32]


def envelope_values(envelope: object) -> Levels:
    """Peak levels from podplayer.core.waveform's Envelope (or any sequence of floats), clipped to [0, 1]."""
    values: object = envelope
    for name in ("peaks", "peak", "values", "rms"):
        found = getattr(envelope, name, None)
        if found is not None:
            values = found
            break
    if values is None:
        return np.zeros(0, dtype=np.float32)
    try:
        array = np.asarray(values, dtype=np.float32).reshape(-1)
    except (TypeError, ValueError):
        return np.zeros(0, dtype=np.float32)
    return np.clip(np.nan_to_num(array, nan=0.0), 0.0, 1.0)


def bar_levels(envelope: Levels, columns: int) -> Levels:
    """The loudest level in each of ``columns`` equal slices of the envelope."""
    if columns <= 0 or len(envelope) == 0:
        return np.zeros(0, dtype=np.float32)
    starts = np.arange(columns, dtype=np.int64) * len(envelope) // columns
    return np.maximum.reduceat(envelope, starts)


class WaveformView(QWidget):
    seekRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Waveform")
        self.setToolTip("Click or drag to seek")
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._envelope: Levels = np.zeros(0, dtype=np.float32)
        self._duration = 0
        self._position = 0
        self._turns: list[tuple[int, int, QColor]] = []
        self._untranscribed: list[tuple[int, int]] = []
        self._highlights: list[tuple[int, int, QColor]] = []
        self._search: list[int] = []
        self._chapters: list[tuple[int, str]] = []
        self._status = ""
        # Cached drawings at the current size (None: draw again on the next paint).
        self._base: QPixmap | None = None  # background, speaker strip, status text
        self._waves: tuple[QPixmap, QPixmap] | None = None  # envelope: (played, unplayed)
        self._marks: QPixmap | None = None  # highlight and search markers

    def sizeHint(self) -> QSize:
        return QSize(600, 72)

    # --- data ------------------------------------------------------------------------------------
    def set_envelope(self, values: Sequence[float] | Levels | None) -> None:
        self._envelope = envelope_values(values) if values is not None else np.zeros(0, dtype=np.float32)
        self._status = ""
        self._invalidate(base=True, waves=True)

    @property
    def envelope(self) -> list[float]:
        return [float(v) for v in self._envelope.tolist()]

    def set_status(self, text: str) -> None:
        """A short text shown while there is no envelope ("Reading audio…", "No audio")."""
        self._status = text
        self._invalidate(base=True)

    def set_duration(self, duration_ms: int) -> None:
        duration = max(0, duration_ms)
        if duration != self._duration:
            self._duration = duration
            self._invalidate(base=True, marks=True)

    def set_position(self, position_ms: int) -> None:
        if position_ms != self._position:
            old_x = self._x_for(self._position)
            self._position = position_ms
            new_x = self._x_for(position_ms)
            # Repaint only the strips around the old and new playhead.
            h = self.height()
            self.update(int(old_x) - 3, 0, 6, h)
            self.update(int(new_x) - 3, 0, 6, h)

    @property
    def position(self) -> int:
        return self._position

    def set_turns(self, turns: list[tuple[int, int, QColor]]) -> None:
        self._turns = turns
        self._invalidate(base=True)

    def set_highlight_markers(self, spans: list[tuple[int, int, QColor]]) -> None:
        """Highlight spans along the top; only the stretch of the strip where they changed repaints."""
        def key(span: tuple[int, int, QColor]) -> tuple[int, int, int]:
            return span[0], span[1], span[2].rgba()

        before, after = {key(s) for s in self._highlights}, {key(s) for s in spans}
        self._highlights = spans
        changed = before ^ after
        if not changed:
            return
        self._marks = None
        if self._duration <= 0:
            self.update()
            return
        x_for = self._scaled_x()
        left = min(x_for(start) for start, _end, _c in changed)
        right = max(max(x_for(end), x_for(start) + 3.0) for start, end, _c in changed)
        top = self._content().top()
        self.update(QRectF(left - 2, top - 1, right - left + 4, MARK_H + 2).toAlignedRect())

    def set_untranscribed(self, spans: list[tuple[int, int]]) -> None:
        """Stretches of audio the transcript lacks (ads): drawn grey, labelled when wide enough."""
        self._untranscribed = list(spans)
        self._invalidate(base=True)

    @property
    def untranscribed(self) -> list[tuple[int, int]]:
        return list(self._untranscribed)

    def set_search_markers(self, positions_ms: list[int]) -> None:
        self._search = positions_ms
        self._invalidate(marks=True)

    def set_chapter_marks(self, marks: list[tuple[int, str]]) -> None:
        """(start_ms, title) per chapter: a line across the waveform, named in its tooltip."""
        self._chapters = list(marks)
        self._invalidate(base=True)

    @property
    def chapter_marks(self) -> list[tuple[int, str]]:
        return list(self._chapters)

    def chapter_x(self, index: int) -> float:
        return self._x_for(self._chapters[index][0])

    def chapter_at_x(self, x: float, tolerance: float = 5.0) -> int | None:
        """The chapter mark nearest to ``x`` within ``tolerance`` pixels."""
        if self._duration <= 0:
            return None
        best: tuple[float, int] | None = None
        for i, (ms, _title) in enumerate(self._chapters):
            distance = abs(self._x_for(ms) - x)
            if distance <= tolerance and (best is None or distance < best[0]):
                best = (distance, i)
        return None if best is None else best[1]

    def _invalidate(self, base: bool = False, waves: bool = False, marks: bool = False) -> None:
        if base:
            self._base = None
        if waves:
            self._waves = None
        if marks:
            self._marks = None
        self.update()

    def _invalidate_all(self) -> None:
        self._invalidate(base=True, waves=True, marks=True)

    # --- geometry --------------------------------------------------------------------------------
    def _content(self) -> QRectF:
        return QRectF(self.rect()).adjusted(10, 6, -10, -6)

    def _x_for(self, ms: int) -> float:
        c = self._content()
        if self._duration <= 0:
            return c.left()
        return c.left() + c.width() * min(1.0, max(0.0, ms / self._duration))

    def position_at_x(self, x: float) -> int:
        c = self._content()
        if self._duration <= 0 or c.width() <= 0:
            return 0
        frac = min(1.0, max(0.0, (x - c.left()) / c.width()))
        return int(frac * self._duration)

    # --- painting --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._invalidate_all()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._invalidate_all()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._base is None:
            self._base = self._render_base()
        if self._waves is None:
            self._waves = (self._render_wave(played=True), self._render_wave(played=False))
        if self._marks is None:
            self._marks = self._render_marks()
        played, unplayed = self._waves
        p = QPainter(self)
        play_x = self._x_for(self._position) if self._duration > 0 else self._content().left()
        w, h = float(self.width()), float(self.height())
        p.drawPixmap(0, 0, self._base)
        p.save()
        p.setClipRect(QRectF(0.0, 0.0, play_x, h), Qt.ClipOperation.IntersectClip)
        p.drawPixmap(0, 0, played)
        p.restore()
        p.save()
        p.setClipRect(QRectF(play_x, 0.0, max(0.0, w - play_x), h), Qt.ClipOperation.IntersectClip)
        p.drawPixmap(0, 0, unplayed)
        p.restore()
        p.drawPixmap(0, 0, self._marks)
        if self._duration > 0:  # the playhead
            c = self._content()
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1.5))
            p.drawLine(QPointF(play_x, c.top() - 2), QPointF(play_x, c.bottom() + 2))
        p.end()

    def _blank(self) -> tuple[QPixmap, QPainter]:
        """A transparent pixmap the size of the widget (in device pixels) and a painter on it."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        return pixmap, painter

    def _wave_rect(self) -> QRectF:
        c = self._content()
        return QRectF(c.left(), c.top() + MARK_H + 2, c.width(), c.height() - MARK_H - STRIP_H - 6)

    def _unplayed_color(self) -> QColor:
        color = theme.muted_text(self.palette())
        color.setAlpha(150)
        return color

    def _scaled_x(self) -> Callable[[int], float]:
        c = self._content()
        left, right = c.left(), c.right()
        scale = c.width() / self._duration if self._duration > 0 else 0.0
        return lambda ms: min(right, max(left, left + ms * scale))

    def _render_base(self) -> QPixmap:
        """Background, the speaker strip, and the midline and status text while there is no envelope."""
        pixmap, p = self._blank()
        pal = self.palette()
        c = self._content()
        bg = QPainterPath()
        bg.addRoundedRect(c.adjusted(-6, -4, 6, 4), 8, 8)
        p.fillPath(bg, pal.color(QPalette.ColorRole.Base))
        if not len(self._envelope) or c.width() <= 0:
            wave = self._wave_rect()
            mid = wave.center().y()
            p.setPen(QPen(self._unplayed_color(), 1))
            p.drawLine(QPointF(c.left(), mid), QPointF(c.right(), mid))
            if self._status:
                p.setPen(theme.muted_text(pal))
                p.drawText(wave, Qt.AlignmentFlag.AlignCenter, self._status)
        if self._duration > 0:
            x_for = self._scaled_x()
            strip_top = c.bottom() - STRIP_H
            for start, end, color in self._turns:
                x0, x1 = x_for(start), x_for(end)
                p.fillRect(QRectF(x0, strip_top, max(1.0, x1 - x0 - 1), STRIP_H), color)
            grey = theme.muted_text(pal)
            grey.setAlpha(70)
            wave = self._wave_rect()
            for start, end in self._untranscribed:
                x0, x1 = x_for(start), x_for(end)
                band = QRectF(x0, c.top(), max(2.0, x1 - x0), c.height())
                p.fillRect(band, grey)
                label = "not in the transcript"
                if p.fontMetrics().horizontalAdvance(label) + 8 < band.width():
                    p.setPen(theme.muted_text(pal))
                    p.drawText(
                        QRectF(x0, wave.top(), band.width(), wave.height()),
                        Qt.AlignmentFlag.AlignCenter,
                        label,
                    )
            if self._chapters:
                self._paint_chapter_marks(p, x_for)
        p.end()
        return pixmap

    def _paint_chapter_marks(self, p: QPainter, x_for: Callable[[int], float]) -> None:
        """A line through the envelope at each chapter start, with a notch on the speaker strip."""
        c = self._content()
        line = theme.muted_text(self.palette())
        line.setAlpha(170)
        notch = QColor(self.palette().color(QPalette.ColorRole.Text))
        for ms, _title in self._chapters:
            x = round(x_for(ms)) + 0.5
            p.fillRect(QRectF(x - 0.5, c.top() + MARK_H + 1, 1.0, c.height() - MARK_H - 1), line)
            path = QPainterPath()
            bottom = c.bottom()
            path.moveTo(x - CHAPTER_TICK, bottom)
            path.lineTo(x + CHAPTER_TICK, bottom)
            path.lineTo(x, bottom - CHAPTER_TICK - 2)
            path.closeSubpath()
            p.fillPath(path, notch)

    def _render_wave(self, played: bool) -> QPixmap:
        """The envelope bars alone, in the played or the unplayed colour."""
        pixmap, p = self._blank()
        c = self._content()
        if len(self._envelope) and c.width() > 0:
            wave = self._wave_rect()
            mid = wave.center().y()
            color = QColor(theme.ACCENT) if played else self._unplayed_color()
            levels = bar_levels(self._envelope, max(1, int(c.width() / BAR_PITCH)))
            halves = np.maximum(0.5, levels * (wave.height() / 2)).tolist()
            left = c.left()
            for i, half in enumerate(halves):
                p.fillRect(QRectF(left + i * BAR_PITCH, mid - half, 2, half * 2), color)
        p.end()
        return pixmap

    def _render_marks(self) -> QPixmap:
        """Highlight spans along the top and search matches across the envelope."""
        pixmap, p = self._blank()
        if self._duration > 0:
            c = self._content()
            x_for = self._scaled_x()
            for start, end, color in self._highlights:
                x0, x1 = x_for(start), x_for(end)
                marker = QColor(color)
                marker.setAlpha(230)
                p.fillRect(QRectF(x0, c.top(), max(3.0, x1 - x0), MARK_H), marker)
            bottom = self._wave_rect().bottom()
            for ms in self._search:
                x = x_for(ms)
                p.fillRect(QRectF(x - 1, c.top(), 2, bottom - c.top()), theme.SEARCH_MATCH)
        p.end()
        return pixmap

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.chapter_tooltip(event.pos().x())
            if text is not None:
                # convertFromPlainText: a chapter title containing markup shows literally.
                QToolTip.showText(event.globalPos(), QtGui.Qt.convertFromPlainText(text), self)
                return True
        return super().event(event)

    def chapter_tooltip(self, x: float) -> str | None:
        """The plain text shown when hovering a chapter mark at ``x``."""
        chapter = self.chapter_at_x(x)
        if chapter is None:
            return None
        ms, title = self._chapters[chapter]
        return f"Chapter: {title} ({format_clock(ms)})"

    # --- seeking -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._duration > 0:
            self.seekRequested.emit(self.position_at_x(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._duration > 0:
            self.seekRequested.emit(self.position_at_x(event.position().x()))
