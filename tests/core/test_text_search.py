"""Find-in-episode matching: case/accent folding and offsets back into the original text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from podplayer.core.text_search import TextMatch, TurnTextIndex, find_in_texts, fold, fold_query


def test_case_and_accent_insensitive() -> None:
    texts = ["Un café à Paris", "CAFE NOIR", "no match here", "Décaféiné"]
    matches = find_in_texts(texts, "cafe")
    assert [(m.turn, texts[m.turn][m.start : m.end]) for m in matches] == [
        (0, "café"),
        (1, "CAFE"),
        (3, "café"),
    ]


def test_query_accents_are_folded_too() -> None:
    assert find_in_texts(["Resume the resume"], "RÉSUMÉ") == [
        TextMatch(0, 0, 6),
        TextMatch(0, 11, 17),
    ]


def test_decomposed_input_maps_back_to_whole_characters() -> None:
    text = "cafe\u0301 time"  # "café" written with a combining acute accent
    [match] = find_in_texts([text], "café")
    assert text[match.start : match.end] == "cafe\u0301"  # the accent stays with its letter


def test_expanding_characters_keep_offsets() -> None:
    text = "Die Straße und das ﬁnale Wort"
    index = TurnTextIndex([text])
    [strasse] = index.find("STRASSE")
    assert text[strasse.start : strasse.end] == "Straße"
    [finale] = index.find("finale")
    assert text[finale.start : finale.end] == "ﬁnale"


def test_matches_do_not_overlap_and_blank_query_finds_nothing() -> None:
    assert [(m.start, m.end) for m in find_in_texts(["aaaa"], "aa")] == [(0, 2), (2, 4)]
    assert find_in_texts(["anything"], "   ") == []
    assert find_in_texts(["anything"], "") == []


def test_query_whitespace_is_collapsed() -> None:
    [m] = find_in_texts(["deep learning framework"], "  Deep   LEARNING ")
    assert (m.start, m.end) == (0, 13)


@given(st.text(max_size=40), st.text(min_size=1, max_size=5))
def test_every_reported_span_folds_to_the_query(text: str, query: str) -> None:
    folded_query = fold_query(query)
    for match in find_in_texts([text], query):
        assert 0 <= match.start <= match.end <= len(text)
        assert folded_query in fold(text[match.start : match.end]).text


@given(st.text(alphabet="abcAB ", max_size=60), st.text(alphabet="abAB", min_size=1, max_size=3))
def test_ascii_matches_equal_lowercase_find(text: str, query: str) -> None:
    expected = []
    low, q = text.lower(), query.lower()
    pos = low.find(q)
    while pos != -1:
        expected.append((pos, pos + len(q)))
        pos = low.find(q, pos + len(q))
    assert [(m.start, m.end) for m in find_in_texts([text], query)] == expected
