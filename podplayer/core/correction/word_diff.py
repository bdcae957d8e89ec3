"""A corrected transcript applied to a timed one as a word diff: what stays, what changed, what moves.

The corrected text brings the words, the turns and the speakers; its times are never trusted. Every
word the diff finds unchanged keeps its time (and confidence) exactly; a deleted word moves nothing;
a replaced or inserted word gets an estimate between its timed neighbours, marked as one
(:data:`~podplayer.core.model.ESTIMATED_CONFIDENCE`), until the aligner re-times it
(:mod:`podplayer.core.align.retime`).

The diff is rapidfuzz's Levenshtein edit script over the two word sequences. It is minimal and runs in
C++ (bit-parallel, with Hirschberg's split on long inputs, so memory stays bounded on a 3-hour episode).
difflib's SequenceMatcher was the alternative: it is pure Python, it is not minimal (it grows the
longest matching blocks), and on sequences over 200 items its "autojunk" rule treats every word above
1 % of the text ("the", "and") as junk, which pairs the wrong words around a correction.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from podplayer.core.model import ESTIMATED_CONFIDENCE, Timing, Transcript, Turn, Word

_TURN_END = "\x00"  # never a word's key: keys hold letters and digits (or a whole non-blank word)
# Spoken length of one character when a word must be placed with no audio to place it against.
MS_PER_CHAR = 65


def word_key(text: str) -> str:
    """What the diff compares: the word without case, accents-as-typed or punctuation.

    "Hello," and "hello." are the same word (its time stays; its text is the corrected one).
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum()) or folded


@dataclass(frozen=True, slots=True)
class Span:
    """Corrected words ``first``..``last`` (flat indexes in the new transcript) to re-time against the
    audio between their timed neighbours (``after_ms`` is the previous kept word's end, ``before_ms``
    the next kept word's start; None at the ends of the episode)."""

    first: int
    last: int
    after_ms: int | None
    before_ms: int | None


@dataclass(slots=True)
class WordDiff:
    """The corrected transcript and how it came from the old one."""

    transcript: Transcript
    # For each old flat word: the first and last new flat word it became (None: deleted).
    old_lo: list[int | None]
    old_hi: list[int | None]
    # For each new flat word: the old flat word whose time it keeps (None: replaced or inserted).
    origin: list[int | None]
    replaced: int = 0
    inserted: int = 0
    deleted: int = 0
    unchanged: int = 0
    turns_split: int = 0
    turns_merged: int = 0
    speakers_changed: int = 0
    spans: list[Span] = field(default_factory=list)

    @property
    def match_share(self) -> float:
        """The share of the corrected words found unchanged in the old transcript."""
        return self.unchanged / max(1, len(self.origin))

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.inserted or self.deleted or self.turns_split or self.turns_merged
                    or self.speakers_changed)


def flat_words(transcript: Transcript) -> list[Word]:
    return [w for turn in transcript.turns for w in turn.words]


