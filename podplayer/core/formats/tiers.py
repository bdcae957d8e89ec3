"""Transcripts as tiers of timed labels, the shape ELAN (EAF) and Praat (TextGrid) share.

Reading: each speaker is a tier of turns; a word tier that matches a speaker's tier (``Alice -
words`` beside ``Alice``, or ``words`` beside a single speaker tier, with the same words inside each
turn) times that speaker's words. A word tier without a phrase tier (what forced aligners such as
MFA write) becomes turns split at pauses. ``phones`` tiers are left out. Labels on one tier must not
overlap and must come in time order; a file that breaks this is refused with the tier and times.

Writing: one tier per speaker with a label per turn and, for word-timed transcripts, a ``Speaker -
words`` tier; a tier never holds overlapping labels (see :func:`pack`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from podplayer.core.model import Transcript, TranscriptParseError, Turn, Word

WORDS_SUFFIX = " - words"
_PAUSE_MS = 1000  # a word tier alone: a new turn after a pause this long
_TOKEN = re.compile(r"[^\w']+")


@dataclass(slots=True)
class Label:
    start_ms: int
    end_ms: int
    text: str


@dataclass(slots=True)
class Tier:
    name: str
    labels: list[Label]


def _clock(ms: int) -> str:
    return f"{ms / 1000:.3f} s"


def check_order(tier: Tier, fmt: str, name: str) -> None:
    """Labels must be in time order and must not overlap on one tier."""
    for label in tier.labels:
        if label.start_ms < 0 or label.end_ms < label.start_ms:
            raise TranscriptParseError(
                f"tier {tier.name!r}: an interval runs from {_clock(label.start_ms)} to {_clock(label.end_ms)}",
                path=name, fmt=fmt,
            )  # fmt: skip
    for before, after in zip(tier.labels, tier.labels[1:], strict=False):
        if after.start_ms < before.start_ms:
            raise TranscriptParseError(
                f"tier {tier.name!r}: intervals are not in time order ({_clock(after.start_ms)} after "
                f"{_clock(before.start_ms)})", path=name, fmt=fmt,
            )  # fmt: skip
        if after.start_ms < before.end_ms:
            raise TranscriptParseError(
                f"tier {tier.name!r}: annotations overlap ({_clock(before.start_ms)}-{_clock(before.end_ms)} and "
                f"{_clock(after.start_ms)}-{_clock(after.end_ms)})", path=name, fmt=fmt,
            )  # fmt: skip


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.split(text.casefold()) if t]


def _word_partner(phrase: str, names: list[str], phrase_count: int) -> str | None:
    for candidate in (f"{phrase}{WORDS_SUFFIX}", f"{phrase} (words)", f"{phrase}/words", f"{phrase}_words"):
        if candidate in names:
            return candidate
    if phrase_count == 1 and "words" in (n.casefold() for n in names):
        return next(n for n in names if n.casefold() == "words")
    return None


def tiers_to_transcript(tiers: list[Tier], fmt: str, name: str) -> Transcript:
    """Build a transcript from tiers (already checked with :func:`check_order`)."""
    tiers = [t for t in tiers if not t.name.casefold().endswith("phones") and t.labels]
    names = [t.name for t in tiers]
    is_words = {n for n in names if n.casefold() == "words" or any(n.casefold().endswith(s) for s in (
        WORDS_SUFFIX, " (words)", "/words", "_words"))}  # fmt: skip
    phrases = [t for t in tiers if t.name not in is_words]
    by_name = {t.name: t for t in tiers}
    turns: list[tuple[int, int, Turn]] = []
    partnered: set[str] = set()
    for order, tier in enumerate(phrases):
        partner = _word_partner(tier.name, names, len(phrases))
        words = by_name[partner].labels if partner else []
        if partner:
            partnered.add(partner)
        for label in tier.labels:
            turn = Turn.from_text(tier.name, label.text, label.start_ms, label.end_ms)
            if turn.words:
                _time_words(turn, words)
                turns.append((label.start_ms, order, turn))
    for order, tier in enumerate(t for t in tiers if t.name in is_words and t.name not in partnered):
        speaker = re.sub(r"(?i)(\s*-\s*|\s*\(|/|_)?words\)?$", "", tier.name) or "Speaker"
        for turn in _turns_from_words(speaker, tier.labels):
            turns.append((turn.start_ms or 0, len(phrases) + order, turn))
    turns.sort(key=lambda item: (item[0], item[1]))
    if not turns:
        raise TranscriptParseError("no annotated intervals with text", path=name, fmt=fmt)
    return Transcript([t for _, _, t in turns])


def _time_words(turn: Turn, words: list[Label]) -> None:
    """Give the turn's words the times of the word tier's labels inside it, when they are the same words."""
    start = turn.start_ms or 0
    inside = [w for w in words if w.start_ms >= start - 1 and w.end_ms <= (turn.end_ms or w.end_ms) + 1]
    pieces = [piece for label in inside for piece in _split(label)]
    if [_tokens(p.text) for p in pieces] != [_tokens(w.text) for w in turn.words]:
        return
    for word, piece in zip(turn.words, pieces, strict=True):
        word.start_ms, word.end_ms = piece.start_ms, piece.end_ms


def _split(label: Label) -> list[Label]:
    """A label holding several words: each gets a share of its time by its length (an estimate)."""
    texts = label.text.split()
    if len(texts) <= 1:
        return [label]
    total = sum(len(t) for t in texts)
    pieces, at = [], label.start_ms
    for i, text in enumerate(texts):
        end = label.end_ms if i == len(texts) - 1 else at + round((label.end_ms - label.start_ms) * len(text) / total)
        pieces.append(Label(at, end, text))
        at = end
    return pieces


def _turns_from_words(speaker: str, labels: list[Label]) -> list[Turn]:
    turns: list[Turn] = []
    current: list[Label] = []
    for label in labels + [Label(10**12, 10**12, "")]:
        if current and (not label.text or label.start_ms - current[-1].end_ms >= _PAUSE_MS):
            words = [Word(w.text, w.start_ms, w.end_ms) for w in current]
            turns.append(Turn(speaker, words, current[0].start_ms, current[-1].end_ms))
            current = []
        # Several words in one interval share its time.
        current.extend(Label(label.start_ms, label.end_ms, t) for t in label.text.split())
    return turns


# --- writing --------------------------------------------------------------------------------------


def pack(name: str, labels: list[Label]) -> list[Tier]:
    """Spread labels over as few tiers as keep each free of overlaps (``name``, ``name 2``, ...)."""
    tiers: list[Tier] = []
    for label in sorted(labels, key=lambda lb: (lb.start_ms, lb.end_ms)):
        home = next((t for t in tiers if t.labels[-1].end_ms <= label.start_ms), None)
        if home is None:
            home = Tier(name if not tiers else f"{name} {len(tiers) + 1}", [])
            tiers.append(home)
        home.labels.append(label)
    return tiers


def transcript_tiers(transcript: Transcript, words: bool, fmt: str) -> list[Tier]:
    """One tier per speaker (in order of first appearance), and its word tier when ``words``."""
    from podplayer.core.formats.errors import TranscriptWriteError

    turns = transcript.turns
    if not turns or any(t.start_ms is None for t in turns):
        raise TranscriptWriteError(f"{fmt} needs a timed transcript: every turn must have a start time")
    tiers: dict[str, Tier] = {}
    word_tiers: dict[str, Tier] = {}
    for i, turn in enumerate(turns):
        start = int(turn.start_ms or 0)
        end = _turn_end(turns, i)
        phrase = tiers.setdefault(turn.speaker or "Speaker", Tier(turn.speaker or "Speaker", []))
        if phrase.labels and phrase.labels[-1].end_ms > start:
            phrase.labels[-1].end_ms = max(phrase.labels[-1].start_ms + 1, start)  # one speaker, one line at a time
        phrase.labels.append(Label(start, end, turn.text))
        if words:
            tier = word_tiers.setdefault(phrase.name, Tier(f"{phrase.name}{WORDS_SUFFIX}", []))
            for j, word in enumerate(turn.words):
                w_start = word.start_ms if word.start_ms is not None else start
                nxt = turn.words[j + 1].start_ms if j + 1 < len(turn.words) else None
                w_end = word.end_ms if word.end_ms is not None else (nxt if nxt is not None else end)
                w_start = max(w_start, tier.labels[-1].end_ms if tier.labels else w_start)
                tier.labels.append(Label(w_start, max(w_end, w_start + 1), word.text))
    out: list[Tier] = []
    for key, tier in tiers.items():
        out.append(tier)
        if key in word_tiers:
            out.append(word_tiers[key])
    return out


def _turn_end(turns: list[Turn], i: int) -> int:
    turn = turns[i]
    start = int(turn.start_ms or 0)
    for value in (turn.end_ms, turn.words[-1].end_ms if turn.words else None):
        if value is not None and value > start:
            return value
    following = next((t.start_ms for t in turns[i + 1:] if t.start_ms is not None and t.start_ms > start), None)
    return following if following is not None else start + 1000
