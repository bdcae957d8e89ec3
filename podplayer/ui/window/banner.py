"""A non-modal message strip above the transcript (media errors, "Sync to audio?" offers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

BannerKind = Literal["info", "warning", "error"]
KIND_COLORS: dict[BannerKind, str] = {"info": "#3d7bd9", "warning": "#d99a1f", "error": "#d9563d"}


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("Message banner")
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Banner message")
        self.action_button = QPushButton()
        self.action_button.setAccessibleName("Banner action")
        self.action_button.hide()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.clicked.connect(self._closed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], object] | None = None
        self._on_close: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run_action)
        self.kind: BannerKind | None = None  # None while hidden
        self.hide()

    def show_message(
        self,
        text: str,
        kind: BannerKind = "info",
        action: str = "",
        callback: Callable[[], object] | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """Show ``text``; ``callback`` runs on the action button, ``on_close`` when the user closes it."""
        self.kind = kind
        self._on_close = on_close
        self.label.setText(text)
        color = QColor(KIND_COLORS[kind])
        fill = QColor(color)
        fill.setAlpha(40)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, fill)
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"QFrame#banner {{ border: 1px solid {color.name()}; }}")
        self._callback = callback
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action and callback))
        self.show()

    def dismiss(self) -> None:
        self.kind = None
        self._callback = None
        self._on_close = None
        self.hide()

    def _closed(self) -> None:
        on_close = self._on_close
        self.dismiss()
        if on_close is not None:
            on_close()

    def _run_action(self) -> None:
        callback = self._callback
        self.dismiss()
        if callback is not None:
            callback()
