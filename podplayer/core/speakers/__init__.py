"""Who is speaking: speaker embeddings (CAM++ on onnxruntime), diarization, speaker turns.

Needs the ``transcribe`` extra (onnxruntime through faster-whisper, kaldi-native-fbank,
scikit-learn); the modules import their heavy libraries only when a job runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Turn, Word
from podplayer.core.speakers.cluster import Floats
from podplayer.core.speakers.diarization import Diarization, Span, diarize
from podplayer.core.speakers.known import KnownVoice, match_voices
from podplayer.core.speakers.turns import label_words


def find_speakers(
    samples: Floats,
    words: Sequence[Word],
    speakers: int | None = None,
    *,
    known: Sequence[KnownVoice] = (),
    podcast_id: int | None = None,
    podcast_only: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[Turn]:
    """Speaker turns for timed ``words`` of 16 kHz mono ``samples``: ``speakers`` voices, or as many as
    are found when None. Voices that match a ``known`` voice carry its name (known.py)."""
    if speakers is not None and speakers < 1:
        raise ValueError("the number of speakers must be at least 1")
    diarization = diarize(samples, speakers, progress=progress, cancel=cancel)
    names = match_voices(diarization.voices, known, podcast_id, podcast_only=podcast_only)
    return label_words(words, diarization, samples, names)


__all__ = ["Diarization", "KnownVoice", "Span", "diarize", "find_speakers", "label_words"]
