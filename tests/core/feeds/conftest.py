from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from podplayer.core.feeds.http import HttpClient, HttpSettings
from tests.helpers_audio import sequence, silence, tone, write_audio
from tests.helpers_http import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as s:
        yield s


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(HttpSettings(connect_timeout_s=5, read_timeout_s=5)) as c:
        yield c


@pytest.fixture(scope="session")
def episode_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 s of tones and pauses as an MP3 (long enough for the example transcripts)."""
    parts = []
    for _ in range(10):
        parts += [tone(2000), silence(1000)]
    return write_audio(sequence(*parts), tmp_path_factory.mktemp("audio") / "episode.mp3", bitrate="32k")
