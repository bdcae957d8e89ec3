from __future__ import annotations

import json
import subprocess
from pathlib import Path

import mutagen
import numpy as np
import pytest
from pydub import AudioSegment

from podplayer.core.export import ClipOptions, ExportBundle, ExportError, TargetExistsError, export_bundle
from podplayer.core.export.bundle import highlight_span_ms
from podplayer.core.export.clips import batch_command, plan_clips, seek_options
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import PodplayerError
from tests.helpers_typing import present

PAD_MS = 500


def decoded(path: Path) -> AudioSegment:
    return AudioSegment.from_file(str(path))


def dominant_hz(segment: AudioSegment) -> float:
    samples = np.array(segment.set_channels(1).get_array_of_samples(), dtype=np.float64)
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / segment.frame_rate)[int(np.argmax(spectrum))])


def ffprobe_tags(path: Path) -> dict[str, str]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    info = json.loads(out)
    tags = dict(info.get("format", {}).get("tags", {}))
    for stream in info.get("streams", []):
        tags.update(stream.get("tags", {}))
    return {k.lower(): v for k, v in tags.items()}


def expected_lengths(bundle: ExportBundle) -> list[int]:
    episode = bundle.items[0].episode
    spans = sorted(highlight_span_ms(episode, h) for h in bundle.items[0].highlights)
    return [
        min(present(end) + PAD_MS, episode.duration_ms or 0) - max(present(start) - PAD_MS, 0) for start, end in spans
    ]


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "ogg", "wav"])
def test_clip_lengths_tags_and_names(bundle: ExportBundle, tmp_path: Path, fmt: str) -> None:
    written = export_bundle(bundle, "clips", tmp_path, clip_options=ClipOptions(fmt=fmt, pad_ms=PAD_MS))
    assert [p.suffix for p in written] == [f".{fmt}"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)  # no staging left
    for path, length in zip(written, expected_lengths(bundle), strict=True):
        assert abs(len(decoded(path)) - length) <= 50, (path.name, len(decoded(path)), length)
    tags = ffprobe_tags(written[1])
    assert tags["title"] == "I think -- =SUM(A1) is a formula"
    assert tags["artist"].startswith("Eve </script>")
    assert tags["album"] == bundle.items[0].episode.title
    assert tags["comment"].startswith('=HYPERLINK("http://x")')
    assert written[0].name == "001 - Alice - show where we talk about." + fmt
    assert "/" not in written[1].name and "|" not in written[1].name and "<" not in written[1].name


def test_mp3_tags_read_by_mutagen(bundle: ExportBundle, tmp_path: Path) -> None:
    written = export_bundle(bundle, "clips", tmp_path)
    audio = mutagen.File(str(written[0]))
    assert audio is not None
    assert str(audio.tags["TIT2"]) == "show where we talk about"
    assert str(audio.tags["TPE1"]) == "Alice"
    assert str(audio.tags["TALB"]) == bundle.items[0].episode.title
    assert [str(c) for k, c in audio.tags.items() if k.startswith("COMM")] == ["A plain note"]
    assert not [k for k in audio.tags if k.startswith("TXXX")]


@pytest.mark.parametrize("source", ["cbr", "vbr"])
def test_clips_are_cut_from_the_right_place(
    bundle: ExportBundle, tmp_path: Path, vbr_audio: Path, source: str
) -> None:
    """Second k of the source plays 200 + 50k Hz: the pitch inside each clip tells where it came from."""
    if source == "vbr":
        bundle.items[0].episode.audio_path = str(vbr_audio)
    written = export_bundle(bundle, "clips", tmp_path, clip_options=ClipOptions(fmt="wav", pad_ms=PAD_MS))
    episode = bundle.items[0].episode
    spans = sorted(highlight_span_ms(episode, h) for h in bundle.items[0].highlights)
    for path, (start, _) in zip(written, spans, strict=True):
        clip = decoded(path)
        clip_start = max((start or 0) - PAD_MS, 0)
        second = clip_start // 1000 + 1  # the first whole second inside the clip
        offset = second * 1000 - clip_start
        window = clip[offset + 200 : offset + 800]
        assert abs(dominant_hz(window) - (200 + 50 * second)) < 5


