"""Alignment where passages recur (show intros, recurring segments, the same ad read twice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.align import align_transcript
from tests.core.align.ad_variants import repeats_variants, start_errors, untimed

pytestmark = pytest.mark.slow


def test_a_pre_roll_before_recurring_passages_leaves_every_turn_in_place(tmp_path: Path) -> None:
    # Two loops of 18 demo turns (about 257 s each) in different orders after a 15 s pre-roll ad.
    # Matching in a window that slid from the last match tied two turns of the first loop to their
    # repetition in the second here: 34 of 38 turn starts within 250 ms, 69 of 1,210 words uncertain.
    variant = repeats_variants(9, seed=2, folder=tmp_path, names=("ads",))["ads"]
    aligned = align_transcript(untimed(variant.transcript), variant.audio, jobs=2)
    errors = start_errors(variant, aligned)
    assert sum(e <= 250 for e in errors) / len(errors) >= 0.98, errors
    words = [w for turn in aligned.turns for w in turn.words]
    assert sum(w.uncertain for w in words) <= len(words) // 100
