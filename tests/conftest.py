"""Shared test set-up: offscreen Qt, user folders redirected into a temp dir per test, a local HTTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.real_data import (
    DEFAULT_CACHE_DIR,
    PYANNOTE_MISSING,
    SHARED_MISSING,
    PyannoteSample,
    pyannote_sample,
    shared_fixture,
)
from podplayer.core.feeds.http import HttpClient, HttpSettings
from podplayer.store import Library
from tests.helpers_http import LocalServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def shared(name: str) -> Path:
    """A fixture folder from another repository, read from the shared fixtures; skips the test where absent.

    ``real-speech``: a LibriVox reading with its text and a reference alignment; ``real-conversation``:
    a minute of an AMI meeting with reference turns; ``podcast-namespace``: the Podcasting 2.0
    specification's examples.
    """
    folder = shared_fixture(name)
    if folder is None:
        pytest.skip(f"{SHARED_MISSING}: no {name}")
    return folder


def real_speech() -> Path:
    """The LibriVox sonnet: sonnet001.mp3, its text and its reference line onsets (skips where absent)."""
    return shared("real-speech")


@pytest.fixture(scope="session")
def pyannote() -> PyannoteSample:
    """The pyannote sample (a real two-person telephone call) from the pyannote.audio wheel (skips where absent)."""
    sample = pyannote_sample(DEFAULT_CACHE_DIR)
    if sample is None:
        pytest.skip(PYANNOTE_MISSING)
    return sample


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's library, settings or caches from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("PODPLAYER_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database path per test (the file does not exist yet)."""
    return tmp_path / "library.sqlite3"


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    """A fresh, empty library in a real SQLite file."""
    lib = Library(db_path)
    yield lib
    lib.close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 for feeds, artwork and episode downloads."""
    with LocalServer() as s:
        yield s


@pytest.fixture
def client() -> Iterator[HttpClient]:
    """The app's HTTP client, with short timeouts: the local server answers at once."""
    with HttpClient(HttpSettings(connect_timeout_s=5, read_timeout_s=5)) as c:
        yield c
