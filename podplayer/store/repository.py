"""The library: everything the user made, behind one object that speaks core dataclasses.

The UI never holds a Session or connection: every method is one unit of work, committed before it
returns (autosave). Writes run in ``BEGIN IMMEDIATE`` transactions (see :mod:`podplayer.store.db`).
A use case that makes several changes wraps them in :meth:`Library.transaction`: every method called
inside it (on the same thread) joins that one transaction, which commits at the end or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from podplayer.core.align.sync_report import EpisodeSync, SyncState, report_from_dict, report_to_dict
from podplayer.core.audio_fingerprint import Fingerprint, same_fingerprint
from podplayer.core.chapters import Chapter, ChapterSource
from podplayer.core.code_report import CodeReport, code_report
from podplayer.core.codebook import normalize_tag
from podplayer.core.links import EpisodeIdentity, MomentLink
from podplayer.core.model import Episode, EpisodeSummary, Highlight, SearchHit, Tag, Timing, Transcript
from podplayer.core.palette import next_free_color
from podplayer.core.refs import Candidate, resolve_ref
from podplayer.core.soundbites import Soundbite
from podplayer.core.speakers.known import KnownVoice
from podplayer.store import db, voice_store
from podplayer.store.chapter_io import (
    chapter_count_query,
    replace_chapters,
    select_chapter_source,
    select_chapters,
)
from podplayer.store.codebook_io import rename_code
from podplayer.store.coded_import import CodedEpisode, CodedResult, store_coded
from podplayer.store.correction_store import CorrectionStore
from podplayer.store.episode_io import (
    add_first_transcript,
    as_utc,
    insert_episode,
    inserted_id,
    load_episode,
    replace_episode_timings,
    turn_text,
    utcnow,
)
from podplayer.store.episode_links import LinkedEpisode, find_linked, identity_of
from podplayer.store.errors import LibraryError, ReadOnlyLibraryError
from podplayer.store.highlight_io import (
    insert_highlight,
    select_codings,
    select_highlights,
    tag_id,
    update_highlight_row,
)
from podplayer.store.migrations import HEAD_REVISION
from podplayer.store.podcast_store import PodcastStore
from podplayer.store.schema import (
    EpisodeRow,
    HighlightRow,
    HighlightTagRow,
    MetaRow,
    PodcastRow,
    SpeakerRow,
    SyncCheckRow,
    TagRow,
    TurnRow,
)
from podplayer.store.search import search_library


class Library:
    def __init__(self, path: str | Path) -> None:
        """Open (creating if needed) the SQLite library at ``path``; migrate after a backup.

        Raises LibraryError (a PodplayerError) with a clear message for a newer-version, corrupt,
        foreign, read-only or unreachable file. A file that is refused is never modified.
        """
        self.path = Path(path)
        # The copy made before the last migration, if one ran while opening.
        self.backup_path: Path | None = None
        if self.path.is_dir():
            raise LibraryError(f"{self.path}: is a folder, not a library file")
        revision = db.stored_revision(self.path)
        if revision != HEAD_REVISION:
            from podplayer.store.migrations import known_revisions

            db.check_known(self.path, revision, known_revisions())
            if revision is not None:
                self.backup_path = db.backup_file(self.path, revision)
        self._engine = db.create_library_engine(self.path)
        # Subscriptions and feed episodes (store/podcast_store.py), in the same units of work.
        self.podcasts = PodcastStore(self._read, self._write)
        # Corrected transcripts, the kept original, re-timed corrections (store/correction_store.py).
        self.corrections = CorrectionStore(self._read, self._write)
        self._reconnect_before_write = False
        self._write_engine = self._engine.execution_options(**{db.WRITE_OPTION: True})
        self._unit = threading.local()  # the connection of this thread's open transaction(), if any
        try:
            with db.translated_errors(self.path):
                if revision != HEAD_REVISION:
                    self._migrate()
                else:
                    with self._engine.connect() as conn:
                        conn.exec_driver_sql("SELECT 1")  # applies the pragmas; fails early if read-only
        except BaseException:
            self._engine.dispose()
            raise

    def _migrate(self) -> None:
        from alembic.util.exc import CommandError

        from podplayer.store.migrations import upgrade

        try:
            with self._write_engine.begin() as conn:
                upgrade(conn)
        except CommandError as exc:  # another process wrote a revision we do not know meanwhile
            raise LibraryError(f"{self.path}: cannot upgrade the library ({exc})") from exc

    @staticmethod
    def move_aside(path: str | Path) -> Path:
        """Rename an unusable library file out of the way (never deletes); returns the new path."""
        return db.move_aside(Path(path))

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work around several calls: they all commit together when the block ends, and
        none of them does when it raises (or the process dies before the end). Nests: an inner
        transaction joins the outer one."""
        if getattr(self._unit, "conn", None) is not None:
            yield
            return
        with self._write() as conn:
            self._unit.conn = conn
            try:
                yield
            finally:
                self._unit.conn = None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        unit: Connection | None = getattr(self._unit, "conn", None)
        if unit is not None:
            with db.translated_errors(self.path):
                yield unit
            return
        with db.translated_errors(self.path), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        unit: Connection | None = getattr(self._unit, "conn", None)
        if unit is not None:
            with db.translated_errors(self.path):
                yield unit
            return
        if self._reconnect_before_write:
            # SQLite keeps a connection opened on a read-only file read-only for good: after a
            # read-only failure, every write starts on fresh connections until one succeeds, so a
            # retry works as soon as the file, folder or disk is writable again.
            self._engine.dispose()
        try:
            with db.translated_errors(self.path), self._write_engine.begin() as conn:
                yield conn
        except ReadOnlyLibraryError:
            self._reconnect_before_write = True
            raise
        self._reconnect_before_write = False

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result ("ok" when healthy)."""
        with self._read() as conn:
            return "; ".join(str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check"))

    # --- episodes ---------------------------------------------------------------------------
    def add_episode(
        self,
        episode: Episode,
        chapters: list[Chapter] | None = None,
        chapter_source: ChapterSource = ChapterSource.EMBEDDED,
    ) -> int:
        """Add an episode (and its chapters, in the same transaction); returns its id."""
        with self._write() as conn:
            episode_id = insert_episode(conn, episode)
            if chapters:
                replace_chapters(conn, episode_id, chapters, chapter_source)
            return episode_id

    def episodes(self) -> list[EpisodeSummary]:
        count = (
            select(func.count()).select_from(HighlightRow).where(HighlightRow.episode_id == EpisodeRow.id)
        ).scalar_subquery()
        query = select(
            EpisodeRow.id,
            EpisodeRow.title,
            EpisodeRow.audio_path,
            EpisodeRow.duration_ms,
            EpisodeRow.position_ms,
            count,
            EpisodeRow.timing,
            EpisodeRow.created_at,
            chapter_count_query(),
            EpisodeRow.podcast_id,
            PodcastRow.title,
            EpisodeRow.transcript_format,
        ).outerjoin(PodcastRow, PodcastRow.id == EpisodeRow.podcast_id).order_by(EpisodeRow.id)
        with self._read() as conn:
            return [
                EpisodeSummary(
                    eid, title, audio, dur, pos, n, Timing(timing), as_utc(created), chapters, pid, ptitle or "", tformat
                )
                for eid, title, audio, dur, pos, n, timing, created, chapters, pid, ptitle, tformat in conn.execute(query)
            ]

    def find_same_audio(self, audio_path: str | Path | None, *, fingerprint: Fingerprint | None = None) -> list[int]:
        """Episodes whose audio is the same file: the same path (compared resolved, so a relative path,
        a symlink or ``..`` name the same file) or, given the saved ``fingerprint`` of a file that may
        have moved or been copied, a readable file with that fingerprint. Without either, the episodes
        without audio."""
        wanted = str(Path(audio_path).resolve()) if audio_path is not None else None
        with self._read() as conn:
            rows = conn.execute(select(EpisodeRow.id, EpisodeRow.audio_path).order_by(EpisodeRow.id)).all()
        if wanted is None and not fingerprint:
            return [int(eid) for eid, stored in rows if stored is None]
        found = []
        for episode_id, stored in rows:
            if stored is None:
                continue
            if wanted is not None and (stored == wanted or str(Path(stored).resolve()) == wanted) or fingerprint and same_fingerprint(stored, fingerprint):
                found.append(int(episode_id))
        return found

    def find_same_episode(
        self, audio_path: str | Path | None, transcript: Transcript, *, fingerprint: Fingerprint | None = None
    ) -> int | None:
        """The episode that is the same as ``audio_path`` + ``transcript``, or None: the one rule for
        "same episode" (importing, opening, restoring a backup).

        Same episode = the same audio (:meth:`find_same_audio`) and the same words turn by turn
        (speaker names, timings, title and file format may differ: renaming a speaker or re-syncing
        never makes a re-import look new).
        """
        texts = [turn_text(t) for t in transcript.turns]
        candidates = self.find_same_audio(audio_path, fingerprint=fingerprint)
        with self._read() as conn:
            for episode_id in candidates:
                stored_texts = conn.execute(
                    select(TurnRow.text).where(TurnRow.episode_id == episode_id).order_by(TurnRow.position)
                ).scalars().all()
                if list(stored_texts) == texts:
                    return episode_id
        return None

    def episode(self, episode_id: int, *, word_times: bool = True) -> Episode:
        """The whole episode; ``word_times=False``: words untimed, turns timed (faster, for text exports)."""
        with self._read() as conn:
            return load_episode(conn, episode_id, word_times=word_times)

    def episode_identity(self, episode_id: int) -> EpisodeIdentity | None:
        """What ``podplayer://`` links call this episode (see core/links.py); None without GUID, URL or audio."""
        with self._read() as conn:
            return identity_of(conn, episode_id)

    def soundbites(self, episode_id: int) -> list[Soundbite]:
        """The moments the episode's feed item suggests (``<podcast:soundbite>``); [] for most episodes."""
        with self._read() as conn:
            stored = conn.execute(select(EpisodeRow.soundbites).where(EpisodeRow.id == episode_id)).scalar()
        found = [Soundbite.from_json(item) for item in stored or []]
        return [bite for bite in found if bite is not None]

    def find_linked_episode(self, link: MomentLink) -> LinkedEpisode:
        """The episode a link names (LinkError: not here, or its time past the end)."""
        with self._read() as conn:
            return find_linked(conn, link)

    def resolve_episode(self, ref: str) -> int:
        """The episode ``ref`` names (see :func:`podplayer.core.refs.resolve_ref`)."""
        with self._read() as conn:
            rows = conn.execute(select(EpisodeRow.id, EpisodeRow.title).order_by(EpisodeRow.id)).all()
        return resolve_ref("episode", ref, [Candidate(int(eid), title) for eid, title in rows])

    def _update_episode(self, episode_id: int, **values: Any) -> None:
        with self._write() as conn:
            result = conn.execute(
                update(EpisodeRow).where(EpisodeRow.id == episode_id).values(**values, updated_at=utcnow())
            )
            if result.rowcount == 0:
                raise LibraryError(f"no episode with id {episode_id}")

    def rename_episode(self, episode_id: int, title: str) -> None:
        title = " ".join(title.split())
        if not title:
            raise LibraryError("an episode title cannot be empty")
        self._update_episode(episode_id, title=title)

    def delete_episode(self, episode_id: int) -> None:
        with self._write() as conn:
            if conn.execute(delete(EpisodeRow).where(EpisodeRow.id == episode_id)).rowcount == 0:
                raise LibraryError(f"no episode with id {episode_id}")

    def set_position(self, episode_id: int, position_ms: int) -> None:
        self._update_episode(episode_id, position_ms=max(0, int(position_ms)))

    def set_duration(self, episode_id: int, duration_ms: int) -> None:
        self._update_episode(episode_id, duration_ms=int(duration_ms))

    def set_audio_path(self, episode_id: int, audio_path: str | None) -> None:
        self._update_episode(episode_id, audio_path=audio_path)

    def set_episode_note(self, episode_id: int, note: str) -> None:
        self._update_episode(episode_id, note=note)

    def replace_timings(self, episode_id: int, transcript: Transcript, *, estimated: bool) -> None:
        """Atomically replace every turn/word time (same words, new times); highlights stay on words."""
        timing = Transcript(transcript.turns, estimated=estimated).timing
        with self._write() as conn:
            found = conn.execute(select(EpisodeRow.id).where(EpisodeRow.id == episode_id)).scalar()
            if found is None:
                raise LibraryError(f"no episode with id {episode_id}")
            replace_episode_timings(conn, episode_id, transcript)
            conn.execute(
                update(EpisodeRow)
                .where(EpisodeRow.id == episode_id)
                .values(timing=timing.value, timing_estimated=estimated, updated_at=utcnow())
            )

    def add_transcript(self, episode_id: int, transcript: Transcript) -> None:
        """Give an episode without a transcript its first one (a transcription); an episode that has
        words already is refused with a LibraryError and left untouched."""
        with self._write() as conn:
            add_first_transcript(conn, episode_id, transcript)

    # --- chapters ---------------------------------------------------------------------------
    def set_chapters(self, episode_id: int, chapters: list[Chapter], source: ChapterSource) -> None:
        """Replace the episode's chapters (an empty list removes them)."""
        with self._write() as conn:
            self._require_episode(conn, episode_id)
            replace_chapters(conn, episode_id, chapters, source)

    def chapters(self, episode_id: int) -> list[Chapter]:
        """The episode's chapters sorted by start (empty when it has none)."""
        with self._read() as conn:
            self._require_episode(conn, episode_id)
            return select_chapters(conn, episode_id)

    def chapter_source(self, episode_id: int) -> ChapterSource | None:
        """Where the episode's chapters came from, or None when it has none."""
        with self._read() as conn:
            return select_chapter_source(conn, episode_id)

    # --- sync checks ------------------------------------------------------------------------
    def set_sync_check(self, episode_id: int, sync: EpisodeSync) -> None:
        """Remember the episode's latest sync check and its state (replacing any earlier one)."""
        with self._write() as conn:
            self._require_episode(conn, episode_id)
            conn.execute(delete(SyncCheckRow).where(SyncCheckRow.episode_id == episode_id))
            conn.execute(
                insert(SyncCheckRow).values(
                    episode_id=episode_id,
                    state=sync.state.value,
                    report=report_to_dict(sync.report),
                    checked_at=utcnow(),
                )
            )

    def sync_check(self, episode_id: int) -> EpisodeSync | None:
        """The episode's latest sync check, or None when it was never checked."""
        with self._read() as conn:
            row = conn.execute(
                select(SyncCheckRow.state, SyncCheckRow.report).where(SyncCheckRow.episode_id == episode_id)
            ).first()
        if row is None:
            return None
        return EpisodeSync(report_from_dict(dict(row.report)), SyncState(row.state))

    def apply_sync(self, episode_id: int, transcript: Transcript, sync: EpisodeSync) -> None:
        """Save re-synced (or restored) timings and the check's new state in one unit of work."""
        timing = Transcript(transcript.turns).timing
        with self._write() as conn:
            self._require_episode(conn, episode_id)
            replace_episode_timings(conn, episode_id, transcript)
            conn.execute(
                update(EpisodeRow)
                .where(EpisodeRow.id == episode_id)
                .values(timing=timing.value, timing_estimated=False, updated_at=utcnow())
            )
            conn.execute(
                update(SyncCheckRow)
                .where(SyncCheckRow.episode_id == episode_id)
                .values(state=sync.state.value, report=report_to_dict(sync.report))
            )

    # --- highlights -------------------------------------------------------------------------
    def add_highlight(self, episode_id: int, highlight: Highlight) -> int:
        with self._write() as conn:
            self._require_episode(conn, episode_id)
            return insert_highlight(conn, episode_id, highlight, keep_id=False)

    def update_highlight(self, highlight: Highlight) -> None:
        with self._write() as conn:
            update_highlight_row(conn, highlight)

    def delete_highlight(self, highlight_id: int) -> None:
        with self._write() as conn:
            if conn.execute(delete(HighlightRow).where(HighlightRow.id == highlight_id)).rowcount == 0:
                raise LibraryError(f"no highlight with id {highlight_id}")

    def restore_highlight(self, highlight: Highlight) -> int:
        """Undo of delete: re-insert with the same id if it is free (and its tags, note, colour)."""
        if highlight.episode_id is None:
            raise LibraryError("cannot restore a highlight without its episode")
        with self._write() as conn:
            self._require_episode(conn, highlight.episode_id)
            return insert_highlight(conn, highlight.episode_id, highlight, keep_id=True)

    def highlights(self, episode_id: int | None = None, *, tag: str | None = None) -> list[Highlight]:
        with self._read() as conn:
            return select_highlights(conn, episode_id, tag)

    def highlight(self, highlight_id: int) -> Highlight:
        with self._read() as conn:
            found = select_highlights(conn, highlight_id=highlight_id)
        if not found:
            raise LibraryError(f"no highlight with id {highlight_id}")
        return found[0]

    @staticmethod
    def _require_episode(conn: Connection, episode_id: int) -> None:
        if conn.execute(select(EpisodeRow.id).where(EpisodeRow.id == episode_id)).scalar() is None:
            raise LibraryError(f"no episode with id {episode_id}")

    # --- tags & speakers ----------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        count = (
            select(func.count()).select_from(HighlightTagRow).where(HighlightTagRow.tag_id == TagRow.id)
        ).scalar_subquery()
        query = select(TagRow.name, TagRow.color, TagRow.id, count, TagRow.description).order_by(
            func.lower(TagRow.name)
        )
        with self._read() as conn:
            return [Tag(name, color, tid, n, desc) for name, color, tid, n, desc in conn.execute(query)]

    def set_tag_description(self, name: str, description: str) -> None:
        """Write a code's memo (creating the tag when it is not used yet, so a codebook can grow first)."""
        name = normalize_tag(name)
        if not name:
            raise LibraryError("a tag name cannot be empty")
        with self._write() as conn:
            found = tag_id(conn, name, create=True)
            conn.execute(update(TagRow).where(TagRow.id == found).values(description=description.strip()))

    def add_coded(self, codebook: list[Tag], episodes: list[CodedEpisode]) -> CodedResult:
        """Add a QDA project's codebook and coded episodes in one transaction (store/coded_import.py)."""
        with self._write() as conn:
            return store_coded(conn, codebook, episodes)

    def code_report(self) -> CodeReport:
        """Counts per code, episode and speaker and the co-occurrence of codes (core/code_report.py)."""
        with self._read() as conn:
            highlights = select_codings(conn)
            titles = {eid: title for eid, title in conn.execute(select(EpisodeRow.id, EpisodeRow.title))}
        return code_report(highlights, self.tags(), titles)

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a code and every code below it (``Work`` -> ``Job`` moves ``Work/Stress`` to
        ``Job/Stress``); a name that exists already is a merge (store/codebook_io.py)."""
        with self._write() as conn:
            rename_code(conn, old, new)

    def set_tag_color(self, name: str, color: str) -> None:
        """A code's colour (creating the code when it is only a parent so far)."""
        name = normalize_tag(name)
        if not name:
            raise LibraryError("a tag name cannot be empty")
        with self._write() as conn:
            found = tag_id(conn, name, create=True)
            conn.execute(update(TagRow).where(TagRow.id == found).values(color=color))

    def _speaker_id(self, conn: Connection, episode_id: int, name: str) -> int | None:
        return conn.execute(
            select(SpeakerRow.id).where(SpeakerRow.episode_id == episode_id, SpeakerRow.name == name)
        ).scalar()

    def _new_speaker(self, conn: Connection, episode_id: int, name: str) -> int:
        used = set(conn.execute(select(SpeakerRow.color).where(SpeakerRow.episode_id == episode_id)).scalars())
        return inserted_id(
            conn.execute(insert(SpeakerRow).values(episode_id=episode_id, name=name, color=next_free_color(used)))
        )

    def rename_speaker(self, episode_id: int, old: str, new: str) -> None:
        """Rename a speaker in one episode; when ``new`` already exists the two are merged."""
        new = " ".join(new.split())
        if not new:
            raise LibraryError("a speaker name cannot be empty")
        with self._write() as conn:
            old_id = self._speaker_id(conn, episode_id, old)
            if old_id is None:
                raise LibraryError(f"no speaker {old!r} in episode {episode_id}")
            new_id = self._speaker_id(conn, episode_id, new)
            if new_id is None:
                conn.execute(update(SpeakerRow).where(SpeakerRow.id == old_id).values(name=new))
            elif new_id != old_id:
                conn.execute(update(TurnRow).where(TurnRow.speaker_id == old_id).values(speaker_id=new_id))
                conn.execute(delete(SpeakerRow).where(SpeakerRow.id == old_id))

    def set_speaker_color(self, episode_id: int, speaker: str, color: str) -> None:
        with self._write() as conn:
            result = conn.execute(
                update(SpeakerRow)
                .where(SpeakerRow.episode_id == episode_id, SpeakerRow.name == speaker)
                .values(color=color)
            )
            if result.rowcount == 0:
                raise LibraryError(f"no speaker {speaker!r} in episode {episode_id}")

    def reassign_turn(self, episode_id: int, turn_index: int, speaker: str) -> None:
        """Give one turn to another (possibly new) speaker; a speaker left without turns is removed."""
        speaker = " ".join(speaker.split())
        if not speaker:
            raise LibraryError("a speaker name cannot be empty")
        with self._write() as conn:
            old_id = conn.execute(
                select(TurnRow.speaker_id).where(TurnRow.episode_id == episode_id, TurnRow.position == turn_index)
            ).scalar()
            if old_id is None:
                raise LibraryError(f"episode {episode_id} has no turn {turn_index}")
            speaker_id = self._speaker_id(conn, episode_id, speaker) or self._new_speaker(conn, episode_id, speaker)
            conn.execute(
                update(TurnRow)
                .where(TurnRow.episode_id == episode_id, TurnRow.position == turn_index)
                .values(speaker_id=speaker_id)
            )
            if conn.execute(select(TurnRow.id).where(TurnRow.speaker_id == old_id).limit(1)).first() is None:
                conn.execute(delete(SpeakerRow).where(SpeakerRow.id == old_id))  # no turns left

    # --- speakers and known voices (store/voice_store.py) ---------------------------------------
    def replace_speaker_turns(self, episode_id: int, transcript: Transcript) -> None:
        """New speaker turns over the same words; highlights stay on their words."""
        with self._write() as conn:
            voice_store.replace_speaker_turns(conn, episode_id, transcript)

    def episode_podcast_id(self, episode_id: int) -> int | None:
        with self._read() as conn:
            return voice_store.episode_podcast(conn, episode_id)

    def voices(self) -> list[KnownVoice]:
        with self._read() as conn:
            return voice_store.load_voices(conn)

    def save_voice(self, voice: KnownVoice, episode_id: int | None = None) -> voice_store.KeptVoice:
        """Keep a voice (replacing the one of that name and podcast); the result undoes it."""
        with self._write() as conn:
            return voice_store.save_voice(conn, voice, episode_id)

    def take_back_voice(self, kept: voice_store.KeptVoice) -> None:
        with self._write() as conn:
            voice_store.take_back_voice(conn, kept)

    def forget_voice(self, name: str) -> int:
        with self._write() as conn:
            return voice_store.forget_voice(conn, name)

    # --- search -------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 100) -> list[SearchHit]:
        """FTS5 over turns, highlight quotes and notes; any user text is safe (never raises on syntax)."""
        with self._read() as conn:
            return search_library(conn, query, limit)

    # --- library facts (meta table) ---------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """A stored fact about the library itself (e.g. whether the demo was added), or None."""
        with self._read() as conn:
            value = conn.execute(select(MetaRow.value).where(MetaRow.key == key)).scalar()
            return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(delete(MetaRow).where(MetaRow.key == key))
            conn.execute(insert(MetaRow).values(key=key, value=value))
