"""Shared test set-up: offscreen Qt, and user folders redirected into a temp dir per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
REAL_SPEECH = FIXTURES / "real-speech"  # a LibriVox reading with its text and a reference alignment


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
