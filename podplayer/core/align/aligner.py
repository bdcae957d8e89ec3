"""Word-level forced alignment of a known transcript to its audio, offline, with pocketsphinx.

1. Recognise 30 s chunks with a language model built from the transcript itself (parallel workers).
2. Match what was heard to the transcript: the best monotonic chain of matching runs over the whole
   episode gives the anchors (a passage that recurs cannot pull the rest one repetition off).
3. Force-align the text between anchors to the audio between them, in 25-80 s pieces (parallel);
   a piece that fails gets second chances (piece_rounds.py), the last with a wider beam. Text before
   the first anchor and after the last goes where speech is (speech_activity.py), never into a
   silent opening or ending (in_order.py runs steps 2-3). The transcript's order is the default:
   short turns of other speakers are aligned in order too, but the decoder may pass over them where
   the audio between their neighbours does not sound like them (grammar.py).
4. Place the short turns passed over: said over someone else's turn, where voice or recognition
   shows the overlap, else after the turn before them (short_turns.py).
5. Interpolate what is left (words with no spoken form, untranscribed or missing stretches), with a
   low confidence, within the speech. Every word ends up timed; the displayed text never changes.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from podplayer.core.align.episode_files import prepare_files
from podplayer.core.align.in_order import Episode, align_in_order
from podplayer.core.align.normalize import Token, normalize_words
from podplayer.core.align.overlap import floating_turns
from podplayer.core.align.placement import Placed, place_words
from podplayer.core.align.process_pool import WorkerPool
from podplayer.core.align.said_over import move_to_second_voices
from podplayer.core.align.short_turns import Where, place_floating
from podplayer.core.align.voice_changes import start_at_voice_changes
from podplayer.core.align.worker import TimedToken, recognise_chunk
from podplayer.core.audio import probe_duration_ms
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import PodplayerError, Transcript, Turn, Word

CHUNK_MS = 30_000
# Share of the progress bar per stage (decoding, recognition, forced alignment).
DECODE_SHARE, RECOGNISE_SHARE = 0.05, 0.55


class AlignError(PodplayerError):
    """The transcript cannot be aligned (for example: it has no words)."""


def align_transcript(
    transcript: Transcript,
    audio_path: str | Path,
    *,
    jobs: int = 2,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Transcript:
    """A new transcript with every word timed from ``audio_path`` (see the module docstring).

    Raises AudioError for unreadable audio, AlignError for a transcript without words, and
    Cancelled (leaving nothing behind, workers stopped) when ``cancel`` is triggered.
    """
    cancel = cancel or CancelToken()
    audio = Path(audio_path)
    probe_duration_ms(audio)  # a clear AudioError before any work
    words = [w.text for turn in transcript.turns for w in turn.words]
    tokens = normalize_words(words)
    if not tokens:
        raise AlignError("the transcript has no words to align")
    word_turns = [i for i, turn in enumerate(transcript.turns) for _ in turn.words]
    token_turns = [word_turns[t.word_index] for t in tokens]
    per_turn = Counter(token_turns)
    counts = [per_turn[i] for i in range(len(transcript.turns))]
    floating = floating_turns(counts, [turn.speaker for turn in transcript.turns])
    breaks = _phrase_starts(tokens, words, word_turns)
    all_texts = [t.text for t in tokens]
    total = 1.0
    progress(0.0, total, "Decoding audio")
    with tempfile.TemporaryDirectory(prefix="podplayer-align-") as folder:
        setup, duration_ms = prepare_files(Path(folder), audio, _sentences(tokens, words), cancel)
        progress(DECODE_SHARE, total, "Recognising speech")
        with _worker_errors(), WorkerPool(jobs, setup) as pool:
            heard = _recognise(pool, duration_ms, progress, cancel)
            episode = Episode(pool, setup, heard, all_texts, token_turns, breaks, duration_ms, cancel)
            placed, speech = align_in_order(episode, floating, progress, DECODE_SHARE + RECOGNISE_SHARE)
            elsewhere = _passed_over(floating, token_turns, placed)
            speakers = [turn.speaker for turn in transcript.turns]
            placed, overlapping = start_at_voice_changes(
                setup.pcm_path, token_turns, speakers, placed, elsewhere, duration_ms
            )
            where = Where(token_turns, speakers, duration_ms, setup.pcm_path)
            place_floating(elsewhere, where, all_texts, heard, placed)
            elsewhere |= move_to_second_voices(
                floating, token_turns, speakers, all_texts, placed, duration_ms, setup.pcm_path
            )
    free = {t.word_index for t, turn in zip(tokens, token_turns, strict=True) if turn in elsewhere}
    free |= {tokens[k].word_index for k in overlapping}
    lengths = [len(w) for w in words]
    timed = place_words([t.word_index for t in tokens], placed, lengths, duration_ms, free, speech)
    progress(total, total, "Aligned")
    return _with_times(transcript, timed)


def _passed_over(floating: set[int], token_turns: list[int], placed: list[Placed | None]) -> set[int]:
    """The short turns that in-order alignment passed over: said over another speaker."""
    timed = {turn for turn, p in zip(token_turns, placed, strict=True) if p is not None}
    return {turn for turn in floating if turn not in timed}


@contextmanager
def _worker_errors() -> Iterator[None]:
    """A worker that cannot start or crashes becomes one clear AlignError, not a traceback."""
    try:
        yield
    except (RuntimeError, OSError, EOFError) as exc:
        raise AlignError(f"alignment failed: {exc}") from exc


def _phrase_starts(tokens: list[Token], words: list[str], word_turns: list[int]) -> frozenset[int]:
    """Tokens that open a turn or follow punctuation: where speakers put fillers and restarts."""
    out: set[int] = set()
    for k, token in enumerate(tokens):
        if k == 0:
            continue
        before = tokens[k - 1].word_index
        if token.word_index != before and (
            word_turns[token.word_index] != word_turns[before]
            or words[before].rstrip("\"'”’)").endswith((".", "!", "?"))
        ):
            out.add(k)
    return frozenset(out)


def _sentences(tokens: list[Token], words: list[str]) -> list[list[str]]:
    """Token lists per sentence (a word ending in . ! or ? closes one), for the language model."""
    out: list[list[str]] = [[]]
    last_word = -1
    for token in tokens:
        if (
            token.word_index != last_word
            and last_word >= 0
            and words[last_word].rstrip("\"'”’)").endswith((".", "!", "?"))
        ):
            out.append([])
        out[-1].append(token.text)
        last_word = token.word_index
    return [s for s in out if s]


def _recognise(
    pool: WorkerPool, duration_ms: int, progress: Progress, cancel: CancelToken
) -> list[TimedToken]:
    spans = [(start, min(duration_ms, start + CHUNK_MS)) for start in range(0, duration_ms, CHUNK_MS)]
    finished = 0

    def one_done(_: int, __: list[TimedToken]) -> None:
        nonlocal finished
        finished += 1
        progress(DECODE_SHARE + RECOGNISE_SHARE * finished / len(spans), 1.0, "Recognising speech")

    chunks = pool.run(recognise_chunk, spans, one_done, cancel)
    return [t for chunk in chunks for t in chunk]


def _with_times(transcript: Transcript, timed: list[Placed]) -> Transcript:
    turns: list[Turn] = []
    k = 0
    for turn in transcript.turns:
        words: list[Word] = []
        for word in turn.words:
            p = timed[k]
            k += 1
            words.append(Word(word.text, p.start_ms, p.end_ms, round(p.confidence, 2)))
        previous_end = turns[-1].end_ms if turns else 0
        start = words[0].start_ms if words else previous_end
        end = words[-1].end_ms if words else previous_end
        turns.append(Turn(turn.speaker, words, start, end))
    return replace(transcript, turns=turns, metadata=dict(transcript.metadata), estimated=False)
