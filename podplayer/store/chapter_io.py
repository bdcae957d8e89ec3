"""Writing and reading an episode's chapters (the ``chapters`` table), as core Chapter objects."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, ScalarSelect, delete, func, select

from podplayer.core.chapters import Chapter, ChapterSource, sorted_chapters
from podplayer.store.schema import ChapterRow, EpisodeRow

_INSERT = (
    "INSERT INTO chapters (episode_id, position, start_ms, end_ms, title, url, image, source) "
    "VALUES (?,?,?,?,?,?,?,?)"
)


def replace_chapters(
    conn: Connection, episode_id: int, chapters: Sequence[Chapter], source: ChapterSource
) -> None:
    """Replace the episode's chapters (all of them: chapters from one source are one list)."""
    conn.execute(delete(ChapterRow).where(ChapterRow.episode_id == episode_id))
    rows = [
        (episode_id, position, c.start_ms, c.end_ms, c.title, c.url, c.image, source.value)
        for position, c in enumerate(sorted_chapters(chapters))
    ]
    if rows:
        conn.exec_driver_sql(_INSERT, rows)


def select_chapters(conn: Connection, episode_id: int) -> list[Chapter]:
    query = (
        select(ChapterRow.start_ms, ChapterRow.end_ms, ChapterRow.title, ChapterRow.url, ChapterRow.image)
        .where(ChapterRow.episode_id == episode_id)
        .order_by(ChapterRow.position)
    )
    return [
        Chapter(start / 1000, title, None if end is None else end / 1000, url, image)
        for start, end, title, url, image in conn.execute(query)
    ]


def select_chapter_source(conn: Connection, episode_id: int) -> ChapterSource | None:
    value = conn.execute(
        select(ChapterRow.source).where(ChapterRow.episode_id == episode_id).limit(1)
    ).scalar()
    return None if value is None else ChapterSource(value)


def chapter_count_query() -> ScalarSelect[int]:
    """A scalar subquery counting the chapters of ``EpisodeRow.id`` (for episode lists)."""
    return (
        select(func.count()).select_from(ChapterRow).where(ChapterRow.episode_id == EpisodeRow.id)
    ).scalar_subquery()
