"""Damaged transcripts of the demo and the truth to correct them back to (tests and benchmarks).

The damage is what the issue lists: substituted words (some at a turn's start), a missing sentence
and two speakers' turns merged into one. Highlights are placed on words the damage left alone, on a
substituted word, and on the missing sentence's neighbours, so every rule of following is exercised.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from podplayer.core.model import Highlight, Transcript, Turn, WordRef
from tests.core.align.episodes import TruthTurn

WRONG_WORDS = ("river", "paper", "window", "garden", "yellow", "engine", "pocket", "silver")


@dataclass
class DamagedCase:
    truth: Transcript  # the true words, turns and speakers (untimed)
    damaged: Transcript  # what the library holds before the correction (untimed here)
    substituted: int
    missing_sentence: str
    merged_turn: int  # index (in the truth) of the turn merged into the one before it


def truth_transcript(turns: list[TruthTurn]) -> Transcript:
    return Transcript([Turn.from_text(t.speaker, t.text) for t in turns])


def damage(turns: list[TruthTurn], timed: Transcript | None = None, *, seed: int = 21, every: int = 12) -> DamagedCase:
    """Substitute about one word in ``every`` (and the first word of two turns), drop the middle
    sentence of the longest turn, and merge the first turn after it that changes speaker into the
    turn before it. With ``timed`` (the truth aligned to the audio) the damaged transcript keeps the
    times of the words it keeps, and a substituted word the time of the word it replaced: a
    transcript whose words are wrong in places but were timed from the audio (a transcription)."""
    rng = random.Random(seed)
    truth = truth_transcript(turns)
    source = timed if timed is not None else truth
    words = [[replace(w) for w in turn.words] for turn in source.turns]
    speakers = [t.speaker for t in turns]
    longest = max(range(len(turns)), key=lambda i: len(turns[i].sentence_starts))
    starts = [index for index, _ in turns[longest].sentence_starts] + [len(words[longest])]
    middle = len(turns[longest].sentence_starts) // 2
    cut = (starts[middle], starts[middle + 1])
    missing = " ".join(w.text for w in words[longest][cut[0] : cut[1]])
    substituted = 0
    for ti, turn_words in enumerate(words):
        for wi, word in enumerate(turn_words):
            if ti == longest and cut[0] <= wi < cut[1]:
                continue
            if (wi == 0 and ti in (2, 5)) or (wi > 0 and rng.randrange(every) == 0):
                word.text = rng.choice([w for w in WRONG_WORDS if w != word.text.lower()])
                substituted += 1
    words[longest] = words[longest][: cut[0]] + words[longest][cut[1] :]
    merged = next(i for i in range(max(longest + 2, 3), len(turns)) if speakers[i] != speakers[i - 1])
    damaged_turns: list[Turn] = []
    for ti, turn_words in enumerate(words):
        if ti == merged:
            damaged_turns[-1].words += turn_words
            damaged_turns[-1].end_ms = turn_words[-1].end_ms
        else:
            first, last = turn_words[0], turn_words[-1]
            damaged_turns.append(Turn(speakers[ti], turn_words, first.start_ms, last.end_ms))
    damaged = Transcript(damaged_turns)
    return DamagedCase(truth, damaged, substituted, missing, merged)


def highlight_refs(damaged: Transcript, *, seed: int = 5, count: int = 12) -> list[tuple[WordRef, WordRef]]:
    """Word ranges of 1-6 words spread over the damaged transcript (some cross a turn's end)."""
    rng = random.Random(seed)
    flat = [WordRef(ti, wi) for ti, turn in enumerate(damaged.turns) for wi in range(len(turn.words))]
    out = []
    for k in range(count):
        first = (k * len(flat)) // count + rng.randrange(5)
        last = min(len(flat) - 1, first + rng.randrange(6))
        out.append((flat[first], flat[last]))
    return out


def kept_times(highlight: Highlight, transcript: Transcript) -> list[tuple[int | None, int | None]]:
    """The (start, end) of every word inside a highlight, to compare before and after a correction."""
    if highlight.detached:
        return []
    out = []
    for ti in range(highlight.start.turn, highlight.end.turn + 1):
        words = transcript.turns[ti].words
        first = highlight.start.word if ti == highlight.start.turn else 0
        last = highlight.end.word if ti == highlight.end.turn else len(words) - 1
        out += [(w.start_ms, w.end_ms) for w in words[first : last + 1]]
    return out
