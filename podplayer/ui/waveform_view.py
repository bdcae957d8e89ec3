"""Waveform overview under the transcript: envelope, turns by speaker, highlights, matches, playhead.

The envelope is computed off the GUI thread (podplayer.core.waveform via ui/jobs.py) and handed over
as a list of peak levels in [0, 1]. Click or drag anywhere to seek.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from podplayer.ui import theme

STRIP_H = 6.0  # the speaker strip along the bottom
MARK_H = 5.0  # highlight / search markers along the top


def envelope_values(envelope: object) -> list[float]:
    """Peak levels from podplayer.core.waveform's Envelope (or any sequence of floats)."""
    for name in ("peaks", "peak", "values", "rms"):
        values = getattr(envelope, name, None)
        if values is not None:
            return [float(v) for v in values]
    if isinstance(envelope, Sequence):
        return [float(v) for v in envelope]
    try:
        return [float(v) for v in envelope]  # type: ignore[attr-defined]
    except TypeError:
        return []


class WaveformView(QWidget):
    seekRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Waveform")
        self.setToolTip("Click or drag to seek")
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._envelope: list[float] = []
        self._duration = 0
        self._position = 0
        self._turns: list[tuple[int, int, QColor]] = []
        self._highlights: list[tuple[int, int, QColor]] = []
        self._search: list[int] = []
        self._status = ""

    def sizeHint(self) -> QSize:
        return QSize(600, 72)

    # --- data ------------------------------------------------------------------------------------
    def set_envelope(self, values: Sequence[float] | None) -> None:
        self._envelope = [min(1.0, max(0.0, float(v))) for v in values] if values else []
        self._status = ""
        self.update()

    @property
    def envelope(self) -> list[float]:
        return list(self._envelope)

    def set_status(self, text: str) -> None:
        """A short text shown while there is no envelope ("Reading audio…", "No audio")."""
        self._status = text
        self.update()

    def set_duration(self, duration_ms: int) -> None:
        self._duration = max(0, duration_ms)
        self.update()

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
        self.update()

    def set_highlight_markers(self, spans: list[tuple[int, int, QColor]]) -> None:
        self._highlights = spans
        self.update()

    def set_search_markers(self, positions_ms: list[int]) -> None:
        self._search = positions_ms
        self.update()

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
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self.palette()
        c = self._content()
        bg = QPainterPath()
        bg.addRoundedRect(c.adjusted(-6, -4, 6, 4), 8, 8)
        p.fillPath(bg, pal.color(QPalette.ColorRole.Base))

        wave = QRectF(c.left(), c.top() + MARK_H + 2, c.width(), c.height() - MARK_H - STRIP_H - 6)
        mid = wave.center().y()
        play_x = self._x_for(self._position)
        played = QColor(theme.ACCENT)
        unplayed = theme.muted_text(pal)
        unplayed.setAlpha(150)
        if self._envelope and c.width() > 0:
            n = len(self._envelope)
            cols = max(1, int(c.width() / 3))
            for i in range(cols):
                a = int(i * n / cols)
                b = max(a + 1, int((i + 1) * n / cols))
                level = max(self._envelope[a:b])
                x = c.left() + i * 3
                half = max(0.5, level * wave.height() / 2)
                p.fillRect(QRectF(x, mid - half, 2, half * 2), played if x < play_x else unplayed)
        else:
            pen = QPen(unplayed, 1)
            p.setPen(pen)
            p.drawLine(QPointF(c.left(), mid), QPointF(c.right(), mid))
            if self._status:
                p.setPen(theme.muted_text(pal))
                p.drawText(wave, Qt.AlignmentFlag.AlignCenter, self._status)

        if self._duration > 0:
            strip_top = c.bottom() - STRIP_H
            for start, end, color in self._turns:
                x0, x1 = self._x_for(start), self._x_for(end)
                p.fillRect(QRectF(x0, strip_top, max(1.0, x1 - x0 - 1), STRIP_H), color)
            for start, end, color in self._highlights:
                x0, x1 = self._x_for(start), self._x_for(end)
                marker = QColor(color)
                marker.setAlpha(230)
                p.fillRect(QRectF(x0, c.top(), max(3.0, x1 - x0), MARK_H), marker)
            for ms in self._search:
                x = self._x_for(ms)
                p.fillRect(QRectF(x - 1, c.top(), 2, wave.bottom() - c.top()), theme.SEARCH_MATCH)

        if self._duration > 0:  # the playhead
            p.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1.5))
            p.drawLine(QPointF(play_x, c.top() - 2), QPointF(play_x, c.bottom() + 2))
        p.end()

    # --- seeking -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._duration > 0:
            self.seekRequested.emit(self.position_at_x(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._duration > 0:
            self.seekRequested.emit(self.position_at_x(event.position().x()))
