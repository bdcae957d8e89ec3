"""Edit → Preferences: skip lengths, auto-rewind, skipping ads, re-syncing (stored in Settings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from podplayer.ui.settings import Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
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
        self.auto_resync.setAccessibleName("Re-sync automatically")
        self.auto_resync.setToolTip("Otherwise a banner asks once per episode")
        form = QFormLayout(self)
        form.addRow("Skip &back (Ctrl+Left):", self.skip_back)
        form.addRow("Skip &forward (Ctrl+Right):", self.skip_forward)
        form.addRow("&Auto-rewind on resume:", self.auto_rewind)
        form.addRow("Ads:", self.skip_ads)
        form.addRow("Transcript sync:", self.auto_resync)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.skip_back_s = self.skip_back.value()
        self.settings.skip_forward_s = self.skip_forward.value()
        self.settings.auto_rewind_s = self.auto_rewind.value()
        self.settings.skip_untranscribed = self.skip_ads.isChecked()
        self.settings.resync_automatically = self.auto_resync.isChecked()
        super().accept()
