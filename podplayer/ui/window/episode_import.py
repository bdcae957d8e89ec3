"""Adding audio + transcript files to the library from the GUI (Open…, drag and drop, `open`)."""

from __future__ import annotations

from pathlib import Path

from podplayer.core.model import Episode, PodplayerError
from podplayer.core.transcript_checks import check_against_audio, require_words
from podplayer.store.repository import Library

AUDIO_SUFFIXES = {".mp3", ".m4a", ".m4b", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".wma", ".mp4", ".webm"}
TRANSCRIPT_SUFFIXES = [".vtt", ".srt", ".json", ".txt", ".html", ".htm", ".md"]


def is_audio(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_SUFFIXES


def is_transcript(path: Path) -> bool:
    return path.suffix.lower() in TRANSCRIPT_SUFFIXES


def find_sidecar(audio: Path) -> Path | None:
    """A transcript next to ``audio`` with the same stem (.vtt, .srt, .json, .txt, .html, ...)."""
    for suffix in TRANSCRIPT_SUFFIXES:
        for candidate in (audio.with_suffix(suffix), audio.with_suffix(suffix.upper())):
            if candidate.is_file():
                return candidate
    return None


def split_dropped(paths: list[Path]) -> tuple[Path | None, Path | None]:
    """The first audio file and the first transcript among dropped/selected files."""
    audio = next((p for p in paths if is_audio(p)), None)
    transcript = next((p for p in paths if is_transcript(p) and p != audio), None)
    return audio, transcript


def existing_episode(library: Library, audio: Path | None, title: str) -> int | None:
    """An episode already in the library for the same audio file (and title)."""
    if audio is None:
        return None
    resolved = str(audio.resolve())
    for summary in library.episodes():
        if summary.audio_path and str(Path(summary.audio_path).resolve()) == resolved and summary.title == title:
            return summary.id
    return None


def import_episode(library: Library, audio: Path | None, transcript_path: Path, title: str | None = None) -> int:
    """Read the transcript, probe the audio and add an episode (reusing an identical one). Returns its id.

    Untimed transcripts are stored untimed; the window estimates timings in the background.
    """
    from podplayer.core.formats import read_transcript

    if not transcript_path.is_file():
        raise PodplayerError(f"{transcript_path}: transcript file not found")
    duration_ms: int | None = None
    if audio is not None:
        from podplayer.core.audio import probe_duration_ms

        duration_ms = probe_duration_ms(audio)
    transcript = read_transcript(transcript_path)  # refuses binary and oversized files
    require_words(transcript, transcript_path.name)
    check_against_audio(transcript, duration_ms, transcript_path.name)
    name = (title or "").strip() or transcript.title.strip() or (audio or transcript_path).stem
    found = existing_episode(library, audio, name)
    if found is not None:
        return found
    episode = Episode(
        title=name,
        transcript=transcript,
        audio_path=str(audio.resolve()) if audio is not None else None,
        duration_ms=duration_ms,
    )
    return library.add_episode(episode)