def diff_transcripts(old: Transcript, new: Transcript) -> WordDiff:
    """Apply ``new`` (words, turns, speakers) to ``old`` (times); see the module docstring."""
    old_words = flat_words(old)
    new_turns = [turn for turn in new.turns if turn.words]
    new_texts = [w.text for turn in new_turns for w in turn.words]
    old_keys, old_at = _keyed(old.turns)
    new_keys, new_at = _keyed(new_turns)
    old_lo: list[int | None] = [None] * len(old_words)
    old_hi: list[int | None] = [None] * len(old_words)
    origin: list[int | None] = [None] * len(new_texts)
    counts = {"replace": 0, "insert": 0, "delete": 0, "equal": 0}
    for op in Levenshtein.opcodes(old_keys, new_keys):
        olds = [i for i in old_at[op.src_start : op.src_end] if i >= 0]
        news = [j for j in new_at[op.dest_start : op.dest_end] if j >= 0]
        if op.tag == "equal":
            for i, j in zip(olds, news, strict=True):
                old_lo[i] = old_hi[i] = j
                origin[j] = i
            counts["equal"] += len(olds)
        elif olds and news:
            # The old words share out the new ones in order, so a highlight on a replaced word
            # stays on what replaced it.
            for k, i in enumerate(olds):
                lo = k * len(news) // len(olds)
                old_lo[i] = news[lo]
                old_hi[i] = news[max(lo, (k + 1) * len(news) // len(olds) - 1)]
            counts["replace"] += max(len(olds), len(news))
        else:
            counts["insert"] += len(news)
            counts["delete"] += len(olds)
    word_timed = old.timing in (Timing.WORD, Timing.ESTIMATED) and all(w.start_ms is not None for w in old_words)
    words = _new_words(old_words, new_texts, origin, word_timed)
    turns = _new_turns(old, new_turns, words, origin)
    transcript = replace(old, turns=turns, metadata=dict(old.metadata))
    diff = WordDiff(
        transcript,
        old_lo,
        old_hi,
        origin,
        replaced=counts["replace"],
        inserted=counts["insert"],
        deleted=counts["delete"],
        unchanged=counts["equal"],
        spans=_spans(words, origin) if word_timed and old.timing is Timing.WORD else [],
    )
    _count_turn_changes(diff, old, new_turns)
    return diff


def _keyed(turns: list[Turn]) -> tuple[list[str], list[int]]:
    """Word keys with a mark at each turn's end, and each key's flat word index (-1 for a mark).

    The marks keep an edit inside its turn when two placements cost the same (deleting "in winter"
    from the start of a turn, not the same words at the end of the turn before it).
    """
    keys: list[str] = []
    at: list[int] = []
    index = 0
    for turn in turns:
        for word in turn.words:
            keys.append(word_key(word.text))
            at.append(index)
            index += 1
        keys.append(_TURN_END)
        at.append(-1)
    return keys, at


def _new_words(old_words: list[Word], texts: list[str], origin: list[int | None], timed: bool) -> list[Word]:
    """Kept words with their old times; new words with an estimate between timed neighbours."""
    words = [
        Word(text, old_words[o].start_ms, old_words[o].end_ms, old_words[o].confidence) if o is not None else Word(text)
        for text, o in zip(texts, origin, strict=True)
    ]
    if not timed:
        return words
    k = 0
    while k < len(words):
        if origin[k] is not None:
            k += 1
            continue
        end = k
        while end < len(words) and origin[end] is None:
            end += 1
        _estimate(words, k, end)
        k = end
    return words


def _estimate(words: list[Word], first: int, end: int) -> None:
    """Spread words[first:end] over the time between their neighbours, by their length in characters."""
    run = words[first:end]
    chars = [len(w.text) + 1 for w in run]
    after = words[first - 1].end_ms if first > 0 else None
    before = words[end].start_ms if end < len(words) else None
    if after is None and before is None:
        after, before = 0, sum(chars) * MS_PER_CHAR
    elif after is None:
        assert before is not None
        after = max(0, before - sum(chars) * MS_PER_CHAR)
    elif before is None or before < after:
        before = after + sum(chars) * MS_PER_CHAR
    assert after is not None and before is not None
    total = sum(chars)
    done = 0
    for word, size in zip(run, chars, strict=True):
        word.start_ms = after + (before - after) * done // total
        done += size
        word.end_ms = max(word.start_ms, after + (before - after) * done // total)
        word.confidence = ESTIMATED_CONFIDENCE


def _spans(words: list[Word], origin: list[int | None]) -> list[Span]:
    return runs_to_retime(words, [o is None for o in origin])


def runs_to_retime(words: list[Word], new: list[bool]) -> list[Span]:
    """Every run of words marked ``new``, between the timed words around it."""
    spans: list[Span] = []
    k = 0
    while k < len(words):
        if not new[k]:
            k += 1
            continue
        end = k
        while end < len(words) and new[end]:
            end += 1
        after = words[k - 1].end_ms if k > 0 else None
        before = words[end].start_ms if end < len(words) else None
        spans.append(Span(k, end - 1, after, before))
        k = end
    return spans


def _new_turns(old: Transcript, new_turns: list[Turn], words: list[Word], origin: list[int | None]) -> list[Turn]:
    """The corrected turns. A turn's times come from its words; where words are untimed (turn-timed
    transcripts) from the old turn its first and last words were in, split by character share."""
    old_turn_of = [i for i, turn in enumerate(old.turns) for _ in turn.words]
    old_offsets = [k for turn in old.turns for k in range(len(turn.words))]
    turns: list[Turn] = []
    k = 0
    for turn in new_turns:
        mine = words[k : k + len(turn.words)]
        kept = [o for o in origin[k : k + len(turn.words)] if o is not None]
        k += len(turn.words)
        start = mine[0].start_ms
        end = mine[-1].end_ms if mine[-1].end_ms is not None else mine[-1].start_ms
        if start is None and kept:
            start = _turn_time(old, old_turn_of[kept[0]], old_offsets[kept[0]], start=True)
        if end is None and kept:
            end = _turn_time(old, old_turn_of[kept[-1]], old_offsets[kept[-1]] + 1, start=False)
        turns.append(Turn(turn.speaker, mine, start, end))
    _fill_turn_gaps(turns)
    return turns


def _turn_time(old: Transcript, turn_index: int, word_offset: int, *, start: bool) -> int | None:
    """A time inside an old turn at a word boundary, by the share of characters before it."""
    turn = old.turns[turn_index]
    if turn.start_ms is None:
        return None
    end_ms = turn.end_ms
    if end_ms is None:
        following = next((t.start_ms for t in old.turns[turn_index + 1 :] if t.start_ms is not None), None)
        end_ms = following if following is not None else turn.start_ms
    spans = turn.word_char_spans()
    total = max(1, len(turn.text))
    if word_offset <= 0:
        at = 0
    elif word_offset >= len(spans):
        at = total
    else:
        at = spans[word_offset][0] if start else spans[word_offset - 1][1]
    return turn.start_ms + (end_ms - turn.start_ms) * at // total


def _fill_turn_gaps(turns: list[Turn]) -> None:
    """A turn made only of new words in an untimed-word transcript starts where the one before ends."""
    for before, turn in pairwise(turns):
        if turn.start_ms is None and before.end_ms is not None:
            turn.start_ms = before.end_ms
        if turn.end_ms is None and turn.start_ms is not None:
            turn.end_ms = turn.start_ms


def _count_turn_changes(diff: WordDiff, old: Transcript, new_turns: list[Turn]) -> None:
    """Turns split (an old turn's words now in several turns), merged (a new turn's words from
    several old turns) and speakers changed (a new turn whose words mostly had another speaker)."""
    old_turn_of = [i for i, turn in enumerate(old.turns) for _ in turn.words]
    new_turn_of = [i for i, turn in enumerate(new_turns) for _ in turn.words]
    parts: dict[int, set[int]] = {}
    sources: dict[int, list[int]] = {}
    for new_index, o in enumerate(diff.origin):
        if o is None:
            continue
        parts.setdefault(old_turn_of[o], set()).add(new_turn_of[new_index])
        sources.setdefault(new_turn_of[new_index], []).append(old_turn_of[o])
    diff.turns_split = sum(len(p) - 1 for p in parts.values())
    for new_turn, olds in sources.items():
        diff.turns_merged += len(set(olds)) - 1
        main = max(set(olds), key=olds.count)
        if old.turns[main].speaker != new_turns[new_turn].speaker:
            diff.speakers_changed += 1


def bound_turns_by_words(transcript: Transcript) -> None:
    """After re-timing: each word-timed turn runs from its first word's start to its last word's end."""
    for turn in transcript.turns:
        if turn.words and turn.words[0].start_ms is not None:
            turn.start_ms = turn.words[0].start_ms
            ends = [w.end_ms if w.end_ms is not None else w.start_ms for w in turn.words]
            turn.end_ms = max((e for e in ends if e is not None), default=turn.start_ms)
