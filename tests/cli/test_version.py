"""``podplayer --version``: the version in the installed package's metadata."""

from __future__ import annotations

from importlib.metadata import version

import pytest

import podplayer
from podplayer.cli import main


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out == f"podplayer {version('podplayer')}\n"
    assert version("podplayer") == podplayer.__version__  # the metadata is built from the package's own
