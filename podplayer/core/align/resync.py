"""Re-sync a timed transcript to its audio from a sync check: shift each stretch by its own offset.

Only times change: turns, words and their order stay, so highlights (anchored to words) stay on
their words; undo keeps the old transcript. Times are clamped into the audio.
"""

from __future__ import annotations

from dataclasses import replace

from podplayer.core.align.sync_report import SyncReport
from podplayer.core.model import Transcript, Turn, Word


def resync_transcript(transcript: Transcript, report: SyncReport) -> Transcript:
    """A copy of ``transcript`` with every time moved into the audio's time base.

    A turn moves by the offset of the stretch its start falls in, and its words with it (a turn
    is never torn apart); word-timed transcripts without turn starts use each word's own stretch.
    """

    def moved(ms: int | None, offset: int) -> int | None:
        return None if ms is None else max(0, min(report.duration_ms, ms + offset))

    turns: list[Turn] = []
    for turn in transcript.turns:
        anchor = turn.start_ms if turn.start_ms is not None else _first_time(turn)
        offset = report.offset_at(anchor if anchor is not None else 0)
        words = [
            Word(
                w.text,
                moved(w.start_ms, offset if turn.start_ms is not None else report.offset_at(w.start_ms or 0)),
                moved(w.end_ms, offset if turn.start_ms is not None else report.offset_at(w.start_ms or 0)),
                w.confidence,
            )
            for w in turn.words
        ]
        turns.append(Turn(turn.speaker, words, moved(turn.start_ms, offset), moved(turn.end_ms, offset)))
    return replace(transcript, turns=turns, metadata=dict(transcript.metadata))


def _first_time(turn: Turn) -> int | None:
    return next((w.start_ms for w in turn.words if w.start_ms is not None), None)
