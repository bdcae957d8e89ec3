"""Hypothesis strategies for transcripts that a given format can carry."""

from __future__ import annotations

from hypothesis import strategies as st

from podplayer.core.model import Transcript, Turn, Word


def word_texts(exclude: str = "") -> st.SearchStrategy[str]:
    # Characters no word may hold: whitespace splits words, control characters are not text.
    alphabet = st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), exclude_characters=exclude)
    return st.text(alphabet=alphabet, min_size=1, max_size=10)


@st.composite
def speaker_names(draw: st.DrawFn) -> str:
    """Names the ``Name:`` prefix grammar accepts: 1-3 words, each starting upper-case or a digit."""
    first = draw(st.characters(categories=["Lu"]))
    rest = st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd")), max_size=7)
    words = [first + draw(rest)]
    for _ in range(draw(st.integers(0, 2))):
        initial = st.characters(categories=("Lu", "Lo", "Nd")).filter(lambda c: not c.islower())
        words.append(draw(initial) + draw(rest))
    return " ".join(words)


@st.composite
def transcripts(
    draw: st.DrawFn,
    *,
    exclude: str = "",
    timed: bool = True,
    word_times: bool = False,
    distinct_neighbours: bool = False,
    max_turns: int = 5,
) -> Transcript:
    """Random transcripts; times increase through the file (hours past 99 included)."""
    pool = draw(st.lists(speaker_names(), min_size=2, max_size=4, unique=True))
    n_turns = draw(st.integers(1, max_turns))
    clock = draw(st.integers(0, 400 * 3_600_000))
    turns: list[Turn] = []
    index = draw(st.integers(0, len(pool) - 1))
    for _ in range(n_turns):
        if distinct_neighbours:
            index = (index + draw(st.integers(1, len(pool) - 1))) % len(pool)
        else:
            index = draw(st.integers(0, len(pool) - 1))
        texts = draw(st.lists(word_texts(exclude), min_size=1, max_size=15))
        words = [Word(t) for t in texts]
        start = end = None
        if timed:
            clock += draw(st.integers(0, 5000))
            start = clock
            if word_times:
                for word in words:
                    clock += draw(st.integers(0, 800))
                    word.start_ms = clock
                    clock += draw(st.integers(0, 1500))
                    word.end_ms = clock
                start, end = words[0].start_ms, words[-1].end_ms
            else:
                clock += draw(st.integers(0, 60_000))
                end = clock
        turns.append(Turn(pool[index], words, start, end))
    title = " ".join(draw(st.lists(word_texts(exclude), max_size=5)))
    return Transcript(turns, title=title)