def test_fades_start_and_end_quietly(bundle: ExportBundle, tmp_path: Path) -> None:
    written = export_bundle(bundle, "clips", tmp_path, clip_options=ClipOptions(fmt="wav", fade_ms=50))
    clip = decoded(written[0])
    body = clip[200:-200].max
    assert clip[:5].max < body * 0.2
    assert clip[-5:].max < body * 0.2


def test_fast_seek_only_for_constant_bitrate_mp3(episode_audio: Path, vbr_audio: Path, tmp_path: Path) -> None:
    assert seek_options(episode_audio) == ("-fflags", "+fastseek")
    assert seek_options(vbr_audio) == ()
    wav = tmp_path / "a.wav"
    AudioSegment.silent(100).export(str(wav), format="wav")
    assert seek_options(wav) == ()


def test_cut_by_seeking_before_the_input(bundle: ExportBundle) -> None:
    specs = plan_clips(bundle, ClipOptions())
    cmd = batch_command(specs[:2], Path("/out"), ClipOptions())
    first_input = cmd.index("-i")
    assert cmd[first_input - 6 : first_input] == ["-fflags", "+fastseek", "-ss", "1.700", "-t", "2.950"]
    assert cmd.count("-i") == 2


def test_combined_file(bundle: ExportBundle, tmp_path: Path) -> None:
    options = ClipOptions(fmt="mp3", combined=True, gap_ms=1000)
    written = export_bundle(bundle, "clips", tmp_path, clip_options=options)
    combined = written[-1]
    assert combined.name.startswith("Best of - ")
    expected = sum(expected_lengths(bundle)) + 2 * 1000
    assert abs(len(decoded(combined)) - expected) <= 150  # each joined mp3 adds at most a frame of padding


def test_existing_clip_not_overwritten_without_force(bundle: ExportBundle, tmp_path: Path) -> None:
    names = [s.filename for s in plan_clips(bundle, ClipOptions())]
    existing = tmp_path / names[1]
    existing.write_bytes(b"mine")
    with pytest.raises(TargetExistsError):
        export_bundle(bundle, "clips", tmp_path)
    assert existing.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == [existing.name]
    export_bundle(bundle, "clips", tmp_path, force=True)
    assert existing.read_bytes() != b"mine"


def test_cancel_leaves_nothing(bundle: ExportBundle, tmp_path: Path) -> None:
    token = CancelToken()
    seen: list[float] = []

    def progress(done: float, total: float, message: str = "") -> None:
        seen.append(done)
        if done >= 1:
            token.cancel()

    options = ClipOptions(fmt="wav", clips_per_process=1, workers=1)
    with pytest.raises(Cancelled):
        export_bundle(bundle, "clips", tmp_path, clip_options=options, progress=progress, cancel=token)
    assert max(seen) < 3
    assert list(tmp_path.iterdir()) == []


def test_missing_audio_is_a_clear_error(bundle: ExportBundle, tmp_path: Path) -> None:
    bundle.items[0].episode.audio_path = str(tmp_path / "gone.mp3")
    with pytest.raises(PodplayerError, match="gone.mp3"):
        export_bundle(bundle, "clips", tmp_path / "out")
    bundle.items[0].episode.audio_path = None
    with pytest.raises(ExportError, match="no audio file"):
        export_bundle(bundle, "clips", tmp_path / "out")


def test_encoder_failure_leaves_no_partial_files(bundle: ExportBundle, tmp_path: Path) -> None:
    fake = tmp_path / "not-audio.mp3"
    fake.write_text("this is a text file, not audio\n" * 100, encoding="utf-8")
    bundle.items[0].episode.audio_path = str(fake)
    out = tmp_path / "clips"
    with pytest.raises(ExportError, match="ffmpeg failed") as err:
        export_bundle(bundle, "clips", out, clip_options=ClipOptions(clips_per_process=1))
    assert "\n" not in str(err.value)
    assert list(out.iterdir()) == []
