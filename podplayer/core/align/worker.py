"""What runs inside an alignment worker process: pocketsphinx decoders over slices of a PCM file.

pocketsphinx holds the GIL while it decodes, so alignment runs in worker *processes*. The decoded
audio is a raw 16 kHz mono s16le file that every worker reads slices of, so no process holds the whole
episode.

A task's result must not depend on which worker ran it or what that worker decoded before: otherwise
the same episode aligns differently on a busier machine or with another number of workers (it did: 7
instead of 13 of a meeting's 18 turns within 1 s when one worker happened to take every task).
pocketsphinx's decoders carry state from one utterance to the next (its codebook search starts from the
best codewords of earlier frames, even frames of an earlier utterance), so every task gets a fresh
decoder. The episode's language model, the costly part to build, is loaded once per worker and shared:
a search only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pocketsphinx import Decoder, NGramModel

from podplayer.core.align.grammar import alignment_transitions, final_state
from podplayer.core.align.pronounce import ACOUSTIC_MODEL

SAMPLE_RATE = 16000
BYTES_PER_SAMPLE = 2
FRAME_MS = 10  # pocketsphinx computes 100 frames a second

# Speed over polish in the first pass: it only needs enough right words to anchor on. One pass of the
# tree search (no flat pass, no lattice), every third frame, one Gaussian per mixture: ~0.012 x real
# time per core, and still >90 % of the demo's words heard right. Measured on the demo episode.
RECOGNISE_OPTIONS: dict[str, Any] = {"fwdflat": False, "bestpath": False, "topn": 1, "ds": 3, "cmn": "batch"}
# Forced alignment keeps every frame (10 ms resolution); two Gaussians per mixture instead of four
# cost no measurable accuracy on the demo and save a fifth of the time. Cepstral mean normalisation
# per utterance ("batch", pocketsphinx 5's default, stated because it matters): a piece's result must
# not depend on which piece the same worker happened to decode before it.
ALIGN_OPTIONS: dict[str, Any] = {"topn": 2, "cmn": "batch"}
# A piece that fails gets a last try with a wider word-exit beam than pocketsphinx's default (7e-29):
# on band-limited telephone audio the acoustic scores are poor all along, and the default pruned the
# transcript's path out of the whole of a real 30 s call (the pyannote sample). Only as a last try:
# the wider beam changes results that the default gets right (see grammar.END_WORD).
WIDE_OPTIONS: dict[str, Any] = {**ALIGN_OPTIONS, "wbeam": 1e-48}

# (token, start_ms, end_ms) with times absolute in the episode; fillers such as <sil> are dropped.
TimedToken = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """Files a worker needs: the decoded audio, the episode's dictionary and language model."""

    pcm_path: str
    dict_path: str
    lm_path: str


@dataclass(frozen=True, slots=True)
class AlignPiece:
    """Forced-align ``tokens`` against the audio in [start_ms, end_ms)."""

    index: int
    start_ms: int
    end_ms: int
    tokens: tuple[str, ...]
    loose: tuple[int, ...] = ()  # positions (0..len(tokens)) where untranscribed speech may sit
    # (first, end) token positions of short turns that may have been said elsewhere (over another
    # speaker): the decoder may pass over them; their tokens then come back untimed.
    optional: tuple[tuple[int, int], ...] = ()


# One result per token of a piece; None for the tokens of an optional turn the decoder passed over.
InOrder = list[TimedToken | None]


_setup: WorkerSetup | None = None
_language_model: Any = None


def init_worker(setup: WorkerSetup) -> None:
    """Pool initializer: remember the files; the language model is loaded on first use."""
    global _setup, _language_model
    _setup = setup
    _language_model = None


def _setup_files() -> WorkerSetup:
    if _setup is None:
        raise RuntimeError("alignment worker used before init_worker()")
    return _setup


def _common_options() -> dict[str, Any]:
    return {"hmm": str(ACOUSTIC_MODEL), "dict": _setup_files().dict_path, "loglevel": "FATAL"}


