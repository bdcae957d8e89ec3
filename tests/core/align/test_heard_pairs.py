"""Heard words time the words of a stretch that would not align, but only in pairs or longer runs."""

from __future__ import annotations

from podplayer.core.align.heard_pairs import CONF_HEARD_IN_FAILED, heard_in_stretch
from podplayer.core.align.placement import Placed


def test_runs_of_two_heard_words_time_their_tokens_single_words_do_not() -> None:
    texts = ["so", "simple", "when", "they're", "done", "the", "main", "thing"]
    heard = [
        ("the", 900, 1000),  # before the stretch
        ("so", 1200, 1300),  # alone: a chance match
        ("when", 2400, 2600),
        ("they're", 2600, 2900),
        ("the", 3500, 3600),
        ("main", 3600, 3900),
        ("thing", 3900, 4300),
        ("when", 9000, 9100),  # after the stretch
    ]
    found = heard_in_stretch(heard, texts, 40, 1000, 5000)
    assert found == {
        42: Placed(2400, 2600, CONF_HEARD_IN_FAILED),
        43: Placed(2600, 2900, CONF_HEARD_IN_FAILED),
        45: Placed(3500, 3600, CONF_HEARD_IN_FAILED),
        46: Placed(3600, 3900, CONF_HEARD_IN_FAILED),
        47: Placed(3900, 4300, CONF_HEARD_IN_FAILED),
    }
    assert heard_in_stretch(heard, texts, 0, 5000, 8000) == {}
