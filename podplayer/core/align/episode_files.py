"""The files an alignment run shares with its workers: decoded audio, dictionary, language model."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pocketsphinx.lm import ArpaBoLM

from podplayer.core.align.pronounce import write_dictionary
from podplayer.core.align.worker import SAMPLE_RATE, WorkerSetup
from podplayer.core.audio import decode_pcm
from podplayer.core.jobs import CancelToken

DECODE_CHUNK_MS = 30_000


def decode_to_file(audio_path: Path, pcm_path: Path, cancel: CancelToken) -> int:
    """Decode the audio to raw 16 kHz mono s16le at ``pcm_path``; returns its length in ms."""
    samples = 0
    with pcm_path.open("wb") as out:
        for chunk in decode_pcm(audio_path, rate=SAMPLE_RATE, chunk_ms=DECODE_CHUNK_MS):
            cancel.check()
            out.write(chunk.astype("<i2", copy=False).tobytes())
            samples += len(chunk)
    return samples * 1000 // SAMPLE_RATE


def write_language_model(sentences: Sequence[Sequence[str]], path: Path) -> None:
    """A trigram model of the transcript itself: recognition then strongly expects the known text."""
    corpus = "\n".join(" ".join(s) for s in sentences if s)
    model = ArpaBoLM(text=corpus, add_start=True, discount_mass=0.3)
    model.compute()
    buffer = io.StringIO()
    model.write(buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def prepare_files(
    folder: Path, audio_path: Path, sentences: Sequence[Sequence[str]], cancel: CancelToken
) -> tuple[WorkerSetup, int]:
    """Decode the audio and write the dictionary and language model into ``folder``.

    The paths are :func:`worker_setup`'s, so workers may be started before the files are written.
    """
    setup = worker_setup(folder)
    duration_ms = decode_to_file(audio_path, Path(setup.pcm_path), cancel)
    write_dictionary((t for s in sentences for t in s), Path(setup.dict_path))
    write_language_model(sentences, Path(setup.lm_path))
    return setup, duration_ms


def worker_setup(folder: Path) -> WorkerSetup:
    """Where :func:`prepare_files` puts the decoded audio, the dictionary and the language model."""
    return WorkerSetup(str(folder / "audio.s16le"), str(folder / "words.dict"), str(folder / "transcript.lm"))
