"""Paints a quote card (core/export/card.py decides what is on it) into a PNG, offscreen with QPainter.

Layout, for any size: the artwork top left with the podcast and episode beside it, the quote large
in the middle (its font shrinks until it fits, and a quote too long even then ends in "…"), the
speaker and the time at the bottom, podplayer's name bottom right.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QLinearGradient,
    QPainter,
    QPainterPath,
)

from podplayer.core.export.card import CardContent
from podplayer.core.export.cover import FALLBACK_ART, embedded_cover
from podplayer.core.model import PodplayerError

BACKGROUND_TOP = QColor("#1b222c")
BACKGROUND_BOTTOM = QColor("#11151b")
ACCENT = QColor("#f5b642")
GREY = QColor("#a3adb8")
WHITE = QColor("#f4f6f8")
FAMILY = "DejaVu Sans"
WRAP = int(Qt.TextFlag.TextWordWrap)


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def _artwork(content: CardContent) -> QImage:
    data = embedded_cover(content.audio_path)
    image = QImage()
    if data is None or not image.loadFromData(data):
        image = QImage(str(FALLBACK_ART))
    return image


def _fit_quote(text: str, rect: QRectF, largest: float, smallest: float) -> tuple[QFont, str]:
    """The largest font (down to ``smallest``) at which ``text`` fits ``rect``; at the smallest, the words
    that fit followed by "…"."""
    px = largest
    while px >= smallest:
        font = _font(px)
        if QFontMetricsF(font).boundingRect(rect, WRAP, text).height() <= rect.height():
            return font, text
        px *= 0.92
    font = _font(smallest)
    metrics = QFontMetricsF(font)
    words = text.split()
    low, high = 1, len(words)
    while low < high:  # the most words that fit with the ellipsis
        mid = (low + high + 1) // 2
        if metrics.boundingRect(rect, WRAP, " ".join(words[:mid]) + " …").height() <= rect.height():
            low = mid
        else:
            high = mid - 1
    return font, " ".join(words[:low]) + " …"


def paint_card(content: CardContent) -> QImage:
    w, h = content.size
    unit = min(w, h)
    margin = unit * 0.065
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)  # fmt: skip
        gradient = QLinearGradient(0, 0, 0, h)
        gradient.setColorAt(0, BACKGROUND_TOP)
        gradient.setColorAt(1, BACKGROUND_BOTTOM)
        painter.fillRect(0, 0, w, h, gradient)

        art = unit * 0.17
        art_rect = QRectF(margin, margin, art, art)
        clip = QPainterPath()
        clip.addRoundedRect(art_rect, art * 0.08, art * 0.08)
        painter.save()
        painter.setClipPath(clip)
        cover = _artwork(content)
        if not cover.isNull():
            painter.drawImage(art_rect, cover.scaled(round(art), round(art), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                                     Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        painter.restore()

        text_x = margin + art + margin * 0.5
        text_w = w - text_x - margin
        y = margin + art * 0.06
        if content.podcast:
            painter.setFont(_font(unit * 0.028))
            painter.setPen(GREY)
            line = QFontMetricsF(painter.font()).elidedText(content.podcast, Qt.TextElideMode.ElideRight, text_w)
            painter.drawText(QRectF(text_x, y, text_w, unit * 0.04), int(Qt.AlignmentFlag.AlignLeft), line)
            y += unit * 0.045
        painter.setFont(_font(unit * 0.036, bold=True))
        painter.setPen(WHITE)
        painter.drawText(QRectF(text_x, y, text_w, art - (y - margin)), WRAP, content.episode)

        painter.setFont(_font(unit * 0.16, bold=True))
        painter.setPen(ACCENT)
        mark_top = margin + art + unit * 0.02
        painter.drawText(QRectF(margin, mark_top, unit * 0.2, unit * 0.16), int(Qt.AlignmentFlag.AlignLeft), "“")

        footer = unit * 0.05
        quote_rect = QRectF(margin, mark_top + unit * 0.13, w - 2 * margin, h - margin - footer * 2 - (mark_top + unit * 0.13))
        font, quote = _fit_quote(content.quote, quote_rect, unit * 0.066, unit * 0.03)
        painter.setFont(font)
        painter.setPen(WHITE)
        painter.drawText(quote_rect, WRAP, quote)

        bottom = QRectF(margin, h - margin - footer, w - 2 * margin, footer)
        painter.setFont(_font(unit * 0.03, bold=True))
        painter.setPen(ACCENT)
        who = content.speaker.upper()
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), who)
        if content.time:
            offset = QFontMetricsF(painter.font()).horizontalAdvance(who + "  ") if who else 0
            painter.setFont(_font(unit * 0.03))
            painter.setPen(GREY)
            painter.drawText(bottom.adjusted(offset, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             f"at {content.time}")  # fmt: skip
        painter.setFont(_font(unit * 0.026))
        painter.setPen(GREY)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), "podplayer")
    finally:
        painter.end()
    return image


def write_card(content: CardContent, target: Path) -> None:
    """The card renderer export_cards takes: paint and save as PNG."""
    writer = QImageWriter(str(target))
    writer.setFormat(QByteArray(b"png"))  # the target is a temporary name without the .png suffix
    if not writer.write(paint_card(content)):
        raise PodplayerError(f"{target}: could not write the PNG ({writer.errorString()})")
