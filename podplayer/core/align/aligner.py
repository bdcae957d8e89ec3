"""Word-level forced alignment of a known transcript to its audio, offline, with pocketsphinx.

1. Recognise 30 s chunks with a language model built from the transcript itself (parallel workers).
2. Match what was heard to the transcript in a window sliding from the last trusted word: anchors.
3. Force-align the text between anchors to the audio between them, in 25-80 s pieces (parallel).
4. Interpolate what is left (words with no spoken form, untranscribed or missing stretches), with a
   low confidence. Every word ends up timed; the displayed text never changes.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from podplayer.core.align.anchors import Anchor, find_anchors
from podplayer.core.align.episode_files import prepare_files
from podplayer.core.align.heard_pairs import heard_in_stretch
from podplayer.core.align.normalize import Token, normalize_words
from podplayer.core.align.onsets import snap_onsets
from podplayer.core.align.overlap import (
    CONF_GUESSED,
    CONF_SPOTTED,
    floating_turns,
    heard_options,
    speaker_spans,
    spoken_ms,
    spot_windows,
    spread,
)
from podplayer.core.align.pieces import Piece, PieceKind, join_failed, plan_pieces, split_at_runs
from podplayer.core.align.placement import Placed, place_tokens, place_words
from podplayer.core.align.process_pool import WorkerPool
from podplayer.core.align.voice_spotting import Voices, VoiceSpan
from podplayer.core.align.worker import AlignPiece, TimedToken, align_piece, recognise_chunk
from podplayer.core.audio import probe_duration_ms
from podplayer.core.jobs import CancelToken, ProgressFn, no_progress
from podplayer.core.model import PodplayerError, Transcript, Turn, Word

CHUNK_MS = 30_000
LEAD_IN_MS = 1_500  # an "um" or "you know" the transcript left out may lead into a turn
# Share of the progress bar per stage (decoding, recognition, forced alignment).
DECODE_SHARE, RECOGNISE_SHARE = 0.05, 0.55


class AlignError(PodplayerError):
    """The transcript cannot be aligned (for example: it has no words)."""


def align_transcript(
    transcript: Transcript,
    audio_path: str | Path,
    *,
    jobs: int = 2,
    progress: ProgressFn = no_progress,
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
    # The transcript aligned in order: every token but those of short turns spoken over others.
    order = [k for k, turn in enumerate(token_turns) if turn not in floating]
    texts = [tokens[k].text for k in order]
    turns_in_order = [token_turns[k] for k in order]
    breaks_in_order = frozenset(i for i, k in enumerate(order) if k in breaks)
    total = 1.0
    progress(0.0, total, "Decoding audio")
    with tempfile.TemporaryDirectory(prefix="podplayer-align-") as folder:
        setup, duration_ms = prepare_files(Path(folder), audio, _sentences(tokens, words), cancel)
        progress(DECODE_SHARE, total, "Recognising speech")
        with _worker_errors(), WorkerPool(jobs, setup) as pool:
            heard = _recognise(pool, duration_ms, progress, cancel)
            anchors = find_anchors(heard, texts, turns_in_order)
            pieces = plan_pieces(anchors, turns_in_order, duration_ms)
            results = _align_pieces(pool, pieces, texts, breaks_in_order, progress, cancel)
            pieces, results = _retry_failed(pool, pieces, results, texts, breaks_in_order, anchors, cancel)
            in_order = place_tokens(pieces, results, anchors, len(order))
            _time_heard_in_failed(pieces, results, heard, texts, in_order)
            in_order = snap_onsets(setup.pcm_path, in_order, breaks_in_order | {0})
            placed: list[Placed | None] = [None] * len(tokens)
            for i, k in enumerate(order):
                placed[k] = in_order[i]
        all_texts = [t.text for t in tokens]
        speakers = [turn.speaker for turn in transcript.turns]
        where = _Where(token_turns, speakers, duration_ms, setup.pcm_path)
        _place_floating(floating, where, all_texts, heard, placed)
    free = {t.word_index for t, turn in zip(tokens, token_turns, strict=True) if turn in floating}
    timed = place_words([t.word_index for t in tokens], placed, [len(w) for w in words], duration_ms, free)
    progress(total, total, "Aligned")
    return _with_times(transcript, timed)


@dataclass(frozen=True, slots=True)
class _Where:
    """What placing the short turns needs to know of the episode."""

    token_turns: list[int]
    speakers: list[str]  # per turn
    duration_ms: int
    pcm_path: str


def _place_floating(
    floating: set[int],
    where: _Where,
    texts: list[str],
    heard: list[TimedToken],
    placed: list[Placed | None],
) -> None:
    """Place each short turn where its speaker's voice or recognition finds it; fills ``placed``.

    The voices are learnt from the turns already aligned in order. A clear find by voice wins
    (recognition rarely hears a word said over another), then what recognition heard, then an
    unclear find by a voice that is easily told from the others.
    """
    if not floating:
        return
    spans = speaker_spans(where.token_turns, where.speakers, placed, floating)
    voices = Voices.learn(where.pcm_path, spans)
    not_before = 0
    for window in spot_windows(floating, where.token_turns, placed, where.duration_ms):
        speaker = where.speakers[window.turn]
        wanted = texts[window.first_token : window.end_token]
        length = spoken_ms(wanted)
        # Said over someone else's turn, and not where the speaker's own turn (or its lead-in) is.
        over = [s for s in spans if s.speaker != speaker]
        avoid = [(s.start_ms - LEAD_IN_MS, s.end_ms) for s in spans if s.speaker == speaker]
        spotted = voices.spot(speaker, max(window.start_ms, not_before), window.end_ms, length, over, avoid)
        found = _likeliest(
            list(heard_options(window, texts, heard, not_before)), voices, speaker, length, over
        )
        if spotted is not None and spotted.clear:
            found = list(spread(wanted, spotted.start_ms, length, CONF_SPOTTED))
        elif spotted is not None and not any(found) and voices.is_distinct(speaker):
            # An unclear find by a distinct voice still beats interpolation, but stays flagged, and
            # the next short turn is not held to start after it.
            for k, guess in enumerate(spread(wanted, spotted.start_ms, length, CONF_GUESSED)):
                placed[window.first_token + k] = guess
            continue
        for k, p in enumerate(found):
            placed[window.first_token + k] = p
        ends = [p.end_ms for p in found if p is not None]
        if ends:  # the next short turn is a later one: it starts after this one was heard
            not_before = max(ends)


@contextmanager
def _worker_errors() -> Iterator[None]:
    """A worker that cannot start or crashes becomes one clear AlignError, not a traceback."""
    try:
        yield
    except (RuntimeError, OSError, EOFError) as exc:
        raise AlignError(f"alignment failed: {exc}") from exc


def _piece_job(index: int, piece: Piece, texts: list[str], breaks: frozenset[int]) -> AlignPiece:
    first, end = piece.first_token, piece.end_token
    # Fillers may sit at phrase starts and where a piece begins (its window can open on speech the
    # transcript left out), not at a piece's end: a loop there let the decoder swallow the next
    # piece's words as fillers and lost 30 % of the turn starts on a 3-hour episode.
    loose = tuple(k for k in range(end - first + 1) if k == 0 or first + k in breaks)
    return AlignPiece(index, piece.start_ms, piece.end_ms, tuple(texts[first:end]), loose)


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


def _align_pieces(
    pool: WorkerPool,
    pieces: list[Piece],
    texts: list[str],
    breaks: frozenset[int],
    progress: ProgressFn,
    cancel: CancelToken,
) -> dict[int, list[TimedToken] | None]:
    """Force-align every ALIGN piece in the workers; piece index -> timed tokens (None: failed)."""
    todo = [_piece_job(i, p, texts, breaks) for i, p in enumerate(pieces) if p.kind is PieceKind.ALIGN]
    todo.sort(key=lambda p: p.start_ms - p.end_ms)  # longest first balances the workers
    done_ms = 0.0
    align_ms = max(1, sum(p.end_ms - p.start_ms for p in todo))
    first = DECODE_SHARE + RECOGNISE_SHARE

    def aligned_one(_: int, result: tuple[int, list[TimedToken] | None]) -> None:
        nonlocal done_ms
        piece = pieces[result[0]]
        done_ms += piece.end_ms - piece.start_ms
        progress(first + (1 - first) * done_ms / align_ms, 1.0, "Aligning words")

    return dict(pool.run(align_piece, todo, aligned_one, cancel))


def _retry_failed(
    pool: WorkerPool,
    pieces: list[Piece],
    results: dict[int, list[TimedToken] | None],
    texts: list[str],
    breaks: frozenset[int],
    anchors: list[Anchor],
    cancel: CancelToken,
) -> tuple[list[Piece], dict[int, list[TimedToken] | None]]:
    """Second chances for pieces forced alignment could not finish.

    First each failed piece is re-aligned joined with a neighbour (a failure is mostly a cut inside
    a word); a neighbour keeps its own result if the joined piece fails too. What still fails is cut
    at every run of anchors and aligned in short stretches (crosstalk can defeat a long piece, while
    most stretches between anchors still align), so a bad stretch stays local.
    """
    failed = {i for i, r in results.items() if r is None}
    if not failed:
        return pieces, results
    pairs = join_failed(pieces, failed)
    joined = [_joined(pieces[lo], pieces[hi]) for lo, hi in pairs]
    retried = dict(pool.run(align_piece, _jobs(joined, texts, breaks), _ignore, cancel))
    starts = {lo: k for k, (lo, _) in enumerate(pairs)}
    skip: set[int] = set()
    out_pieces: list[Piece] = []
    out_results: dict[int, list[TimedToken] | None] = {}
    for i, piece in enumerate(pieces):
        if i in skip:
            continue
        if i in starts and retried[starts[i]] is not None:
            out_results[len(out_pieces)] = retried[starts[i]]
            out_pieces.append(joined[starts[i]])
            skip.add(pairs[starts[i]][1])
        else:
            out_results[len(out_pieces)] = results.get(i)
            out_pieces.append(piece)
    return _split_failed(pool, out_pieces, out_results, texts, breaks, anchors, cancel)


def _split_failed(
    pool: WorkerPool,
    pieces: list[Piece],
    results: dict[int, list[TimedToken] | None],
    texts: list[str],
    breaks: frozenset[int],
    anchors: list[Anchor],
    cancel: CancelToken,
) -> tuple[list[Piece], dict[int, list[TimedToken] | None]]:
    """Each still-failed piece cut at its anchor runs and aligned stretch by stretch."""
    parts: dict[int, list[Piece]] = {}
    for i, piece in enumerate(pieces):
        if piece.kind is PieceKind.ALIGN and results.get(i) is None:
            cut = split_at_runs(piece, anchors)
            if len(cut) > 1:
                parts[i] = cut
    if not parts:
        return pieces, results
    flat = [part for i in sorted(parts) for part in parts[i]]
    aligned = dict(pool.run(align_piece, _jobs(flat, texts, breaks), _ignore, cancel))
    out_pieces: list[Piece] = []
    out_results: dict[int, list[TimedToken] | None] = {}
    k = 0
    for i, piece in enumerate(pieces):
        for part in parts.get(i, [piece]):
            out_results[len(out_pieces)] = aligned[k] if i in parts else results.get(i)
            k += i in parts
            out_pieces.append(part)
    return out_pieces, out_results


def _time_heard_in_failed(
    pieces: list[Piece],
    results: dict[int, list[TimedToken] | None],
    heard: list[TimedToken],
    texts: list[str],
    placed: list[Placed | None],
) -> None:
    """Inside pieces that would not align, time the untimed words recognition heard in order."""
    for index, piece in enumerate(pieces):
        if piece.kind is not PieceKind.ALIGN or results.get(index) is not None:
            continue
        tokens = texts[piece.first_token : piece.end_token]
        found = heard_in_stretch(heard, tokens, piece.first_token, piece.start_ms, piece.end_ms)
        last_ms = piece.start_ms
        for token in range(piece.first_token, piece.end_token):
            current = placed[token]
            if current is None and token in found and found[token].start_ms >= last_ms:
                current = placed[token] = found[token]
            if current is not None:
                last_ms = max(last_ms, current.start_ms)


def _likeliest(
    options: list[list[Placed | None]], voices: Voices, speaker: str, length_ms: int, over: list[VoiceSpan]
) -> list[Placed | None]:
    """Of the places recognition heard a short turn, the one that sounds most like its speaker.

    Recognition hears "mm-hmm" and "yeah" where nobody said them; the voice tells. Without a voice
    to compare, the earliest place.
    """
    if not options:
        return []
    if len(options) == 1:
        return options[0]

    def score(option: list[Placed | None]) -> float:
        start = next(p.start_ms for p in option if p is not None)
        found = voices.likeness(speaker, start, length_ms, over)
        return float("-inf") if found is None else found

    return max(options, key=score)


def _joined(first: Piece, last: Piece) -> Piece:
    return Piece(first.start_ms, last.end_ms, first.first_token, last.end_token, PieceKind.ALIGN)


def _jobs(pieces: list[Piece], texts: list[str], breaks: frozenset[int]) -> list[AlignPiece]:
    return [_piece_job(k, p, texts, breaks) for k, p in enumerate(pieces)]


def _ignore(_: int, __: object) -> None:
    """A progress hook for quick second rounds."""


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
    pool: WorkerPool, duration_ms: int, progress: ProgressFn, cancel: CancelToken
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
