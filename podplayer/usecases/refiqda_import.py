"""Bringing a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) into the library.

A project's sources with transcripts become episodes (audio packed in the archive is copied beside
the library, into ``Imported/<project>/``), its codings become highlights and its codes tags; see
:mod:`podplayer.core.refiqda.project_reader` for the mapping. A source that is already in the library
(the import duplicate rule: same audio, same words) gets only the highlights it lacks. Everything is
stored in one transaction: bad input is refused before anything is written, and a failure while
writing leaves the library (and the media folder) as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from podplayer.core.export.filenames import safe_name_part
from podplayer.core.refiqda.archive import MAX_MEMBER_BYTES, ProjectArchive, ProjectImportError
from podplayer.core.refiqda.project_reader import ImportedSource, read_codebook_file, read_project
from podplayer.store.coded_import import CodedEpisode
from podplayer.store.repository import Library

IMPORTED_FOLDER = "Imported"


@dataclass(slots=True)
class QdaImportReport:
    episode_ids: list[int] = field(default_factory=list)
    created_episodes: int = 0
    highlights_added: int = 0
    highlights_present: int = 0
    tags_added: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{self.created_episodes} episodes added",
            f"{self.highlights_added} highlights added",
            f"{self.tags_added} tags added",
        ]
        if self.highlights_present:
            parts.append(f"{self.highlights_present} highlights already there")
        if self.skipped:
            parts.append(f"{len(self.skipped)} items left out")
        return ", ".join(parts)


def import_qdc(library: Library, path: Path) -> QdaImportReport:
    """Add a codebook's codes as tags (colours and descriptions kept; existing tags keep theirs)."""
    path = path.expanduser()
    if not path.is_file():
        raise ProjectImportError(f"{path}: no such file")
    if path.stat().st_size > MAX_MEMBER_BYTES:
        raise ProjectImportError(f"{path}: too large for a codebook")
    tags = read_codebook_file(path.read_bytes(), str(path))
    if not tags:
        raise ProjectImportError(f"{path}: the codebook has no codes")
    result = library.add_coded(tags, [])
    return QdaImportReport(tags_added=result.tags_added)


def import_qdpx(library: Library, path: Path) -> QdaImportReport:
    """Import a project; returns what was added. Raises ProjectImportError (one line) for bad input."""
    path = path.expanduser()
    extracted: list[Path] = []
    with ProjectArchive(path) as archive:
        project = read_project(archive)
        if not project.sources:
            raise ProjectImportError(f"{path}: no source with a transcript to import")
        folder = library.path.parent / IMPORTED_FOLDER / safe_name_part(project.name, fallback=path.stem)
        try:
            for source in project.sources:
                source.episode.audio_path = _audio_path(archive, source, folder, extracted)
            items = [
                CodedEpisode(s.episode, s.highlights, library.find_same_episode(s.episode.audio_path, s.episode.transcript))
                for s in project.sources
            ]
            result = library.add_coded(project.codes, items)
        except BaseException:
            for file in extracted:
                file.unlink(missing_ok=True)
            raise
    return QdaImportReport(
        result.episode_ids, result.created_episodes, result.highlights_added, result.highlights_present,
        result.tags_added, project.skipped,
    )


def _audio_path(archive: ProjectArchive, source: ImportedSource, folder: Path, extracted: list[Path]) -> str | None:
    if source.audio_member is not None:
        suffix = Path(source.audio_member).suffix.lower()
        folder.mkdir(parents=True, exist_ok=True)
        stem = safe_name_part(source.episode.title, max_bytes=100, fallback="audio")
        target = folder / f"{stem}{suffix}"
        n = 2
        while target.exists():
            if archive.same_content(source.audio_member, target):
                return str(target)  # imported before: the same file, so the duplicate rule can see the episode
            target = folder / f"{stem} ({n}){suffix}"
            n += 1
        extracted.append(target)
        archive.extract(source.audio_member, target)
        return str(target)
    if source.audio_reference is not None:
        # The form `export --no-audio` writes: an absolute file:// URL, kept as the episode's audio
        # path (never opened by the import; a file that is not there can be relinked later).
        parsed = urlparse(source.audio_reference)
        local = Path(unquote(parsed.path))
        if parsed.netloc not in ("", "localhost") or not local.is_absolute() or ".." in local.parts:
            raise ProjectImportError(f"{archive.path}: audio {source.audio_reference!r} is not a local file")
        return str(local)
    return None
