""""Add podcast…": search the directory by name (or paste a feed URL), pick a result, subscribe."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.feeds.directory import DirectoryChoice, DirectoryEntry, search_directory
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.urls import is_http_url
from podplayer.ui.artwork import ArtworkCache
from podplayer.ui.jobs import Job, JobRunner

ART = 48


class AddPodcastDialog(QDialog):
    """After ``exec()`` returns Accepted, :attr:`feed_url` is what to subscribe to."""

    def __init__(
        self, jobs: JobRunner, client: HttpClient, artwork: ArtworkCache, directory: DirectoryChoice,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add podcast")
        self.resize(560, 520)
        self._jobs, self._client, self._artwork, self._directory = jobs, client, artwork, directory
        self._job: Job | None = None
        self.feed_url = ""

        self.query = QLineEdit()
        self.query.setPlaceholderText("Search by name, or paste a feed URL (https://…)")
        self.query.setClearButtonEnabled(True)
        self.search_button = QPushButton("Search")
        self.search_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)

        self.results = QListWidget()
        self.results.setIconSize(QSize(ART, ART))
        self.results.setAccessibleName("Search results")
        self.status = QLabel(f"Search {directory.directory.label} by name, or paste the address of a feed.")
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.subscribe_button = self.buttons.addButton("Subscribe", QDialogButtonBox.ButtonRole.AcceptRole)
        self.subscribe_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.search_button.clicked.connect(self.search)
        self.query.returnPressed.connect(self.search)
        self.query.textChanged.connect(self._on_text)
        self.results.currentItemChanged.connect(lambda *_: self._on_text(self.query.text()))
        self.results.itemDoubleClicked.connect(lambda _i: self._accept())
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        artwork.changed.connect(self._artwork_arrived)

    def _on_text(self, text: str) -> None:
        is_url = is_http_url(text.strip())
        self.search_button.setText("Add URL" if is_url else "Search")
        self.subscribe_button.setEnabled(is_url or self.results.currentItem() is not None)

    def search(self) -> None:
        text = self.query.text().strip()
        if is_http_url(text):
            self._accept()
            return
        if not text:
            return
        if self._job is not None:
            self._job.cancel()
        client, d = self._client, self._directory
        self.status.setText(f"Searching {d.directory.label} for “{text}”…")
        self.results.clear()

        def work(progress: object, cancel: object) -> list[DirectoryEntry]:
            return search_directory(client, text, d)

        self._job = self._jobs.run("Searching podcasts", work, self._show_results, self._failed)

    def _show_results(self, entries: list[DirectoryEntry]) -> None:
        self._job = None
        self.results.clear()
        for entry in entries:
            count = f"  ·  {entry.episode_count} episodes" if entry.episode_count is not None else ""
            item = QListWidgetItem(f"{entry.title}\n{entry.author}{count}")
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(entry.feed_url)
            item.setIcon(QIcon(self._artwork.pixmap(entry.artwork, entry.title, ART)))
            self.results.addItem(item)
        self.status.setText(f"{len(entries)} podcasts found." if entries else "Nothing found. Try other words, or paste the feed URL.")
        if entries:
            self.results.setCurrentRow(0)

    def _failed(self, message: str) -> None:
        self._job = None
        self.status.setText(f"The search did not work: {message}")

    def _artwork_arrived(self, url: str) -> None:
        for i in range(self.results.count()):
            item = self.results.item(i)
            entry: DirectoryEntry = item.data(Qt.ItemDataRole.UserRole)
            if entry.artwork == url:
                item.setIcon(QIcon(self._artwork.pixmap(entry.artwork, entry.title, ART)))

    def _accept(self) -> None:
        text = self.query.text().strip()
        item = self.results.currentItem()
        if is_http_url(text):
            self.feed_url = text
        elif item is not None:
            self.feed_url = item.data(Qt.ItemDataRole.UserRole).feed_url
        else:
            return
        self.accept()

    def done(self, result: int) -> None:
        if self._job is not None:
            self._job.cancel()
        super().done(result)
