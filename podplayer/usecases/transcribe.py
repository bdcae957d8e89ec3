"""Transcribe an episode of the library and store the result as its transcript: the command line's
``podplayer transcribe EPISODE`` and the app's Transcribe dialog and queue all come here. A
transcription written to a file (``podplayer transcribe AUDIO -o OUT``) takes the library's known
voices from :func:`with_known_voices` too.

The recognition runs first (minutes; cancellable) and the transcript is stored in one write at the
end, so a cancelled or failed transcription leaves the episode as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Episode, PodplayerError, Transcript
from podplayer.store.repository import Library

if TYPE_CHECKING:
    from podplayer.core.transcribe import ModelChoice, Segment, TranscribeOptions


class EpisodeHasTranscript(PodplayerError):
    def __init__(self, episode_id: int) -> None:
        super().__init__(f"episode {episode_id} already has a transcript")
        self.episode_id = episode_id


class EpisodeAudioMissing(PodplayerError):
    def __init__(self, episode_id: int) -> None:
        super().__init__(f"episode {episode_id} has no audio file on this machine")
        self.episode_id = episode_id


def transcribable(library: Library, episode_id: int) -> Episode:
    """The episode, when it has no transcript yet and its audio is here; the reason otherwise."""
    episode = library.episode(episode_id)
    if episode.transcript.word_count:
        raise EpisodeHasTranscript(episode_id)
    if not episode.audio_path or not Path(episode.audio_path).is_file():
        raise EpisodeAudioMissing(episode_id)
    return episode


def with_known_voices(library: Library, options: TranscribeOptions, episode_id: int | None = None) -> TranscribeOptions:
    """``options`` with the voices the library knows, so that matching voices are labelled with their
    names: for an episode, its podcast's voices first (or only, where the podcast keeps to its own);
    for audio outside the library (``episode_id`` None), all known voices alike."""
    from dataclasses import replace

    from podplayer.usecases.speakers import voice_options

    known, podcast_id, podcast_only = voice_options(library, episode_id)
    return replace(options, known_voices=known, podcast_id=podcast_id, podcast_only=podcast_only)


def transcribe_episode(
    library: Library,
    episode_id: int,
    options: TranscribeOptions,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    on_segment: Callable[[Segment], None] | None = None,
    on_model: Callable[[ModelChoice], None] | None = None,
) -> Transcript:
    """Recognise the episode's audio and store the transcript as the episode's own; returns it.
    Voices the library knows are labelled with their names (:func:`with_known_voices`)."""
    from podplayer.core.transcribe import transcribe_audio

    episode = transcribable(library, episode_id)
    assert episode.audio_path is not None  # checked by transcribable
    options = with_known_voices(library, options, episode_id)
    transcript = transcribe_audio(
        episode.audio_path, options, progress=progress, cancel=cancel, on_segment=on_segment, on_model=on_model
    )
    library.add_transcript(episode_id, transcript)
    return transcript
