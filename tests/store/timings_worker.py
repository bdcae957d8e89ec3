"""A separate process that saves alignments (``Library.replace_timings``) in a loop, to be SIGKILLed.

    python -m tests.store.timings_worker DB EPISODE_ID

A fork server (tests/store/sigkill.py): each child opens the library and, for generation
g = SEED * 1000 + 1, 2, ..., prints "start g", saves the generation's timings (printing "sql" before
each statement) and prints "done g", until the test SIGKILLs it.

Generation ``g`` puts word number ``n`` (counted through the whole episode) at
``g * GENERATION_MS + n * WORD_MS``, so every stored time tells which save it came from.
"""

from __future__ import annotations

import sys

from podplayer.core.model import Transcript, Turn, Word
from podplayer.store import Library
from tests.store.sigkill import report_statements, serve_forked_children

GENERATION_MS = 10_000_000
WORD_MS = 100
TURNS = 1500
WORDS_PER_TURN = 40


def big_transcript() -> Transcript:
    """A long episode (60,000 words) in generation 0."""
    turns = [
        Turn(f"Speaker {t % 3}", [Word(f"w{t}x{w}") for w in range(WORDS_PER_TURN)]) for t in range(TURNS)
    ]
    transcript = Transcript(turns, title="Long alignment")
    set_generation(transcript, 0)
    return transcript


def set_generation(transcript: Transcript, generation: int) -> None:
    """Give every word and turn the times of ``generation`` (in place: no rebuild per save)."""
    number = 0
    for turn in transcript.turns:
        for word in turn.words:
            word.start_ms = generation * GENERATION_MS + number * WORD_MS
            word.end_ms = word.start_ms + WORD_MS // 2
            word.confidence = (generation % 100) / 100
            number += 1
        turn.start_ms = turn.words[0].start_ms
        turn.end_ms = turn.words[-1].end_ms


def save_forever(library: Library, episode_id: int, seed: int) -> None:
    transcript = big_transcript()
    report_statements()
    for step in range(1, 1000):
        generation = seed * 1000 + step
        set_generation(transcript, generation)
        print(f"start {generation}", flush=True)
        library.replace_timings(episode_id, transcript, estimated=generation % 2 == 1)
        print(f"done {generation}", flush=True)


if __name__ == "__main__":
    path, episode_id = sys.argv[1], int(sys.argv[2])
    serve_forked_children(lambda seed: save_forever(Library(path), episode_id, seed))
