"""Displayed words -> spoken dictionary tokens, keeping the way back to each word."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podplayer.core.align.normalize import normalize_words, word_tokens


@pytest.mark.parametrize(
    ("word", "tokens"),
    [
        ("67", ["sixty", "seven"]),
        ("2016.", ["twenty", "sixteen"]),
        ("5th", ["fifth"]),
        ("AI", ["a.", "i."]),
        ("AI:", ["a.", "i."]),
        ("GPUs", ["g.", "p.", "u's"]),
        ("1,000", ["one", "thousand"]),
        ("3.5", ["three", "point", "five"]),
        ("10%", ["ten", "percent"]),
        ("$5", ["five", "dollars"]),
        ("1990s", ["nineteen", "nineties"]),
        ("open-source", ["open", "source"]),
        ("learning—essentially,", ["learning", "essentially"]),
        ("“dynamic", ["dynamic"]),
        ("you’re", ["you're"]),
        ("PyTorch's", ["pytorch's"]),
        ("'Lego", ["lego"]),
        ("structures.'", ["structures"]),
        ("café", ["cafe"]),
        ("&", ["and"]),
        ("—", []),
        ("...", []),
    ],
)
def test_word_tokens(word: str, tokens: list[str]) -> None:
    assert word_tokens(word) == tokens


def test_tokens_point_back_at_their_words() -> None:
    words = ["In", "2016,", "—", "AI", "grew."]
    tokens = normalize_words(words)
    assert [(t.text, t.word_index) for t in tokens] == [
        ("in", 0),
        ("twenty", 1),
        ("sixteen", 1),
        ("a.", 3),
        ("i.", 3),
        ("grew", 4),
    ]


@given(st.text(max_size=40))
def test_any_word_gives_dictionary_safe_tokens(word: str) -> None:
    for token in word_tokens(word):
        assert token and re.fullmatch(r"[a-z][a-z'.]*", token), token


def test_numbers_too_long_to_say_are_read_digit_by_digit() -> None:
    assert word_tokens("12" * 200) == ["one", "two"] * 200
