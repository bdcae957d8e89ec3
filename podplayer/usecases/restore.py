"""Restoring an annotations file (a JSON backup) into the library: one transaction for the whole file.

Each saved episode goes to the library's episode with the same audio and words
(:meth:`Library.find_same_episode`), else to one with the same audio whose transcript changed since
(a correction, a re-sync), else to the one episode with the same title; an episode the library does
not have is created from the transcript the file carries. Highlights whose word anchors no longer
fit the target transcript are re-found by their quote (prefix and suffix break ties); a highlight
already there is not added twice.

Everything happens in one :meth:`Library.transaction`: a restore that fails (or is killed) part-way
leaves the library exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from podplayer.core.chapters import ChapterSource
from podplayer.core.export.annotations_json import AnnotationsFile, SavedEpisode
from podplayer.core.model import Episode, Highlight, PodplayerError, Transcript, WordRef
from podplayer.store.repository import Library


class NoRestoreTarget(PodplayerError):
    """No episode fits a saved episode, and the file carries no transcript to create it from."""

    def __init__(self, title: str) -> None:
        super().__init__(f"no episode in this library matches {title!r} (by audio or title)")
        self.title = title


class AmbiguousRestoreTarget(PodplayerError):
    def __init__(self, title: str) -> None:
        super().__init__(f"several episodes are titled {title!r}")
        self.title = title


class OneEpisodeFileNeeded(PodplayerError):
    """A chosen target episode takes a file with exactly one episode."""

    def __init__(self, episodes: int) -> None:
        super().__init__(f"a file with {episodes} episodes cannot go into one chosen episode")
        self.episodes = episodes


@dataclass(slots=True)
class RestoreReport:
    lines: list[str] = field(default_factory=list)
    added: int = 0
    duplicates: int = 0
    unplaced: int = 0
    created_episodes: int = 0


class WordIndex:
    """Every word of a transcript in reading order, with each word's position (built once per episode)."""

    def __init__(self, transcript: Transcript) -> None:
        self.refs = [WordRef(t, w) for t, turn in enumerate(transcript.turns) for w in range(len(turn.words))]
        self.texts = [word.text for turn in transcript.turns for word in turn.words]
        self.position = {ref: i for i, ref in enumerate(self.refs)}

    def range_words(self, start: WordRef, end: WordRef) -> list[str] | None:
        i, j = self.position.get(start), self.position.get(end)
        if i is None or j is None or j < i:
            return None
        return self.texts[i : j + 1]


def place_highlight(words: WordIndex, h: Highlight) -> Highlight | None:
    """``h`` on the same words if its anchor still fits the transcript, else re-found by its quote.

    Among several occurrences of the quote, the one whose neighbouring words best match the saved
    prefix/suffix wins. None when the quote is not in the transcript at all.
    """
    quote = h.quote.split()
    current = words.range_words(h.start, h.end)
    if current is not None and (not quote or current == quote):
        return h
    if not quote:
        return None
    texts = words.texts
    before, after = h.prefix.split(), h.suffix.split()
    best: tuple[int, int] | None = None  # (score, start index)
    for i in range(len(texts) - len(quote) + 1):
        if texts[i] != quote[0] or texts[i : i + len(quote)] != quote:
            continue
        score = sum(1 for a, b in zip(reversed(texts[:i]), reversed(before), strict=False) if a == b)
        score += sum(1 for a, b in zip(texts[i + len(quote) :], after, strict=False) if a == b)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    i = best[1]
    return replace(h, start=words.refs[i], end=words.refs[i + len(quote) - 1], start_ms=None, end_ms=None)


def _target(library: Library, saved: SavedEpisode) -> tuple[int, str] | None:
    if saved.transcript is not None:
        same = library.find_same_episode(saved.audio_path, saved.transcript, fingerprint=saved.fingerprint)
        if same is not None:
            return same, "same audio (path or audio fingerprint) and words"
    if saved.audio_path is not None or saved.fingerprint:
        heard = library.find_same_audio(saved.audio_path, fingerprint=saved.fingerprint)
        if heard:
            return heard[0], "same audio (path or audio fingerprint)"
    key = saved.title.casefold().strip()
    titled = [s for s in library.episodes() if s.title.casefold().strip() == key]
    if len(titled) > 1:
        raise AmbiguousRestoreTarget(saved.title)
    return (titled[0].id, "title") if titled else None


def _create_episode(library: Library, saved: SavedEpisode) -> int:
    if saved.transcript is None:
        raise NoRestoreTarget(saved.title)
    transcript = replace(saved.transcript, title=saved.title, metadata=dict(saved.metadata))
    episode = Episode(
        title=saved.title,
        transcript=transcript,
        audio_path=saved.audio_path,
        duration_ms=saved.duration_ms,
        note=saved.note,
        speaker_colors={k: v for k, v in saved.speaker_colors.items() if v},
    )
    return library.add_episode(episode)


def _restore_episode(library: Library, saved: SavedEpisode, episode_id: int, report: RestoreReport) -> None:
    target = library.episode(episode_id)
    if saved.note and target.note != saved.note:
        if target.note:
            report.lines.append(f"kept the library's own note of {target.title!r}")
        else:
            library.set_episode_note(episode_id, saved.note)
    for name, color in saved.speaker_colors.items():
        if color and name in target.speaker_colors and target.speaker_colors[name] != color:
            library.set_speaker_color(episode_id, name, color)
    if saved.chapters and not library.chapters(episode_id):
        library.set_chapters(episode_id, saved.chapters, ChapterSource.JSON)
    words = WordIndex(target.transcript)
    existing = {(h.start, h.end, " ".join(h.quote.split())) for h in library.highlights(episode_id)}
    for h in saved.highlights:
        placed = place_highlight(words, h)
        if placed is None:
            report.unplaced += 1
            report.lines.append(f"could not place highlight {' '.join(h.quote.split()[:8])!r} in {target.title!r}")
            continue
        key = (placed.start, placed.end, " ".join(placed.quote.split()))
        if key in existing:
            report.duplicates += 1
            continue
        library.add_highlight(episode_id, replace(placed, id=None, episode_id=episode_id, start_ms=None, end_ms=None))
        existing.add(key)
        report.added += 1


def restore_annotations(library: Library, annotations: AnnotationsFile, *, episode_id: int | None = None) -> RestoreReport:
    """Put the highlights, notes and colours of ``annotations`` into ``library`` in one transaction;
    ``episode_id`` sends a one-episode file to that episode. Returns what happened."""
    report = RestoreReport()
    if episode_id is not None and len(annotations.episodes) != 1:
        raise OneEpisodeFileNeeded(len(annotations.episodes))
    with library.transaction():
        for saved in annotations.episodes:
            if episode_id is not None:
                target, how = episode_id, "chosen"
            else:
                match = _target(library, saved)
                if match is None:
                    target, how = _create_episode(library, saved), "created from the file"
                    report.created_episodes += 1
                else:
                    target, how = match
            report.lines.append(f"{saved.title!r} -> episode {target} ({how})")
            _restore_episode(library, saved, target, report)
        known = {t.name: t.color for t in library.tags()}
        for name, color in annotations.tag_colors.items():
            if color and name in known and known[name] != color:
                library.set_tag_color(name, color)
    return report
