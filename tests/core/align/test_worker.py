"""The alignment worker: a task's result depends on the task alone, not on the worker's history."""

from __future__ import annotations

import pytest

from podplayer.core.align import worker
from podplayer.core.align.episode_files import prepare_files
from podplayer.core.align.normalize import normalize_words
from podplayer.core.jobs import CancelToken
from tests.core.align.conversations import meeting


@pytest.fixture(scope="module")
def in_this_process(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """This process set up as a worker over the meeting minute; the meeting's tokens."""
    found = meeting()
    tokens = [t.text for t in normalize_words([w.text for t in found.transcript.turns for w in t.words])]
    setup, _ = prepare_files(tmp_path_factory.mktemp("worker"), found.audio, [tokens], CancelToken())
    worker.init_worker(setup)
    return tokens


def test_recognition_does_not_depend_on_what_was_recognised_before(in_this_process: list[str]) -> None:
    second_half = (30_000, 60_000)
    alone = worker.recognise_chunk(second_half)
    worker.recognise_chunk((0, 30_000))
    after_the_first_half = worker.recognise_chunk(second_half)
    assert alone  # the meeting's second half has words recognition hears
    assert after_the_first_half == alone


def test_forced_alignment_does_not_depend_on_the_piece_before(in_this_process: list[str]) -> None:
    piece = worker.AlignPiece(
        0, 23_500, 26_800, _words(in_this_process, "it up it doesn't make it really"), (0,)
    )
    before = worker.AlignPiece(
        1, 29_800, 32_400, _words(in_this_process, "that just raises a point i wonder"), (0,)
    )
    alone = worker.align_piece(piece)
    worker.align_piece(before)
    assert alone[1] is not None  # the piece aligns
    assert worker.align_piece(piece) == alone


def _words(tokens: list[str], opening: str) -> tuple[str, ...]:
    """The meeting's tokens from the first place ``opening`` is said to the next 12 tokens."""
    wanted = opening.split()
    first = next(i for i in range(len(tokens)) if tokens[i : i + len(wanted)] == wanted)
    return tuple(tokens[first : first + 12])
