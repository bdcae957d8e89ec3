"""Storing coded material from a QDA project: the codebook, and episodes with their highlights.

Everything one import brings goes in through :meth:`Library.add_coded` in one write transaction, so
an import that fails part-way leaves the library as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from podplayer.core.codebook import normalize_tag
from podplayer.core.model import Episode, Highlight, Tag
from podplayer.store.episode_io import insert_episode
from podplayer.store.highlight_io import insert_highlight, select_highlights, tag_id
from podplayer.store.schema import TagRow


@dataclass(slots=True)
class CodedEpisode:
    """An episode to add (``existing_id`` None) or an episode already in the library, with highlights."""

    episode: Episode
    highlights: list[Highlight]
    existing_id: int | None = None


@dataclass(slots=True)
class CodedResult:
    episode_ids: list[int]
    created_episodes: int = 0
    highlights_added: int = 0
    highlights_present: int = 0
    tags_added: int = 0


def store_codebook(conn: Connection, tags: list[Tag]) -> int:
    """Create the tags the library lacks; give colours and descriptions where the library has none.
    Returns how many tags were created."""
    created = 0
    for tag in tags:
        name = normalize_tag(tag.name)
        if not name:
            continue
        found = tag_id(conn, name, create=False)
        if found is None:
            created += 1
            found = tag_id(conn, name, create=True)
        row = conn.execute(select(TagRow.color, TagRow.description).where(TagRow.id == found)).one()
        values = {}
        if tag.color and not row.color:
            values["color"] = tag.color
        if tag.description and not row.description:
            values["description"] = tag.description
        if values:
            conn.execute(update(TagRow).where(TagRow.id == found).values(**values))
    return created


def _key(h: Highlight) -> tuple[object, ...]:
    return (h.start, h.end, h.quote == "", frozenset(t.casefold() for t in h.tags), h.note.strip())


def store_coded(conn: Connection, codebook: list[Tag], episodes: list[CodedEpisode]) -> CodedResult:
    result = CodedResult([])
    result.tags_added = store_codebook(conn, codebook)
    for item in episodes:
        if item.existing_id is None:
            episode_id = insert_episode(conn, item.episode)
            result.created_episodes += 1
            present: set[tuple[object, ...]] = set()
        else:
            episode_id = item.existing_id
            present = {_key(h) for h in select_highlights(conn, episode_id)}
        result.episode_ids.append(episode_id)
        for highlight in item.highlights:
            if _key(highlight) in present:
                result.highlights_present += 1
                continue
            insert_highlight(conn, episode_id, highlight, keep_id=False)
            present.add(_key(highlight))
            result.highlights_added += 1
    return result
