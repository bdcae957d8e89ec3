"""The window's Open/drop path refuses the same transcripts as ``podplayer import``: binary files and
timings that do not fit the audio give one clear message and add nothing to the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from podplayer.store.repository import Library
from podplayer.ui.window.main_window import MainWindow

LATE_SRT = "1\n00:00:00,500 --> 00:00:02,000\nANN: fine\n\n2\n00:01:00,000 --> 00:01:02,000\nBEN: a minute later\n"


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("audio-copy.vtt", "binary data"), ("late.srt", "timestamps run to 1:02 but the audio is 0:08 long")],
)
def test_window_refuses_transcripts_that_cannot_belong_to_the_audio(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], tmp_path: Path, tone_audio: Path,
    name: str, fragment: str,
) -> None:  # fmt: skip
    transcript = tmp_path / name
    if name.endswith(".vtt"):
        transcript.write_bytes(tone_audio.read_bytes())  # the audio itself, named like a transcript
    else:
        transcript.write_text(LATE_SRT, encoding="utf-8")
    window = make_window()
    before = library.episodes()
    assert window.open_paths([tone_audio, transcript]) is None
    qtbot.waitUntil(lambda: getattr(window, "last_error_dialog", None) is not None, timeout=2000)
    text = window.last_error_dialog.text()
    assert name in text and fragment in text and "\n" not in text.strip() and "Traceback" not in text
    assert library.episodes() == before
