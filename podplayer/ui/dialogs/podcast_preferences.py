"""The Podcasts group of Preferences: the directory "Add podcast…" searches, the Podcast Index key
and secret, and (under Advanced) each directory's base URL.

Whether a choice can search, and whether an address is acceptable, is decided in
``core.feeds.directory`` (the same rules the search applies); this group only shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from podplayer.core.feeds.directory import (
    PODCAST_INDEX_SIGN_UP_URL,
    Directory,
    DirectoryChoice,
    check_base_url,
)
from podplayer.core.feeds.errors import FeedError
from podplayer.ui.settings import Settings

FIELD_WIDTH = 340  # wide enough for a 40-character key or a full base URL without scrolling


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    widget: QWidget  # where the user fixes it


class AddressRow(QWidget):
    """One directory's base URL with a "Reset to default" button (blank also means the default)."""

    def __init__(self, directory: Directory, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.edit = QLineEdit(url or directory.default_base_url)
        self.edit.setPlaceholderText(directory.default_base_url)
        self.edit.setMinimumWidth(FIELD_WIDTH)
        self.edit.setAccessibleName(f"{directory.label} address")
        self.reset = QPushButton("Reset to default")
        self.reset.setToolTip(f"Use {directory.default_base_url}")
        self.reset.setAccessibleName(f"Reset the {directory.label} address to default")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.reset)
        self.reset.clicked.connect(lambda: self.edit.setText(directory.default_base_url))
        self.edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.reset.setEnabled(self.edit.text().strip() not in ("", self.directory.default_base_url))

    def url(self) -> str:
        return self.edit.text().strip()


class PodcastPreferences(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Podcasts", parent)
        self.apple = QRadioButton(f"{Directory.APPLE.label} (no key needed)")
        self.podcast_index = QRadioButton(Directory.PODCAST_INDEX.label)
        self.directory_group = QButtonGroup(self)
        self.directory_group.addButton(self.apple)
        self.directory_group.addButton(self.podcast_index)
        choices = QWidget()
        choice_row = QHBoxLayout(choices)
        choice_row.setContentsMargins(0, 0, 0, 0)
        choice_row.addWidget(self.apple)
        choice_row.addWidget(self.podcast_index)
        choice_row.addStretch(1)

        self.key = QLineEdit(settings.podcast_index_key)
        self.key.setAccessibleName("Podcast Index API key")
        self.secret = QLineEdit(settings.podcast_index_secret)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Podcast Index API secret")
        for edit in (self.key, self.secret):
            edit.setMinimumWidth(FIELD_WIDTH)
        host = PODCAST_INDEX_SIGN_UP_URL.split("://", 1)[1]
        self.key_hint = QLabel(
            f'Podcast Index needs both an API key and its secret; get them free at '
            f'<a href="{PODCAST_INDEX_SIGN_UP_URL}">{host}</a>.'
        )
        self.key_hint.setTextFormat(Qt.TextFormat.RichText)
        self.key_hint.setOpenExternalLinks(True)
        self.key_hint.setWordWrap(True)
        self.key_hint.setObjectName("fieldHint")  # styled in theme.py
        self.key_hint.setMinimumWidth(FIELD_WIDTH)
        self.key_hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.advanced = QToolButton()
        self.advanced.setText("Advanced: directory addresses")
        self._advanced_shown = False
        self.advanced.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced.setAutoRaise(True)
        self.addresses = {d: AddressRow(d, settings.directory_base_url(d)) for d in Directory}

        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.addRow("Search &directory:", choices)
        self.form.addRow("Podcast Index &key:", self.key)
        self.form.addRow("Podcast Index &secret:", self.secret)
        self.form.addRow("", self.key_hint)
        self.form.addRow(self.advanced)
        for d, row in self.addresses.items():
            self.form.addRow(f"{d.label} address:", row)

        chosen = settings.podcast_directory
        (self.podcast_index if chosen is Directory.PODCAST_INDEX else self.apple).setChecked(True)
        self.key.textChanged.connect(self._update_choices)
        self.secret.textChanged.connect(self._update_choices)
        self.advanced.clicked.connect(lambda: self._show_advanced(not self._advanced_shown))
        # A changed address is shown, so it is never in effect unseen.
        self._show_advanced(any(settings.directory_base_url(d) for d in Directory))
        self._update_choices()

    def _show_advanced(self, shown: bool) -> None:
        self._advanced_shown = shown
        self.advanced.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        for row in self.addresses.values():
            self.form.setRowVisible(row, shown)

    def _update_choices(self) -> None:
        usable = self.choice(Directory.PODCAST_INDEX).has_podcast_index_key
        self.podcast_index.setEnabled(usable)
        self.podcast_index.setToolTip("" if usable else "Enter the Podcast Index API key and secret first")
        if not usable and self.podcast_index.isChecked():
            self.apple.setChecked(True)

    @property
    def advanced_shown(self) -> bool:
        return self._advanced_shown

    @property
    def directory(self) -> Directory:
        return Directory.PODCAST_INDEX if self.podcast_index.isChecked() else Directory.APPLE

    def choice(self, directory: Directory | None = None) -> DirectoryChoice:
        d = directory or self.directory
        return DirectoryChoice(d, self.addresses[d].url(), self.key.text().strip(), self.secret.text().strip())

    def problem(self) -> Problem | None:
        """The first reason the fields cannot be saved, with the field to fix, or None."""
        message = self.choice().problem()
        if message is not None:
            needs_key = self.directory.needs_key and not self.choice().has_podcast_index_key
            return Problem(message, self.key if needs_key else self._reveal(self.directory))
        for d, row in self.addresses.items():
            try:
                check_base_url(row.url(), d)
            except FeedError as exc:
                return Problem(str(exc), self._reveal(d))
        return None

    def _reveal(self, directory: Directory) -> QWidget:
        self._show_advanced(True)
        return self.addresses[directory].edit

    def save(self, settings: Settings) -> None:
        """Store the fields; call only when :meth:`problem` is None."""
        settings.podcast_index_key = self.key.text()
        settings.podcast_index_secret = self.secret.text()
        for d, row in self.addresses.items():
            settings.set_directory_base_url(d, row.url())
        settings.podcast_directory = self.directory
