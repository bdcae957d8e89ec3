"""The main window: library (left), transcript + waveform (centre), right panel, player bar (bottom).

Contract for other UI modules (the annotations controller and the export dialog build on it):

- ``MainWindow(library: Library, settings: Settings)``
- attributes: ``library``, ``settings``, ``controller`` (PlaybackController: ``seek(ms)``, ``play()``,
  ``pause()``, ``toggle_play()``, ``position``, ``timeline``, ``set_loop_range((start, end))``),
  ``transcript_view`` (TranscriptView), ``waveform`` (WaveformView: ``set_highlight_markers``,
  ``set_search_markers``; highlight and search markers also follow the transcript view automatically),
  ``player_controls``, ``library_list``, ``jobs`` (JobRunner), ``right_panel_container`` (a QWidget
  with a QVBoxLayout: the annotations controller puts its highlights panel there),
  ``menus: dict[str, QMenu]`` with keys "file", "edit", "view", "playback", "annotate", "help".
- signals ``episodeOpened(int)`` and ``episodeClosed()``; ``current_episode -> Episode | None``;
  ``open_episode(episode_id)``; ``reload_episode()`` re-reads the episode from the library and keeps
  the playing position; ``refresh_library()`` re-reads the episodes list.
- At the end of ``__init__`` the window builds ``AnnotationsController(self)`` (kept as
  ``self.annotations``), which adds its own actions and panels. File → "Export…" (Ctrl+E,
  ``export_action``) calls ``podplayer.ui.dialogs.export_dialog.open_export_dialog(self)``.
- Shortcuts reserved for others: Ctrl+F (find bar), H / Ctrl+H, B / Ctrl+B, Ctrl+Z / Ctrl+Shift+Z.

Where the rest lives: menus and actions (one table) in ui/window/menus.py; the title, details line and
timing badge (``header``, also ``timing_badge``) in ui/window/episode_header.py; the Open dialog, drag and
drop, recent episodes and relinking audio (``files``) in ui/window/open_files.py; what the waveform draws
over the audio in ui/player/waveform_decorations.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.model import Episode, PodplayerError, Timing, Transcript, WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations.controller import AnnotationsController
from podplayer.ui.dialogs.export_dialog import ExportDialog
from podplayer.ui.dialogs.preferences_dialog import PreferencesDialog
from podplayer.ui.dialogs.shortcuts_sheet import ShortcutsSheet
from podplayer.ui.icons import app_icon
from podplayer.ui.jobs import JobRunner, JobStatusWidget
from podplayer.ui.player import waveform_decorations
from podplayer.ui.player.controls import PlayerControls
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.player.waveform_view import WaveformView
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.view import TranscriptView
from podplayer.ui.window.banner import Banner
from podplayer.ui.window.episode_header import EpisodeHeader
from podplayer.ui.window.episode_jobs import EpisodeJobs
from podplayer.ui.window.library_list import LibraryList
from podplayer.ui.window.menus import build_menus
from podplayer.ui.window.open_files import WindowFiles
from podplayer.ui.window.sync_offer import SyncOffer

APP_TITLE = "podplayer"


class MainWindow(QMainWindow):
    episodeOpened = Signal(int)
    episodeClosed = Signal()

    # Declared here so the modules that build parts of the window can type-check against it.
    library: Library
    settings: Settings
    controller: PlaybackController
    files: WindowFiles
    transcript_view: TranscriptView
    library_list: LibraryList
    right_panel_container: QWidget
    export_dialog: ExportDialog  # the last one File → Export… opened
    # Set by window_menus.build_menus from its table.
    open_action: QAction
    import_action: QAction
    export_action: QAction
    close_action: QAction
    recent_menu: QMenu
    follow_action: QAction
    show_library_action: QAction
    show_panel_action: QAction
    play_action: QAction
    loop_turn_action: QAction
    loop_selection_action: QAction
    auto_rewind_action: QAction
    sync_action: QAction
    global_play_shortcut: QShortcut

    def __init__(self, library: Library, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self._episode: Episode | None = None
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.jobs = JobRunner(self)
        self.controller = PlaybackController(library, settings, self)
        self.episode_jobs = EpisodeJobs(self)
        self.files = WindowFiles(self)
        self._build_widgets()
        self.menus = build_menus(self)
        self.recent_menu.aboutToShow.connect(self.files.fill_recent_menu)
        self._wire()
        self._restore_state()
        self.sync_offer = SyncOffer(
            library,
            settings,
            self.jobs,
            self.banner,
            self.controller,
            self.waveform,
            self.reload_episode,
            lambda text: self.statusBar().showMessage(text, 6000),
            self,
        )
        self.refresh_library()
        # Highlights, notes, tags, find and speakers: their own actions and side panel.
        self.annotations = AnnotationsController(self)

    # --- construction ---------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.library_list = LibraryList()
        self.library_list.setMinimumWidth(180)

        self.header = EpisodeHeader()
        self.timing_badge = self.header.timing_badge

        self.banner = Banner()
        self.transcript_view = TranscriptView()
        self.transcript_view.set_point_size(self.settings.font_size)
        self.transcript_view.placeholder_text = (
            "Choose an episode on the left, or drop an audio file and its transcript here "
            "(File → Open…, Ctrl+O)."
        )
        self.waveform = WaveformView()

        centre = QWidget()
        centre.setObjectName("centrePane")
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(4)
        cl.addWidget(self.header)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(12, 0, 12, 0)
        banner_row.addWidget(self.banner)
        cl.addLayout(banner_row)
        cl.addWidget(self.transcript_view, 1)
        wave_row = QHBoxLayout()
        wave_row.setContentsMargins(8, 0, 8, 4)
        wave_row.addWidget(self.waveform)
        cl.addLayout(wave_row)

        self.right_panel_container = QWidget()
        self.right_panel_container.setObjectName("rightPanel")
        self.right_panel_container.setAccessibleName("Side panel")
        rl = QVBoxLayout(self.right_panel_container)
        rl.setContentsMargins(8, 8, 8, 8)
        self.right_panel_container.setMinimumWidth(220)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.addWidget(self.library_list)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.right_panel_container)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([230, 780, 390])

        self.player_controls = PlayerControls(
            skip_back_s=self.settings.skip_back_s, skip_forward_s=self.settings.skip_forward_s
        )
        self.player_controls.set_rate(self.controller.rate)
        self.player_controls.set_volume(self.settings.volume)
        self.player_controls.set_muted(self.settings.muted)
        self.player_controls.set_pitch_preserved(self.controller.pitch_preserved())
        self.player_controls.set_media_available(False)

        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.player_controls)
        self.setCentralWidget(root)

        self.job_status = JobStatusWidget(self.jobs)
        self.statusBar().addPermanentWidget(self.job_status)
        self.statusBar().setSizeGripEnabled(False)
        # The status bar only takes space while it has something to say.
        self.statusBar().messageChanged.connect(lambda _m: self._update_status_visibility())
        self.jobs.jobStarted.connect(lambda _j: QTimer.singleShot(1100, self._update_status_visibility))
        self.jobs.jobFinished.connect(lambda _j: QTimer.singleShot(0, self._update_status_visibility))
        self.statusBar().hide()

    def _wire(self) -> None:
        c, view, pc, wave = self.controller, self.transcript_view, self.player_controls, self.waveform
        pc.playPauseRequested.connect(self.toggle_play)
        pc.seekRequested.connect(c.seek)
        pc.skipRequested.connect(c.skip)
        pc.replayRequested.connect(c.replay_last)
        pc.rateRequested.connect(c.set_rate)
        pc.volumeRequested.connect(c.set_volume)
        pc.muteRequested.connect(c.set_muted)
        pc.loopTurnToggled.connect(self.loop_turn_action.setChecked)
        pc.loopHighlightToggled.connect(self.loop_selection_action.setChecked)

        c.positionChanged.connect(pc.set_position)
        c.positionChanged.connect(wave.set_position)
        c.durationChanged.connect(pc.set_duration)
        c.durationChanged.connect(wave.set_duration)
        c.playingChanged.connect(pc.set_playing)
        c.rateChanged.connect(pc.set_rate)
        c.volumeChanged.connect(pc.set_volume)
        c.mutedChanged.connect(pc.set_muted)
        c.currentChanged.connect(view.set_current)
        c.mediaError.connect(self._on_media_error)
        c.mediaReady.connect(self._on_media_ready)
        c.loopChanged.connect(self._on_loop_changed)

        view.wordActivated.connect(lambda t, w: self._seek_word(t, w))
        view.turnActivated.connect(lambda t: c.seek_to_turn(t, play=True))
        view.followChanged.connect(self.follow_action.setChecked)
        view.fontSizeChanged.connect(self._on_font_size)
        wave.seekRequested.connect(c.seek)
        self.library_list.episodeActivated.connect(self.open_episode)
        # Highlight and search markers on the waveform follow whatever the transcript view shows.
        self._markers_timer = QTimer(self)
        self._markers_timer.setSingleShot(True)
        self._markers_timer.setInterval(0)
        self._markers_timer.timeout.connect(self._update_waveform_markers)
        view.transcript_model.highlightsChanged.connect(self._markers_timer.start)
        view.transcript_model.searchMatchesChanged.connect(self._markers_timer.start)

    def _restore_state(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        splitter = self.settings.splitter_state
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # --- episodes ----------------------------------------------------------------------------------
    @property
    def current_episode(self) -> Episode | None:
        return self._episode

    def refresh_library(self) -> None:
        try:
            episodes = self.library.episodes()
        except PodplayerError as exc:
            self.show_error(str(exc))
            return
        current = self._episode.id if self._episode else None
        self.library_list.set_episodes(episodes, current)

    def open_episode(self, episode_id: int) -> bool:
        """Show an episode, at its saved position, paused. Returns False (with a message) on failure."""
        if self._episode is not None and self._episode.id == episode_id:
            return True
        try:
            episode = self.library.episode(episode_id)
        except PodplayerError as exc:
            self.show_error(str(exc), dialog=True)
            self.settings.remove_recent_episode(episode_id)
            return False
        if self._episode is not None:
            self.close_episode()
        self._episode = episode
        self.banner.dismiss()
        self.transcript_view.set_transcript(episode.transcript, episode.speaker_colors)
        self.controller.load(episode)
        self.player_controls.set_media_available(self.controller.has_media)
        self._show_episode_header(episode)
        self._update_waveform_turns()
        self.transcript_view.set_highlights(self.library.highlights(episode_id))
        self.library_list.select_episode(episode_id)
        self.settings.add_recent_episode(episode_id)
        self.setWindowTitle(f"{episode.title} — {APP_TITLE}")
        self.episode_jobs.start_for(episode)
        self._offer_sync(episode)
        self.sync_offer.episode_opened(episode)
        self.transcript_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.episodeOpened.emit(episode_id)
        return True

    def reload_episode(self) -> None:
        """Re-read the open episode from the library (new timings, speakers, highlights); keep position."""
        if self._episode is None or self._episode.id is None:
            return
        episode_id = self._episode.id
        try:
            episode = self.library.episode(episode_id)
        except PodplayerError as exc:
            self.show_error(str(exc))
            return
        old_audio = self._episode.audio_path
        position = self.controller.position
        scroll = self.transcript_view.verticalScrollBar().value()
        follow = self.transcript_view.follow
        self._episode = episode
        self.transcript_view.set_transcript(episode.transcript, episode.speaker_colors)
        if not follow:
            self.transcript_view.verticalScrollBar().setValue(scroll)
            self.transcript_view.pause_follow()
        if episode.audio_path != old_audio:
            episode.position_ms = position
            self.controller.load(episode)
            self.player_controls.set_media_available(self.controller.has_media)
            self.episode_jobs.load_waveform(episode)
        else:
            self.controller.set_transcript(episode.transcript)
        turn, word = self.controller.current
        self.transcript_view.set_current(turn, word)
        self.transcript_view.set_highlights(self.library.highlights(episode_id))
        self._show_episode_header(episode)
        self._update_waveform_turns()
        if self.banner.kind == "info" and episode.transcript.timing in (Timing.TURN, Timing.WORD):
            self.banner.dismiss()  # the "Sync to audio?" offer is answered
        self._offer_sync(episode)
        self.refresh_library()

    def close_episode(self) -> None:
        if self._episode is None:
            return
        self.episode_jobs.cancel_all(keep=("sync",))
        self.sync_offer.episode_closed()
        self.controller.unload()
        self._episode = None
        self.transcript_view.set_transcript(Transcript([]))
        self.waveform.set_envelope(None)
        self.waveform.set_turns([])
        self.waveform.set_highlight_markers([])
        self.waveform.set_duration(0)
        self.player_controls.set_media_available(False)
        self.banner.dismiss()
        self.header.clear()
        self.setWindowTitle(APP_TITLE)
        self.refresh_library()
        self.episodeClosed.emit()

    def _show_episode_header(self, episode: Episode) -> None:
        self.header.show_episode(episode)
        self.sync_action.setEnabled(bool(episode.audio_path))

    def check_sync(self) -> None:
        """Check whether the open episode's timed transcript still fits its audio (ads moved?)."""
        episode = self._episode
        if episode is None:
            return
        if self.sync_offer.check(episode, again=True) is None and not self.sync_offer.running:
            self.statusBar().showMessage("Checking needs a timed transcript and the episode's audio file", 5000)

    def _offer_sync(self, episode: Episode) -> None:
        if self.banner.kind == "error" or not episode.audio_path:
            return
        if episode.transcript.timing in (Timing.NONE, Timing.ESTIMATED) and self.controller.has_media:
            self.banner.show_message(
                "Timings in this transcript are estimated. Sync it to the audio for word-accurate following.",
                "info",
                "Sync to audio",
                self.sync_to_audio,
            )

    # --- waveform decorations ------------------------------------------------------------------------
    def _update_waveform_turns(self) -> None:
        self.waveform.set_turns(waveform_decorations.speaker_strip(self._episode, self.controller.timeline))

    def _update_waveform_markers(self) -> None:
        timeline = self.controller.timeline
        model = self.transcript_view.transcript_model
        self.waveform.set_highlight_markers(waveform_decorations.highlight_spans(model.highlights, timeline))
        self.waveform.set_search_markers(waveform_decorations.search_ticks(model.search_matches, timeline))

    # --- playback intents ---------------------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.controller.media_error and not self.controller.is_playing:
            self.show_error(self.controller.media_error, dialog=True)
            return
        if self._episode is None:
            self.statusBar().showMessage("Open an episode first (File → Open…)", 4000)
            return
        if not self.controller.has_media:
            self.statusBar().showMessage("This episode has no audio file", 4000)
            return
        self.controller.toggle_play()

    def _seek_word(self, turn: int, word: int) -> None:
        self.controller.seek_to_word(WordRef(turn, word), play=self.controller.has_media)

    def previous_turn(self) -> None:
        target = self.controller.timeline.previous_turn(self.controller.position)
        if target is not None:
            self.controller.seek_to_turn(target, play=False)

    def next_turn(self) -> None:
        target = self.controller.timeline.next_turn(self.controller.position)
        if target is not None:
            self.controller.seek_to_turn(target, play=False)

    def set_follow(self, on: bool) -> None:
        if on:
            self.transcript_view.resume_follow()
        elif self.transcript_view.follow:
            self.transcript_view.pause_follow()

    def set_loop_turn(self, on: bool) -> None:
        if on:
            self.loop_selection_action.setChecked(False)
        self.controller.set_loop_turn(on)

    def set_loop_selection(self, on: bool) -> None:
        if not on:
            if self.controller.loop_range is not None and not self.loop_turn_action.isChecked():
                self.controller.set_loop_range(None)
            return
        span = self._selection_span()
        if span is None:
            self.statusBar().showMessage("Select words or a highlight to loop", 4000)
            self.loop_selection_action.setChecked(False)
            return
        self.loop_turn_action.setChecked(False)
        self.controller.set_loop_range(span)

    def _selection_span(self) -> tuple[int, int] | None:
        timeline = self.controller.timeline
        if not timeline.is_timed:
            return None
        sel = self.transcript_view.selected_range()
        if sel is not None:
            return timeline.word_start(sel[0]), timeline.word_end(sel[1])
        current = self.controller.current
        if current[0] is not None:
            ref = WordRef(current[0], current[1] or 0)
            for h in self.transcript_view.transcript_model.highlights_at(ref):
                return timeline.word_start(h.start), timeline.word_end(h.end)
        return None

    def _on_loop_changed(self, turn: bool, span: bool) -> None:
        self.player_controls.set_loop_states(turn, span)
        for action, state in ((self.loop_turn_action, turn), (self.loop_selection_action, span)):
            action.blockSignals(True)
            action.setChecked(state)
            action.blockSignals(False)

    def set_auto_rewind(self, on: bool) -> None:
        self.settings.auto_rewind_s = (self.settings.auto_rewind_s or 2.0) if on else 0.0

    def _on_font_size(self, size: float) -> None:
        self.settings.font_size = size

    def _on_media_ready(self) -> None:
        self.player_controls.set_media_available(True)
        self.player_controls.set_pitch_preserved(self.controller.pitch_preserved())

    def _on_media_error(self, message: str) -> None:
        self.player_controls.set_media_available(self.controller.has_media)
        self.banner.show_message(message + " — the transcript and highlights still work.", "error",
                                 "Locate file…" if self._episode else "", self.files.relink_audio)
        self.statusBar().showMessage(message, 10000)

    def sync_to_audio(self) -> None:
        self.episode_jobs.sync_to_audio()

    # --- files (ui/window/open_files.py) --------------------------------------------------------------------
    def open_paths(self, paths: list[Path]) -> int | None:
        """Import (if needed) and open an audio file + transcript; an audio file alone uses its sidecar."""
        return self.files.open_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.files.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.drop(event)

    # --- misc ------------------------------------------------------------------------------------------
    def copy_selection(self) -> None:
        text = self.transcript_view.selected_text()
        if text:
            QApplication.clipboard().setText(text)

    def show_error(self, message: str, dialog: bool = False) -> None:
        self.statusBar().showMessage(message, 10000)
        if dialog:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, message, QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setObjectName("errorDialog")
            self.last_error_dialog = box
            box.open()

    def _update_status_visibility(self) -> None:
        bar = self.statusBar()
        bar.setVisible(bool(bar.currentMessage()) or not self.job_status.isHidden())

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._apply_preferences)
        self.preferences_dialog = dialog
        dialog.open()

    def _apply_preferences(self) -> None:
        self.player_controls.set_skip_lengths(self.settings.skip_back_s, self.settings.skip_forward_s)
        self.auto_rewind_action.blockSignals(True)
        self.auto_rewind_action.setChecked(self.settings.auto_rewind_s > 0)
        self.auto_rewind_action.blockSignals(False)

    def show_shortcuts(self) -> None:
        sheet = ShortcutsSheet(self.menus, self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_sheet = sheet
        sheet.open()

    def show_about(self) -> None:
        QMessageBox.about(self, "About podplayer",
                          "podplayer — play podcasts with a synced transcript; highlight, tag, note and export.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.unload()
        self.jobs.shutdown()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.sync()
        super().closeEvent(event)

