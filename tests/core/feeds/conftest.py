from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers_audio import tones_and_pauses_mp3


@pytest.fixture(scope="session")
def episode_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 s of tones and pauses as an MP3 (long enough for the example transcripts)."""
    return tones_and_pauses_mp3(tmp_path_factory.mktemp("audio") / "episode.mp3")
