"""Placing short turns ("yes", "a bench?", "mm-hmm"), after the rest is aligned.

The transcript's order is the default: a short turn was said after the turn before it ended, in the
pause before the next turn. It is moved out of that order, over the turn before it, only where the
audio shows the overlap: its speaker's voice is heard clearly under the other speaker, or recognition
hears its words there. So each short turn is first looked for in the pause after the turn before it:
speech there that recognition heard as its words, or that sounds like its speaker rather than the
speakers around it, is where it was said. Only a pause without such speech sends it looking over
the turn before it (a backchannel said while someone else talks).

The rules for where such a turn may lie and what recognition heard there live in overlap.py; the
voices in voice_spotting.py; where speech is in speech_activity.py. This module weighs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.align.overlap import (
    CONF_GUESSED,
    CONF_SPOTTED,
    MIN_SPOKEN_MS,
    Window,
    heard_options,
    speaker_spans,
    spoken_ms,
    spot_windows,
    spread,
)
from podplayer.core.align.placement import CONF_INTERPOLATED, Placed
from podplayer.core.align.speech_activity import Speech, speech_in
from podplayer.core.align.voice_spotting import Voices, VoiceSpan
from podplayer.core.align.worker import TimedToken

LEAD_IN_MS = 1_500  # an "um" or "you know" the transcript left out may lead into a turn
TAIL_MS = 60  # speech starting this little before a turn's aligned end is still that turn's tail
NEXT_LEAD_MS = 120  # speech starting this close before the next turn's aligned start is that turn
HEARD_SLACK_MS = 150  # recognition's word times are this loose around a stretch of speech
MAX_SAID_MS = 3_000


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
    """Place each short turn where it was said; fills ``placed``.

    First in the pause after the turn before it (see the module docstring). Failing that, over the
    turn before it: the voices are learnt from the turns already aligned in order; a clear find by
    voice wins (recognition rarely hears a word said over another), then what recognition heard,
    then an unclear find by a voice that is easily told from the others. A turn nothing found starts
    where the turn before it ends, flagged.
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
        in_pause = _said_in_pause(window, where, floating, wanted, heard, voices, placed, not_before)
        if in_pause is not None:
            for k, said in enumerate(in_pause):
                placed[window.first_token + k] = said
            not_before = in_pause[-1].end_ms
            continue
        # Said over someone else's turn, and not where the speaker's own turn (or its lead-in) is.
        over = [s for s in spans if s.speaker != speaker]
        avoid = [(s.start_ms - LEAD_IN_MS, s.end_ms) for s in spans if s.speaker == speaker]
        spotted = voices.spot(speaker, max(window.start_ms, not_before), window.end_ms, length, over, avoid)
        found = _likeliest(
            list(heard_options(window, texts, heard, not_before)), voices, speaker, length, over
        )
        found = _filled(found, wanted)
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
            _unfound(window, texts, where, floating, placed)


def _unfound(
    window: Window, texts: list[str], where: Where, floating: set[int], placed: list[Placed | None]
) -> None:
    """A short turn nothing found, flagged: after the turn before it, if there is room before the next.

    With room, the transcript's order holds: it starts where the turn before it ends. Without room
    (the turns around it run into each other) it was said over one of them, so it goes midway between
    the starts of the turns listed around it: never further off than half that time.
    """
    wanted = texts[window.first_token : window.end_token]
    length = spoken_ms(wanted)
    start = _previous_end(window.first_token, where.token_turns, floating, placed)
    after = _next_start(window, where, floating, placed)[0]
    if after - start < length:
        before = _turn_start_before(window.first_token, where.token_turns, placed)
        start = (before + max(before, after)) // 2
    for k, guess in enumerate(spread(wanted, start, length, CONF_INTERPOLATED)):
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


def _next_start(window: Window, where: Where, floating: set[int], placed: list[Placed | None]) -> tuple[int, int]:
    """Start and turn index of the next turn aligned in order (the episode's end and -1 if none)."""
    return next(
        (
            (p.start_ms, where.token_turns[k])
            for k, p in enumerate(placed[window.end_token :], start=window.end_token)
            if p is not None and where.token_turns[k] not in floating
        ),
        (where.duration_ms, -1),
    )


def _previous_end(token: int, token_turns: list[int], floating: set[int], placed: list[Placed | None]) -> int:
    """Where the nearest turn aligned in order before ``token`` ends (0 if none)."""
    for k in range(token - 1, -1, -1):
        p = placed[k]
        if p is not None and token_turns[k] not in floating:
            return p.end_ms
    return 0


def _said_in_pause(
    window: Window,
    where: Where,
    floating: set[int],
    wanted: list[str],
    heard: list[TimedToken],
    voices: Voices,
    placed: list[Placed | None],
    not_before: int,
) -> list[Placed] | None:
    """The short turn in the pause between the turn before it and the next one, if it was said there.

    Speech that starts in that pause is the short turn when recognition heard its words there, or
    when it sounds more like its speaker than like the speakers of the turns around it; without a
    model of these voices, the first speech in the pause is (the transcript's order is the default).
    """
    previous = max(not_before, _previous_end(window.first_token, where.token_turns, floating, placed))
    next_start, next_turn = _next_start(window, where, floating, placed)
    speaker = where.speakers[window.turn]
    if next_start - previous < MIN_SPOKEN_MS // 2:
        return None
    listed_next = where.token_turns[window.end_token] if window.end_token < len(where.token_turns) else -1
    if listed_next >= 0 and where.speakers[listed_next] == speaker:
        # Listed apart from its speaker's next turn: had it been said just before it, in the pause,
        # the two would be one turn. It was said earlier, over the turn before it.
        return None
    before = next(
        (where.token_turns[k] for k in range(window.first_token - 1, -1, -1) if where.token_turns[k] not in floating),
        -1,
    )
    around = {where.speakers[turn] for turn in (before, next_turn) if turn >= 0}
    for speech in speech_in(where.pcm_path, previous, next_start):
        if speech.start_ms < previous - TAIL_MS or speech.start_ms >= next_start - NEXT_LEAD_MS:
            continue  # the tail of the turn before, or the start of the next one
        said = Speech(speech.start_ms, min(speech.end_ms, next_start, speech.start_ms + MAX_SAID_MS))
        hits = [h for h in heard if said.start_ms - HEARD_SLACK_MS <= h[1] < said.end_ms and h[0] in wanted]
        voice = voices.prefers(speaker, said.start_ms, said.end_ms, around - {speaker})
        if hits or voice:
            length = max(MIN_SPOKEN_MS, said.end_ms - said.start_ms)
            return list(spread(wanted, said.start_ms, length, CONF_SPOTTED))
    return None


def _filled(found: list[Placed | None], wanted: list[str]) -> list[Placed | None]:
    """Tokens recognition missed in a short turn it partly heard, laid next to those it heard.

    Left as gaps they would be interpolated from the words around the turn, which lie elsewhere.
    """
    known = [k for k, p in enumerate(found) if p is not None]
    if not known or len(known) == len(found):
        return found
    out = list(found)
    first = found[known[0]]
    assert first is not None
    lead = wanted[: known[0]]
    if lead:
        length = spoken_ms(lead)
        for k, p in enumerate(spread(lead, first.start_ms - length, length, first.confidence)):
            out[k] = p
    for k in range(known[0] + 1, len(found)):
        before = out[k - 1]
        if out[k] is None and before is not None:
            width = spoken_ms([wanted[k]])
            out[k] = Placed(before.end_ms, before.end_ms + width, before.confidence)
    return out


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
