"""Episode chapters: the :class:`Chapter` model and one reader per source.

- :func:`parse_json_chapters` / :func:`read_json_chapters`: Podcasting 2.0 JSON chapters
- :func:`parse_podlove_chapters`: Podlove Simple Chapters inside a feed item
- :func:`read_embedded_chapters`: chapters inside an audio file (ID3 CHAP/CTOC via mutagen, else ffprobe)

Every reader returns chapters sorted by start and raises :class:`ChapterError` (a PodplayerError,
one clear line) on bad input.
"""

from podplayer.core.chapters.embedded import read_embedded_chapters, read_ffprobe_chapters, read_id3_chapters
from podplayer.core.chapters.json_chapters import chapters_to_json, parse_json_chapters, read_json_chapters
from podplayer.core.chapters.model import (
    Chapter,
    ChapterError,
    ChapterSource,
    chapter_end,
    chapter_index_at,
    next_chapter,
    previous_chapter,
    sorted_chapters,
)
from podplayer.core.chapters.placement import chapter_turns
from podplayer.core.chapters.podlove import PSC_NAMESPACE, parse_npt, parse_podlove_chapters

__all__ = [
    "PSC_NAMESPACE",
    "Chapter",
    "ChapterError",
    "ChapterSource",
    "chapter_end",
    "chapter_index_at",
    "chapter_turns",
    "chapters_to_json",
    "next_chapter",
    "parse_json_chapters",
    "parse_npt",
    "parse_podlove_chapters",
    "previous_chapter",
    "read_embedded_chapters",
    "read_ffprobe_chapters",
    "read_id3_chapters",
    "read_json_chapters",
    "sorted_chapters",
]
