"""Share → Video… / Card… on a highlight: a preview frame of its video, then the video (rendered by
ffmpeg in the background, with progress and Cancel) or its quote card, saved where the user says.

The dialog only turns choices into calls on core/export (video.py, card.py); the frame, the video and
the card are the same ones ``podplayer export --format video|card`` writes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.export.card import card_content, render_card
from podplayer.core.export.scope import episode_bundle
from podplayer.core.export.video import (
    SIZES,
    VideoOptions,
    VideoSpec,
    plan_videos,
    render_frame,
    render_video,
)
from podplayer.core.model import Highlight, PodplayerError
from podplayer.store.repository import Library
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.settings import Settings
from podplayer.ui.share.card_painter import write_card

PREVIEW_PX = 360
SIZE_LABELS = {"1080x1080": "Square 1080 × 1080", "1920x1080": "Landscape 1920 × 1080", "1080x1920": "Portrait 1080 × 1920"}


class ShareDialog(QDialog):
    def __init__(self, library: Library, settings: Settings, jobs: JobRunner, highlight: Highlight,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Share highlight")
        self.setAccessibleName("Share highlight")
        self.settings = settings
        self.jobs = jobs
        self.highlight = highlight
        self.video_job: Job | None = None
        self.preview_job: Job | None = None
        self._previews = tempfile.TemporaryDirectory(prefix="podplayer-share-", ignore_cleanup_errors=True)
        assert highlight.episode_id is not None and highlight.id is not None
        self.item = episode_bundle(library, highlight.episode_id, [highlight.id]).items[0]
        self.spec: VideoSpec | None = None
        problem = ""
        try:
            [self.spec] = plan_videos(episode_bundle(library, highlight.episode_id, [highlight.id]), VideoOptions())
        except PodplayerError as exc:
            problem = str(exc)

        self.frame_size = QComboBox()
        self.frame_size.setAccessibleName("Size")
        for key in SIZES:
            self.frame_size.addItem(SIZE_LABELS[key], key)
        self.preview = QLabel("Rendering a preview…")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_PX, PREVIEW_PX)
        self.preview.setObjectName("sharePreview")
        self.preview.setStyleSheet("#sharePreview { background: #151a21; color: #a3adb8; border-radius: 6px; }")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel(problem)
        self.status.setWordWrap(True)
        self.video_button = QPushButton("Save video…")
        self.video_button.setEnabled(self.spec is not None)
        self.card_button = QPushButton("Save card…")
        self.cancel_button = QPushButton("Cancel video")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.video_button, self.card_button, self.cancel_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setVisible(False)  # (after addButton, which shows it)
        self.buttons.rejected.connect(self.reject)
        self.video_button.clicked.connect(self._choose_video)
        self.card_button.clicked.connect(self._choose_card)
        self.cancel_button.clicked.connect(self.cancel_video)
        self.frame_size.currentIndexChanged.connect(lambda _i: self.refresh_preview())

        form = QFormLayout()
        form.addRow("Size:", self.frame_size)
        layout = QVBoxLayout(self)
        quote = QLabel(f"“{' '.join(highlight.quote.split()[:30])}{'…' if len(highlight.quote.split()) > 30 else ''}”")
        quote.setWordWrap(True)
        layout.addWidget(quote)
        layout.addLayout(form)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.refresh_preview()

    # --- choices -----------------------------------------------------------------------------------
    def options(self) -> VideoOptions:
        return VideoOptions(size=SIZES[str(self.frame_size.currentData())])

    def refresh_preview(self) -> Job | None:
        """Render the frame from the middle of the video at the chosen size, in the background."""
        spec = self.spec
        if spec is None:
            self.preview.setText("No video for this highlight")
            return None
        options = self.options()
        target = Path(self._previews.name) / f"{options.size[0]}x{options.size[1]}.png"

        def work(_progress: Any, _cancel: Any) -> Path:
            return render_frame(spec, target, options)

        def shown(path: object) -> None:
            pixmap = QPixmap(str(path))
            self.preview.setPixmap(pixmap.scaled(PREVIEW_PX, PREVIEW_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))  # fmt: skip

        self.preview_job = self.jobs.run("Video preview", work, shown, lambda m: self.preview.setText(m))
        return self.preview_job

    def _default_path(self, suffix: str) -> str:
        folder = Path(self.settings.last_export_folder or Path.home())
        name = self.spec.filename if self.spec is not None else "highlight.mp4"
        return str(folder / Path(name).with_suffix(suffix).name)

    def _choose_video(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save video", self._default_path(".mp4"), "MP4 video (*.mp4)")
        if path:
            self.save_video(Path(path))

    def _choose_card(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save card", self._default_path(".png"), "PNG image (*.png)")
        if path:
            self.save_card(Path(path))

    # --- saving ------------------------------------------------------------------------------------
    def save_video(self, path: Path) -> Job | None:
        """Render the video to ``path`` in the background (progress below, Cancel stops ffmpeg)."""
        spec = self.spec
        if spec is None or self.video_job is not None:
            return self.video_job
        options = self.options()
        self.settings.last_export_folder = str(path.parent)

        def work(progress: Any, cancel: Any) -> Path:
            return render_video(spec, path, options, progress, cancel)

        def ended() -> None:
            self.video_job = None
            self._set_running(False)

        job = self.jobs.run(f"Video of a highlight ({path.name})", work,
                            lambda p: self.status.setText(f"Saved {p}"),
                            lambda m: self.status.setText(f"Could not make the video: {m}"),
                            lambda: self.status.setText("Cancelled; nothing was saved."))  # fmt: skip
        job.progressed.connect(self._progressed)
        job.finished.connect(ended)
        self.video_job = job
        self._set_running(True)
        self.status.setText("Rendering the video…")
        return job

    def cancel_video(self) -> None:
        if self.video_job is not None:
            self.video_job.cancel()

    def save_card(self, path: Path) -> Path | None:
        size = self.options().size
        try:
            render_card(card_content(self.item, self.highlight, size), path, write_card)
        except (PodplayerError, OSError) as exc:
            self.status.setText(f"Could not save the card: {exc}")
            return None
        self.settings.last_export_folder = str(path.parent)
        self.status.setText(f"Saved {path}")
        return path

    def _progressed(self, done: float, total: float, _message: str) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(round(1000 * done / total) if total else 0)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.cancel_button.setVisible(running)
        self.video_button.setEnabled(not running and self.spec is not None)
        self.frame_size.setEnabled(not running)

    def done(self, result: int) -> None:
        self.cancel_video()
        super().done(result)
