"""Anchors chained over the whole episode: repeated passages, ads and missing text (no audio needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from podplayer.core.align.anchors import Anchor, find_anchors
from podplayer.core.align.chaining import SEED, Run, candidate_runs


def said(text: str) -> list[str]:
    return text.split()


A = said("when the weather turns cold the river freezes and the children skate on it")
B = said("until the spring thaw arrives and the ice breaks into large white plates")
C = said("that drift slowly down towards the sea while gulls circle overhead")
D = said("fishermen mend their nets and wait for the boats to go out again")
PAUSE_MS = 700
WORD_MS = 300


class Episode:
    """Turns said in order, each word heard at a known time; ``truth`` maps a heard time to its token."""

    def __init__(self, turns: list[list[str]], start_ms: int = 0) -> None:
        self.turns = turns
        self.text = [w for t in turns for w in t]
        self.token_turns = [i for i, t in enumerate(turns) for _ in t]
        self.heard: list[tuple[str, int, int]] = []
        self.truth: dict[int, int] = {}
        self.position = start_ms

    def say(self, words: list[str]) -> None:
        """Untranscribed speech (an ad): heard, but no token of the text."""
        for w in words:
            self.heard.append((w, self.position, self.position + WORD_MS - 20))
            self.position += WORD_MS
        self.position += PAUSE_MS

    def speak(self, turn: int, misheard_every: int = 0, only: range | None = None) -> None:
        """Turn ``turn`` of the text as heard: every n-th word misheard when ``misheard_every``, and
        only the words ``only`` heard at all when given (crosstalk: the others pass unheard)."""
        first = sum(len(t) for t in self.turns[:turn])
        for k, w in enumerate(self.turns[turn]):
            misheard = misheard_every and k % misheard_every == misheard_every - 1
            if only is None or k in only:
                self.truth[self.position] = first + k
                self.heard.append(("uh" if misheard else w, self.position, self.position + WORD_MS - 20))
            self.position += WORD_MS
        self.position += PAUSE_MS

    def anchors(self) -> list[Anchor]:
        return find_anchors(self.heard, self.text, self.token_turns)

    def wrong(self, anchors: list[Anchor]) -> list[Anchor]:
        return [a for a in anchors if self.truth.get(a.start_ms) != a.token]


def test_a_passage_that_recurs_is_matched_to_its_own_repetition() -> None:
    # Two loops of the same four turns in another order, recognised with every fifth word wrong, after
    # a pre-roll whose last words happen to be those before the second loop's first turn: a search
    # sliding from the start latched onto the second loop and never came back.
    episode = Episode([A, B, C, D, C, A, D, B])
    episode.say(said("buy now and save big while gulls circle overhead"))
    for turn in range(8):
        episode.speak(turn, misheard_every=5)
    anchors = episode.anchors()
    assert episode.wrong(anchors) == []
    assert {episode.token_turns[a.token] for a in anchors} == set(range(8))


def test_a_chance_match_inside_an_ad_is_no_anchor() -> None:
    # The mid-roll ad says "the boats to go out" too, which is in the text of a later turn.
    episode = Episode([A, B, C, D])
    episode.speak(0)
    episode.say(said("book the boats to go out with us today"))
    for turn in (1, 2, 3):
        episode.speak(turn)
    anchors = episode.anchors()
    assert episode.wrong(anchors) == []
    assert len(anchors) == len(episode.text)


def test_a_short_run_in_crosstalk_is_kept_when_the_skipped_text_fits_the_time() -> None:
    # Three words of the first turn heard, then nothing for two turns: the time allows for them.
    episode = Episode([A, C, B])
    episode.speak(0, only=range(6, 9))
    episode.speak(1, only=range(0))
    episode.speak(2)
    anchors = episode.anchors()
    assert episode.wrong(anchors) == []
    assert [a.token for a in anchors[:3]] == [6, 7, 8]


def test_text_the_audio_lacks_is_jumped_over() -> None:
    episode = Episode([A, B, C, D])
    for turn in (0, 2, 3):  # turn 1 was cut from the audio
        episode.speak(turn)
    anchors = episode.anchors()
    assert episode.wrong(anchors) == []
    assert {episode.token_turns[a.token] for a in anchors} == {0, 2, 3}


def test_a_run_heard_early_is_no_start_far_into_the_text() -> None:
    # The first words heard match the last turn: nobody says three turns in two seconds.
    episode = Episode([A, B, C, D])
    episode.say(said("wait for the boats"))
    for turn in range(4):
        episode.speak(turn)
    anchors = episode.anchors()
    assert episode.wrong(anchors) == []
    assert anchors[0].token == 0


def _maximal_runs(heard: list[str], tokens: list[str]) -> list[Run]:
    """Every maximal run of >= SEED equal words, by brute force."""
    out: list[Run] = []
    for h in range(len(heard)):
        for t in range(len(tokens)):
            if h and t and heard[h - 1] == tokens[t - 1]:
                continue
            n = 0
            while h + n < len(heard) and t + n < len(tokens) and heard[h + n] == tokens[t + n]:
                n += 1
            if n >= SEED:
                out.append(Run(h, t, n))
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("abc"), min_size=0, max_size=40),
    st.lists(st.sampled_from("abcd"), min_size=0, max_size=40),
)
def test_candidate_runs_are_every_maximal_run(heard: list[str], tokens: list[str]) -> None:
    times = [i * WORD_MS for i in range(len(heard))]
    found = candidate_runs(heard, tokens, len(heard) * WORD_MS, times)
    assert found == sorted(_maximal_runs(heard, tokens), key=lambda r: (r.heard, r.token))
