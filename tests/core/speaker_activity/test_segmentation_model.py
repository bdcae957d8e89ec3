"""The shipped segmentation model reproduces the torch model's output
(tests/fixtures/segmentation-model/reference.json, written by tools/export_segmentation_model.py),
and what podplayer reads from it (who talks when) holds on the demo episode's two voices."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from podplayer.core.jobs import CancelToken
from podplayer.core.speaker_activity import Activity, activities
from podplayer.core.speaker_activity.segmentation import RATE, WINDOW_MS, log_probabilities
from podplayer.core.transcribe.pipeline import decode_samples
from tests.conftest import FIXTURES, REPO

REFERENCE = FIXTURES / "segmentation-model" / "reference.json"


def _reference_windows() -> tuple[dict[str, Any], list[np.ndarray]]:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    samples = decode_samples(REPO / reference["audio"], CancelToken())
    size = int(reference["window_s"] * RATE)
    return reference, [samples[int(s * RATE) : int(s * RATE) + size] for s in reference["starts_s"]]


def test_the_onnx_model_reproduces_the_torch_model() -> None:
    reference, windows = _reference_windows()
    expected = np.array(reference["log_probabilities"], dtype=np.float32)
    got = log_probabilities(windows)
    assert got.shape == expected.shape == (2, 589, 7)
    assert np.abs(got - expected).max() < 0.01
    assert (got.argmax(-1) == expected.argmax(-1)).mean() > 0.995


def test_activity_shows_the_demo_voices_taking_turns() -> None:
    _, windows = _reference_windows()
    (activity,) = activities([(20_000, windows[1])])
    assert isinstance(activity, Activity) and activity.end_ms == 20_000 + WINDOW_MS
    runs = activity.runs()
    speakers = {r.speaker for r in runs}
    assert len(speakers) >= 2  # two voices in ten seconds of dialogue
    assert all(20_000 <= r.start_ms < r.end_ms <= 30_000 for r in runs)
    # Turns alternate: consecutive runs mostly change voice, and nobody talks in the pauses.
    changes = sum(a.speaker != b.speaker for a, b in zip(runs, runs[1:], strict=False))
    assert changes >= len(runs) // 2
    talk = activity.talk_ms(20_000, 30_000)
    assert 0 < talk.sum() < WINDOW_MS * 1.2


def test_a_short_window_is_padded_with_nobody() -> None:
    _, windows = _reference_windows()
    (activity,) = activities([(0, windows[0][: 3 * RATE])])
    assert activity.talk_ms(3_100, 10_000).sum() == 0
    assert activity.talk_ms(0, 3_000).sum() > 0


def test_the_model_ships_with_its_licence_notice() -> None:
    folder = Path(__file__).resolve().parents[3] / "podplayer" / "core" / "speaker_activity"
    notice = (folder / "NOTICE-segmentation.txt").read_text(encoding="utf-8")
    assert "MIT License" in notice and "CNRS" in notice and "segmentation-3.0" in notice
    assert (folder / "segmentation-3.0.onnx").stat().st_size > 1_000_000
