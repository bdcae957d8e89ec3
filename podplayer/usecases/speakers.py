"""Speakers of a library episode: list them, find them from the audio, rename one (which teaches its
voice), and the options that let a transcription name known voices.

``podplayer speakers``, ``podplayer voices``, ``podplayer transcribe EPISODE`` and the app's "Find
speakers", speaker renaming and Preferences come here. Audio work (seconds to minutes) runs before the
one write, so a cancelled or failed job leaves the library as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import PodplayerError, Timing, Transcript
from podplayer.core.speakers.known import KnownVoice
from podplayer.store.podcast_store import VOICES_FROM_PODCAST_ONLY
from podplayer.store.repository import Library


class SpeakersNeedTimedWords(PodplayerError):
    def __init__(self, episode_id: int, has_words: bool = True) -> None:
        first = "sync it to its audio" if has_words else "transcribe it"
        super().__init__(f"episode {episode_id} has no word times yet: {first} first")
        self.episode_id = episode_id


class SpeakersNeedAudio(PodplayerError):
    def __init__(self, episode_id: int) -> None:
        super().__init__(f"episode {episode_id} has no audio file on this machine")
        self.episode_id = episode_id


@dataclass(frozen=True, slots=True)
class SpeakerStat:
    name: str
    seconds: float  # time of their turns
    turns: int


def speaker_stats(transcript: Transcript) -> list[SpeakerStat]:
    """Each speaker, in order of first appearance, with the time of their turns and how many."""
    seconds: dict[str, float] = {}
    turns: dict[str, int] = {}
    for turn in transcript.turns:
        turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        if turn.start_ms is not None and turn.end_ms is not None:
            seconds[turn.speaker] = seconds.get(turn.speaker, 0.0) + max(0, turn.end_ms - turn.start_ms) / 1000
    return [SpeakerStat(name, round(seconds.get(name, 0.0), 1), turns[name]) for name in transcript.speakers]


def _audio(library: Library, episode_id: int) -> Path:
    episode = library.episode(episode_id, word_times=False)
    if not episode.audio_path or not Path(episode.audio_path).is_file():
        raise SpeakersNeedAudio(episode_id)
    return Path(episode.audio_path)


def voice_options(library: Library, episode_id: int | None) -> tuple[tuple[KnownVoice, ...], int | None, bool]:
    """The known voices, the episode's podcast and whether that podcast keeps to its own voices."""
    podcast_id = library.episode_podcast_id(episode_id) if episode_id is not None else None
    podcast_only = False
    if podcast_id is not None:
        podcast_only = bool(library.podcasts.podcast(podcast_id).preferences.get(VOICES_FROM_PODCAST_ONLY))
    return tuple(library.voices()), podcast_id, podcast_only


def has_word_times(transcript: Transcript) -> bool:
    """Find speakers needs every word timed from the audio (synced or transcribed), not estimated."""
    return transcript.timing is Timing.WORD


def _after_decoding(progress: Progress) -> Progress:
    def report(done: float, total: float, message: str = "") -> None:
        progress(0.1 + 0.9 * done / (total or 1.0), 1.0, message)

    return report


def speakers_from_audio(
    library: Library,
    episode_id: int,
    speakers: int | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[Transcript, Transcript]:
    """The episode's transcript and the same words in turns labelled from its audio (split where the
    voice changes, known voices named); nothing is stored. Needs word times (synced or transcribed)."""
    from podplayer.core.speakers import find_speakers
    from podplayer.core.transcribe import require_extra
    from podplayer.core.transcribe.pipeline import decode_samples

    require_extra()
    cancel = cancel or CancelToken()
    audio = _audio(library, episode_id)
    transcript = library.episode(episode_id).transcript
    if not has_word_times(transcript):
        raise SpeakersNeedTimedWords(episode_id, has_words=transcript.word_count > 0)
    words = [w for t in transcript.turns for w in t.words]
    known, podcast_id, podcast_only = voice_options(library, episode_id)
    progress(0.0, 1.0, "Decoding audio")
    samples = decode_samples(audio, cancel)
    turns = find_speakers(
        samples,
        words,
        speakers,
        known=known,
        podcast_id=podcast_id,
        podcast_only=podcast_only,
        progress=_after_decoding(progress),
        cancel=cancel,
    )
    cancel.check()
    return transcript, Transcript(turns, title=transcript.title, metadata=transcript.metadata)


def find_episode_speakers(
    library: Library,
    episode_id: int,
    speakers: int | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Transcript:
    """Label the episode's turns from its audio and store them (one write, after the audio work);
    highlights stay on their words."""
    _, relabelled = speakers_from_audio(library, episode_id, speakers, progress=progress, cancel=cancel)
    library.replace_speaker_turns(episode_id, relabelled)
    return relabelled


def rename_spans(transcript: Transcript, old: str, new: str) -> list[tuple[int, int]]:
    """The timed turns (milliseconds) that carry ``new`` once ``old`` is renamed to it, a merge taking
    both: the speech a rename teaches, in the app and on the command line alike."""
    return [
        (t.start_ms, t.end_ms)
        for t in transcript.turns
        if t.speaker in (old, new) and t.start_ms is not None and t.end_ms is not None
    ]


def learn_voice(
    library: Library, episode_id: int, spans: list[tuple[int, int]], name: str, cancel: CancelToken | None = None
) -> KnownVoice | None:
    """The voice heard in ``spans`` of the episode's audio, to be kept as ``name``; None where there
    is no audio, no speaker extra or too little timed speech."""
    from podplayer.core.transcribe import is_available

    episode = library.episode(episode_id, word_times=False)
    if not spans or not is_available() or not episode.audio_path or not Path(episode.audio_path).is_file():
        return None
    from podplayer.core.speakers.known import voice_of
    from podplayer.core.transcribe.pipeline import decode_samples

    learnt = voice_of(decode_samples(Path(episode.audio_path), cancel or CancelToken()), spans)
    if learnt is None:
        return None
    vector, seconds = learnt
    return KnownVoice(name, tuple(float(v) for v in vector), library.episode_podcast_id(episode_id), seconds)


def rename_speaker(library: Library, episode_id: int, old: str, new: str, *, learn: bool = True) -> KnownVoice | None:
    """Rename a speaker in one episode and, unless ``learn`` is off or the name is a "Speaker N"
    placeholder, keep the voice of the turns that carry the new name (:func:`rename_spans`); returns
    the voice kept (None: nothing learnt)."""
    new = " ".join(new.split())
    voice = None
    transcript = library.episode(episode_id, word_times=False).transcript
    if learn and not is_placeholder(new) and old in transcript.speakers:  # else the rename refuses
        voice = learn_voice(library, episode_id, rename_spans(transcript, old, new), new)
    with library.transaction():
        library.rename_speaker(episode_id, old, new)
        if voice is not None:
            library.save_voice(voice, episode_id)
    return voice


def is_placeholder(name: str) -> bool:
    """Labels the program gives ("Speaker 3") name no one."""
    head, _, number = name.rpartition(" ")
    return head == "Speaker" and number.isdigit()


def forget_voice(library: Library, name: str) -> None:
    if library.forget_voice(name) == 0:
        raise PodplayerError(f"no known voice named {name!r}")
