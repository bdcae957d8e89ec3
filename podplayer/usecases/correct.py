"""Correct an episode's transcript, re-time what changed, revert to the original: one transaction each.

The corrected transcript brings words, turns and speakers (its times are not trusted). Unchanged
words keep their times exactly, deleted words move nothing, replaced and inserted words are re-timed
on the audio between their timed neighbours (or keep an estimate, marked, until
:func:`retime_estimated` runs in the background), highlights follow their words or are detached
(core/correction). The transcript as it stood before the first correction is kept, and
:func:`revert_episode` brings it back the same way, so highlights survive a revert too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from podplayer.core.correction.highlights import FollowedHighlights, follow_highlights
from podplayer.core.correction.word_diff import (
    WordDiff,
    bound_turns_by_words,
    diff_transcripts,
    flat_words,
    runs_to_retime,
)
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import PodplayerError, Timing, Transcript
from podplayer.store.repository import Library

# Below this share of matching words a "correction" is another text (refused unless forced).
MIN_MATCH_SHARE = 0.5


class CorrectionRefused(PodplayerError):
    """The corrected transcript cannot be applied (empty, unrelated to the episode, nothing to revert)."""


class UnlikeTranscript(CorrectionRefused):
    """The corrected transcript shares too few words with the episode's to be a correction of it
    (applying it anyway is a choice each front end offers its own way)."""


@dataclass(slots=True)
class CorrectionReport:
    """What a correction changed (or would change, for a dry run)."""

    episode_id: int
    diff: WordDiff
    highlights: FollowedHighlights
    spans_retimed: int = 0
    applied: bool = False

    def as_dict(self) -> dict[str, object]:
        d = self.diff
        return {
            "episode": self.episode_id,
            "applied": self.applied,
            "match_share": round(d.match_share, 4),
            "words": {"replaced": d.replaced, "inserted": d.inserted, "deleted": d.deleted, "unchanged": d.unchanged},
            "turns": {"split": d.turns_split, "merged": d.turns_merged, "speakers_changed": d.speakers_changed},
            "spans": {"to_retime": len(d.spans), "retimed": self.spans_retimed},
            "highlights": {
                "kept": len(self.highlights.kept),
                "moved": len(self.highlights.moved),
                "edited": len(self.highlights.edited),
                "detached": len(self.highlights.detached),
            },
        }

    def summary(self) -> list[str]:
        d, h = self.diff, self.highlights
        verb = "changed" if self.applied else "would change" if d.changed else "no change"
        return [
            f"episode {self.episode_id}: {verb}",
            f"words: {d.replaced} replaced, {d.inserted} inserted, {d.deleted} deleted ({d.unchanged} unchanged)",
            f"turns: {d.turns_split} split, {d.turns_merged} merged; speakers changed on {d.speakers_changed}",
            f"spans re-timed: {self.spans_retimed} of {len(d.spans)}",
            f"highlights: {len(h.kept)} kept, {len(h.moved)} moved, {len(h.edited)} edited, {len(h.detached)} detached",
        ]


def correct_episode(
    library: Library,
    episode_id: int,
    corrected: Transcript,
    *,
    force: bool = False,
    dry_run: bool = False,
    retime: bool = True,
    jobs: int = 2,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> CorrectionReport:
    """Apply ``corrected`` to the episode (see the module docstring); nothing is written on error.

    ``retime=False`` stores the estimates (marked) for :func:`retime_estimated` to finish later.
    """
    episode = library.episode(episode_id)
    old = episode.transcript
    if not any(turn.words for turn in corrected.turns):
        raise CorrectionRefused("the corrected transcript has no words: it would delete every turn")
    diff = diff_transcripts(old, corrected)
    if diff.match_share < MIN_MATCH_SHARE and not force:
        raise UnlikeTranscript(
            f"only {diff.match_share:.0%} of its words match episode {episode_id}'s transcript: "
            "it looks like another text"
        )
    followed = follow_highlights(old, diff, library.highlights(episode_id))
    report = CorrectionReport(episode_id, diff, followed)
    if dry_run or not diff.changed:
        return report
    if retime and diff.spans and _has_audio(episode.audio_path):
        assert episode.audio_path is not None
        report.spans_retimed = _retime(diff.transcript, diff, episode.audio_path, jobs, progress, cancel)
    library.corrections.apply(episode_id, old, diff.transcript, followed.changed())
    report.applied = True
    return report


def revert_episode(library: Library, episode_id: int, *, dry_run: bool = False) -> CorrectionReport:
    """Bring back the transcript as it was before the first correction; highlights follow as in any
    correction, and words of the original get their original times back (nothing to re-time)."""
    original = library.corrections.original(episode_id)
    if original is None:
        raise CorrectionRefused(f"episode {episode_id} was never corrected: its transcript is the original")
    old = library.episode(episode_id).transcript
    diff = diff_transcripts(old, original)
    if old.timing is Timing.WORD:
        for word, was in zip(flat_words(diff.transcript), flat_words(original), strict=True):
            if word.estimated:
                word.start_ms, word.end_ms, word.confidence = was.start_ms, was.end_ms, was.confidence
        bound_turns_by_words(diff.transcript)
        diff.spans = []
    followed = follow_highlights(old, diff, library.highlights(episode_id))
    report = CorrectionReport(episode_id, diff, followed)
    if not dry_run and diff.changed:
        library.corrections.apply(episode_id, old, diff.transcript, followed.changed())
        report.applied = True
    return report


def retime_estimated(
    library: Library,
    episode_id: int,
    *,
    jobs: int = 1,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Re-time the words a correction left with an estimate; returns how many runs aligned.

    The new times are written only if the episode still has the same turns and word counts.
    """
    episode = library.episode(episode_id)
    transcript = episode.transcript
    words = flat_words(transcript)
    spans = runs_to_retime(words, [w.estimated for w in words])
    if not spans or transcript.timing is not Timing.WORD or not _has_audio(episode.audio_path):
        return 0
    assert episode.audio_path is not None
    from podplayer.core.align.retime import retime_spans  # pocketsphinx: only when re-timing

    done = retime_spans(words, spans, episode.audio_path, jobs=jobs, progress=progress, cancel=cancel)
    bound_turns_by_words(transcript)
    library.replace_timings(episode_id, transcript, estimated=transcript.estimated)
    return done


def _has_audio(path: str | None) -> bool:
    return bool(path) and os.path.isfile(path or "")


def _retime(
    transcript: Transcript, diff: WordDiff, audio: str, jobs: int, progress: Progress, cancel: CancelToken | None
) -> int:
    from podplayer.core.align.retime import retime_spans  # pocketsphinx: only when re-timing

    done = retime_spans(flat_words(transcript), diff.spans, audio, jobs=jobs, progress=progress, cancel=cancel)
    bound_turns_by_words(transcript)
    return done
