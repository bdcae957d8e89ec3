"""The library's tables as typed SQLAlchemy ORM models (the current schema, i.e. Alembic head).

Migrations in ``migrations/versions`` are frozen snapshots and do not import this module.

Words are the bulk of the data (~40,000 per three-hour episode), so they are kept compact: the
``words`` table holds only per-word times in a WITHOUT ROWID table keyed by (turn, position), and a
word's text is the ``position``-th space-separated token of its turn's ``text`` (the core model's
rule: a turn's text is its words joined by single spaces). Turn text also feeds full-text search.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class EpisodeRow(Base):
    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    audio_path: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    position_ms: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    meta: Mapped[dict[str, str]] = mapped_column("metadata", JSON, default=dict)
    timing: Mapped[str] = mapped_column(String(16), default="none")
    timing_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    # Feed episodes (all None/empty for episodes opened from files); see 0005_podcasts.
    podcast_id: Mapped[int | None] = mapped_column(ForeignKey("podcasts.id", ondelete="SET NULL"))
    guid: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    artwork: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    enclosure_url: Mapped[str | None] = mapped_column(Text)
    enclosure_type: Mapped[str] = mapped_column(Text, default="")
    enclosure_length: Mapped[int | None] = mapped_column(Integer)
    transcript_links: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    chapters_url: Mapped[str] = mapped_column(Text, default="")
    podlove_chapters: Mapped[str] = mapped_column(Text, default="")
    is_new: Mapped[bool] = mapped_column(Boolean, default=False)
    transcript_format: Mapped[str | None] = mapped_column(String(16))
    # The feed item this episode was last stored from (see 0006_item_fingerprints).
    item_fingerprint: Mapped[str | None] = mapped_column(Text)
    # The feed item's <podcast:soundbite>s (see 0010_soundbites), and those the user kept or dismissed.
    soundbites: Mapped[list[dict[str, object]] | None] = mapped_column(JSON)


class PodcastRow(Base):
    __tablename__ = "podcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    artwork: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    preferences: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SpeakerRow(Base):
    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("episode_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(16))


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("episode_id", "position"), Index("ix_turns_speaker_id", "speaker_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    start_ms: Mapped[int | None] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class WordRow(Base):
    __tablename__ = "words"
    __table_args__ = {"sqlite_with_rowid": False}

    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    start_ms: Mapped[int | None] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)


class HighlightRow(Base):
    __tablename__ = "highlights"
    __table_args__ = (Index("ix_highlights_episode", "episode_id", "start_turn", "start_word"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    start_turn: Mapped[int] = mapped_column(Integer)
    start_word: Mapped[int] = mapped_column(Integer)
    end_turn: Mapped[int] = mapped_column(Integer)
    end_word: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(32), default="yellow")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # A detached highlight (start_turn -1: a correction deleted all its words) keeps its times and
    # speaker here; see 0008_corrections.
    detached_start_ms: Mapped[int | None] = mapped_column(Integer)
    detached_end_ms: Mapped[int | None] = mapped_column(Integer)
    detached_speaker: Mapped[str] = mapped_column(Text, default="")


class OriginalTranscriptRow(Base):
    """An episode's transcript as it stood before its first correction (core JSON, see correction_io)."""

    __tablename__ = "original_transcripts"

    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"), primary_key=True)
    transcript: Mapped[dict[str, object]] = mapped_column(JSON)
    kept_at: Mapped[datetime] = mapped_column(DateTime)


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text(collation="NOCASE"), unique=True)
    color: Mapped[str] = mapped_column(String(32), default="")
    # The code's memo (see 0007_tag_descriptions); a "/" in the name places it in the codebook's tree.
    description: Mapped[str] = mapped_column(Text, default="")


class HighlightTagRow(Base):
    __tablename__ = "highlight_tags"
    __table_args__ = (Index("ix_highlight_tags_tag", "tag_id"),)

    highlight_id: Mapped[int] = mapped_column(ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class MetaRow(Base):
    """Key/value facts about the library itself (e.g. when it was created)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChapterRow(Base):
    """One chapter of an episode; ``source`` says where the chapters came from (see ChapterSource)."""

    __tablename__ = "chapters"
    __table_args__ = (UniqueConstraint("episode_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    image: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))


class SyncCheckRow(Base):
    """An episode's latest sync check (core.align.sync_report as JSON) and what became of it."""

    __tablename__ = "sync_checks"

    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    report: Mapped[dict[str, object]] = mapped_column(JSON)
    checked_at: Mapped[datetime] = mapped_column(DateTime)


class VoiceRow(Base):
    """A known voice: the name the user gave a speaker and that speaker's voice (see 0009_voices)."""

    __tablename__ = "voices"
    __table_args__ = (Index("ix_voices_podcast", "podcast_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    podcast_id: Mapped[int | None] = mapped_column(ForeignKey("podcasts.id", ondelete="SET NULL"))
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id", ondelete="SET NULL"))
    embedding: Mapped[bytes] = mapped_column(LargeBinary)  # float32 values, little-endian
    seconds: Mapped[float] = mapped_column(Float)  # how much speech it was learnt from
    created_at: Mapped[datetime] = mapped_column(DateTime)
