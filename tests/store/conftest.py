from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from podplayer.store import Library


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    """A fresh, empty library in a real SQLite file."""
    lib = Library(db_path)
    yield lib
    lib.close()
