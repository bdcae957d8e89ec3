"""Speech synthesis for the generated test episodes, offline, with Debian's flite.

One sentence at a time becomes a mono clip trimmed to its audible part, so a truth time is the audible
onset/offset of the speech; ``write_episode`` exports the laid-out audio as MP3 next to its truth file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from pydub import AudioSegment
from pydub.silence import detect_leading_silence

SAMPLE_RATE = 22050
TRIM_THRESHOLD_DBFS = -50.0  # flite's silence is digital zero; anything above this is speech

# Words flite reads badly, respelled for the synthesiser only (the truth keeps the real text).
SYNTH_RESPELLINGS: list[tuple[str, str]] = [
    (r"PyTorch", "Pie Torch"),
    (r"TorchServe", "Torch Serve"),
    (r"torchvision", "torch vision"),
    (r"torchaudio", "torch audio"),
    (r"TensorFlow", "Tensor Flow"),
    (r"\bAI\b", "A I"),
    (r"\bNLP\b", "N L P"),
    (r"Pythonic", "Pie thonic"),
]


def require_flite() -> None:
    if shutil.which("flite") is None:
        raise SystemExit("flite is not installed (Debian: apt-get install flite)")


def synth_text(sentence: str) -> str:
    """The text flite is given: respellings, plain quotes, dashes as commas."""
    text = sentence.replace("\\\"", '"').replace("’", "'").replace("‘", "'")
    text = text.replace('"', "").replace("—", ", ").replace(" – ", ", ")
    for pattern, replacement in SYNTH_RESPELLINGS:
        text = re.sub(pattern, replacement, text)
    return text


def synthesise(text: str, voice: str, workdir: Path, index: int) -> AudioSegment:
    """``text`` spoken by flite's ``voice``, mono at SAMPLE_RATE, leading and trailing silence trimmed."""
    wav = workdir / f"s{index:05d}.wav"
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(wav)], check=True)
    clip = AudioSegment.from_wav(wav).set_channels(1).set_frame_rate(SAMPLE_RATE)
    lead = detect_leading_silence(clip, silence_threshold=TRIM_THRESHOLD_DBFS, chunk_size=1)
    tail = detect_leading_silence(clip.reverse(), silence_threshold=TRIM_THRESHOLD_DBFS, chunk_size=1)
    trimmed: AudioSegment = clip[lead : len(clip) - tail]
    return trimmed


def silence(ms: int) -> AudioSegment:
    return AudioSegment.silent(duration=ms, frame_rate=SAMPLE_RATE)


def write_episode(
    audio: AudioSegment,
    mp3: Path,
    *,
    bitrate: str,
    how_made: str,
    turns: list[dict[str, object]],
    tags: dict[str, str] | None = None,
) -> tuple[Path, Path]:
    """Export ``audio`` as a mono MP3 and write its truth file (``NAME.truth.json``) beside it."""
    mp3.parent.mkdir(parents=True, exist_ok=True)
    audio.export(
        mp3, format="mp3", bitrate=bitrate, parameters=["-ar", str(SAMPLE_RATE), "-ac", "1"], tags=tags
    )
    truth = {"audio": mp3.name, "duration_ms": len(audio), "how_made": how_made, "turns": turns}
    truth_path = mp3.with_suffix(".truth.json")
    truth_path.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return mp3, truth_path
