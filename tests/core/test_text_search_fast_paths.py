"""The find index's shortcuts give the same answers as the general path."""

from __future__ import annotations

import pytest

from podplayer.core import text_search
from podplayer.core.text_search import TurnTextIndex, fold, fold_char


def folded_char_by_char(text: str) -> tuple[str, list[int], list[int]]:
    """The general per-character fold, without the ASCII shortcut."""
    out: list[str] = []
    origins: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        if not folded and ends:
            ends[-1] = index + 1
        for piece in folded:
            out.append(piece)
            origins.append(index)
            ends.append(index + 1)
    return "".join(out), origins, ends


@pytest.mark.parametrize("text", ["Hello World", "A-B c.d, 'E' 42 !?", "", "   spaced  ", "MiXeD CaSe\ttab"])
def test_ascii_text_folds_like_the_general_path(text: str) -> None:
    folded = fold(text)
    assert (folded.text, list(folded.origins), list(folded.ends)) == folded_char_by_char(text)
    assert folded.source_length == len(text)


def test_texts_are_folded_on_the_first_query_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = text_search.fold

    def counting(text: str) -> text_search.FoldedText:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(text_search, "fold", counting)
    index = TurnTextIndex(["Café au lait", "the CAFE is open", "nothing here"])
    assert calls == [] and len(index) == 3
    assert index.find("   ") == []  # a blank query needs no folding either
    assert calls == []
    assert [(m.turn, m.start, m.end) for m in index.find("cafe")] == [(0, 0, 4), (1, 4, 8)]
    assert len(calls) == 3
    assert [m.turn for m in index.find("open")] == [1]
    assert len(calls) == 3
