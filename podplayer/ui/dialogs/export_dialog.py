"""File → Export…: choose what (episode, selected highlights, a tag, the library), how and where.

The dialog reads the highlights on the GUI thread (quick library reads), then runs the export itself
through the job runner (progress and Cancel here and in the status bar). It never overwrites
a file without asking, and remembers the last format and folder in the settings.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.export import (
    CLIP_FORMATS,
    FORMATS,
    NEEDS_HIGHLIGHTS,
    ClipOptions,
    ExportBundle,
    VideoOptions,
    export_bundle,
)
from podplayer.core.export.card import plan_cards
from podplayer.core.export.clips import combined_filename, plan_clips
from podplayer.core.export.filenames import safe_name_part
from podplayer.core.export.scope import episode_bundle, library_bundle, tag_bundle
from podplayer.core.export.video import plan_videos
from podplayer.core.model import Episode, Highlight, PodplayerError
from podplayer.store.repository import Library
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.settings import Settings
from podplayer.ui.share.card_painter import write_card

SCOPE_EPISODE = "episode"
SCOPE_SELECTED = "selected"
SCOPE_TAG = "tag"
SCOPE_LIBRARY = "library"
# What a folder of each folder format is called by default ("Garden Hour clips").
FOLDER_NAMES = {"clips": "clips", "video": "videos", "card": "cards"}


class ExportDialog(QDialog):
    def __init__(
        self,
        library: Library,
        settings: Settings,
        jobs: JobRunner,
        episode: Episode | None,
        selected: list[Highlight],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("export_dialog")
        self.library = library
        self.settings = settings
        self.jobs = jobs
        self.episode = episode
        self.job: Job | None = None
        self.written: list[Path] = []
        self.episode_id: int | None = episode.id if episode is not None else None
        self.selected_ids = [h.id for h in selected if h.id is not None]

        self.scope = QComboBox()
        self.scope.setAccessibleName("What to export")
        if episode is not None and self.episode_id is not None:
            self.scope.addItem(f"This episode: {episode.title}", SCOPE_EPISODE)
            if self.selected_ids:
                self.scope.addItem(f"Selected highlights ({len(self.selected_ids)})", SCOPE_SELECTED)
        self.tags = [t.name for t in self.library.tags()]
        if self.tags:
            self.scope.addItem("Highlights with a tag", SCOPE_TAG)
        self.scope.addItem("Whole library", SCOPE_LIBRARY)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag")
        self.tag.addItems(self.tags)

        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for name, (label, _suffix) in FORMATS.items():
            self.format.addItem(label, name)
        remembered = self.format.findData(self.settings.last_export_format)
        self.format.setCurrentIndex(max(remembered, 0))

        self.template = QLineEdit()
        self.template.setPlaceholderText("built-in template")
        self.template.setAccessibleName("Markdown template")
        self.template_browse = QPushButton("Browse…")
        self.template_browse.clicked.connect(self._browse_template)
        self.pad = QDoubleSpinBox()
        self.pad.setRange(0.0, 60.0)
        self.pad.setSingleStep(0.25)
        self.pad.setValue(0.5)
        self.pad.setSuffix(" s")
        self.pad.setAccessibleName("Padding around each clip")
        self.clip_format = QComboBox()
        self.clip_format.addItems(list(CLIP_FORMATS))
        self.clip_format.setAccessibleName("Clip audio format")
        self.combined = QCheckBox("Also join all clips into one “best of” file")
        self.embed_audio = QCheckBox("Pack the audio files into the project")
        self.embed_audio.setChecked(True)
        self.embed_audio.setToolTip("Off: the project refers to the audio files where they are on this computer")

        self.destination = QLineEdit()
        self.destination.setAccessibleName("Destination")
        self.destination_browse = QPushButton("Browse…")
        self.destination_browse.clicked.connect(self._browse_destination)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setVisible(False)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel_export)

        form = QFormLayout()
        form.addRow("Export", self.scope)
        form.addRow("Tag", self.tag)
        form.addRow("Format", self.format)
        self.template_row = self._row(self.template, self.template_browse)
        form.addRow("Template", self.template_row)
        form.addRow("Padding", self.pad)
        form.addRow("Clip format", self.clip_format)
        form.addRow("", self.combined)
        form.addRow("", self.embed_audio)
        form.addRow("Save to", self._row(self.destination, self.destination_browse))
        self.form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.scope.currentIndexChanged.connect(self._update)
        self.tag.currentIndexChanged.connect(self._update)
        self.format.currentIndexChanged.connect(self._update)
        self.clip_format.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())

    @staticmethod
    def _row(edit: QWidget, button: QWidget) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(button)
        return row

    # --- choices ---------------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _set_row_visible(self, field: QWidget, visible: bool) -> None:
        field.setVisible(visible)
        label = self.form.labelForField(field)
        if label is not None:
            label.setVisible(visible)

    def _scope_title(self) -> str:
        scope = self.scope.currentData()
        if scope in (SCOPE_EPISODE, SCOPE_SELECTED):
            return self.episode.title if self.episode is not None else "episode"
        if scope == SCOPE_TAG:
            return f"tag {self.tag.currentText()}"
        return "library"

    def _update(self) -> None:
        fmt = self.fmt
        clips = fmt == "clips"
        folder_format = FORMATS[fmt][1] == ""  # clips, videos, cards
        self._set_row_visible(self.tag, self.scope.currentData() == SCOPE_TAG)
        self._set_row_visible(self.template_row, fmt == "md")
        self._set_row_visible(self.pad, clips or fmt == "video")
        self._set_row_visible(self.clip_format, clips)
        self.combined.setVisible(clips)
        self.embed_audio.setVisible(fmt == "qdpx")
        current = self.destination.text().strip()
        folder = Path(current).parent if current else Path(self.settings.last_export_folder or Path.home())
        stem = safe_name_part(self._scope_title(), max_bytes=100, fallback="highlights")
        if folder_format:
            self.destination.setText(str(folder / f"{stem} {FOLDER_NAMES.get(fmt, fmt)}"))
        else:
            self.destination.setText(str(folder / f"{stem}{FORMATS[fmt][1]}"))

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Markdown template", self.template.text(), "Jinja2 (*.j2 *.md);;All (*)")
        if path:
            self.template.setText(path)

    def _browse_destination(self) -> None:
        current = self.destination.text()
        if FORMATS[self.fmt][1] == "":
            path = QFileDialog.getExistingDirectory(self, f"Folder for the {FOLDER_NAMES.get(self.fmt, 'files')}", current)
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export to", current, options=QFileDialog.Option.DontConfirmOverwrite
            )  # overwriting is confirmed by start_export, once, for every format
        if path:
            self.destination.setText(path)

    # --- exporting -------------------------------------------------------------------------------

    def build_bundle(self) -> ExportBundle:
        scope = self.scope.currentData()
        include_empty = self.fmt not in NEEDS_HIGHLIGHTS
        if scope == SCOPE_EPISODE and self.episode_id is not None:
            return episode_bundle(self.library, self.episode_id)
        if scope == SCOPE_SELECTED and self.episode_id is not None:
            return episode_bundle(self.library, self.episode_id, self.selected_ids)
        if scope == SCOPE_TAG:
            return tag_bundle(self.library, self.tag.currentText())
        return library_bundle(self.library, include_empty=include_empty)

    def clip_options(self) -> ClipOptions:
        return ClipOptions(
            fmt=self.clip_format.currentText(), pad_ms=round(self.pad.value() * 1000), combined=self.combined.isChecked()
        )

    def existing_targets(self, bundle: ExportBundle, dest: Path) -> list[Path]:
        if self.fmt == "video":
            return [dest / s.filename for s in plan_videos(bundle, VideoOptions()) if (dest / s.filename).exists()]
        if self.fmt == "card":
            return [dest / name for name, _ in plan_cards(bundle) if (dest / name).exists()]
        if self.fmt != "clips":
            return [dest] if dest.exists() else []
        options = self.clip_options()
        names = [spec.filename for spec in plan_clips(bundle, options)]
        if options.combined:
            names.append(combined_filename(bundle, options.fmt))
        return [dest / n for n in names if (dest / n).exists()]

    def confirm_overwrite(self, existing: list[Path]) -> bool:
        what = str(existing[0]) if len(existing) == 1 else f"{len(existing)} files in {existing[0].parent}"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace existing files?",
            f"{what} already exists. Replace it?" if len(existing) == 1 else f"{what} already exist. Replace them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_overwrite")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def start_export(self) -> None:
        text = self.destination.text().strip()
        if not text:
            self.show_error("Choose where to save the export.")
            return
        dest = Path(text).expanduser()
        template = Path(self.template.text()).expanduser() if self.fmt == "md" and self.template.text().strip() else None
        try:
            bundle = self.build_bundle()
            existing = self.existing_targets(bundle, dest)
        except PodplayerError as exc:
            self.show_error(str(exc))
            return
        if existing and not self.confirm_overwrite(existing):
            return
        fmt, options, force = self.fmt, self.clip_options(), bool(existing)
        embed_audio = self.embed_audio.isChecked()
        self.settings.last_export_format = fmt
        self.settings.last_export_folder = str(dest if FORMATS[fmt][1] == "" else dest.parent)
        video = VideoOptions(pad_ms=options.pad_ms)

        def job(progress: Any, cancel: Any) -> list[Path]:
            return export_bundle(
                bundle,
                fmt,
                dest,
                force=force,
                template=template,
                clip_options=dataclasses.replace(options),
                progress=progress,
                cancel=cancel,
                video_options=video,
                card_renderer=write_card,
                embed_audio=embed_audio,
            )

        self._set_running(True)
        self.status.setText("Exporting…")
        self.job = self.jobs.run(
            f"Export {FORMATS[fmt][0]}", job, self._succeeded, self._failed, self._cancelled
        )
        self.job.progressed.connect(self._progressed)

    def cancel_export(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, done: float, total: float, message: str) -> None:
        self.progress.setMaximum(1000)
        self.progress.setValue(int(1000 * done / total) if total else 0)
        if message:
            self.status.setText(message)

    def _succeeded(self, written: object) -> None:
        self.written = list(written) if isinstance(written, list) else []
        self._set_running(False)
        where = self.written[0] if len(self.written) == 1 else f"{len(self.written)} files in {self.destination.text()}"
        self.status.setText(f"Exported {where}")
        self.job = None

    def _failed(self, message: str) -> None:
        self._set_running(False)
        self.show_error(message)
        self.job = None

    def _cancelled(self) -> None:
        self._set_running(False)
        self.status.setText("Export cancelled; nothing was written.")
        self.job = None

    def show_error(self, message: str) -> None:
        self.status.setText(f"Could not export: {message}")

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.export_button.setEnabled(not running)
        self.close_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        for widget in (self.scope, self.tag, self.format, self.template, self.pad, self.clip_format, self.combined,
                       self.destination, self.destination_browse, self.template_browse):  # fmt: skip
            widget.setEnabled(not running)

    def reject(self) -> None:
        if self.job is not None:  # closing while exporting cancels it (the job cleans up after itself)
            self.job.cancel()
        super().reject()
