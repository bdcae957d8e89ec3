"""Is the optional ``transcribe`` extra installed? Checked without importing it (it is heavy)."""

from __future__ import annotations

import importlib.util

from podplayer.core.transcribe.errors import TranscribeUnavailable

REQUIRED_MODULES = {
    "faster_whisper": "faster-whisper",
    "sklearn": "scikit-learn",
    "onnxruntime": "onnxruntime",
    "kaldi_native_fbank": "kaldi-native-fbank",
}


def missing_module() -> str | None:
    """The distribution name of the first missing module the extra needs, or None if all are there."""
    for module, distribution in REQUIRED_MODULES.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # a broken or blocked install counts as missing
            found = False
        if not found:
            return distribution
    return None


def is_available() -> bool:
    return missing_module() is None


def require_extra() -> None:
    """Raise :class:`TranscribeUnavailable` (with the pip line) when the extra is missing."""
    missing = missing_module()
    if missing is not None:
        raise TranscribeUnavailable(missing)