def _aligner(*, wide: bool = False) -> Any:
    """A fresh forced-alignment decoder (see the module docstring): about 0.02 s."""
    return Decoder(lm=None, **(WIDE_OPTIONS if wide else ALIGN_OPTIONS), **_common_options())


def _recogniser() -> Any:
    """A fresh recognition decoder over the episode's language model (see the module docstring).

    About 0.05 s against 0.4 s to decode a 30 s chunk; building it with ``lm=`` would load the
    language model again each time (another 0.1 s for a 3-hour transcript).
    """
    global _language_model
    assert _setup is not None
    decoder = Decoder(lm=None, **RECOGNISE_OPTIONS, **_common_options())
    if _language_model is None:
        _language_model = NGramModel(decoder.config, decoder.logmath, _setup.lm_path)
    decoder.add_lm("transcript", _language_model)
    decoder.activate_search("transcript")
    return decoder


def read_pcm(pcm_path: str, start_ms: int, end_ms: int) -> bytes:
    """Raw samples of [start_ms, end_ms) from the decoded episode (shorter at the end of the file)."""
    first = max(0, start_ms) * SAMPLE_RATE // 1000
    count = max(0, end_ms * SAMPLE_RATE // 1000 - first)
    samples = np.fromfile(pcm_path, dtype="<i2", count=count, offset=first * BYTES_PER_SAMPLE)
    return samples.tobytes()


def _segments(decoder: Any, offset_ms: int) -> list[TimedToken]:
    out: list[TimedToken] = []
    for seg in decoder.seg() or ():
        word = str(seg.word)
        if word.startswith(("<", "[", "+")):
            continue
        if word.endswith(")") and "(" in word:
            word = word[: word.rindex("(")]
        out.append((word, offset_ms + seg.start_frame * FRAME_MS, offset_ms + (seg.end_frame + 1) * FRAME_MS))
    return out


def recognise_chunk(span: tuple[int, int]) -> list[TimedToken]:
    """Recognise [start_ms, end_ms) with the transcript's language model; words with times."""
    assert _setup is not None
    start_ms, end_ms = span
    audio = read_pcm(_setup.pcm_path, start_ms, end_ms)
    if len(audio) < SAMPLE_RATE // 10:
        return []
    decoder = _recogniser()
    try:
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
    except RuntimeError:  # a chunk pocketsphinx cannot decode: no anchors here, the rest goes on
        return []
    return _segments(decoder, start_ms)


def align_piece(piece: AlignPiece) -> tuple[int, list[TimedToken] | None]:
    """Force-align a piece's tokens to its audio; None when pocketsphinx finds no alignment.

    The grammar with optional fillers comes first. Its search can lose every path to the end
    (a filler loop wins inside the beam and the transcript path is pruned); the plain word
    sequence then gets its own try, so offering fillers never costs a piece its alignment.
    """
    index, timed = align_piece_in_order(AlignPiece(piece.index, piece.start_ms, piece.end_ms, piece.tokens, piece.loose))
    return index, None if timed is None else [t for t in timed if t is not None]


def align_piece_in_order(piece: AlignPiece) -> tuple[int, InOrder | None]:
    """As :func:`align_piece`, with the piece's optional turns said in order or passed over.

    Tries in turn: fillers and optional turns; optional turns alone; the plain word sequence (every
    turn in order), so neither fillers nor optional turns ever cost a piece its alignment; then all
    of that again with the wider beam (WIDE_OPTIONS).
    """
    assert _setup is not None
    audio = read_pcm(_setup.pcm_path, piece.start_ms, piece.end_ms)
    if not piece.tokens or len(audio) < SAMPLE_RATE // 20:
        return piece.index, None
    tries = dict.fromkeys([(bool(piece.loose), bool(piece.optional)), (False, bool(piece.optional)), (False, False)])
    for wide in (False, True):
        for with_fillers, with_optional in tries:
            timed = _decode_piece(piece, audio, with_fillers=with_fillers, with_optional=with_optional, wide=wide)
            if timed is not None:
                return piece.index, timed
    return piece.index, None


def _decode_piece(
    piece: AlignPiece, audio: bytes, *, with_fillers: bool, with_optional: bool, wide: bool
) -> InOrder | None:
    loose = piece.loose if with_fillers else ()
    optional = piece.optional if with_optional else ()
    decoded = _decode(piece, audio, loose, optional, wide)
    if decoded is not None and decoded[1] and 0 in loose:
        # Fillers on their own before a pause, at the piece's start: what a filler leads into follows
        # it closely. Such an island is a transcript word the acoustic model mistook (a telephone
        # call's opening "Hello?" decoded as "uh, you"): decoded again, the piece starts on words.
        decoded = _decode(piece, audio, tuple(k for k in loose if k), optional, wide)
    return None if decoded is None else _in_order(decoded[0], piece.tokens, optional)


STRAY_FILLER_PAUSE_MS = 300  # fillers this far before the first word lead into nothing


def _decode(
    piece: AlignPiece, audio: bytes, loose: tuple[int, ...], optional: tuple[tuple[int, int], ...], wide: bool
) -> tuple[list[TimedToken], bool] | None:
    """The decoded tokens with times, and whether they open on fillers alone before a pause."""
    decoder = _aligner(wide=wide)
    try:
        transitions = alignment_transitions(piece.tokens, loose, optional, end_word=wide)
        decoder.add_fsg("piece", decoder.create_fsg("piece", 0, final_state(piece.tokens, end_word=wide), transitions))
        decoder.activate_search("piece")
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
        return _segments(decoder, piece.start_ms), _opens_on_stray_fillers(decoder)
    except RuntimeError:
        return None


def _opens_on_stray_fillers(decoder: Any) -> bool:
    """Whether the decoded piece opens on fillers that end STRAY_FILLER_PAUSE_MS before its first word."""
    filler_end = None
    for seg in decoder.seg() or ():
        word = str(seg.word)
        if word.startswith("+"):
            filler_end = (seg.end_frame + 1) * FRAME_MS
        elif not word.startswith(("<", "[")):
            return filler_end is not None and seg.start_frame * FRAME_MS - filler_end >= STRAY_FILLER_PAUSE_MS
    return False


def _in_order(timed: list[TimedToken], tokens: tuple[str, ...], optional: tuple[tuple[int, int], ...]) -> InOrder | None:
    """``timed`` laid over ``tokens`` with passed-over optional turns as None; None if it does not fit.

    Only whole optional turns may be missing: the decoded words are the tokens in order, less some
    of those turns. Where both readings fit (an optional "yeah" before a "yeah"), the turn was said.
    """
    if not optional:
        return list(timed) if [t[0] for t in timed] == list(tokens) else None
    ends = dict(optional)
    memo: dict[tuple[int, int], InOrder | None] = {}

    def fit(at: int, k: int) -> InOrder | None:
        """The tokens from ``k`` on, over the decoded words from ``at`` on (recursing per optional turn)."""
        key = (at, k)
        if key in memo:
            return memo[key]
        out: InOrder = []
        while k < len(tokens) and k not in ends:  # a stretch of ordinary tokens: they must all be there
            if at >= len(timed) or timed[at][0] != tokens[k]:
                memo[key] = None
                return None
            out.append(timed[at])
            at, k = at + 1, k + 1
        found: InOrder | None
        if k == len(tokens):
            found = out if at == len(timed) else None
        else:
            end = ends[k]
            rest = None
            if [t[0] for t in timed[at : at + end - k]] == list(tokens[k:end]):
                said = fit(at + end - k, end)
                rest = None if said is None else [*timed[at : at + end - k], *said]
            if rest is None:
                passed = fit(at, end)
                rest = None if passed is None else [*([None] * (end - k)), *passed]
            found = None if rest is None else [*out, *rest]
        memo[key] = found
        return found

    return fit(0, 0)
