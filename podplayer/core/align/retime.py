"""Re-time corrected words against the audio between their timed neighbours, with the aligner's workers.

Only the corrected words move. Each run of them is force-aligned (the same pocketsphinx worker and
acoustic model as a whole-episode alignment) against the audio from the end of the word before to the
start of the word after. When that stretch is too short or does not align (the neighbours' times
swallowed the missing words: a sentence the old transcript lacked), the run is aligned again with its
two neighbours included and only the run's times are taken; the neighbours keep theirs. A run that
still fails keeps its estimate, marked uncertain. Only the audio around the runs is decoded.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from podplayer.core.align.aligner import AlignError
from podplayer.core.align.episode_files import worker_setup
from podplayer.core.align.normalize import normalize_words
from podplayer.core.align.placement import CONF_ALIGNED, CONF_INTERPOLATED
from podplayer.core.align.process_pool import WorkerPool
from podplayer.core.align.pronounce import write_dictionary
from podplayer.core.align.worker import SAMPLE_RATE, AlignPiece, TimedToken, align_piece
from podplayer.core.audio import decode_pcm, probe_duration_ms
from podplayer.core.correction.word_diff import Span
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Word

# A stretch shorter than this per spoken token is not worth a narrow try: go wide at once.
MIN_MS_PER_TOKEN = 90
# Audio decoded around the spans (pocketsphinx wants a little silence around a piece).
MARGIN_MS = 500


@dataclass(frozen=True, slots=True)
class _Try:
    span: int  # index into the spans
    first: int  # flat word index of the first word aligned (a neighbour when wide)
    last: int
    piece: AlignPiece
    token_words: tuple[int, ...]  # flat word index of each token


def retime_spans(
    words: list[Word],
    spans: list[Span],
    audio_path: str | Path,
    *,
    jobs: int = 2,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Time ``words[span.first..span.last]`` of every span from the audio, in place; returns how many
    spans aligned (the others keep their estimates with a low confidence)."""
    cancel = cancel or CancelToken()
    if not spans:
        return 0
    duration_ms = probe_duration_ms(audio_path)
    lo = max(0, min(_wide(words, s)[0] for s in spans) - MARGIN_MS)
    hi = min(duration_ms, max(_wide(words, s)[1] for s in spans) + MARGIN_MS)
    progress(0.0, 1.0, "Decoding audio")
    with tempfile.TemporaryDirectory(prefix="podplayer-retime-") as folder:
        setup = worker_setup(Path(folder))
        _decode(audio_path, setup.pcm_path, lo, hi, cancel)
        texts = [w.text for w in words]
        write_dictionary((t.text for t in normalize_words(texts)), Path(setup.dict_path))
        narrow = [t for i, s in enumerate(spans) if (t := _narrow(words, i, s, lo)) is not None]
        done: set[int] = set()
        try:
            with WorkerPool(min(jobs, len(spans)), setup) as pool:
                progress(0.2, 1.0, "Aligning corrected words")
                done |= _run(pool, narrow, words, lo, cancel)
                wide = [_wide_try(words, i, s, lo) for i, s in enumerate(spans) if i not in done]
                done |= _run(pool, [t for t in wide if t is not None], words, lo, cancel)
        except (RuntimeError, OSError, EOFError) as exc:
            raise AlignError(f"re-timing failed: {exc}") from exc
    for i, span in enumerate(spans):
        if i not in done:
            for word in words[span.first : span.last + 1]:
                word.confidence = CONF_INTERPOLATED
    progress(1.0, 1.0, "Re-timed")
    return len(done)


def _decode(audio_path: str | Path, pcm_path: str, lo: int, hi: int, cancel: CancelToken) -> None:
    with open(pcm_path, "wb") as out:
        for chunk in decode_pcm(audio_path, rate=SAMPLE_RATE, start_ms=lo, duration_ms=hi - lo):
            cancel.check()
            out.write(chunk.astype("<i2", copy=False).tobytes())


def _wide(words: list[Word], span: Span) -> tuple[int, int]:
    """The stretch from the start of the word before the span to the end of the word after it."""
    before = words[span.first - 1] if span.first > 0 else None
    after = words[span.last + 1] if span.last + 1 < len(words) else None
    run = words[span.first : span.last + 1]
    start = before.start_ms if before is not None and before.start_ms is not None else run[0].start_ms or 0
    end_candidates = [after.end_ms if after is not None else None, after.start_ms if after is not None else None,
                      run[-1].end_ms]
    end = next((e for e in end_candidates if e is not None), start)
    return start, max(start, end)


def _tokens(words: list[Word], first: int, last: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    tokens = normalize_words([w.text for w in words[first : last + 1]])
    return tuple(t.text for t in tokens), tuple(first + t.word_index for t in tokens)


def _narrow(words: list[Word], index: int, span: Span, lo: int) -> _Try | None:
    tokens, owners = _tokens(words, span.first, span.last)
    start = span.after_ms if span.after_ms is not None else max(0, _wide(words, span)[0])
    end = span.before_ms if span.before_ms is not None else _wide(words, span)[1]
    if not tokens or end - start < MIN_MS_PER_TOKEN * len(tokens):
        return None
    return _Try(index, span.first, span.last, AlignPiece(index, start - lo, end - lo, tokens), owners)


def _wide_try(words: list[Word], index: int, span: Span, lo: int) -> _Try | None:
    first = max(0, span.first - 1)
    last = min(len(words) - 1, span.last + 1)
    tokens, owners = _tokens(words, first, last)
    start, end = _wide(words, span)
    if not tokens or end <= start:
        return None
    return _Try(index, first, last, AlignPiece(index, start - lo, end - lo, tokens), owners)


def _run(pool: WorkerPool, tries: list[_Try], words: list[Word], lo: int, cancel: CancelToken) -> set[int]:
    if not tries:
        return set()
    results = pool.run(align_piece, [t.piece for t in tries], lambda _i, _r: None, cancel)
    aligned: set[int] = set()
    for attempt, (_, timed) in zip(tries, results, strict=True):
        if timed is None:
            continue
        _apply(attempt, timed, words, lo)
        aligned.add(attempt.span)
    return aligned


def _apply(attempt: _Try, timed: list[TimedToken], words: list[Word], lo: int) -> None:
    """Times of the span's words from their tokens (``lo``: where the decoded audio starts)."""
    span_words: dict[int, tuple[int, int]] = {}
    for owner, (_, start, end) in zip(attempt.token_words, timed, strict=True):
        old = span_words.get(owner)
        span_words[owner] = (lo + start, lo + end) if old is None else (old[0], lo + end)
    for k in range(attempt.first, attempt.last + 1):
        word = words[k]
        if word.confidence is None or not word.estimated:
            continue  # a neighbour aligned for context keeps its own time
        if k in span_words:
            word.start_ms, word.end_ms = span_words[k]
            word.confidence = CONF_ALIGNED
        else:
            word.confidence = CONF_INTERPOLATED  # nothing spoken to align (a dash): its estimate stays
