"""Adding an episode (audio file + transcript) to the library: the one import every front end calls.

``podplayer import``, ``podplayer open``, the window's Open dialog and drag and drop all come here,
so they refuse the same files with the same messages and share one duplicate rule:

    An import is the same episode as one already in the library when it names the same audio file
    (resolved path) and its transcript has the same words, turn by turn. The existing episode is
    returned and nothing is added; its title, highlights and notes stay as they are.

Speaker names, timings, title and transcript format do not count: the same transcript as SRT or
WebVTT, or a library episode whose speakers were renamed or which was re-synced, is still the same
episode. A corrected transcript (different words) is a new episode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from podplayer.core.model import Episode, PodplayerError, Timing, Transcript
from podplayer.core.transcript_checks import check_against_audio, require_words
from podplayer.store.repository import Library


@dataclass(frozen=True)
class ImportedEpisode:
    episode_id: int
    created: bool  # False: the same episode was already in the library (see the module's rule)


def _estimated(transcript: Transcript, audio: Path) -> Transcript:
    from podplayer.core.timing_estimate import estimate_timings

    return estimate_timings(transcript, audio)


def import_episode(
    library: Library,
    audio: Path | None,
    transcript_path: Path,
    *,
    title: str | None = None,
    estimate: bool = False,
) -> ImportedEpisode:
    """Read and check the transcript, probe the audio, and add the episode unless it is already there.

    ``estimate``: store an untimed transcript with times estimated from the audio's pauses (the
    command line does; the window stores it untimed and estimates in the background instead).
    Raises PodplayerError with a one-line message for a missing, unreadable or mismatched file;
    the library is then left untouched.
    """
    from podplayer.core.chapters import read_embedded_chapters
    from podplayer.core.formats import read_transcript

    # Absolute paths: a file name starting with "-" must never reach ffprobe as an option.
    audio = audio.expanduser().absolute() if audio is not None else None
    transcript_path = transcript_path.expanduser()
    if not transcript_path.is_file():
        raise PodplayerError(f"{transcript_path}: transcript file not found")
    duration_ms: int | None = None
    if audio is not None:
        from podplayer.core.audio import probe_duration_ms

        duration_ms = probe_duration_ms(audio)
    transcript = read_transcript(transcript_path)  # refuses binary and oversized files
    require_words(transcript, transcript_path.name)
    check_against_audio(transcript, duration_ms, transcript_path.name)
    found = library.find_same_episode(audio, transcript)
    if found is not None:
        return ImportedEpisode(found, created=False)
    if estimate and audio is not None and transcript.timing is Timing.NONE:
        transcript = _estimated(transcript, audio)
    name = (title or "").strip() or transcript.title.strip() or (audio or transcript_path).stem
    episode = Episode(
        title=name,
        transcript=transcript,
        audio_path=str(audio.resolve()) if audio is not None else None,
        duration_ms=duration_ms,
    )
    chapters = read_embedded_chapters(audio) if audio is not None else []  # ID3 or MP4 chapters, if any
    return ImportedEpisode(library.add_episode(episode, chapters), created=True)


def import_audio_only(library: Library, audio: Path, *, title: str | None = None) -> ImportedEpisode:
    """Add an audio file without a transcript (to be transcribed). By the module's rule, the same audio
    file already in the library without a transcript is that episode."""
    from podplayer.core.audio import probe_duration_ms

    audio = audio.expanduser().absolute()
    duration_ms = probe_duration_ms(audio)  # a clear AudioError for anything that is not audio
    empty = Transcript([])
    found = library.find_same_episode(audio, empty)
    if found is not None:
        return ImportedEpisode(found, created=False)
    episode = Episode(title=(title or "").strip() or audio.stem, transcript=empty, audio_path=str(audio.resolve()), duration_ms=duration_ms)
    return ImportedEpisode(library.add_episode(episode), created=True)
