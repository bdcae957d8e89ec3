"""Chapters embedded in audio files: ID3 CHAP/CTOC frames in MP3 (mutagen), MP4/M4A chapters (ffprobe).

ffprobe would read ID3 chapters too, but mutagen also gives the table of contents (CTOC) order and
per-chapter links (WXXX), and does not start a process for every MP3.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from podplayer.core.audio import require_tool
from podplayer.core.chapters.model import Chapter, ChapterError, clean_title, sorted_chapters

FFPROBE_TIMEOUT_S = 60
_NO_END = 0xFFFFFFFF  # ID3: "no end given" in the CHAP frame's times/offsets


def read_embedded_chapters(path: str | Path) -> list[Chapter]:
    """The chapters embedded in an audio file, whatever its container; an empty list when there are none.

    MP3s (files with an ID3v2 tag) are read with mutagen; when that finds no chapters or cannot
    read the tag, and for any other container, ffprobe reads them.
    """
    p = _checked_file(path)
    try:
        with p.open("rb") as f:
            has_id3 = f.read(3) == b"ID3"
    except OSError as exc:
        raise ChapterError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    if has_id3:
        try:
            chapters = read_id3_chapters(p)
        except ChapterError:
            chapters = []  # a damaged tag: ffmpeg may still make sense of the file
        if chapters:
            return chapters
    return read_ffprobe_chapters(p)


def read_id3_chapters(path: str | Path) -> list[Chapter]:
    """Chapters from ID3v2 CHAP frames, in the top-level CTOC's order of entries when there is one."""
    from mutagen import MutagenError
    from mutagen.id3 import ID3, CTOCFlags, ID3NoHeaderError

    p = _checked_file(path)
    try:
        tags = ID3(str(p))
    except ID3NoHeaderError:
        return []
    except (MutagenError, ValueError, OSError) as exc:
        raise ChapterError(f"{p}: cannot read the ID3 tag ({exc})") from exc
    frames = {frame.element_id: frame for frame in tags.getall("CHAP")}
    if not frames:
        return []
    wanted = list(frames)
    for toc in tags.getall("CTOC"):
        if toc.flags & CTOCFlags.TOP_LEVEL and toc.child_element_ids:
            wanted = [cid for cid in toc.child_element_ids if cid in frames] or wanted
            break
    return sorted_chapters(_id3_chapter(frames[cid]) for cid in wanted)


def _id3_chapter(frame: Any) -> Chapter:
    start = frame.start_time / 1000
    end = None if frame.end_time in (None, _NO_END) or frame.end_time <= frame.start_time else frame.end_time / 1000
    sub = frame.sub_frames
    title = ""
    for key in ("TIT2", "TIT3"):
        if key in sub and sub[key].text:
            title = clean_title(sub[key].text[0])
            break
    url = None
    links = sub.getall("WXXX") or sub.getall("WOAR")
    if links:
        url = str(links[0].url).strip() or None
    return Chapter(start, title, end, url)


def read_ffprobe_chapters(path: str | Path) -> list[Chapter]:
    """Chapters of any container ffmpeg reads (MP4/M4A ``chpl``/QuickTime chapters, Matroska, Ogg, ...)."""
    p = _checked_file(path)
    cmd = [require_tool("ffprobe"), "-v", "error", "-show_chapters", "-of", "json", str(p.absolute())]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=FFPROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise ChapterError(f"{p}: ffprobe took longer than {FFPROBE_TIMEOUT_S} s reading chapters") from exc
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        raise ChapterError(f"{p}: not a readable audio file ({lines[-1] if lines else 'ffprobe failed'})")
    try:
        info = json.loads(result.stdout or "{}")
    except json.JSONDecodeError as exc:
        raise ChapterError(f"{p}: ffprobe gave unreadable output") from exc
    chapters: list[Chapter] = []
    for item in info.get("chapters") or []:
        try:
            start = max(float(item["start_time"]), 0.0)
            end: float | None = float(item["end_time"])
        except (KeyError, TypeError, ValueError):
            continue  # ffprobe always gives both; a chapter without them is not one we can place
        if end is not None and end <= start:
            end = None
        title = clean_title((item.get("tags") or {}).get("title"))
        chapters.append(Chapter(start, title, end))
    return sorted_chapters(chapters)


def _checked_file(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise ChapterError(f"{p}: no such file")
    if p.is_dir():
        raise ChapterError(f"{p}: is a folder, not an audio file")
    return p
