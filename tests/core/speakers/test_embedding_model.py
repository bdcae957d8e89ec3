"""The shipped ONNX model with podplayer's features reproduces the torch model's embeddings
(tests/fixtures/speaker-model/reference.json, written by tools/export_speaker_model.py with
3D-Speaker's own feature code)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from podplayer.core.jobs import CancelToken
from podplayer.core.transcribe.pipeline import decode_samples
from tests.conftest import FIXTURES, REPO

pytest.importorskip("onnxruntime", reason="the transcribe extra is not installed")
pytest.importorskip("kaldi_native_fbank", reason="the transcribe extra is not installed")

from podplayer.core.speakers.embedding import RATE, embed_samples  # noqa: E402

REFERENCE = FIXTURES / "speaker-model" / "reference.json"


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_features_and_onnx_model_reproduce_the_torch_embeddings() -> None:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    samples = decode_samples(REPO / reference["audio"], CancelToken())
    assert len(reference["windows"]) >= 4
    for window in reference["windows"]:
        expected = np.array(window["embedding"], dtype=np.float32)
        got = embed_samples(samples[int(window["start"] * RATE) : int(window["end"] * RATE)])
        assert _cosine(got, expected) > 0.999, window["start"]
        assert np.abs(got - expected).max() < 0.02 * np.abs(expected).max()


def test_the_model_ships_with_its_licence_notice() -> None:
    folder = Path(__file__).resolve().parents[3] / "podplayer" / "core" / "speakers"
    notice = (folder / "NOTICE-campplus.txt").read_text(encoding="utf-8")
    assert "Apache License" in notice and "3D-Speaker" in notice
    assert (folder / "campplus.onnx").stat().st_size > 1_000_000
