"""The band above a turn that notes audio not in the transcript (an ad) before it.

Grey while something else plays: the stretch's start time and "30 s not in the transcript (likely an
ad)"; a click plays it. While it plays it is the current place, filled like the current turn, with a
play mark, "Playing 30 s not in the transcript (likely an ad)" and a Skip button that jumps to the
stretch's end.

The delegate reserves the band's height on the rows that have a note (``band_height``) and paints
it with ``paint_note``; the view hit-tests the same rectangles (``band_rect``, ``skip_rect``).
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPolygonF

from podplayer.core.clock import format_clock
from podplayer.core.untranscribed import UntranscribedStretch
from podplayer.ui import theme

NotePart = Literal["skip", "note"]  # the Skip button of a note band, or the rest of the band

BAND_TOP = 6.0  # space above the band
BAND_PAD_Y = 7.0  # inside the band, above and below its line of text
BAND_GAP = 2.0  # between the band and what follows (a chapter heading or the turn)
BAND_INSET = 4.0  # from the row's sides, like the current turn's fill
TEXT_X = 18.0  # the same left edge as the turns' speaker names
SKIP_TEXT = "Skip  ›"
SKIP_SHORTCUT = "S"
SKIP_TOOLTIP = f"Skip to the end of the audio not in the transcript ({SKIP_SHORTCUT})"


def band_height(metrics: QFontMetricsF) -> float:
    """Height a note adds above its turn (``metrics``: the turn header's font)."""
    return BAND_TOP + metrics.height() + 2 * BAND_PAD_Y + BAND_GAP


def band_rect(width: float, metrics: QFontMetricsF) -> QRectF:
    """The band, relative to the row's top-left corner."""
    return QRectF(BAND_INSET, BAND_TOP, width - 2 * BAND_INSET, metrics.height() + 2 * BAND_PAD_Y)


def skip_rect(band: QRectF, metrics: QFontMetricsF) -> QRectF:
    """The Skip button at the band's right end (shown while the stretch plays)."""
    width = metrics.horizontalAdvance(SKIP_TEXT) + 24.0
    height = band.height() - 8.0
    return QRectF(band.right() - 8.0 - width, band.top() + 4.0, width, height)


def paint_note(
    painter: QPainter,
    band: QRectF,
    font: QFont,
    metrics: QFontMetricsF,
    palette: QPalette,
    note: UntranscribedStretch,
    playing: UntranscribedStretch | None,
) -> None:
    """The band for ``note``; ``playing``: the stretch playing now, when it is this note's."""
    muted = theme.muted_text(palette)
    path = QPainterPath()
    path.addRoundedRect(band, 8, 8)
    painter.setFont(font)
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    x = TEXT_X
    right = band.right() - 10.0
    if playing is not None:
        painter.fillPath(path, theme.current_turn_fill(palette))
        x += _play_mark(painter, QPointF(x, band.center().y()), metrics.capHeight()) + 8.0
        button = skip_rect(band, metrics)
        right = button.left() - 10.0
        _paint_skip(painter, button)
    else:
        fill = QColor(muted)
        fill.setAlpha(34)
        painter.fillPath(path, fill)
    time_text = format_clock(note.start_ms)
    painter.setPen(muted)
    painter.drawText(QRectF(x, band.top(), right - x, band.height()), align, time_text)
    x += metrics.horizontalAdvance(time_text) + 12.0
    if right - x < 30:
        return
    shown = playing if playing is not None else note
    painter.setPen(palette.color(QPalette.ColorRole.Text) if playing is not None else muted)
    text = metrics.elidedText(shown.describe(playing=playing is not None), Qt.TextElideMode.ElideRight, right - x)
    painter.drawText(QRectF(x, band.top(), right - x, band.height()), align, text)


def _play_mark(painter: QPainter, left_middle: QPointF, size: float) -> float:
    """A small play triangle (drawn, not a glyph: every font has it then); returns its width."""
    half = size * 0.6
    width = half * 1.6
    triangle = QPolygonF([
        QPointF(left_middle.x(), left_middle.y() - half),
        QPointF(left_middle.x() + width, left_middle.y()),
        QPointF(left_middle.x(), left_middle.y() + half),
    ])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.ACCENT)
    painter.drawPolygon(triangle)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    return width


def _paint_skip(painter: QPainter, button: QRectF) -> None:
    path = QPainterPath()
    path.addRoundedRect(button, button.height() / 2, button.height() / 2)
    painter.fillPath(path, theme.ACCENT)
    painter.setPen(QColor("white"))
    painter.drawText(button, Qt.AlignmentFlag.AlignCenter, SKIP_TEXT)
