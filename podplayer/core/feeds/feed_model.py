"""What a parsed feed is made of: plain dataclasses, shared by the parser, the store and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class TranscriptLink:
    """One ``<podcast:transcript>`` of an item."""

    url: str
    type: str  # MIME type as given ("application/json", "text/vtt", ...), lower case
    language: str = ""  # BCP 47 tag as given ("en", "es-MX"), or "" when absent
    rel: str = ""  # "captions" when the file is a closed-caption track


@dataclass(slots=True)
class FeedItem:
    guid: str
    title: str
    published: datetime | None = None  # aware UTC
    duration_ms: int | None = None
    description: str = ""  # plain text
    link: str = ""
    artwork: str = ""
    enclosure_url: str = ""
    enclosure_type: str = ""
    enclosure_length: int | None = None
    transcripts: list[TranscriptLink] = field(default_factory=list)
    chapters_url: str = ""  # <podcast:chapters url=...> (JSON chapters)
    chapters_type: str = ""
    # The item's Podlove Simple Chapters element, serialised as XML, for the chapter reader.
    podlove_chapters: str = ""
    # <podcast:soundbite>s: {"start_ms", "duration_ms", "title"}, suggested highlights once downloaded.
    soundbites: list[dict[str, Any]] = field(default_factory=list)
    language: str = ""  # the channel's language (items rarely have their own)
    # Identifies the item's XML as read (see known_items.py); "" when it could not be taken.
    fingerprint: str = ""


@dataclass(slots=True)
class Feed:
    url: str
    title: str
    author: str = ""
    description: str = ""
    link: str = ""
    artwork: str = ""
    language: str = ""
    # <itunes:new-feed-url>: the publisher says the feed moved.
    new_url: str = ""
    items: list[FeedItem] = field(default_factory=list)
    # Fingerprints of the items that were skipped because the library already holds them as they
    # are (the reader was given the stored fingerprints); those items are not in ``items``.
    unchanged: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PodcastSummary:
    """A subscription as the library keeps it (one row of the podcast list)."""

    id: int
    feed_url: str
    title: str
    author: str = ""
    artwork: str = ""
    description: str = ""
    episode_count: int = 0
    unplayed_count: int = 0  # episodes never started (position 0)
    new_count: int = 0  # episodes that arrived with a refresh and were not looked at yet
    downloaded_count: int = 0
    last_checked: datetime | None = None
    last_error: str = ""
    preferences: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class PodcastEpisode:
    """One row of a podcast's episode list (no transcript loaded)."""

    id: int
    podcast_id: int
    title: str
    published: datetime | None
    duration_ms: int | None
    position_ms: int
    is_new: bool
    downloaded: bool
    transcript_format: str | None  # the format used ("json", "vtt", ...) once downloaded
    offers_transcript: bool  # the feed links at least one transcript
    offers_chapters: bool
    chapter_count: int = 0


@dataclass(slots=True)
class EpisodeSource:
    """What a download needs to know about a feed episode."""

    episode_id: int
    podcast_title: str
    title: str
    enclosure_url: str
    enclosure_type: str = ""
    enclosure_length: int | None = None
    transcripts: list[TranscriptLink] = field(default_factory=list)
    chapters_url: str = ""
    podlove_chapters: str = ""
    language: str = ""
