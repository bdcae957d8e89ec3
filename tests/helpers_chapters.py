"""Audio files with real embedded chapters, made the way publishers make them.

- :func:`mp3_with_id3_chapters`: an MP3 encoded by ffmpeg, then ID3 CHAP frames and a top-level
  CTOC written by mutagen.
- :func:`m4a_with_chapters`: an M4A (AAC) written by ffmpeg with chapters from an ffmetadata file.

Chapters are given as (start_s, end_s, title) triples.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TIT2, WXXX, CTOCFlags, Frame
from pydub import AudioSegment

from tests.helpers_audio import sequence, silence, tone, write_audio

ChapterSpec = tuple[float, float, str]


def chaptered_audio(seconds: float) -> AudioSegment:
    """A tone with short gaps every second, ``seconds`` long."""
    whole = int(seconds)
    parts = [tone(800, 330 + 20 * (i % 5)) + silence(200) for i in range(whole)]
    rest = int((seconds - whole) * 1000)
    if rest:
        parts.append(silence(rest))
    return sequence(*parts)


def mp3_with_id3_chapters(
    path: Path, chapters: list[ChapterSpec], seconds: float = 6.0, *, urls: dict[int, str] | None = None,
    toc_order: list[int] | None = None,
) -> Path:
    write_audio(chaptered_audio(seconds), path)
    tags = ID3()
    ids = [f"chp{i}" for i in range(len(chapters))]
    order = [ids[i] for i in toc_order] if toc_order is not None else ids
    tags.add(
        CTOC(
            element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=order,
            sub_frames=[TIT2(encoding=3, text=["Contents"])],
        )
    )
    for i, (start, end, title) in enumerate(chapters):
        sub: list[Frame] = [TIT2(encoding=3, text=[title])]
        if urls and i in urls:
            sub.append(WXXX(encoding=3, desc="chapter url", url=urls[i]))
        tags.add(
            CHAP(
                element_id=ids[i], start_time=round(start * 1000), end_time=round(end * 1000),
                start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF, sub_frames=sub,
            )
        )
    tags.save(str(path), v2_version=3)
    return path


def m4a_with_chapters(path: Path, chapters: list[ChapterSpec], seconds: float = 6.0) -> Path:
    source = write_audio(chaptered_audio(seconds), path.with_suffix(".src.wav"))
    lines = [";FFMETADATA1", "title=Chaptered test audio"]
    for start, end, title in chapters:
        escaped = "".join("\\" + ch if ch in "=;#\\\n" else ch for ch in title)
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}", f"END={round(end * 1000)}",
                  f"title={escaped}"]
    meta = path.with_suffix(".ffmetadata")
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(source), "-i", str(meta), "-map", "0:a", "-map_metadata", "1",
         "-map_chapters", "1", "-c:a", "aac", "-b:a", "48k", str(path)],
        check=True, capture_output=True,
    )
    source.unlink()
    meta.unlink()
    return path
