"""Pieces every painted list row shares: the selection highlight, the smaller meta font, a progress bar."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from podplayer.ui import theme


def paint_selection(painter: QPainter, option: QStyleOptionViewItem, rect: QRectF) -> None:
    """A soft rounded highlight behind ``rect`` when the row is selected."""
    if not option.state & QStyle.StateFlag.State_Selected:
        return
    path = QPainterPath()
    path.addRoundedRect(rect, 8, 8)
    fill = option.palette.color(QPalette.ColorRole.Highlight)
    fill.setAlpha(60)
    painter.fillPath(path, fill)


def small_font(font: QFont) -> QFont:
    """The font for a row's second line: 85 % of ``font``, never below 7 pt."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return small


def paint_progress_bar(painter: QPainter, palette: QPalette, rect: QRectF, fraction: float) -> None:
    """A rounded muted track with the accent-coloured ``fraction`` (0..1) filled from the left."""
    radius = rect.height() / 2
    track = theme.muted_text(palette)
    track.setAlpha(60)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(track)
    painter.drawRoundedRect(rect, radius, radius)
    if fraction > 0:
        painter.setBrush(theme.ACCENT)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height()), radius, radius)
