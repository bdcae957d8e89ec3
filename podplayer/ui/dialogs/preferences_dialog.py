"""Edit → Preferences: playback (skip lengths, auto-rewind, skipping ads, re-syncing, how far back a mark
reaches and whether it sounds) and podcasts
(the directory to search and its key), stored in Settings, where nothing is saved while a field is
wrong; and the known voices, which live in the library (Forget acts at once)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from podplayer.store.repository import Library
from podplayer.ui.dialogs.known_voices import KnownVoices
from podplayer.ui.dialogs.podcast_preferences import PodcastPreferences
from podplayer.ui.settings import Settings

SPIN_WIDTH = 96  # one width for the three lengths, so they line up


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, library: Library | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.settings = settings
        self.skip_back = QSpinBox()
        self.skip_back.setRange(1, 60)
        self.skip_back.setSuffix(" s")
        self.skip_back.setValue(settings.skip_back_s)
        self.skip_back.setAccessibleName("Skip back length")
        self.skip_forward = QSpinBox()
        self.skip_forward.setRange(1, 120)
        self.skip_forward.setSuffix(" s")
        self.skip_forward.setValue(settings.skip_forward_s)
        self.skip_forward.setAccessibleName("Skip forward length")
        self.auto_rewind = QDoubleSpinBox()
        self.auto_rewind.setRange(0.0, 2.0)
        self.auto_rewind.setSingleStep(0.5)
        self.auto_rewind.setDecimals(1)
        self.auto_rewind.setSuffix(" s")
        self.auto_rewind.setSpecialValueText("Off")
        self.auto_rewind.setValue(settings.auto_rewind_s)
        self.auto_rewind.setAccessibleName("Auto-rewind on resume")
        self.auto_rewind.setToolTip("Step back this far when resuming after a pause, to catch the thread again")
        self.skip_ads = QCheckBox("Skip audio that is not in the transcript (ads)")
        self.skip_ads.setChecked(settings.skip_untranscribed)
        self.skip_ads.setAccessibleName("Skip ads")
        self.auto_resync = QCheckBox("Re-sync at once when a transcript no longer fits its audio")
        self.auto_resync.setChecked(settings.resync_automatically)
        self.auto_sync = QCheckBox("Sync untimed transcripts to their audio by themselves")
        self.auto_sync.setChecked(settings.sync_untimed_automatically)
        self.auto_sync.setAccessibleName("Sync untimed transcripts automatically")
        self.auto_sync.setToolTip("A transcript with estimated timing is synced word by word in the background "
                                  "as soon as its episode is opened")
        self.auto_resync.setAccessibleName("Re-sync automatically")
        self.auto_resync.setToolTip("Otherwise a banner asks once per episode")
        self.background_yields = QCheckBox("Background work yields to the window")
        self.background_yields.setChecked(settings.background_yields)
        self.background_yields.setAccessibleName("Background work yields to the window")
        self.background_yields.setToolTip(
            "Alignment, sync checks, transcription and feed updates run at a lower CPU priority, so scrolling"
            " and playback stay smooth; they take a little longer only when the machine is busy."
            " Takes effect the next time podplayer starts."
        )
        self.pause_typing = QCheckBox("Pause while I correct the transcript, then resume a few seconds back")
        self.pause_typing.setChecked(settings.pause_while_typing)
        self.pause_typing.setAccessibleName("Pause while typing")
        self.mark_seconds = QSpinBox()
        self.mark_seconds.setRange(5, 600)
        self.mark_seconds.setSuffix(" s")
        self.mark_seconds.setValue(settings.mark_seconds)
        self.mark_seconds.setAccessibleName("Mark the last seconds")
        self.mark_seconds.setToolTip("How far back `podplayer mark` (a desktop shortcut or headset button) highlights")
        self.mark_sound = QCheckBox("Play a soft sound when a mark is made")
        self.mark_sound.setChecked(settings.mark_sound)
        self.mark_sound.setAccessibleName("Sound on mark")
        self.global_shortcut = QCheckBox("Register a global shortcut where the desktop offers one")
        self.global_shortcut.setChecked(settings.global_shortcut)
        self.global_shortcut.setAccessibleName("Global shortcut for mark")
        self.global_shortcut.setToolTip(
            "Ctrl+Alt+M marks the last moments from any app, through the desktop's GlobalShortcuts portal"
            " (KDE Plasma 6, GNOME 48 and later); the desktop's settings can change the keys."
            " Takes effect the next time podplayer starts."
        )
        playback = QGroupBox("Playback")
        form = QFormLayout(playback)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for spin in (self.skip_back, self.skip_forward, self.auto_rewind, self.mark_seconds):
            spin.setMinimumWidth(SPIN_WIDTH)
        form.addRow("Skip &back (Ctrl+Left):", self.skip_back)
        form.addRow("Skip &forward (Ctrl+Right):", self.skip_forward)
        form.addRow("&Auto-rewind on resume:", self.auto_rewind)
        form.addRow("Ads:", self.skip_ads)
        form.addRow("Transcript sync:", self.auto_sync)
        form.addRow("", self.auto_resync)
        form.addRow("Background jobs:", self.background_yields)
        form.addRow("Correcting:", self.pause_typing)
        form.addRow("&Mark the last:", self.mark_seconds)
        form.addRow("", self.mark_sound)
        form.addRow("", self.global_shortcut)
        self.podcasts = PodcastPreferences(settings)
        _align_labels(form, self.podcasts.form)

        self.error = QLabel()
        self.error.setObjectName("fieldError")  # styled in theme.py
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(playback)
        layout.addWidget(self.podcasts)
        self.voices = KnownVoices(library) if library is not None else None
        if self.voices is not None:
            layout.addWidget(self.voices)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        problem = self.podcasts.problem()
        if problem is not None:
            self.error.setText(f"Nothing was saved. {problem.message}")
            self.error.setVisible(True)
            problem.widget.setFocus()
            return
        self.error.setVisible(False)
        self.podcasts.save(self.settings)
        self.settings.skip_back_s = self.skip_back.value()
        self.settings.skip_forward_s = self.skip_forward.value()
        self.settings.auto_rewind_s = self.auto_rewind.value()
        self.settings.skip_untranscribed = self.skip_ads.isChecked()
        self.settings.resync_automatically = self.auto_resync.isChecked()
        self.settings.sync_untimed_automatically = self.auto_sync.isChecked()
        self.settings.background_yields = self.background_yields.isChecked()
        self.settings.pause_while_typing = self.pause_typing.isChecked()
        self.settings.mark_seconds = self.mark_seconds.value()
        self.settings.mark_sound = self.mark_sound.isChecked()
        self.settings.global_shortcut = self.global_shortcut.isChecked()
        super().accept()


def _align_labels(*forms: QFormLayout) -> None:
    """Give the forms of separate groups one label column, so their fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
