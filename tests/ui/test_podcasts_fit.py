"""The Podcasts tab fits its pane at common window sizes with the default splitter: no button or label
cut off or elided, no horizontal scrollbar, the header on its own line, messages in the status bar."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListView, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from podplayer.ui.window.main_window import MainWindow

DOWNLOAD_NOTE = "Downloaded. Transcript: vtt (podcast:transcript) after 1 failed. Skipped: srt (no captions)"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _cut_off(widget: QWidget, root: QWidget) -> bool:
    """Whether part of ``widget`` lies outside ``root`` (clipped by the pane)."""
    top_left = widget.mapTo(root, QPoint(0, 0))
    return not root.rect().contains(QRect(top_left, widget.size()))


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&", "")
    if isinstance(button, QToolButton) and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        if button.icon().isNull() or not button.toolTip():
            return f"{text!r}: shown as an icon without an icon or a tooltip"
        return None
    if button.width() < button.sizeHint().width():
        return f"{text!r}: {button.width()} px wide, needs {button.sizeHint().width()}"
    return None


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _label_problem(label: QLabel) -> str | None:
    text = _plain(label.text())
    if not text.strip():
        return None
    width = label.contentsRect().width()
    bold = QFont(label.font())
    bold.setBold(True)  # rich-text labels may set words in bold: measure as if all were
    metrics = QFontMetrics(bold)
    if not label.wordWrap():
        return None if width >= metrics.horizontalAdvance(text) else f"{text!r}: elided at {width} px"
    widest = max(metrics.horizontalAdvance(word) for word in text.split())
    if widest > width:
        return f"{text!r}: a word does not fit in {width} px"
    if width < 2 * widest:  # a column about a word wide: the word-by-word wrap of a squeezed header
        return f"{text!r}: squeezed into {width} px"
    if label.height() < label.heightForWidth(label.width()):
        return f"{text!r}: cut at the bottom"
    return None


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000)])
def test_the_podcasts_tab_fits_its_pane(
    qtbot: QtBot, make_window: Callable[[], MainWindow], subscribed: int, size: tuple[int, int]
) -> None:
    window = make_window()
    window.resize(*size)
    window.show_podcasts()
    view = window.podcasts_view
    view.podcast_list.setCurrentIndex(view.podcast_model.index(0))
    view.episode_list.setCurrentIndex(view.episode_model.index(0))
    view.say(DOWNLOAD_NOTE)
    qtbot.waitUntil(lambda: window.width() == size[0] and view.width() > 0)
    QApplication.processEvents()
    assert _plain(view.podcast_title.text()).startswith("Podcasting 2.0 Namespace Example")

    problems: list[str] = []
    buttons = [b for b in view.findChildren(QAbstractButton) if _shown(b, view)]
    labels = [lb for lb in view.findChildren(QLabel) if _shown(lb, view)]
    assert {view.add_button, view.opml_button, view.refresh_button, view.download_button, view.play_button,
            view.transcribe_new} <= set(buttons)
    for button in buttons:
        problems.append(_button_problem(button) or "")
        problems.append(f"{button.text()!r}: outside the pane" if _cut_off(button, view) else "")
    for label in labels:
        problems.append(_label_problem(label) or "")
        problems.append(f"{label.text()!r}: outside the pane" if _cut_off(label, view) else "")
    for listing in view.findChildren(QListView):
        problems.append(f"{listing.accessibleName()}: horizontal scrollbar" if listing.horizontalScrollBar().isVisible() else "")
    assert [p for p in problems if p] == []
    # The header has its own line across the pane, above the episode's actions.
    assert view.podcast_title.width() >= 0.9 * view.width()
    assert view.podcast_title.geometry().bottom() <= view.episode_bar.geometry().top()
    # Messages go to the status bar, not into the pane.
    assert window.statusBar().currentMessage() == DOWNLOAD_NOTE
    assert not [lb for lb in labels if DOWNLOAD_NOTE in lb.text()]
