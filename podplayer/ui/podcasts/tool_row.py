"""A row of tool buttons that fits the width it gets: each shows its text beside its icon when the
whole row has room for that, else only its icon (its text and a longer description stay in the
tooltip). Nothing is ever cut off, and the row never forces its pane to be wider than the icons need.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QToolButton, QWidget

from podplayer.ui.icons import icon

SPACING = 4


class ToolRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.setSpacing(SPACING)
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.buttons: list[QToolButton] = []

    def add_button(self, icon_name: str, text: str, tooltip: str = "", *, checkable: bool = False) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolTip(tooltip or text.replace("&", ""))
        button.setAccessibleName(text.replace("&", "").replace("…", ""))
        button.setCheckable(checkable)
        button.setAutoRaise(False)
        self._layout.addWidget(button)
        self.buttons.append(button)
        self.fit()
        return button

    def add_stretch(self) -> None:
        self._layout.addStretch(1)

    def _needed(self, style: Qt.ToolButtonStyle) -> int:
        visible = [b for b in self.buttons if not b.isHidden()]
        for b in visible:
            b.setToolButtonStyle(style)
        margins = self._layout.contentsMargins()
        widths = sum(b.sizeHint().width() for b in visible)
        return widths + SPACING * max(0, len(visible) - 1) + margins.left() + margins.right()

    def fit(self) -> None:
        """Choose text or icons for the current width (call after a button's text changed)."""
        wide = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        style = wide if self._needed(wide) <= self.width() else Qt.ToolButtonStyle.ToolButtonIconOnly
        for b in self.buttons:
            b.setToolButtonStyle(style)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        height = max((b.sizeHint().height() for b in self.buttons), default=0)
        margins = self._layout.contentsMargins()
        icons = sum(b.iconSize().width() + 10 for b in self.buttons if not b.isHidden())
        return QSize(icons + SPACING * len(self.buttons) + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()
