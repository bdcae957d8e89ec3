"""Real recorded voices for the tests and the bench, kept outside the repository.

- The shared fixtures (the AMI meeting minute, the LibriVox sonnet, the Podcasting 2.0 specification's
  examples) come from other public repositories and are not ours to redistribute: they are read from
  ``$PODPLAYER_SHARED_FIXTURES``, else ``<repo>/../shared/fixtures``.
- The pyannote sample (30 s of a real two-person telephone call, MIT) ships inside the
  ``pyannote.audio`` wheel on PyPI: the wheel is fetched with ``pip download --no-deps`` into a cache
  and the three files are read out of it with zipfile. The package is never installed (it brings torch).

Where the data is absent, callers get ``None`` and say which figures or tests could not run.

    python -m benchmarks.real_data   # fetch the pyannote wheel into the cache (never fails the set-up)
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from podplayer.core.model import Transcript, Turn

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_ENV = "PODPLAYER_SHARED_FIXTURES"
DEFAULT_CACHE_DIR = PROJECT_DIR / "benchmarks" / ".cache"
PYANNOTE_REQUIREMENT = "pyannote.audio==4.0.7"
PYANNOTE_WHEEL = "pyannote_audio-4.0.7-py3-none-any.whl"
_SAMPLE_FILES = ("sample.wav", "sample.stm", "sample.rttm")
_SAMPLE_IN_WHEEL = "pyannote/audio/sample/"

SHARED_MISSING = (
    f"the shared fixtures from other repositories are absent (set ${SHARED_ENV} or provide ../shared/fixtures next to the repository)"
)
PYANNOTE_MISSING = (
    f"the pyannote sample is absent: `pip download --no-deps {PYANNOTE_REQUIREMENT}` failed (no network or no registry)"
)


def shared_fixtures_dir() -> Path | None:
    """The folder of shared fixtures: ``$PODPLAYER_SHARED_FIXTURES``, else ``<repo>/../shared/fixtures``."""
    configured = os.environ.get(SHARED_ENV)
    folder = Path(configured) if configured else PROJECT_DIR.parent / "shared" / "fixtures"
    return folder if folder.is_dir() else None


def shared_fixture(name: str) -> Path | None:
    """One shared fixture folder (``real-speech``, ``real-conversation``, ``podcast-namespace``), or None."""
    root = shared_fixtures_dir()
    folder = root / name if root is not None else None
    return folder if folder is not None and folder.is_dir() else None


@dataclass(frozen=True, slots=True)
class SampleTurn:
    """One turn of the pyannote sample: its speaker, its text (from sample.stm) and its true start."""

    speaker: str
    text: str
    start_ms: int  # from sample.rttm, the hand-made speaker turns


@dataclass(frozen=True, slots=True)
class PyannoteSample:
    """The three files of the pyannote sample, extracted into a cache folder."""

    audio: Path  # sample.wav, 16 kHz mono
    stm: Path  # segment transcript: ``sample 1 SPEAKER START END TEXT``
    rttm: Path  # speaker turns: ``SPEAKER sample 1 START DURATION <NA> <NA> LABEL <NA> <NA>``

    def turns(self) -> list[SampleTurn]:
        """The transcript's turns (consecutive segments of one speaker joined), timed by the RTTM turns.

        The RTTM also marks a backchannel said under the other speaker that the transcript leaves out
        (a segment inside another speaker's segment); it is dropped, so the two lists pair up in order.
        """
        segments = [line.split(maxsplit=5) for line in self.stm.read_text(encoding="utf-8").splitlines() if line.strip()]
        spoken: list[tuple[str, str]] = []
        for _, _, speaker, _, _, text in segments:
            if spoken and spoken[-1][0] == speaker:
                spoken[-1] = (speaker, f"{spoken[-1][1]} {text}")
            else:
                spoken.append((speaker, text))
        marked = []
        for line in self.rttm.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if fields and fields[0] == "SPEAKER":
                start, duration = float(fields[3]), float(fields[4])
                marked.append((fields[7], start, start + duration))
        heard = [
            (label, start)
            for label, start, end in marked
            if not any(o != label and o_start <= start and end <= o_end for o, o_start, o_end in marked)
        ]
        merged: list[tuple[str, float]] = []
        for label, start in heard:
            if not merged or merged[-1][0] != label:
                merged.append((label, start))
        if len(merged) != len(spoken):
            raise ValueError(f"sample.rttm has {len(merged)} turns, sample.stm {len(spoken)}")
        return [
            SampleTurn(speaker, text, round(start * 1000))
            for (speaker, text), (_, start) in zip(spoken, merged, strict=True)
        ]


    def transcript(self) -> Transcript:
        """The untimed transcript the aligner is given: speakers and text, no times."""
        return Transcript([Turn.from_text(t.speaker, t.text) for t in self.turns()])


def fetch_pyannote_wheel(cache_dir: Path) -> Path | None:
    """The cached pyannote.audio wheel, downloaded (no dependencies) the first time; None when pip fails."""
    folder = cache_dir / "pyannote"
    wheel = folder / PYANNOTE_WHEEL
    if wheel.is_file():
        return wheel
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--disable-pip-version-check",
        "--retries", "1", "--timeout", "20", "--dest", str(folder), PYANNOTE_REQUIREMENT,
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=180)
    except (OSError, subprocess.SubprocessError):
        return None
    return wheel if wheel.is_file() else None


def pyannote_sample(cache_dir: Path = DEFAULT_CACHE_DIR) -> PyannoteSample | None:
    """The pyannote sample's wav, stm and rttm, read out of the wheel into ``cache_dir``; None when absent."""
    folder = cache_dir / "pyannote" / "sample"
    paths = [folder / name for name in _SAMPLE_FILES]
    if not all(p.is_file() for p in paths):
        wheel = fetch_pyannote_wheel(cache_dir)
        if wheel is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        try:
            with zipfile.ZipFile(wheel) as archive:
                for path in paths:
                    part = path.with_suffix(path.suffix + ".part")
                    part.write_bytes(archive.read(_SAMPLE_IN_WHEEL + path.name))
                    part.replace(path)
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
    return PyannoteSample(*paths)


def main() -> int:
    sample = pyannote_sample()
    if sample is None:
        print(f"note: {PYANNOTE_MISSING}; the tests that need it will be skipped", file=sys.stderr)
    if shared_fixtures_dir() is None:
        print(f"note: {SHARED_MISSING}; the tests that need them will be skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
