"""Per-frame voice features (MFCC) computed with numpy, and a per-span voice summary.

Used by transcription (who speaks when) and by alignment (where a short turn spoken over someone else
lies). Written here rather than pulled from librosa or python_speech_features: it is twenty lines of
standard signal processing (pre-emphasis, Hamming window, power spectrum, mel filterbank, log, DCT),
and those packages would add numba/llvmlite or an unmaintained dependency for no gain.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 16_000
FRAME = 400  # 25 ms
HOP = 160  # 10 ms
N_FFT = 512
N_MELS = 40
N_CEPS = 20  # c0 (loudness) is dropped, c1..c19 describe the voice
LOW_HZ, HIGH_HZ = 60.0, 7600.0
FRAME_MS = 1000 * HOP // SAMPLE_RATE

Floats = npt.NDArray[np.float64]


def _mel(hz: Floats | float) -> Floats:
    return np.asarray(2595.0 * np.log10(1.0 + np.asarray(hz) / 700.0), dtype=np.float64)


def _hz(mel: Floats) -> Floats:
    return np.asarray(700.0 * (10.0 ** (mel / 2595.0) - 1.0), dtype=np.float64)


def _filterbank() -> Floats:
    edges = _hz(np.linspace(_mel(LOW_HZ), _mel(HIGH_HZ), N_MELS + 2))
    bins = np.fft.rfftfreq(N_FFT, 1.0 / SAMPLE_RATE)
    bank = np.zeros((N_MELS, len(bins)))
    for i in range(N_MELS):
        lo, mid, hi = edges[i], edges[i + 1], edges[i + 2]
        rising = (bins - lo) / (mid - lo)
        falling = (hi - bins) / (hi - mid)
        bank[i] = np.clip(np.minimum(rising, falling), 0.0, None)
    return bank


def _dct_matrix() -> Floats:
    """Orthonormal DCT-II basis (N_MELS x N_MELS) as a matrix: numpy has no DCT, scipy is optional."""
    n = np.arange(N_MELS)
    basis = np.cos(np.pi / N_MELS * (n[None, :] + 0.5) * n[:, None]) * np.sqrt(2.0 / N_MELS)
    basis[0] /= np.sqrt(2.0)
    return np.asarray(basis.T, dtype=np.float64)


_BANK = _filterbank()
_DCT = _dct_matrix()[:, 1:N_CEPS]


def mfcc_frames(samples: npt.NDArray[np.float32], block_frames: int = 6000) -> tuple[Floats, Floats]:
    """(MFCC c1..c19 per 10 ms frame, log energy per frame) for 16 kHz mono float samples.

    Works in blocks of ``block_frames`` so a long episode never needs its whole spectrogram in memory.
    """
    x = np.asarray(samples, dtype=np.float32)
    n_frames = max(0, 1 + (len(x) - FRAME) // HOP)
    ceps = np.zeros((n_frames, N_CEPS - 1))
    energy = np.zeros(n_frames)
    window = np.hamming(FRAME).astype(np.float32)
    for first in range(0, n_frames, block_frames):
        count = min(block_frames, n_frames - first)
        start = first * HOP
        chunk = x[start : start + (count - 1) * HOP + FRAME]
        emphasised = np.append(chunk[:1], chunk[1:] - 0.97 * chunk[:-1])
        frames = np.lib.stride_tricks.sliding_window_view(emphasised, FRAME)[::HOP][:count] * window
        power = np.abs(np.fft.rfft(frames, N_FFT)) ** 2 / N_FFT
        log_mel = np.log(power @ _BANK.T + 1e-10)
        ceps[first : first + count] = log_mel @ _DCT
        energy[first : first + count] = np.log(power.sum(axis=1) + 1e-10)
    return ceps, energy


def span_summary(ceps: Floats, energy: Floats, start_ms: int, end_ms: int) -> Floats | None:
    """Mean MFCCs of a span's louder (voiced) frames; None if too short to judge."""
    lo, hi = start_ms // FRAME_MS, max(start_ms // FRAME_MS + 1, end_ms // FRAME_MS)
    frames, levels = ceps[lo:hi], energy[lo:hi]
    if len(frames) < 20:
        return None
    loud = frames[levels >= np.percentile(levels, 40)]
    return np.asarray(loud.mean(axis=0), dtype=np.float64)
