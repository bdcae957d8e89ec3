"""Which model loads offline: the bundled tiny.en folder, a folder the user names, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.transcribe import TranscribeError, offline_models, resolve_model
from podplayer.core.transcribe.models import bundled_model, is_model_folder


def test_the_test_model_is_found_offline_and_described() -> None:
    bundled = bundled_model()
    assert bundled is not None and is_model_folder(Path(bundled.path))
    assert bundled.name == "tiny.en" and bundled.english_only
    assert any(m.path == bundled.path for m in offline_models()) or any(m.name == "tiny.en" for m in offline_models())
    default = resolve_model(None)
    assert default.name == "tiny.en"
    assert "tiny.en" in default.describe()


def test_a_model_folder_is_used_as_given() -> None:
    bundled = bundled_model()
    assert bundled is not None
    chosen = resolve_model(bundled.path)
    assert chosen.source == "folder" and Path(chosen.path) == Path(bundled.path).resolve()


def test_a_folder_without_a_model_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(TranscribeError, match="not a Whisper model folder"):
        resolve_model(str(tmp_path))


def test_a_model_that_is_not_here_is_not_fetched_unasked() -> None:
    with pytest.raises(TranscribeError, match="not on this machine"):
        resolve_model("distil-large-v3")


def test_the_extra_is_imported_only_when_a_job_runs() -> None:
    import subprocess
    import sys

    code = (
        "import sys, podplayer.cli, podplayer.core.transcribe; "
        "print(sorted(m for m in ('faster_whisper', 'ctranslate2', 'sklearn', 'scipy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
