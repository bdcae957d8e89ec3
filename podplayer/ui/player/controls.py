"""The player bar: buttons, seek slider, times, speed, loop toggles and volume.

Controls emit *intent* (Qt's examples/multimedia/player shape): they never own the QMediaPlayer. The
PlaybackController listens to these signals and calls the ``set_*`` slots back with the real state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QWidget,
)

from podplayer.core.clock import format_clock
from podplayer.ui.icons import icon

MIN_RATE = 0.5
MAX_RATE = 3.0
RATE_STEP = 0.1


class PlayerControls(QWidget):
    playPauseRequested = Signal()
    seekRequested = Signal(int)  # absolute position, ms
    skipRequested = Signal(int)  # relative, ms (negative = back)
    replayRequested = Signal()  # "replay the last 5 s"
    rateRequested = Signal(float)
    volumeRequested = Signal(int)  # 0..100
    muteRequested = Signal(bool)
    loopTurnToggled = Signal(bool)
    loopHighlightToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None, skip_back_s: int = 5, skip_forward_s: int = 15) -> None:
        super().__init__(parent)
        self.setObjectName("playerBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Player")
        self._duration = 0
        self._slider_held = False
        self._playing = False

        self.skip_back_button = self._tool_button("Skip back")
        self.play_button = self._tool_button("Play")
        self.play_button.setIconSize(QSize(30, 30))
        self.skip_forward_button = self._tool_button("Skip forward")
        self.replay_button = self._tool_button("Replay last 5 seconds")
        self.replay_button.setToolTip("Replay the last 5 seconds")
        self.set_skip_lengths(skip_back_s, skip_forward_s)

        self.elapsed_label = QLabel("0:00")
        self.elapsed_label.setObjectName("timeLabel")
        self.elapsed_label.setAccessibleName("Elapsed time")
        self.remaining_label = QLabel("-0:00")
        self.remaining_label.setObjectName("timeLabel")
        self.remaining_label.setAccessibleName("Remaining time")
        for label in (self.elapsed_label, self.remaining_label):
            label.setMinimumWidth(52)
        self.remaining_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.seek_slider = QSlider(Qt.Orientation.Horizontal)
        self.seek_slider.setAccessibleName("Seek")
        self.seek_slider.setRange(0, 0)
        self.seek_slider.setPageStep(15000)
        self.seek_slider.setSingleStep(5000)
        self.seek_slider.sliderPressed.connect(self._on_slider_pressed)
        self.seek_slider.sliderReleased.connect(self._on_slider_released)
        self.seek_slider.sliderMoved.connect(self._on_slider_moved)
        self.seek_slider.actionTriggered.connect(self._on_slider_action)

        self.speed_box = QDoubleSpinBox()
        self.speed_box.setAccessibleName("Playback speed")
        self.speed_box.setRange(MIN_RATE, MAX_RATE)
        self.speed_box.setSingleStep(RATE_STEP)
        self.speed_box.setDecimals(1)
        self.speed_box.setSuffix("×")
        self.speed_box.setValue(1.0)
        self.speed_box.setKeyboardTracking(False)
        self.speed_box.valueChanged.connect(lambda v: self.rateRequested.emit(round(v, 1)))
        self.set_pitch_preserved(None)

        self.loop_turn_button = self._tool_button("Loop current turn", checkable=True)
        self.loop_turn_button.setToolTip("Loop the current turn (Ctrl+T)")
        self.loop_turn_button.toggled.connect(self.loopTurnToggled)
        self.loop_highlight_button = self._tool_button("Loop highlight", checkable=True)
        self.loop_highlight_button.setToolTip("Loop the selected words or the highlight at the playhead (Ctrl+Shift+T)")
        self.loop_highlight_button.toggled.connect(self.loopHighlightToggled)

        self.mute_button = self._tool_button("Mute", checkable=True)
        self.mute_button.toggled.connect(self._on_mute_toggled)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setToolTip("Volume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setFixedWidth(96)
        self.volume_slider.valueChanged.connect(self.volumeRequested)

        self.skip_back_button.clicked.connect(lambda: self.skipRequested.emit(-self._skip_back_ms))
        self.skip_forward_button.clicked.connect(lambda: self.skipRequested.emit(self._skip_forward_ms))
        self.play_button.clicked.connect(self.playPauseRequested)
        self.replay_button.clicked.connect(self.replayRequested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(6)
        for w in (self.skip_back_button, self.play_button, self.skip_forward_button, self.replay_button):
            layout.addWidget(w)
        layout.addSpacing(8)
        layout.addWidget(self.elapsed_label)
        layout.addWidget(self.seek_slider, 1)
        layout.addWidget(self.remaining_label)
        layout.addSpacing(8)
        speed_label = QLabel("Speed")
        speed_label.setBuddy(self.speed_box)
        layout.addWidget(speed_label)
        layout.addWidget(self.speed_box)
        layout.addSpacing(4)
        layout.addWidget(self.loop_turn_button)
        layout.addWidget(self.loop_highlight_button)
        layout.addSpacing(4)
        layout.addWidget(self.mute_button)
        layout.addWidget(self.volume_slider)
        self._refresh_icons()

    def _tool_button(self, name: str, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setIconSize(QSize(20, 20))
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setCheckable(checkable)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    # --- state from the controller ---------------------------------------------------------------
    def set_skip_lengths(self, back_s: int, forward_s: int) -> None:
        self._skip_back_ms = back_s * 1000
        self._skip_forward_ms = forward_s * 1000
        self.skip_back_button.setToolTip(f"Back {back_s} s (Ctrl+Left)")
        self.skip_forward_button.setToolTip(f"Forward {forward_s} s (Ctrl+Right)")

    def _refresh_icons(self) -> None:
        """Tint every icon with the current palette (light and dark themes)."""
        fg = self.palette().color(QPalette.ColorRole.ButtonText)
        self.skip_back_button.setIcon(icon("skip-back", fg))
        self.skip_forward_button.setIcon(icon("skip-forward", fg))
        self.replay_button.setIcon(icon("replay", fg))
        self.loop_turn_button.setIcon(icon("loop", fg))
        self.loop_highlight_button.setIcon(icon("loop-highlight", fg))
        self.play_button.setIcon(icon("pause" if self._playing else "play", fg))
        self.mute_button.setIcon(icon("volume-muted" if self.mute_button.isChecked() else "volume", fg))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()
        super().changeEvent(event)

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        self._refresh_icons()
        name = "Pause" if playing else "Play"
        self.play_button.setAccessibleName(name)
        self.play_button.setToolTip(f"{name} (Space)")

    def set_duration(self, duration_ms: int) -> None:
        self._duration = max(0, duration_ms)
        self.seek_slider.setRange(0, self._duration)
        self._update_labels(self.seek_slider.value())

    def set_position(self, position_ms: int) -> None:
        if self._slider_held:
            return
        self.seek_slider.blockSignals(True)
        self.seek_slider.setValue(position_ms)
        self.seek_slider.blockSignals(False)
        self._update_labels(position_ms)

    def set_rate(self, rate: float) -> None:
        self.speed_box.blockSignals(True)
        self.speed_box.setValue(rate)
        self.speed_box.blockSignals(False)

    def set_pitch_preserved(self, preserved: bool | None) -> None:
        if preserved is None:
            text = "Playback speed 0.5×–3.0× ([ slower, ] faster)"
        elif preserved:
            text = "Playback speed 0.5×–3.0× ([ slower, ] faster). Pitch is preserved at every speed."
        else:
            text = "Playback speed 0.5×–3.0× ([ slower, ] faster). Pitch changes with speed on this system."
        self.speed_box.setToolTip(text)

    def set_volume(self, volume: int) -> None:
        self.volume_slider.blockSignals(True)
        self.volume_slider.setValue(volume)
        self.volume_slider.blockSignals(False)

    def set_muted(self, muted: bool) -> None:
        self.mute_button.blockSignals(True)
        self.mute_button.setChecked(muted)
        self.mute_button.blockSignals(False)
        self._show_mute_icon(muted)

    def set_loop_states(self, turn: bool, highlight: bool) -> None:
        for button, state in ((self.loop_turn_button, turn), (self.loop_highlight_button, highlight)):
            button.blockSignals(True)
            button.setChecked(state)
            button.blockSignals(False)

    def set_media_available(self, available: bool) -> None:
        for w in (self.play_button, self.skip_back_button, self.skip_forward_button, self.replay_button,
                  self.seek_slider, self.loop_turn_button, self.loop_highlight_button):
            w.setEnabled(available)

    # --- internals -------------------------------------------------------------------------------
    def _update_labels(self, position_ms: int) -> None:
        self.elapsed_label.setText(format_clock(position_ms))
        remaining = max(0, self._duration - position_ms)
        self.remaining_label.setText("-" + format_clock(remaining))

    def _on_slider_pressed(self) -> None:
        self._slider_held = True

    def _on_slider_moved(self, value: int) -> None:
        self._update_labels(value)

    def _on_slider_released(self) -> None:
        self._slider_held = False
        self.seekRequested.emit(self.seek_slider.value())

    def _on_slider_action(self, action: int) -> None:
        # Page/step clicks and keys on the slider (not drags, handled on release).
        if action not in (QSlider.SliderAction.SliderMove.value, QSlider.SliderAction.SliderNoAction.value):
            self.seekRequested.emit(self.seek_slider.sliderPosition())

    def _on_mute_toggled(self, muted: bool) -> None:
        self._show_mute_icon(muted)
        self.muteRequested.emit(muted)

    def _show_mute_icon(self, muted: bool) -> None:
        self._refresh_icons()
        self.mute_button.setToolTip("Unmute" if muted else "Mute")
