"""Short turns spoken over someone else's turn: backchannels ("mm-hmm", "yeah") and interjections.

Transcripts of conversation list turns in order of onset, so a backchannel said in the middle of a
long turn comes after that turn in the text. Aligning the text strictly in order would push it past
the long turn, seconds late, and squeeze the next turn's start. Short turns therefore *float*: they
are aligned in order, but the decoder may pass over them (grammar.py), and each one passed over is
then looked for among the words the recognition pass heard between the start of the turn before it
and the start of the turn after it.
Where the short turn's speaker has a voice model (voice_spotting.py), their voice finds it first.
A short turn found neither way is interpolated and flagged, as any word that cannot be placed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from podplayer.core.align.placement import Placed
from podplayer.core.align.voice_spotting import VoiceSpan
from podplayer.core.align.worker import TimedToken

MAX_FLOATING_TOKENS = 4  # "mm-hmm", "oh yeah", "with menus, yeah, yeah"
MAX_WINDOW_MS = 90_000
AFTER_MS = 400  # a short turn may start a little after the next turn's aligned start
CONF_SPOTTED = 0.5  # heard inside other speech: a good time, but not force-aligned
CONF_GUESSED = 0.3  # the likeliest place by voice, but not a clear one: shown as uncertain
CONF_ALIGNED = 0.5  # a word aligned in order at least this sure shows its speaker's voice
MS_PER_LETTER, MS_EXTRA = 70, 200  # a short turn's spoken length: "okay" about half a second
MIN_SPOKEN_MS, MAX_SPOKEN_MS = 400, 1500


@dataclass(frozen=True, slots=True)
class Window:
    turn: int
    first_token: int
    end_token: int
    start_ms: int
    end_ms: int


def floating_turns(turn_token_counts: Sequence[int], speakers: Sequence[str]) -> set[int]:
    """Short turns that may be spoken over the turn before them.

    A short turn floats when its speaker differs from the speaker of the last turn aligned in
    order (someone else's "mm-hmm" inside a long turn), and so does a short turn right after a
    floating one (the answer to it: aligned in order it would be glued to the long turn, with the
    floating turn's speech between them taken for fillers). The first turn never floats, and
    nothing floats in a transcript without long turns or with one speaker (a speaker's own short
    sentence is no interjection: transcribed speech with one label keeps its strict order).
    Floating is only permission: short_turns.py keeps the transcript's order unless the audio
    shows the overlap.
    """
    if all(n <= MAX_FLOATING_TOKENS for n in turn_token_counts):
        return set()
    out: set[int] = set()
    anchor_speaker: str | None = None
    previous_floats = False
    for i, (n, speaker) in enumerate(zip(turn_token_counts, speakers, strict=True)):
        if n == 0:
            continue
        short = n <= MAX_FLOATING_TOKENS
        if anchor_speaker is not None and short and (speaker != anchor_speaker or previous_floats):
            out.add(i)
            previous_floats = True
        else:
            anchor_speaker = speaker
            previous_floats = False
    return out


def spot_windows(
    floating: set[int], token_turns: Sequence[int], placed: Sequence[Placed | None], duration_ms: int
) -> list[Window]:
    """For each floating turn: its tokens and the audio it must lie in (``placed`` holds the rest)."""
    windows: list[Window] = []
    k = 0
    n = len(token_turns)
    while k < n:
        turn = token_turns[k]
        end = k
        while end < n and token_turns[end] == turn:
            end += 1
        if turn in floating:
            before = _previous_turn_start(k, token_turns, floating, placed)
            after = next((p.start_ms for p in placed[end:] if p is not None), duration_ms)
            start_ms = before if before is not None else 0
            end_ms = min(duration_ms, after + AFTER_MS)
            start_ms = max(start_ms, end_ms - MAX_WINDOW_MS)
            if end_ms > start_ms:
                windows.append(Window(turn, k, end, start_ms, end_ms))
        k = end
    return windows


def _previous_turn_start(
    k: int, token_turns: Sequence[int], floating: set[int], placed: Sequence[Placed | None]
) -> int | None:
    """Start of the nearest earlier turn that is aligned in order (its first placed token)."""
    j = k - 1
    while j >= 0 and token_turns[j] in floating:
        j -= 1
    if j < 0:
        return None
    turn = token_turns[j]
    starts = [p.start_ms for i in range(j, -1, -1) if token_turns[i] == turn and (p := placed[i]) is not None]
    if starts:
        return min(starts)
    return next((p.start_ms for p in reversed(placed[:j]) if p is not None), None)


def find_heard(
    window: Window, texts: Sequence[str], heard: Sequence[TimedToken], not_before_ms: int
) -> list[Placed | None]:
    """Times for a floating turn's tokens from what recognition first heard of it in its window."""
    return next(
        heard_options(window, texts, heard, not_before_ms), [None] * (window.end_token - window.first_token)
    )


def heard_options(
    window: Window, texts: Sequence[str], heard: Sequence[TimedToken], not_before_ms: int
) -> Iterator[list[Placed | None]]:
    """Each place in its window where recognition heard a floating turn, earliest first.

    The turn's first heard token fixes where the turn is; its other tokens are taken from the
    heard words that follow it closely. ``not_before_ms``: where the previous floating turn was heard
    to end (turns are listed in order of onset).
    """
    lo = max(window.start_ms, not_before_ms)
    inside = [h for h in heard if lo <= h[1] < window.end_ms]
    wanted = list(texts[window.first_token : window.end_token])
    for offset, token in enumerate(wanted):
        hits = [i for i, h in enumerate(inside) if h[0] == token]
        for hit in hits:
            out: list[Placed | None] = [None] * len(wanted)
            out[offset] = Placed(inside[hit][1], inside[hit][2], CONF_SPOTTED)
            i = hit + 1
            for k in range(offset + 1, len(wanted)):
                if i < len(inside) and inside[i][0] == wanted[k] and inside[i][1] - inside[i - 1][2] < 1000:
                    out[k] = Placed(inside[i][1], inside[i][2], CONF_SPOTTED)
                    i += 1
            yield out
        if hits:
            return


def speaker_spans(
    token_turns: Sequence[int], speakers: Sequence[str], placed: Sequence[Placed | None], floating: set[int]
) -> list[VoiceSpan]:
    """Where each turn aligned in order was surely spoken: from its first to its last sure word."""
    spans: list[VoiceSpan] = []
    k, n = 0, len(token_turns)
    while k < n:
        turn = token_turns[k]
        end = k
        while end < n and token_turns[end] == turn:
            end += 1
        if turn not in floating:
            sure = [p for p in placed[k:end] if p is not None and p.confidence >= CONF_ALIGNED]
            if sure:
                spans.append(VoiceSpan(speakers[turn], sure[0].start_ms, sure[-1].end_ms))
        k = end
    return spans


def spoken_ms(texts: Sequence[str]) -> int:
    """About how long a short turn takes to say, from its letters."""
    letters = sum(len(t) for t in texts)
    return max(MIN_SPOKEN_MS, min(MAX_SPOKEN_MS, letters * MS_PER_LETTER + MS_EXTRA))


def spread(texts: Sequence[str], start_ms: int, length_ms: int, confidence: float) -> Iterator[Placed]:
    """The tokens of a short turn found by voice, laid over its span by their length."""
    total = max(1, sum(len(t) for t in texts))
    at = 0
    for text in texts:
        lo = start_ms + length_ms * at // total
        at += len(text)
        yield Placed(lo, start_ms + length_ms * at // total, confidence)
