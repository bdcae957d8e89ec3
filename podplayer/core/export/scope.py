"""Filling an export bundle from the library: one episode, chosen highlights, a tag, or everything.

Shared by the CLI and the export dialog. Takes any object with the Library's reading methods
(core does not import the store).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, overload

from podplayer.core.chapters import Chapter
from podplayer.core.codebook import is_within, normalize_tag
from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle
from podplayer.core.export.errors import ExportError, UnknownTagError
from podplayer.core.links import EpisodeIdentity
from podplayer.core.model import Episode, EpisodeSummary, Highlight, Tag


class LibraryReader(Protocol):
    def episodes(self) -> list[EpisodeSummary]: ...
    def episode(self, episode_id: int, *, word_times: bool = True) -> Episode: ...
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
    return ExportBundle([item], title=episode.title, tag_colors=_tag_colors(library), codebook=library.tags())


def tag_bundle(library: LibraryReader, tag: str) -> ExportBundle:
    """Every highlight carrying ``tag`` or a code below it, grouped by episode (episodes in library order)."""
    wanted = normalize_tag(tag)
    names = {t.name.casefold(): t.name for t in library.tags()}
    name = names.get(wanted.casefold())
    if name is None and any(is_within(t, wanted) for t in names.values()):
        name = wanted  # a parent that exists only through its children takes them in
    if name is None:
        raise UnknownTagError(tag)
    by_episode: dict[int, list[Highlight]] = {}
    for h in library.highlights(tag=name):
        if h.episode_id is not None:
            by_episode.setdefault(h.episode_id, []).append(h)
    items = [_item(library, s.id, by_episode[s.id]) for s in library.episodes() if s.id in by_episode]
    return ExportBundle(items, title=f"Tag: {name}", tag_colors=_tag_colors(library), codebook=library.tags())


def library_bundle(library: LibraryReader, *, include_empty: bool = False, streamed: bool = False) -> ExportBundle:
    """Every episode with its highlights; episodes without highlights only when ``include_empty``.

    ``streamed``: the episodes are read one at a time while the exporter walks them, without word
    times (highlights keep theirs), so a whole library never sits in memory; the library must stay
    open until the export is written. For exporters that need only the text, turns and highlights.
    """
    by_episode: dict[int, list[Highlight]] = {}
    for h in library.highlights():
        if h.episode_id is not None:
            by_episode.setdefault(h.episode_id, []).append(h)
    ids = [s.id for s in library.episodes() if include_empty or s.id in by_episode]
    items: Sequence[EpisodeHighlights]
    if streamed:
        items = StreamedEpisodes(library, ids, by_episode)
    else:
        items = [_item(library, eid, by_episode.get(eid, [])) for eid in ids]
    return ExportBundle(items, title="Library", tag_colors=_tag_colors(library), codebook=library.tags())


class StreamedEpisodes(Sequence[EpisodeHighlights]):
    """Episodes read from the library when an exporter reaches them, and let go after."""

    def __init__(self, library: LibraryReader, ids: list[int], highlights: dict[int, list[Highlight]]) -> None:
        self._library = library
        self._ids = ids
        self._highlights = highlights

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> EpisodeHighlights: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[EpisodeHighlights]: ...
    def __getitem__(self, index: int | slice) -> EpisodeHighlights | Sequence[EpisodeHighlights]:
        if isinstance(index, slice):
            return StreamedEpisodes(self._library, self._ids[index], self._highlights)
        episode_id = self._ids[index]
        episode = self._library.episode(episode_id, word_times=False)
        return EpisodeHighlights(
            episode,
            self._highlights.get(episode_id, []),
            self._library.chapters(episode_id),
            self._library.episode_identity(episode_id),
        )
