"""Speaker embeddings: CAM++ (3D-Speaker, Apache-2.0) exported to ONNX, run on onnxruntime.

The model takes Kaldi filterbanks (80 mel bins, 25 ms frames every 10 ms, no dither) of 16 kHz audio,
mean-normalised over each window, as 3D-Speaker computes them; kaldi-native-fbank computes the same
numbers (tests/core/speakers/test_embedding_model.py checks the embeddings against the torch model's).
The ONNX file ships beside this module (see NOTICE-campplus.txt); tools/export_speaker_model.py
rebuilds it. Nothing is downloaded and torch is not needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from podplayer.core.onnx_models import cpu_session

if TYPE_CHECKING:
    import onnxruntime

RATE = 16_000
MEL_BINS = 80
EMBEDDING_SIZE = 192
FRAME_SHIFT = RATE // 100  # samples per 10 ms frame
MIN_SAMPLES = RATE * 25 // 1000  # one 25 ms frame
BATCH = 8  # windows per model call (all of one length, so no padding); larger batches ran slower

Floats = npt.NDArray[np.float32]


@cache
def _session() -> onnxruntime.InferenceSession:
    return cpu_session("podplayer.core.speakers", "campplus.onnx", threads=2)


def _fbank_options() -> Any:
    import kaldi_native_fbank as knf

    options = knf.FbankOptions()
    options.frame_opts.samp_freq = RATE
    options.frame_opts.dither = 0.0
    options.mel_opts.num_bins = MEL_BINS
    return options


def filterbanks(samples: Floats) -> Floats:
    """Kaldi log-mel filterbanks (frames x 80) of 16 kHz samples in [-1, 1], not normalised."""
    import kaldi_native_fbank as knf

    if len(samples) < MIN_SAMPLES:
        samples = np.pad(samples, (0, MIN_SAMPLES - len(samples)))
    fbank = knf.OnlineFbank(_fbank_options())
    fbank.accept_waveform(RATE, samples.astype(np.float32))
    fbank.input_finished()
    frames = fbank.num_frames_ready
    return np.asarray([fbank.get_frame(i) for i in range(frames)], dtype=np.float32).reshape(frames, MEL_BINS)


def window_features(bank: Floats, first: int, count: int) -> Floats:
    """Features of frames [first, first + count) of ``bank``, mean-normalised as the model expects."""
    feats = bank[first : first + count]
    return np.asarray(feats - feats.mean(axis=0, keepdims=True), dtype=np.float32)


def embed_features(windows: Sequence[Floats]) -> Floats:
    """One embedding (192 floats, not normalised) per window of features; windows of one length are
    batched together."""
    out = np.zeros((len(windows), EMBEDDING_SIZE), dtype=np.float32)
    by_length: dict[int, list[int]] = {}
    for i, feats in enumerate(windows):
        by_length.setdefault(len(feats), []).append(i)
    session = _session()
    for indices in by_length.values():
        for start in range(0, len(indices), BATCH):
            chunk = indices[start : start + BATCH]
            batch = np.stack([windows[i] for i in chunk]).astype(np.float32)
            out[chunk] = session.run(None, {"features": batch})[0]
    return out


def embed_samples(samples: Floats) -> Floats:
    """The embedding of one stretch of 16 kHz audio."""
    bank = filterbanks(samples)
    return np.asarray(embed_features([window_features(bank, 0, len(bank))])[0], dtype=np.float32)
