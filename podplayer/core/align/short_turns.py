"""Placing short turns said over someone else's turn ("mm-hmm", "yeah"), after the rest is aligned.

The rules for where such a turn may lie and what recognition heard there live in overlap.py; the
voices in voice_spotting.py. This module weighs the two for each turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.align.overlap import (
    CONF_GUESSED,
    CONF_SPOTTED,
    Window,
    heard_options,
    speaker_spans,
    spoken_ms,
    spot_windows,
    spread,
)
from podplayer.core.align.placement import CONF_INTERPOLATED, Placed
from podplayer.core.align.voice_spotting import Voices, VoiceSpan
from podplayer.core.align.worker import TimedToken

LEAD_IN_MS = 1_500  # an "um" or "you know" the transcript left out may lead into a turn


@dataclass(frozen=True, slots=True)
class Where:
    """What placing the short turns needs to know of the episode."""

    token_turns: list[int]
    speakers: list[str]  # per turn
    duration_ms: int
    pcm_path: str


def place_floating(
    floating: set[int],
    where: Where,
    texts: list[str],
    heard: list[TimedToken],
    placed: list[Placed | None],
) -> None:
    """Place each short turn where its speaker's voice or recognition finds it; fills ``placed``.

    The voices are learnt from the turns already aligned in order. A clear find by voice wins
    (recognition rarely hears a word said over another), then what recognition heard, then an
    unclear find by a voice that is easily told from the others; a turn nothing found goes midway
    between its neighbours in the listing, flagged.
    """
    if not floating:
        return
    windows = spot_windows(floating, where.token_turns, placed, where.duration_ms)
    spans = speaker_spans(where.token_turns, where.speakers, placed, floating)
    voices = Voices.learn(where.pcm_path, spans)
    not_before = 0
    for window in windows:
        speaker = where.speakers[window.turn]
        wanted = texts[window.first_token : window.end_token]
        length = spoken_ms(wanted)
        # Said over someone else's turn, and not where the speaker's own turn (or its lead-in) is.
        over = [s for s in spans if s.speaker != speaker]
        avoid = [(s.start_ms - LEAD_IN_MS, s.end_ms) for s in spans if s.speaker == speaker]
        spotted = voices.spot(speaker, max(window.start_ms, not_before), window.end_ms, length, over, avoid)
        found = _likeliest(
            list(heard_options(window, texts, heard, not_before)), voices, speaker, length, over
        )
        if spotted is not None and spotted.clear:
            found = list(spread(wanted, spotted.start_ms, length, CONF_SPOTTED))
        elif spotted is not None and not any(found) and voices.is_distinct(speaker):
            # An unclear find by a distinct voice still beats interpolation, but stays flagged, and
            # the next short turn is not held to start after it.
            for k, guess in enumerate(spread(wanted, spotted.start_ms, length, CONF_GUESSED)):
                placed[window.first_token + k] = guess
            continue
        for k, p in enumerate(found):
            placed[window.first_token + k] = p
        ends = [p.end_ms for p in found if p is not None]
        if ends:  # the next short turn is a later one: it starts after this one was heard
            not_before = max(ends)
    for window in windows:
        if not any(placed[window.first_token : window.end_token]):
            _midway(window, texts, where, placed)


def _midway(window: Window, texts: list[str], where: Where, placed: list[Placed | None]) -> None:
    """A short turn nothing found: midway between the starts of the turns listed around it.

    Turns are listed in order of onset, so it began after the turn before it and before the turn
    after it; with nothing else to go by, the middle is never further off than half that time.
    """
    before = _turn_start_before(window.first_token, where.token_turns, placed)
    after = next((p.start_ms for p in placed[window.end_token :] if p is not None), where.duration_ms)
    start = (before + max(before, after)) // 2
    wanted = texts[window.first_token : window.end_token]
    for k, guess in enumerate(spread(wanted, start, spoken_ms(wanted), CONF_INTERPOLATED)):
        placed[window.first_token + k] = guess


def _turn_start_before(token: int, token_turns: list[int], placed: list[Placed | None]) -> int:
    """Start of the nearest turn listed before ``token`` that has a timed word (0 if none)."""
    for k in range(token - 1, -1, -1):
        if placed[k] is not None:
            turn = token_turns[k]
            starts = [
                p.start_ms
                for j in range(k, -1, -1)
                if token_turns[j] == turn and (p := placed[j]) is not None
            ]
            return min(starts)
    return 0


def _likeliest(
    options: list[list[Placed | None]], voices: Voices, speaker: str, length_ms: int, over: list[VoiceSpan]
) -> list[Placed | None]:
    """Of the places recognition heard a short turn, the one that sounds most like its speaker.

    Recognition hears "mm-hmm" and "yeah" where nobody said them; the voice tells. Without a voice
    to compare, the earliest place.
    """
    if not options:
        return []
    if len(options) == 1:
        return options[0]

    def score(option: list[Placed | None]) -> float:
        start = next(p.start_ms for p in option if p is not None)
        found = voices.likeness(speaker, start, length_ms, over)
        return float("-inf") if found is None else found

    return max(options, key=score)
