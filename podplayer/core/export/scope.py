"""Filling an export bundle from the library: one episode, chosen highlights, a tag, or everything.

Shared by the CLI and the export dialog. Takes any object with the Library's reading methods
(core does not import the store).
"""

from __future__ import annotations

from typing import Protocol

from podplayer.core.chapters import Chapter
from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle
from podplayer.core.export.errors import ExportError, UnknownTagError
from podplayer.core.links import EpisodeIdentity
from podplayer.core.model import Episode, EpisodeSummary, Highlight, Tag


class LibraryReader(Protocol):
    def episodes(self) -> list[EpisodeSummary]: ...
    def episode(self, episode_id: int) -> Episode: ...
    def highlights(self, episode_id: int | None = None, *, tag: str | None = None) -> list[Highlight]: ...
    def tags(self) -> list[Tag]: ...
    def chapters(self, episode_id: int) -> list[Chapter]: ...
    def episode_identity(self, episode_id: int) -> EpisodeIdentity | None: ...


def _item(library: LibraryReader, episode_id: int, highlights: list[Highlight]) -> EpisodeHighlights:
    return EpisodeHighlights(
        library.episode(episode_id), highlights, library.chapters(episode_id), library.episode_identity(episode_id)
    )


def _tag_colors(library: LibraryReader) -> dict[str, str]:
    return {t.name: t.color for t in library.tags() if t.color}


def episode_bundle(library: LibraryReader, episode_id: int, highlight_ids: list[int] | None = None) -> ExportBundle:
    """One episode with all its highlights, or only those whose ids are given (in the episode's order)."""
    episode = library.episode(episode_id)
    highlights = library.highlights(episode_id)
    if highlight_ids is not None:
        wanted = set(highlight_ids)
        missing = wanted - {h.id for h in highlights}
        if missing:
            raise ExportError(f"episode {episode_id} has no highlight with id {min(missing)}")
        highlights = [h for h in highlights if h.id in wanted]
    item = EpisodeHighlights(episode, highlights, library.chapters(episode_id), library.episode_identity(episode_id))
    return ExportBundle([item], title=episode.title, tag_colors=_tag_colors(library))


def tag_bundle(library: LibraryReader, tag: str) -> ExportBundle:
    """Every highlight carrying ``tag``, grouped by episode (episodes in library order)."""
    names = {t.name.casefold(): t.name for t in library.tags()}
    name = names.get(" ".join(tag.split()).casefold())
    if name is None:
        raise UnknownTagError(tag)
    by_episode: dict[int, list[Highlight]] = {}
    for h in library.highlights(tag=name):
        if h.episode_id is not None:
            by_episode.setdefault(h.episode_id, []).append(h)
    items = [_item(library, s.id, by_episode[s.id]) for s in library.episodes() if s.id in by_episode]
    return ExportBundle(items, title=f"Tag: {name}", tag_colors=_tag_colors(library))


def library_bundle(library: LibraryReader, *, include_empty: bool = False) -> ExportBundle:
    """Every episode with its highlights; episodes without highlights only when ``include_empty``."""
    items = []
    for summary in library.episodes():
        highlights = library.highlights(summary.id)
        if highlights or include_empty:
            items.append(_item(library, summary.id, highlights))
    return ExportBundle(items, title="Library", tag_colors=_tag_colors(library))
