"""Preferences → Known voices: the voices the library keeps by name (learnt when a speaker is renamed),
each with its podcast and how much speech it rests on; Forget deletes one from the library at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from podplayer.core.model import PodplayerError
from podplayer.store.repository import Library
from podplayer.usecases.speakers import forget_voice

NameRole = Qt.ItemDataRole.UserRole


class KnownVoices(QGroupBox):
    def __init__(self, library: Library) -> None:
        super().__init__("Known voices")
        self.library = library
        self.list = QListWidget()
        self.list.setAccessibleName("Known voices")
        self.list.setMaximumHeight(110)
        self.empty = QLabel("None yet. Rename a speaker (Annotate → Speakers) and later episodes name that voice.")
        self.empty.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        self.forget_button = QPushButton("Forget")
        self.forget_button.setToolTip("Delete this voice from the library: new episodes no longer get its name")
        self.forget_button.clicked.connect(self.forget_selected)
        self.list.currentItemChanged.connect(lambda *_: self.forget_button.setEnabled(self.list.currentItem() is not None))
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.forget_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for voice in self.library.voices():
            where = voice.podcast or "no podcast"
            item = QListWidgetItem(f"{voice.name}  ·  {where}  ·  learnt from {voice.seconds:.0f} s")
            item.setData(NameRole, voice.name)
            self.list.addItem(item)
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.forget_button.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.list.setCurrentRow(0)

    def forget_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            forget_voice(self.library, str(item.data(NameRole)))
        except PodplayerError as exc:
            self.error.setText(f"Could not forget the voice: {exc}")
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        self.reload()
