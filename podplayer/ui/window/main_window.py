"""The main window: library (left), transcript + waveform (centre), right panel, player bar (bottom).

Layout and wiring only. The episode on screen is the :class:`EpisodeSession` (``session``); the
window shows whatever it says (``_show_opened`` / ``_show_reloaded`` / ``_show_closed``). The menus
are one table in ui/window/menus.py, returned as a typed :class:`WindowActions` (``menu_actions``).
Controllers get only the parts they use: the annotations (ui/annotations/controller.py), the
episode's background jobs (ui/window/episode_jobs.py), getting files in (ui/window/open_files.py) and
chapters (ui/player/chapter_navigation.py: headings, waveform marks, the chapter list at the top of the
side panel, Previous / Next chapter).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.model import Episode, Highlight, PodplayerError, Timing, Transcript
from podplayer.store.repository import Library
from podplayer.ui.annotations.controller import AnnotationsController
from podplayer.ui.dialogs.export_dialog import ExportDialog
from podplayer.ui.dialogs.preferences_dialog import PreferencesDialog
from podplayer.ui.dialogs.shortcuts_sheet import ShortcutsSheet
from podplayer.ui.icons import app_icon
from podplayer.ui.jobs import JobRunner, JobStatusWidget
from podplayer.ui.library_list import LibraryList
from podplayer.ui.operations import OperationRunner
from podplayer.ui.player import waveform_decorations
from podplayer.ui.player.chapter_list import ChapterList
from podplayer.ui.player.chapter_navigation import ChapterNavigation
from podplayer.ui.player.controls import PlayerControls
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.player.playback_intents import PlaybackIntents
from podplayer.ui.player.waveform_view import WaveformView
from podplayer.ui.podcasts.podcasts_view import PodcastsView
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.ui.share.share_dialog import ShareDialog
from podplayer.ui.transcript.view import TranscriptView
from podplayer.ui.window.actions import WindowActions
from podplayer.ui.window.banner import Banner
from podplayer.ui.window.episode_header import EpisodeHeader
from podplayer.ui.window.episode_jobs import EpisodeJobs
from podplayer.ui.window.menus import build_menus
from podplayer.ui.window.open_files import WindowFiles
from podplayer.ui.window.speaker_finding import SpeakerFinding, can_find_speakers
from podplayer.ui.window.sync_offer import SyncOffer
from podplayer.ui.window.transcription import Transcription, can_transcribe

APP_TITLE = "podplayer"
NO_EPISODE_TEXT = (
    "Choose an episode on the left, or drop an audio file and its transcript here (File → Open…, Ctrl+O)."
)
NO_TRANSCRIPT_TEXT = "This episode has no transcript yet. Playback → Transcribe… makes one on this computer."


class MainWindow(QMainWindow):
    menu_actions: WindowActions
    export_dialog: ExportDialog  # the last one File → Export… opened
    share_dialog: ShareDialog  # the last one Share → Video… opened

    def __init__(self, library: Library, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.session = EpisodeSession(library, self)
        self.jobs = JobRunner(self, yield_to_foreground=settings.background_yields)
        self.controller = PlaybackController(library, settings, self)
        self.files = WindowFiles(self, library, settings, self.session, self.show_error)
        self._build_widgets()
        self.episode_jobs = EpisodeJobs(self.session, settings, self.jobs, self.waveform, self.show_status,
                                        self.show_error, self)
        self.intents = PlaybackIntents(
            playback=self.controller, view=self.transcript_view, controls=self.player_controls, session=self.session,
            settings=settings, status=self.show_status, show_error=self.show_error, parent=self,
        )
        self.transcription = Transcription(library, settings, self.jobs, self.session, self.show_status,
                                           self.show_error, self)
        self.menu_actions = build_menus(self, self)
        self.intents.use_loop_actions(self.menu_actions.loop_turn, self.menu_actions.loop_selection)
        self.menu_actions.skip_ad.setEnabled(False)  # only while audio not in the transcript plays
        self.menus = self.menu_actions.menus
        self.menu_actions.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.menu_actions.recent_menu))
        self._wire()
        self.chapters = ChapterNavigation(
            library=library, session=self.session, playback=self.controller, view=self.transcript_view,
            waveform=self.waveform, chapter_list=self.chapter_list, actions=self.menu_actions.registry, owner=self,
        )
        self._restore_state()
        # Every change to the library from the window: one undo stack, one change set per operation.
        self.operations = OperationRunner(lambda message: self.show_status(message, 10000), self)
        self.speaker_finding = SpeakerFinding(library, self.jobs, self.operations, self.session, self.show_status,
                                              self.show_error, self)
        self.sync_offer = SyncOffer(
            library,
            settings,
            self.jobs,
            self.operations,
            self.banner,
            self.controller,
            self.waveform,
            self.transcript_view,
            self.show_status,
            self,
        )
        self.files.episodeImported.connect(self._check_imported)
        self.refresh_library()
        # Podcasts that ask for it get their downloaded episodes without a transcript transcribed.
        QTimer.singleShot(0, self.transcription, self.transcription.queue_new_feed_episodes)
        # Highlights, notes, tags, find and speakers: their own actions and side panel.
        self.annotations = AnnotationsController(
            library=library, settings=settings, session=self.session, playback=self.controller,
            view=self.transcript_view, library_list=self.library_list, actions=self.menu_actions.registry,
            side_panel=self.right_panel_container, status=self.show_status, owner=self,
            operations=self.operations, jobs=self.jobs,
        )
        self.annotations.speakers.renamed = self.speaker_finding.learn  # naming a speaker keeps the voice
        self.annotations.panel.shareRequested.connect(self.share_highlight)

    # --- construction ---------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.library_list = LibraryList()
        self.podcasts_view = PodcastsView(self.library, self.jobs, self.settings.directory_choice)
        # The left pane: the library and, beside it, the podcasts (ui/podcasts/).
        self.left_pane = QTabWidget()
        self.left_pane.setObjectName("leftPane")
        self.left_pane.setDocumentMode(True)
        self.left_pane.addTab(self.library_list, "Library")
        self.left_pane.addTab(self.podcasts_view, "Podcasts")
        self.left_pane.setMinimumWidth(180)

        self.header = EpisodeHeader()
        self.timing_badge = self.header.timing_badge

        self.banner = Banner()
        self.transcript_view = TranscriptView()
        self.transcript_view.set_point_size(self.settings.font_size)
        self.transcript_view.placeholder_text = NO_EPISODE_TEXT
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
        self.chapter_list = ChapterList()  # shown only for episodes with chapters
        self.chapter_list.use_artwork(self.podcasts_view.artwork)  # chapter images share the feed image cache
        rl.addWidget(self.chapter_list)
        self.right_panel_container.setMinimumWidth(220)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.addWidget(self.left_pane)
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
        # The status bar stays shown, and its height already counts the job strip while that is hidden
        # (QStatusBar sizes itself by every permanent widget): a job starting or ending, or a message,
        # never changes the central widget's geometry, so the 3-hour transcript is not laid out again.

    def _wire(self) -> None:
        c, view, pc, wave = self.controller, self.transcript_view, self.player_controls, self.waveform
        pc.playPauseRequested.connect(self.intents.toggle_play)
        pc.seekRequested.connect(c.seek)
        pc.skipRequested.connect(c.skip)
        pc.replayRequested.connect(c.replay_last)
        pc.rateRequested.connect(c.set_rate)
        pc.volumeRequested.connect(c.set_volume)
        pc.muteRequested.connect(c.set_muted)

        c.positionChanged.connect(pc.set_position)
        c.positionChanged.connect(wave.set_position)
        c.durationChanged.connect(pc.set_duration)
        c.durationChanged.connect(wave.set_duration)
        c.playingChanged.connect(pc.set_playing)
        c.rateChanged.connect(pc.set_rate)
        c.volumeChanged.connect(pc.set_volume)
        c.mutedChanged.connect(pc.set_muted)
        c.currentChanged.connect(view.set_current)
        c.stretchChanged.connect(view.set_playing_stretch)
        c.stretchChanged.connect(lambda stretch: self.menu_actions.skip_ad.setEnabled(stretch is not None))
        c.mediaError.connect(self._on_media_error)
        c.mediaReady.connect(self._on_media_ready)

        view.followChanged.connect(self.menu_actions.follow.setChecked)
        view.fontSizeChanged.connect(self._on_font_size)
        wave.seekRequested.connect(c.seek)
        self.library_list.episodeActivated.connect(self.session.open)
        self.podcasts_view.episodePlayRequested.connect(self.play_episode)
        self.podcasts_view.libraryChanged.connect(self.refresh_library)
        self.podcasts_view.statusMessage.connect(lambda message: self.show_status(message, 15000))
        self.podcasts_view.transcriptionWanted.connect(self.transcription.queue_new_feed_episodes)
        session = self.session
        session.episodeOpened.connect(self._show_opened)
        session.episodeReloaded.connect(self._show_reloaded)
        session.turnsEdited.connect(self._show_edited_turns)
        session.episodeClosed.connect(self._show_closed)
        session.libraryChanged.connect(self.refresh_library)
        session.openFailed.connect(self.settings.remove_recent_episode)
        session.failed.connect(self.show_error)
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

    # --- showing the session's episode ---------------------------------------------------------------
    def refresh_library(self) -> None:
        try:
            episodes = self.library.episodes()
        except PodplayerError as exc:
            self.show_error(str(exc))
            return
        self.library_list.set_episodes(episodes, self.session.episode_id)

    def show_podcasts(self) -> None:
        self.left_pane.setVisible(True)
        self.left_pane.setCurrentWidget(self.podcasts_view)

    def _show_opened(self, episode_id: int) -> None:
        episode = self.session.episode
        assert episode is not None
        self.banner.dismiss()
        self.transcript_view.set_transcript(episode.transcript, episode.speaker_colors)
        self.controller.load(episode)
        self.player_controls.set_media_available(self.controller.has_media)
        self._show_episode_header(episode)
        self._update_waveform_turns()
        self.library_list.select_episode(episode_id)
        self.settings.add_recent_episode(episode_id)
        self.setWindowTitle(f"{episode.title} — {APP_TITLE}")
        self.episode_jobs.start_for(episode)
        self._offer_sync(episode)
        self.episode_jobs.sync_by_itself(episode)
        self.sync_offer.episode_opened(episode)
        self.transcript_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_reloaded(self, _episode_id: int, audio_changed: bool) -> None:
        """New timings, speakers or title: show them and keep the playing position and scroll."""
        episode = self.session.episode
        assert episode is not None
        position = self.controller.position
        scroll = self.transcript_view.verticalScrollBar().value()
        follow = self.transcript_view.follow
        self.transcript_view.set_transcript(episode.transcript, episode.speaker_colors)
        if not follow:
            self.transcript_view.verticalScrollBar().setValue(scroll)
            self.transcript_view.pause_follow()
        if audio_changed:
            episode.position_ms = position
            self.controller.load(episode)
            self.player_controls.set_media_available(self.controller.has_media)
            self.episode_jobs.load_waveform(episode)
        else:
            self.controller.set_transcript(episode.transcript)
        turn, word = self.controller.current
        self.transcript_view.set_current(turn, word)
        self.transcript_view.set_playing_stretch(self.controller.current_stretch)
        self._show_episode_header(episode)
        self._update_waveform_turns()
        self.setWindowTitle(f"{episode.title} — {APP_TITLE}")
        if self.banner.kind == "info" and episode.transcript.timing in (Timing.TURN, Timing.WORD):
            self.banner.dismiss()  # the "Sync to audio?" offer is answered
        self._offer_sync(episode)
        self.episode_jobs.sync_by_itself(episode)

    def _show_edited_turns(self, first: int, count: int) -> None:
        """A correction retyped turns in place: re-lay out only those rows, keep the scroll and the player."""
        episode = self.session.episode
        assert episode is not None
        view = self.transcript_view
        for row in range(first, first + count):
            view.delegate.invalidate_row(row)
        view.transcript_model.replace_rows(episode.transcript, first, count)
        view.scheduleDelayedItemsLayout()  # other rows keep their cached heights
        self.controller.turns_changed(episode.transcript, first, count)
        turn, word = self.controller.current
        view.set_current(turn, word)
        self.header.show_details(episode)  # words and speakers; an edit in place keeps the timing
        self._update_waveform_turns()

    def _show_closed(self) -> None:
        self.episode_jobs.cancel_all(keep=("sync",))
        self.sync_offer.episode_closed()
        self.controller.unload()
        self.transcript_view.set_transcript(Transcript([]))
        self.waveform.set_envelope(None)
        self.waveform.set_turns([])
        self.waveform.set_highlight_markers([])
        self.waveform.set_duration(0)
        self.player_controls.set_media_available(False)
        self.banner.dismiss()
        self.header.clear()
        self.transcript_view.placeholder_text = NO_EPISODE_TEXT
        self.setWindowTitle(APP_TITLE)

    def _show_episode_header(self, episode: Episode) -> None:
        self.header.show_episode(episode)
        self.transcript_view.placeholder_text = NO_TRANSCRIPT_TEXT if can_transcribe(episode) else NO_EPISODE_TEXT
        self.menu_actions.sync.setEnabled(bool(episode.audio_path) and episode.transcript.word_count > 0)
        self.menu_actions.transcribe.setEnabled(can_transcribe(episode))
        self.menu_actions.find_speakers.setEnabled(can_find_speakers(episode))

    def play_episode(self, episode_id: int) -> None:
        """Open ``episode_id`` (unless it is open) and play it as soon as its audio is ready."""
        if self.session.open(episode_id):
            self.controller.play_when_ready()

    def check_sync(self) -> None:
        """Check whether the open episode's timed transcript still fits its audio (ads moved?)."""
        episode = self.session.episode
        if episode is None:
            return
        if self.sync_offer.check(episode, again=True) is None and not self.sync_offer.running:
            self.show_status("Checking needs a timed transcript and the episode's audio file")

    def _check_imported(self, episode_id: int) -> None:
        episode = self.session.episode
        if episode is not None and episode.id == episode_id:
            self.sync_offer.check(episode)

    def _offer_sync(self, episode: Episode) -> None:
        if self.banner.kind == "error" or not episode.audio_path:
            return
        if can_transcribe(episode):
            self.banner.show_message(
                "This episode has no transcript yet. Transcribe it on this computer: speakers and word timings "
                "included.", "info", "Transcribe…", self.transcribe,
            )
            return
        if episode.transcript.timing in (Timing.NONE, Timing.ESTIMATED) and self.controller.has_media:
            self.banner.show_message(
                "Timings in this transcript are estimated. Sync it to the audio for word-accurate following.",
                "info",
                "Sync to audio",
                self.episode_jobs.sync_to_audio,
            )

    # --- waveform decorations ------------------------------------------------------------------------
    def _update_waveform_turns(self) -> None:
        self.waveform.set_turns(waveform_decorations.speaker_strip(self.session.episode, self.controller.timeline))

    def _update_waveform_markers(self) -> None:
        timeline = self.controller.timeline
        model = self.transcript_view.transcript_model
        self.waveform.set_highlight_markers(waveform_decorations.highlight_spans(model.highlights, timeline))
        self.waveform.set_search_markers(waveform_decorations.search_ticks(model.search_matches, timeline))

    def _on_font_size(self, size: float) -> None:
        self.settings.font_size = size

    def _on_media_ready(self) -> None:
        self.player_controls.set_media_available(True)
        self.player_controls.set_pitch_preserved(self.controller.pitch_preserved())

    def _on_media_error(self, message: str) -> None:
        self.player_controls.set_media_available(self.controller.has_media)
        self.banner.show_message(message + " — the transcript and highlights still work.", "error",
                                 "Locate file…" if self.session.episode else "", self.files.relink_audio)
        self.statusBar().showMessage(message, 10000)

    def transcribe(self) -> None:
        self.transcription.open_dialog()

    def find_speakers(self) -> None:
        self.speaker_finding.find()

    def transcribe_file(self) -> None:
        self.transcription.open_audio_file()

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

    def open_export(self) -> ExportDialog:
        """File → Export…: the dialog for the open episode and the highlights selected in the panel."""
        dialog = ExportDialog(self.library, self.settings, self.jobs, self.session.episode,
                              self.annotations.panel.selected_highlights(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def share_highlight(self, highlight: Highlight) -> ShareDialog:
        """Share → Video… / Card… on a highlight: its preview, then a video or a card."""
        dialog = ShareDialog(self.library, self.settings, self.jobs, highlight, self)
        self.share_dialog = dialog
        dialog.open()
        return dialog

    def show_status(self, message: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def show_error(self, message: str, dialog: bool = False) -> None:
        self.statusBar().showMessage(message, 10000)
        if dialog:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, message, QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setObjectName("errorDialog")
            self.last_error_dialog = box
            box.open()

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self, self.library)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._apply_preferences)
        self.preferences_dialog = dialog
        dialog.open()

    def _apply_preferences(self) -> None:
        self.player_controls.set_skip_lengths(self.settings.skip_back_s, self.settings.skip_forward_s)
        self.menu_actions.auto_rewind.blockSignals(True)
        self.menu_actions.auto_rewind.setChecked(self.settings.auto_rewind_s > 0)
        self.menu_actions.auto_rewind.blockSignals(False)

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
        self.podcasts_view.shutdown()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.sync()
        super().closeEvent(event)

