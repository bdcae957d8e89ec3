from __future__ import annotations

from pathlib import Path

import pysubs2
import pytest
import webvtt

from podplayer.core.export import ExportBundle, ExportError, export_bundle
from podplayer.core.export.bundle import highlight_span_ms


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_one_cue_per_highlight_with_its_times(bundle: ExportBundle, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"cues.{fmt}"
    export_bundle(bundle, fmt, out)
    subs = pysubs2.load(str(out), encoding="utf-8")
    episode = bundle.items[0].episode
    expected = [highlight_span_ms(episode, h) for h in bundle.items[0].highlights]
    assert [(e.start, e.end) for e in subs] == expected
    assert "show where we talk about" in subs[0].plaintext


def test_vtt_voice_tags_escape_hostile_speakers(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "cues.vtt"
    export_bundle(bundle, "vtt", out)
    captions = webvtt.read(str(out))
    assert len(captions) == 3
    assert captions[0].voice == "Alice"
    assert "<script>" not in out.read_text(encoding="utf-8")
    assert captions[1].text.startswith("I think -- =SUM(A1)")


def test_untimed_episode_is_a_clear_error(bundle: ExportBundle, tmp_path: Path) -> None:
    for turn in bundle.items[0].episode.transcript.turns:
        turn.start_ms = turn.end_ms = None
        for w in turn.words:
            w.start_ms = w.end_ms = None
    for h in bundle.items[0].highlights:
        h.start_ms = h.end_ms = None
    with pytest.raises(ExportError, match="no timings"):
        export_bundle(bundle, "srt", tmp_path / "x.srt")
    assert not (tmp_path / "x.srt").exists()
