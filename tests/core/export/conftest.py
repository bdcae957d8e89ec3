"""Fixtures for export tests: a real audio file whose pitch says where in it you are."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from podplayer.core.export.bundle import ExportBundle
from tests.core.export.samples import make_bundle

AUDIO_SECONDS = 21


def stepped_tone_mp3(path: Path, seconds: int = AUDIO_SECONDS, *, vbr: bool = False) -> Path:
    """Mono mp3 whose second ``k`` is a sine of ``200 + 50*k`` Hz, so a clip's pitch gives its position."""
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi",
            "-i", f"aevalsrc=0.5*sin(2*PI*(200+50*floor(t))*t):s=22050:d={seconds}",
            "-c:a", "libmp3lame", *(["-q:a", "4"] if vbr else ["-b:a", "64k"]), "-y", str(path),
        ],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture(scope="session")
def episode_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stepped_tone_mp3(tmp_path_factory.mktemp("audio") / "episode.mp3")


@pytest.fixture(scope="session")
def vbr_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stepped_tone_mp3(tmp_path_factory.mktemp("audio") / "episode-vbr.mp3", vbr=True)


@pytest.fixture
def bundle(episode_audio: Path) -> ExportBundle:
    return make_bundle(str(episode_audio))
