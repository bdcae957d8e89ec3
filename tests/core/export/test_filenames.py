from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.export.filenames import MAX_NAME_BYTES, clip_filename, safe_name_part

UNSAFE = set('/\\:*?"<>|') | {chr(c) for c in range(32)}


@pytest.mark.parametrize(
    "text",
    ["../../x", "a/b\\c:d*e?f\"g<h>i|j", "nul\x00byte\x07bell\nnewline", "..hidden", "--option", "CON", "com1",
     "   ", "", "🎙" * 100, "שלום עולם", "x" * 400],
)  # fmt: skip
def test_names_are_safe_everywhere(text: str, tmp_path: Path) -> None:
    name = clip_filename(7, text, text, "mp3")
    assert not (set(name) & UNSAFE)
    assert not name.startswith((".", "-"))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 4
    assert name.startswith("007 - ") and name.endswith(".mp3")
    part = safe_name_part(text)
    assert part.upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert not part.startswith((".", "-"))
    (tmp_path / name).write_bytes(b"")  # the file system accepts it


def test_readable_names_stay_readable() -> None:
    assert clip_filename(1, "Alice", "So what is the point of all this", "m4a") == (
        "001 - Alice - So what is the point of all this.m4a"
    )
    assert clip_filename(12, "", "", "ogg", width=4) == "0012 - unknown - bookmark.ogg"
