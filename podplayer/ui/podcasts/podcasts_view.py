"""The Podcasts view: subscriptions above, the chosen podcast's episodes below, actions on top.

All network work runs through the window's JobRunner (refresh, subscribe, OPML import, downloads,
directory search, artwork); the view only turns intent into jobs and paints results. A download
shows its progress on its own row and can be cancelled from there (or from the status bar).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListView,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.feeds.directory import DirectoryChoice
from podplayer.core.feeds.episode_download import EpisodeDownload
from podplayer.core.feeds.feed_model import PodcastEpisode, PodcastSummary
from podplayer.core.feeds.http import HttpClient
from podplayer.core.jobs import CancelToken, Progress
from podplayer.core.model import PodplayerError
from podplayer.store.podcast_store import TRANSCRIBE_NEW_EPISODES, VOICES_FROM_PODCAST_ONLY, RefreshReport
from podplayer.store.repository import Library
from podplayer.ui.artwork import ArtworkCache
from podplayer.ui.icons import icon
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.podcasts.add_podcast_dialog import AddPodcastDialog
from podplayer.ui.podcasts.episode_list import EpisodeRole, PodcastEpisodeDelegate, PodcastEpisodeModel
from podplayer.ui.podcasts.podcast_list import PodcastDelegate, PodcastListModel, PodcastRole
from podplayer.ui.podcasts.tool_row import ToolRow
from podplayer.usecases import podcast_jobs


class PodcastsView(QWidget):
    """Emits ``episodePlayRequested(id)`` to play a downloaded episode (Play, a double-click: an
    episode not downloaded yet is downloaded first, then played), ``libraryChanged()`` after downloads."""

    episodePlayRequested = Signal(int)
    libraryChanged = Signal()
    podcastsChanged = Signal()
    statusMessage = Signal(str)  # for the window's status bar
    # A podcast now asks for its new episodes to be transcribed, or one of its episodes was downloaded.
    transcriptionWanted = Signal()

    def __init__(
        self,
        library: Library,
        jobs: JobRunner,
        directory: Callable[[], DirectoryChoice] = DirectoryChoice,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("podcastsView")
        self.library = library
        self.jobs = jobs
        self._directory = directory
        self.client = HttpClient()
        self.artwork = ArtworkCache(jobs, self.client, self)
        self.downloads: dict[int, Job] = {}
        self.play_when_downloaded: set[int] = set()  # episodes to play as soon as their download is done
        self.refresh_job: Job | None = None
        self.add_dialog: AddPodcastDialog | None = None  # the last one opened

        # Tool rows show text beside the icons where the pane has room, else icons with tooltips.
        self.toolbar = ToolRow()
        self.add_button = self.toolbar.add_button("add", "Add podcast…", "Add a podcast by name or feed URL")
        self.opml_button = self.toolbar.add_button("import-list", "Import OPML…", "Subscribe to the podcasts of an OPML file")
        self.toolbar.add_stretch()
        self.refresh_button = self.toolbar.add_button("refresh", "Refresh", "Check every feed for new episodes")

        self.podcast_model = PodcastListModel(self)
        self.podcast_list = QListView()
        self.podcast_list.setAccessibleName("Podcasts")
        self.podcast_list.setModel(self.podcast_model)
        self.podcast_list.setItemDelegate(PodcastDelegate(self.artwork, self.podcast_list))
        self.podcast_list.setUniformItemSizes(True)
        self.podcast_list.setFrameShape(QListView.Shape.NoFrame)
        self.podcast_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows elide

        self.episode_model = PodcastEpisodeModel(self)
        self.episode_list = QListView()
        self.episode_list.setAccessibleName("Episodes")
        self.episode_list.setModel(self.episode_model)
        self.episode_list.setItemDelegate(PodcastEpisodeDelegate(self.episode_list))
        self.episode_list.setUniformItemSizes(True)  # 3,000 rows lay out without measuring each
        self.episode_list.setFrameShape(QListView.Shape.NoFrame)
        self.episode_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.episode_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows elide

        self.podcast_title = QLabel()
        self.podcast_title.setObjectName("podcastTitle")
        self.podcast_title.setWordWrap(True)  # its own line: wraps between words, never one per line
        self.podcast_title.setContentsMargins(6, 0, 6, 0)
        self.episode_bar = ToolRow()
        self.transcribe_new = self.episode_bar.add_button(
            "transcribe", "Transcribe new", "Transcribe this podcast's downloaded episodes that come without a transcript",
            checkable=True,
        )
        self.transcribe_new.setEnabled(False)
        self.own_voices = self.episode_bar.add_button(
            "voices", "Own voices only",
            "Name speakers in this podcast's episodes only with voices learnt in this podcast"
            " (otherwise its own voices first, then every voice you named)",
            checkable=True,
        )
        self.own_voices.setEnabled(False)
        # The per-podcast preferences (PodcastStore.set_preference) these buttons show and set.
        self._preference_boxes = {TRANSCRIBE_NEW_EPISODES: self.transcribe_new, VOICES_FROM_PODCAST_ONLY: self.own_voices}
        self.episode_bar.add_stretch()
        self.download_button = self.episode_bar.add_button("download", "Download", "Download this episode")
        self.download_button.setEnabled(False)
        self.play_button = self.episode_bar.add_button("play", "Play", "Play this episode")
        self.play_button.setEnabled(False)
        episodes_box = QWidget()
        el = QVBoxLayout(episodes_box)
        el.setContentsMargins(0, 4, 0, 0)
        el.setSpacing(0)
        el.addWidget(self.podcast_title)
        el.addWidget(self.episode_bar)
        el.addWidget(self.episode_list, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.podcast_list)
        self.splitter.addWidget(episodes_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(self.add_podcast)
        self.opml_button.clicked.connect(self.import_opml_dialog)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.podcast_list.selectionModel().currentChanged.connect(self._on_podcast_changed)
        self.episode_list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.episode_list.activated.connect(self._on_episode_activated)
        self.episode_list.doubleClicked.connect(self._on_episode_activated)
        self.download_button.clicked.connect(self._download_or_cancel)
        self.play_button.clicked.connect(self._play_current)
        self.transcribe_new.toggled.connect(lambda on: self._set_preference(TRANSCRIBE_NEW_EPISODES, on))
        self.own_voices.toggled.connect(lambda on: self._set_preference(VOICES_FROM_PODCAST_ONLY, on))
        self.artwork.changed.connect(self.podcast_model.artwork_changed)
        self.reload()

    # --- reading the library ---------------------------------------------------------------------
    def reload(self, keep_podcast: int | None = None) -> None:
        current = keep_podcast if keep_podcast is not None else self.current_podcast_id()
        try:
            podcasts = self.library.podcasts.podcasts()
        except PodplayerError as exc:
            self.say(str(exc))
            return
        self.podcast_model.set_podcasts(podcasts)
        row = self.podcast_model.row_of(current) if current is not None else None
        if row is None and podcasts:
            row = 0
        if row is not None:
            self.podcast_list.setCurrentIndex(self.podcast_model.index(row))
            self.show_podcast(self.podcast_model.podcast(row).id)
        else:
            self.episode_model.set_episodes([])
            self.podcast_title.setText("No podcasts yet: “Add podcast…” searches by name or takes a feed URL.")
        self._update_buttons()

    def current_podcast_id(self) -> int | None:
        index = self.podcast_list.currentIndex()
        podcast: PodcastSummary | None = index.data(PodcastRole) if index.isValid() else None
        return podcast.id if podcast else None

    def show_podcast(self, podcast_id: int) -> None:
        """Fill the episode list (one query, one model reset: fast for thousands of episodes)."""
        episodes = self.library.podcasts.podcast_episodes(podcast_id)
        current = self.current_episode()
        self.episode_model.set_episodes(episodes)
        row = self.podcast_model.row_of(podcast_id)
        title = self.podcast_model.podcast(row).title if row is not None else ""
        self.podcast_title.setText(f"<b>{_escape(title)}</b> · {len(episodes)} episodes")
        if current is not None and (r := self.episode_model.row_of(current.id)) is not None:
            self.episode_list.setCurrentIndex(self.episode_model.index(r))

    def current_episode(self) -> PodcastEpisode | None:
        index = self.episode_list.currentIndex()
        return index.data(EpisodeRole) if index.isValid() else None

    def _on_podcast_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        podcast: PodcastSummary | None = current.data(PodcastRole) if current.isValid() else None
        if podcast is not None:
            self.show_podcast(podcast.id)
        for key, box in self._preference_boxes.items():
            box.blockSignals(True)
            box.setEnabled(podcast is not None)
            box.setChecked(bool(podcast and podcast.preferences.get(key)))
            box.blockSignals(False)
        self._update_buttons()

    def _set_preference(self, key: str, on: bool) -> None:
        podcast_id = self.current_podcast_id()
        if podcast_id is None:
            return
        try:
            self.library.podcasts.set_preference(podcast_id, key, on)
        except PodplayerError as exc:
            self._error("Could not save the preference", str(exc))
            return
        self.reload(keep_podcast=podcast_id)  # the rows carry a copy of the preferences
        if on and key == TRANSCRIBE_NEW_EPISODES:
            self.transcriptionWanted.emit()

    def _update_buttons(self) -> None:
        e = self.current_episode()
        downloading = e is not None and e.id in self.downloads
        self.download_button.setText("Cancel download" if downloading else "Download")
        self.download_button.setEnabled(e is not None and (downloading or not e.downloaded))
        waiting = e is not None and e.id in self.play_when_downloaded
        self.play_button.setText("Plays when downloaded" if waiting else "Play")
        self.play_button.setEnabled(e is not None and not waiting)
        self.play_button.setToolTip(
            "Download this episode, then play it" if e is not None and not e.downloaded else "Play this episode"
        )
        self.download_button.setIcon(icon("cancel" if downloading else "download"))
        self.episode_bar.fit()  # the texts changed

    def say(self, text: str) -> None:
        """A message for the window's status bar (what a download found, how a refresh went)."""
        self.statusMessage.emit(text)

    # --- actions ----------------------------------------------------------------------------------
    def add_podcast(self) -> None:
        """Open "Add podcast…" with the directory as Preferences set it now."""
        dialog = AddPodcastDialog(self.jobs, self.client, self.artwork, self._directory(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            if dialog.feed_url:
                self.subscribe(dialog.feed_url)

        dialog.accepted.connect(chosen)
        self.add_dialog = dialog
        dialog.open()

    def subscribe(self, url: str) -> Job:
        library, client = self.library, self.client
        self.say(f"Adding {url}…")

        def work(progress: Progress, cancel: CancelToken) -> podcast_jobs.Subscribed:
            return podcast_jobs.subscribe(library, client, url, cancel)

        def done(result: podcast_jobs.Subscribed) -> None:
            self.say(f"Subscribed to {result.title} ({result.episodes} episodes).")
            self.reload(keep_podcast=result.podcast_id)
            self.podcastsChanged.emit()

        return self.jobs.run("Adding podcast", work, done, lambda m: self._error("Could not add the podcast", m))

    def import_opml_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import OPML", "", "OPML files (*.opml *.xml);;All files (*)")
        if path:
            self.import_opml(Path(path))

    def export_opml_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export OPML", "podcasts.opml", "OPML files (*.opml)")
        if path:
            self.export_opml(Path(path))

    def export_opml(self, path: Path) -> None:
        """Write the subscriptions to ``path`` (the save dialog asked before replacing a file)."""
        try:
            count = podcast_jobs.export_opml(self.library, path, overwrite=True)
        except (OSError, PodplayerError) as exc:
            self._error("Could not export the subscriptions", str(exc))
            return
        self.say(f"{count} subscriptions written to {path}")

    def import_opml(self, path: Path) -> Job | None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._error("Could not read the OPML file", f"{path}: {exc.strerror or exc}")
            return None
        library, client = self.library, self.client

        def work(progress: Progress, cancel: CancelToken) -> podcast_jobs.OpmlImport:
            return podcast_jobs.import_opml(library, client, data, path.name, progress, cancel)

        def done(result: podcast_jobs.OpmlImport) -> None:
            text = f"Imported {len(result.subscribed)} podcasts from {path.name}."
            problems = result.failed + [f"{u}: refused (not http/https)" for u in result.skipped]
            if problems:
                text += f" {len(problems)} could not be added: " + "; ".join(problems[:3])
            self.say(text)
            self.reload()
            self.podcastsChanged.emit()

        return self.jobs.run("Importing OPML", work, done, lambda m: self._error("Could not import the OPML file", m))

    def refresh(self, podcast_ids: list[int] | None = None) -> Job | None:
        if self.refresh_job is not None:
            return self.refresh_job
        library, client = self.library, self.client
        self.refresh_button.setEnabled(False)
        self.say("Checking feeds…")

        def work(progress: Progress, cancel: CancelToken) -> list[RefreshReport]:
            return podcast_jobs.refresh(library, client, podcast_ids, progress, cancel)

        def finished() -> None:
            self.refresh_job = None
            self.refresh_button.setEnabled(True)

        def done(reports: list[RefreshReport]) -> None:
            new = sum(r.new_episodes for r in reports)
            failed = [r for r in reports if r.error]
            text = f"{len(reports)} feeds checked, {new} new episode{'s' if new != 1 else ''}."
            if failed:
                text += f" {len(failed)} failed: " + "; ".join(f"{r.title}: {r.error}" for r in failed[:2])
            self.say(text)
            self.reload()
            self.podcastsChanged.emit()

        job = self.jobs.run("Refreshing podcasts", work, done, lambda m: self.say(f"Refresh failed: {m}"),
                            lambda: self.say("Refresh cancelled."))
        job.finished.connect(finished)
        self.refresh_job = job
        return job

    def download(self, episode_id: int) -> Job | None:
        if episode_id in self.downloads:
            return self.downloads[episode_id]
        library, client = self.library, self.client
        model = self.episode_model
        model.set_download_progress(episode_id, 0.0)

        def work(progress: Progress, cancel: CancelToken) -> EpisodeDownload:
            return podcast_jobs.download(library, client, episode_id, progress, cancel)

        def done(result: EpisodeDownload) -> None:
            self.say(f"Downloaded. {' '.join(n[0].upper() + n[1:] + '.' for n in result.notes)}".strip())
            self.libraryChanged.emit()
            self._refresh_rows()
            self.transcriptionWanted.emit()
            if episode_id in self.play_when_downloaded:
                self.episodePlayRequested.emit(episode_id)

        def finished() -> None:
            self.downloads.pop(episode_id, None)
            self.play_when_downloaded.discard(episode_id)
            model.set_download_progress(episode_id, None)
            self._update_buttons()

        job = self.jobs.run("Downloading episode", work, done, lambda m: self.say(f"Download failed: {m}"),
                            lambda: self.say("Download cancelled; it resumes where it stopped next time."))
        job.progressed.connect(lambda d, t, _m: model.set_download_progress(episode_id, d / t if t else 0.0))
        job.finished.connect(finished)
        self.downloads[episode_id] = job
        self._update_buttons()
        return job

    def cancel_download(self, episode_id: int) -> None:
        job = self.downloads.get(episode_id)
        if job is not None:
            job.cancel()

    def _download_or_cancel(self) -> None:
        e = self.current_episode()
        if e is None:
            return
        if e.id in self.downloads:
            self.cancel_download(e.id)
        else:
            self.download(e.id)

    def _on_episode_activated(self, index: QModelIndex) -> None:
        e: PodcastEpisode | None = index.data(EpisodeRole)
        if e is not None:
            self.play(e)

    def _play_current(self) -> None:
        e = self.current_episode()
        if e is not None:
            self.play(e)

    def play(self, episode: PodcastEpisode) -> None:
        """Play ``episode``; one not downloaded yet is downloaded first (its progress in the list)."""
        if episode.downloaded:
            self.episodePlayRequested.emit(episode.id)
            return
        self.download_and_play(episode.id)

    def download_and_play(self, episode_id: int) -> None:
        """Download ``episode_id`` (unless it is downloading) and play it when it is here."""
        self.play_when_downloaded.add(episode_id)
        if episode_id not in self.downloads:
            self.download(episode_id)
        self._update_buttons()

    def _refresh_rows(self) -> None:
        podcast_id = self.current_podcast_id()
        podcasts = self.library.podcasts.podcasts()
        self.podcast_model.set_podcasts(podcasts)
        if podcast_id is not None and (row := self.podcast_model.row_of(podcast_id)) is not None:
            self.podcast_list.setCurrentIndex(self.podcast_model.index(row))
            self.show_podcast(podcast_id)
        self._update_buttons()

    def _error(self, title: str, message: str) -> None:
        self.say(message)
        QMessageBox.warning(self, title, message)

    def shutdown(self) -> None:
        for job in list(self.downloads.values()):
            job.cancel()
        if self.refresh_job is not None:
            self.refresh_job.cancel()
        self.client.close()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
