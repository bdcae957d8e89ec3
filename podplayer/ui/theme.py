"""Colours, spacing and the application style sheet: one restrained palette, light and dark.

The app follows the system palette (Fusion style + the platform's light/dark scheme); this module only
adds accents and derives everything else from the active QPalette so both schemes stay readable.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Speaker and highlight colours are shared with the store and the exports.
from podplayer.core.palette import HIGHLIGHT_COLORS, speaker_color_for_name

ACCENT = QColor("#3d7bd9")

SEARCH_MATCH = QColor("#ff9f1c")
SEARCH_CURRENT = QColor("#ff6b00")


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def speaker_color(name: str, colors: dict[str, str] | None = None) -> QColor:
    """The speaker's stored colour, else a stable palette colour derived from the name."""
    if colors and name in colors and QColor(colors[name]).isValid():
        return QColor(colors[name])
    return QColor(speaker_color_for_name(name))


def highlight_color(name: str, alpha: int = 110) -> QColor:
    """A translucent fill for a highlight colour name or hex string (overlaps stay visible)."""
    color = QColor(HIGHLIGHT_COLORS.get(name.lower(), name)) if name else QColor(HIGHLIGHT_COLORS["yellow"])
    if not color.isValid():
        color = QColor(HIGHLIGHT_COLORS["yellow"])
    color.setAlpha(alpha)
    return color


def muted_text(palette: QPalette) -> QColor:
    """Secondary text (times, counts): the text colour blended halfway into the background."""
    fg = palette.color(QPalette.ColorRole.Text)
    bg = palette.color(QPalette.ColorRole.Base)
    return QColor(
        (fg.red() + bg.red()) // 2, (fg.green() + bg.green()) // 2, (fg.blue() + bg.blue()) // 2
    )


def current_turn_fill(palette: QPalette) -> QColor:
    color = QColor(ACCENT)
    color.setAlpha(60 if is_dark(palette) else 28)
    return color


def current_word_fill(palette: QPalette) -> QColor:
    color = QColor(ACCENT)
    color.setAlpha(150 if is_dark(palette) else 95)
    return color


STYLE_SHEET = """
QToolButton { padding: 4px; border-radius: 6px; }
QToolButton:hover { background: palette(midlight); }
QToolButton:checked { background: palette(mid); }
QFrame#banner { border-radius: 6px; padding: 2px 6px; }
QLabel#bannerText { padding: 2px; }
QPushButton#backToNow { border-radius: 12px; padding: 4px 12px; color: white; background: #3d7bd9; }
QLabel#badge { border-radius: 8px; padding: 1px 8px; color: white; background: #d99a1f; }
QWidget#playerBar { border-top: 1px solid palette(mid); }
QLabel#fieldError { color: #d9433b; font-weight: bold; }
QLabel#fieldHint { color: palette(placeholder-text); }
"""


def apply(app: QApplication) -> None:
    """Fusion style (consistent on every platform) following the system colour scheme."""
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
