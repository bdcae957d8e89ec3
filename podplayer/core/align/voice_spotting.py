"""Where a short turn spoken over someone else lies, found by its speaker's voice.

A backchannel ("okay", "mm-hmm") said while someone else is talking is rarely heard by recognition:
the two voices mix, and the louder, longer turn wins. Both voices are known from the rest of the
episode, though: each speaker's own turns, already aligned in order, show how that speaker sounds.
A small Gaussian mixture over MFCC frames models each voice; in the stretch where the short turn must
lie, the span whose frames its speaker's model explains best, compared with every other speaker's
model, is where it was said. A speaker with too little aligned speech of their own gets no model,
and their short turns are left to recognition.

The mixtures are fitted here with a few lines of EM over diagonal Gaussians: scikit-learn is only in
the optional transcription extra, and nothing more than this is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from podplayer.core.align.worker import read_pcm
from podplayer.core.voice_features import FRAME_MS, mfcc_frames

Floats = npt.NDArray[np.float64]

COMPONENTS = 8  # Gaussians per voice: enough to tell voices apart on a few seconds of speech
EM_ROUNDS = 15
VARIANCE_FLOOR = 1e-2
MIN_TRAIN_MS = 6_000  # a speaker with less aligned speech of their own gets no model
MAX_TRAIN_MS = 90_000  # enough to know a voice; keeps a long episode's cost flat
QUIET_PERCENTILE = 10  # frames quieter than this share of their stretch say nothing about a voice
# A voice is distinct when 95 % of its half seconds are this much likelier (log, per frame) under its
# own model than under any other. Studio voices measure 6-10, a far-field meeting 1.4-3.5.
BLOCK_FRAMES = 50
DISTINCT_RATIO = 5.0
MIN_VOICED = 0.5  # a spotted span is at least this much voice
CLEAR_CONTRAST = 2.5  # a span this many deviations above the stretch's typical span is a clear find


@dataclass(frozen=True, slots=True)
class VoiceSpan:
    """Audio where ``speaker`` alone is known to talk (an aligned turn of theirs)."""

    speaker: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Spotted:
    """Where a voice was found, and whether it stood out clearly from the stretch around it."""

    start_ms: int
    clear: bool


@dataclass(frozen=True, slots=True)
class _Mixture:
    log_weights: Floats  # (k,)
    means: Floats  # (k, d)
    variances: Floats  # (k, d)

    def frame_log_likelihood(self, frames: Floats) -> Floats:
        per = self._per_component(frames)
        top = per.max(axis=1)
        return np.asarray(top + np.log(np.exp(per - top[:, None]).sum(axis=1)), dtype=np.float64)

    def _per_component(self, frames: Floats) -> Floats:
        # (x - m)^2 / v expanded into matrix products: no (frames x components x dims) array.
        precision = 1.0 / self.variances
        mahalanobis = (
            (frames * frames) @ precision.T
            - 2.0 * frames @ (self.means * precision).T
            + (self.means * self.means * precision).sum(axis=1)[None, :]
        )
        norm = np.log(self.variances).sum(axis=1)
        return np.asarray(-0.5 * (mahalanobis + norm[None, :]) + self.log_weights[None, :], dtype=np.float64)

    @classmethod
    def fit(cls, frames: Floats) -> _Mixture:
        k = min(COMPONENTS, len(frames))
        # Deterministic start: frames spread evenly over the speaker's speech.
        means = frames[np.linspace(0, len(frames) - 1, k).astype(int)].copy()
        variances = np.tile(frames.var(axis=0) + VARIANCE_FLOOR, (k, 1))
        mixture = cls(np.full(k, -np.log(k)), means, variances)
        for _ in range(EM_ROUNDS):
            per = mixture._per_component(frames)
            per -= per.max(axis=1, keepdims=True)
            resp = np.exp(per)
            resp /= resp.sum(axis=1, keepdims=True)
            counts = resp.sum(axis=0) + 1e-6
            means = (resp.T @ frames) / counts[:, None]
            variances = (resp.T @ (frames * frames)) / counts[:, None] - means * means + VARIANCE_FLOOR
            mixture = cls(np.log(counts / counts.sum()), means, np.maximum(variances, VARIANCE_FLOOR))
        return mixture


def _voiced_frames(pcm_path: str, start_ms: int, end_ms: int) -> tuple[Floats, npt.NDArray[np.bool_]]:
    """MFCC frames of a stretch, and which of them carry voice (are not among its quietest)."""
    samples = np.frombuffer(read_pcm(pcm_path, start_ms, end_ms), dtype="<i2").astype(np.float32) / 32768.0
    ceps, energy = mfcc_frames(samples)
    if len(energy) == 0:
        return ceps, np.zeros(0, dtype=bool)
    # With their change from frame to frame: how a voice moves tells voices apart as much as its colour.
    deltas = np.gradient(ceps, axis=0) if len(ceps) > 1 else np.zeros_like(ceps)
    return np.hstack([ceps, deltas]), energy > np.percentile(energy, QUIET_PERCENTILE)


class Voices:
    """A model of each speaker's voice, learnt from spans where they alone are known to talk."""

    def __init__(self, pcm_path: str, models: dict[str, _Mixture], distinct: set[str]) -> None:
        self._pcm_path = pcm_path
        self._models = models
        self._distinct = distinct

    def likeness(
        self, speaker: str, start_ms: int, length_ms: int, over: Sequence[VoiceSpan]
    ) -> float | None:
        """How much more ``speaker``'s voice than the voice of the turn it lies in explains a span.

        None without a model for the speaker or for the turn under the span.
        """
        own = self._models.get(speaker)
        host = next((s for s in over if s.start_ms <= start_ms < s.end_ms), None)
        other = self._models.get(host.speaker) if host is not None else None
        if own is None or other is None:
            return None
        ceps, voiced = _voiced_frames(self._pcm_path, start_ms, start_ms + max(length_ms, FRAME_MS))
        if not voiced.any():
            return None
        frames = ceps[voiced]
        return float(np.mean(own.frame_log_likelihood(frames) - other.frame_log_likelihood(frames)))

    def prefers(self, speaker: str, start_ms: int, end_ms: int, others: Iterable[str]) -> bool | None:
        """Whether ``speaker``'s voice explains [start_ms, end_ms) better than each voice of ``others``.

        None without a model for the speaker or for any of the others, or without voice in the span.
        """
        own = self._models.get(speaker)
        rivals = [self._models[o] for o in sorted(set(others)) if o != speaker and o in self._models]
        if own is None or not rivals:
            return None
        ceps, voiced = _voiced_frames(self._pcm_path, start_ms, max(end_ms, start_ms + FRAME_MS))
        if not voiced.any():
            return None
        frames = ceps[voiced]
        mine = own.frame_log_likelihood(frames)
        return all(float(np.mean(mine - rival.frame_log_likelihood(frames))) > 0 for rival in rivals)

    def is_distinct(self, speaker: str) -> bool:
        """True when this speaker's voice is easily told from every other's in this episode.

        Studio voices each on their own microphone are; a meeting room's far-field mix mostly is not.
        Only then is the likeliest place by voice worth more than a guess between the neighbours.
        """
        return speaker in self._distinct

    @classmethod
    def learn(cls, pcm_path: str, spans: Iterable[VoiceSpan]) -> Voices:
        by_speaker: dict[str, list[VoiceSpan]] = {}
        training: dict[str, Floats] = {}
        for span in spans:
            if span.end_ms > span.start_ms:
                by_speaker.setdefault(span.speaker, []).append(span)
        models: dict[str, _Mixture] = {}
        for speaker, own in by_speaker.items():
            if sum(s.end_ms - s.start_ms for s in own) < MIN_TRAIN_MS:
                continue
            frames: list[Floats] = []
            taken = 0
            # Spread over the episode: every n-th span rather than the first minute only.
            step = max(1, round(sum(s.end_ms - s.start_ms for s in own) / MAX_TRAIN_MS))
            for span in own[::step]:
                ceps, voiced = _voiced_frames(pcm_path, span.start_ms, span.end_ms)
                frames.append(ceps[voiced])
                taken += span.end_ms - span.start_ms
                if taken >= MAX_TRAIN_MS:
                    break
            speech = np.concatenate(frames)
            if len(speech) < MIN_TRAIN_MS // FRAME_MS // 2:  # mostly silence: no voice to learn
                continue
            training[speaker] = speech
            models[speaker] = _Mixture.fit(speech)
        distinct = {speaker for speaker, frames in training.items() if _stands_apart(frames, speaker, models)}
        return cls(pcm_path, models, distinct)

    def spot(
        self,
        speaker: str,
        start_ms: int,
        end_ms: int,
        length_ms: int,
        over: Sequence[VoiceSpan],
        avoid: Sequence[tuple[int, int]],
    ) -> Spotted | None:
        """The ``length_ms`` span in [start_ms, end_ms) that sounds most like ``speaker``.

        ``over``: others' turns the span may start in (it was said over them); each frame is judged
        against the voice of the turn it lies in. ``avoid``: stretches the span must not touch (the
        speaker's own turns and their lead-in, where the voice matches but the words are others).
        None when the speaker has no model or there is no such span.
        """
        own_model = self._models.get(speaker)
        if own_model is None:
            return None
        width = max(1, length_ms // FRAME_MS)
        ceps, voiced = _voiced_frames(self._pcm_path, start_ms, end_ms)
        if len(ceps) < width:
            return None
        own = own_model.frame_log_likelihood(ceps)
        ratio = np.zeros(len(ceps))
        allowed = np.zeros(len(ceps), dtype=bool)
        for host in over:
            model = self._models.get(host.speaker)
            lo = max(0, (host.start_ms - start_ms) // FRAME_MS)
            hi = min(len(ceps), max(0, (host.end_ms - start_ms) // FRAME_MS))
            if model is None or hi <= lo:
                continue
            ratio[lo:hi] = own[lo:hi] - model.frame_log_likelihood(ceps[lo:hi])
            allowed[lo:hi] = True
        counted = voiced & allowed
        kernel = np.ones(width)
        voiced_share = np.convolve(counted, kernel, mode="valid") / width
        # The mean ratio over a span's voiced frames (pauses say nothing about whose voice it is).
        means = np.convolve(np.where(counted, ratio, 0.0), kernel, mode="valid") / np.maximum(
            voiced_share * width, 1
        )
        blocked = _mask(len(ceps), start_ms, avoid)
        inside = np.convolve(allowed, kernel, mode="valid") >= width  # wholly over others' turns
        touched = np.convolve(blocked, kernel, mode="valid") > 0
        usable = inside & ~touched & (voiced_share >= MIN_VOICED)
        if not usable.any():
            return None
        candidates = np.where(usable, means, -np.inf)
        best = int(np.argmax(candidates))
        typical = float(np.median(means[usable]))
        spread = float(np.std(means[usable])) + 1e-9
        return Spotted(start_ms + best * FRAME_MS, (float(means[best]) - typical) / spread >= CLEAR_CONTRAST)


def _span_means(ratio: Floats, counted: npt.NDArray[np.bool_], width: int) -> tuple[Floats, Floats]:
    """Per span start: the mean ratio over the span's counted frames, and the counted share."""
    kernel = np.ones(width)
    share = np.convolve(counted, kernel, mode="valid") / width
    sums = np.convolve(np.where(counted, ratio, 0.0), kernel, mode="valid")
    return sums / np.maximum(share * width, 1), share


def _stands_apart(frames: Floats, speaker: str, models: dict[str, _Mixture]) -> bool:
    """Whether nearly every half second of the speaker's own speech is far likelier theirs than anyone's."""
    own = models[speaker].frame_log_likelihood(frames)
    usable = len(own) // BLOCK_FRAMES * BLOCK_FRAMES
    if usable == 0 or len(models) < 2:
        return False
    for other, model in models.items():
        if other == speaker:
            continue
        ratio = (own - model.frame_log_likelihood(frames))[:usable].reshape(-1, BLOCK_FRAMES).mean(axis=1)
        if np.percentile(ratio, 5) < DISTINCT_RATIO:
            return False
    return True


def _mask(frames: int, start_ms: int, spans: Iterable[tuple[int, int]]) -> npt.NDArray[np.bool_]:
    """Which of ``frames`` frames from ``start_ms`` on lie in one of ``spans``."""
    mask = np.zeros(frames, dtype=bool)
    for lo, hi in spans:
        mask[max(0, (lo - start_ms) // FRAME_MS) : max(0, (hi - start_ms) // FRAME_MS)] = True
    return mask
