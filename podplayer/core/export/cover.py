"""The artwork a shared highlight shows: the audio file's embedded cover, else podplayer's icon."""

from __future__ import annotations

from pathlib import Path

from podplayer.paths import ICONS_DIR

FALLBACK_ART = ICONS_DIR / "hicolor" / "512x512" / "apps" / "podplayer.png"


def embedded_cover(audio_path: str | Path | None) -> bytes | None:
    """The first picture embedded in the audio file (ID3 APIC, MP4 covr, FLAC/Vorbis pictures), or None."""
    if not audio_path:
        return None
    from mutagen import File as MutagenFile
    from mutagen import MutagenError

    try:
        audio = MutagenFile(audio_path)
    except (MutagenError, OSError):
        return None
    if audio is None:
        return None
    pictures = getattr(audio, "pictures", None)  # FLAC
    if pictures:
        return bytes(pictures[0].data)
    tags = audio.tags
    if tags is None:
        return None
    for key in list(tags.keys()):
        if str(key).startswith("APIC"):
            return bytes(tags[key].data)
    covers = tags.get("covr") if hasattr(tags, "get") else None
    return bytes(covers[0]) if covers else None


def cover_file(audio_path: str | Path | None, folder: Path) -> Path:
    """The cover as a file in ``folder`` (for ffmpeg), else the fallback icon's path."""
    data = embedded_cover(audio_path)
    if data is None:
        return FALLBACK_ART
    target = folder / "cover.img"
    target.write_bytes(data)
    return target
