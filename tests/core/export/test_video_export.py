"""Highlights as captioned videos and quote cards, with the real ffmpeg (libx264, AAC, libass) and
Qt painting offscreen; checked the way a user's player would see them (ffprobe, decoded frames)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from podplayer.core.export import ExportError, VideoOptions, export_bundle
from podplayer.core.export.scope import episode_bundle
from podplayer.core.export.video import plan_videos, render_frame
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import Episode, Highlight, Transcript, WordRef
from podplayer.store import Library
from tests.helpers_store import timed_turn

LINES = [
    ("Ann", "Cold frames keep seedlings warm through the last frosts of spring."),
    ("Ben", "Open the glass on sunny days or the plants will cook by noon."),
]


@pytest.fixture(scope="module")
def talk_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "talk.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "anoisesrc=d=14:c=pink:r=22050:a=0.3,tremolo=f=4:d=0.8", "-ac", "1", "-b:a", "64k", str(path)],
                   check=True)  # fmt: skip
    return path


@pytest.fixture
def library(db_path: Path, talk_audio: Path) -> Library:
    turns = [timed_turn("Ann", LINES[0][1], 500, 450), timed_turn("Ben", LINES[1][1], 6000, 450)]
    episode = Episode("Cold Frames", Transcript(turns, metadata={"podcast": "Garden Hour"}), str(talk_audio), 14_000)
    lib = Library(db_path)
    episode_id = lib.add_episode(episode)
    # Ben's "Open the glass on sunny days" (words 0-5): 6.0 s to 8.7 s.
    lib.add_highlight(episode_id, Highlight(WordRef(1, 0), WordRef(1, 5), "Open the glass on sunny days"))
    return lib


def _probe(path: Path) -> dict[str, Any]:  # ffprobe's JSON
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height:"
                          "format=duration", "-of", "json", str(path)], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))  # fmt: skip


@pytest.mark.parametrize("size", [(1080, 1080), (1080, 1920)])
def test_one_mp4_per_highlight_with_h264_aac_at_the_size_and_length(
    library: Library, tmp_path: Path, size: tuple[int, int]
) -> None:
    with library:
        bundle = episode_bundle(library, 1)
        [highlight] = bundle.items[0].highlights
        [video] = export_bundle(bundle, "video", tmp_path / "videos", video_options=VideoOptions(size=size, pad_ms=500))
    assert video.suffix == ".mp4" and video.parent == tmp_path / "videos"
    assert sorted(p.name for p in video.parent.iterdir()) == [video.name]  # nothing half-written beside it
    info = _probe(video)
    streams = info["streams"]
    assert isinstance(streams, list)
    kinds = {(s["codec_type"], s["codec_name"]) for s in streams}
    assert kinds == {("video", "h264"), ("audio", "aac")}
    [picture] = [s for s in streams if s["codec_type"] == "video"]
    assert (picture["width"], picture["height"]) == size
    assert highlight.start_ms is not None and highlight.end_ms is not None
    expected = (highlight.end_ms - highlight.start_ms + 2 * 500) / 1000
    duration = float(info["format"]["duration"])
    assert abs(duration - expected) <= 0.1, (duration, expected)


def _accent_pixels(png: Path, top: float, bottom: float) -> int:
    """Pixels close to the accent colour (#f5b642) in a horizontal band of the frame (fractions of height)."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    count = 0
    for y in range(int(image.height() * top), int(image.height() * bottom), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            if abs(c.red() - 0xF5) < 40 and abs(c.green() - 0xB6) < 40 and c.blue() < 0x80:
                count += 1
    return count


def test_the_word_being_said_is_emphasised_in_the_caption(library: Library, tmp_path: Path) -> None:
    with library:
        [spec] = plan_videos(episode_bundle(library, 1), VideoOptions())
    # In the caption band (around the middle) the current word is in the accent colour, while the
    # first frame, before the first word is said, has no accent there.
    during = render_frame(spec, tmp_path / "during.png", VideoOptions(), at_ms=500 + 1200)
    before = render_frame(spec, tmp_path / "before.png", VideoOptions(), at_ms=100)
    assert _accent_pixels(during, 0.42, 0.62) > 50
    assert _accent_pixels(before, 0.42, 0.62) == 0


def test_a_highlight_over_ten_minutes_is_refused_before_rendering(tmp_path: Path, talk_audio: Path) -> None:
    turns = [timed_turn("Ann", " ".join(["word"] * 1400), 0, 450)]  # 10.5 minutes of words
    episode = Episode("Long", Transcript(turns), str(talk_audio), 700_000)
    highlight = Highlight(WordRef(0, 0), WordRef(0, 1399), "word " * 1400)
    from podplayer.core.export import EpisodeHighlights, ExportBundle

    bundle = ExportBundle([EpisodeHighlights(episode, [highlight])])
    with pytest.raises(ExportError, match=r"is 10:30 long; a video holds at most 10 minutes"):
        export_bundle(bundle, "video", tmp_path / "videos")
    assert not (tmp_path / "videos").exists()


def test_cancelling_leaves_no_file(library: Library, tmp_path: Path) -> None:
    cancel = CancelToken()

    def progress(done: float, total: float, message: str = "") -> None:
        cancel.cancel()

    with library, pytest.raises(Cancelled):
        export_bundle(episode_bundle(library, 1), "video", tmp_path / "videos", progress=progress, cancel=cancel)
    assert list((tmp_path / "videos").iterdir()) == []


def _cli(args: list[str], db_path: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PODPLAYER_DB": str(db_path), "QT_QPA_PLATFORM": "offscreen"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "podplayer", *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


def test_an_ffmpeg_without_h264_is_named_in_one_line(library: Library, db_path: Path, tmp_path: Path) -> None:
    library.close()
    shim = tmp_path / "bin" / "ffmpeg"
    shim.parent.mkdir()
    real = subprocess.run(["which", "ffmpeg"], capture_output=True, text=True, check=True).stdout.strip()
    # The real ffmpeg, as a build without libx264 would list its encoders.
    shim.write_text(f'#!/bin/sh\nif [ "$2" = "-encoders" ]; then "{real}" "$@" | grep -v libx264; '
                    f'else exec "{real}" "$@"; fi\n')  # fmt: skip
    shim.chmod(0o755)
    result = _cli(["export", "1", "--format", "video", "-o", str(tmp_path / "v")], db_path,
                  f"{shim.parent}:{os.environ['PATH']}")  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "podplayer: this ffmpeg lacks the H.264 encoder libx264, which video export needs; install an ffmpeg "
        "built with them (Debian's ffmpeg package has all)"
    ]
    assert not (tmp_path / "v").exists()


def test_a_card_is_a_png_of_the_size_asked(library: Library, db_path: Path, tmp_path: Path) -> None:
    library.close()
    result = _cli(["export", "1", "--format", "card", "--size", "1920x1080", "-o", str(tmp_path / "cards")], db_path)
    assert result.returncode == 0, result.stderr
    [card] = list((tmp_path / "cards").iterdir())
    assert card.suffix == ".png" and "Open the glass" in card.name
    from PySide6.QtGui import QImage

    image = QImage(str(card))
    assert (image.width(), image.height()) == (1920, 1080)
    assert _accent_pixels(card, 0.8, 1.0) > 20  # the speaker's name at the bottom, in the accent colour
    again = _cli(["export", "1", "--format", "card", "-o", str(tmp_path / "cards")], db_path)
    assert again.returncode == 1 and "already exists (use --force to overwrite)" in again.stderr
