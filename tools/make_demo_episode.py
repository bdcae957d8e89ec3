"""Build the demo episode's audio from the seed transcript, offline, with Debian's flite.

Writes ``resources/demo/demo-episode.mp3`` and ``resources/demo/demo-episode.truth.json``: where each
turn and sentence is actually audible in the mp3. The app never reads the truth file; tests measure
estimated timings and alignment against it.

Each sentence is synthesised on its own (JONAS: voice ``rms``, AMY: voice ``slt``), the clip's
leading/trailing silence is trimmed, and the clips are laid out with natural pauses, so a truth time is
the audible onset/offset of the speech. Pause lengths come from a seeded RNG: the build is reproducible.

Usage: python tools/make_demo_episode.py [--seed-file PATH] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydub import AudioSegment
from pydub.silence import detect_leading_silence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from podplayer.core.formats import read_transcript  # noqa: E402
from podplayer.paths import DEMO_DIR, SEED_EPISODE  # noqa: E402

VOICES = {"JONAS": "rms", "AMY": "slt"}
LEAD_IN_MS = 1500
TAIL_MS = 1500
SENTENCE_GAP_MS = (250, 400)
TURN_GAP_MS = (600, 900)
SAMPLE_RATE = 22050
BITRATE = "56k"
RANDOM_SEED = 67
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


@dataclass
class SeedTurn:
    speaker: str
    text: str


def read_turns(seed: Path) -> list[SeedTurn]:
    """The seed's turns exactly as the app reads them (same count, order, speakers and text)."""
    return [SeedTurn(t.speaker, t.text) for t in read_transcript(seed).turns]


def split_sentences(text: str) -> list[str]:
    """Sentences end at . ! or ? followed by a space (the seed has no abbreviations with dots)."""
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def synth_text(sentence: str) -> str:
    """The text flite is given: respellings, plain quotes, dashes as commas."""
    text = sentence.replace("\\\"", '"').replace("’", "'").replace("‘", "'")
    text = text.replace('"', "").replace("—", ", ").replace(" – ", ", ")
    for pattern, replacement in SYNTH_RESPELLINGS:
        text = re.sub(pattern, replacement, text)
    return text


def synthesise(text: str, voice: str, workdir: Path, index: int) -> AudioSegment:
    wav = workdir / f"s{index:04d}.wav"
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(wav)], check=True)
    clip = AudioSegment.from_wav(wav).set_channels(1).set_frame_rate(SAMPLE_RATE)
    lead = detect_leading_silence(clip, silence_threshold=TRIM_THRESHOLD_DBFS, chunk_size=1)
    tail = detect_leading_silence(clip.reverse(), silence_threshold=TRIM_THRESHOLD_DBFS, chunk_size=1)
    trimmed: AudioSegment = clip[lead : len(clip) - tail]
    return trimmed


def build(seed: Path, out_dir: Path) -> tuple[Path, Path]:
    if shutil.which("flite") is None:
        raise SystemExit("flite is not installed (Debian: apt-get install flite)")
    turns = read_turns(seed)
    rng = random.Random(RANDOM_SEED)
    audio = AudioSegment.silent(duration=LEAD_IN_MS, frame_rate=SAMPLE_RATE)
    truth_turns: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        index = 0
        for turn_no, turn in enumerate(turns):
            voice = VOICES.get(turn.speaker.upper(), "kal")
            if turn_no:
                audio += AudioSegment.silent(duration=rng.randint(*TURN_GAP_MS), frame_rate=SAMPLE_RATE)
            sentences: list[dict[str, object]] = []
            for s_no, sentence in enumerate(split_sentences(turn.text)):
                if s_no:
                    gap = rng.randint(*SENTENCE_GAP_MS)
                    audio += AudioSegment.silent(duration=gap, frame_rate=SAMPLE_RATE)
                clip = synthesise(synth_text(sentence), voice, Path(tmp), index)
                index += 1
                start = len(audio)
                audio += clip
                sentences.append({"text": sentence, "start_ms": start, "end_ms": len(audio)})
            truth_turns.append(
                {
                    "speaker": turn.speaker,
                    "start_ms": sentences[0]["start_ms"],
                    "end_ms": sentences[-1]["end_ms"],
                    "sentences": sentences,
                }
            )
    audio += AudioSegment.silent(duration=TAIL_MS, frame_rate=SAMPLE_RATE)

    out_dir.mkdir(parents=True, exist_ok=True)
    mp3 = out_dir / "demo-episode.mp3"
    audio.export(
        mp3,
        format="mp3",
        bitrate=BITRATE,
        parameters=["-ar", str(SAMPLE_RATE), "-ac", "1"],
        tags={"title": "100 Days of Data — Episode 67 (synthesised demo)", "artist": "podplayer demo"},
    )
    truth = {
        "audio": mp3.name,
        "duration_ms": len(audio),
        "how_made": (
            f"tools/make_demo_episode.py: each sentence of {seed.name} synthesised with flite "
            f"(voices {VOICES}), leading/trailing silence trimmed at {TRIM_THRESHOLD_DBFS} dBFS, "
            f"placed after {LEAD_IN_MS} ms lead-in with {SENTENCE_GAP_MS[0]}-{SENTENCE_GAP_MS[1]} ms "
            f"between sentences and {TURN_GAP_MS[0]}-{TURN_GAP_MS[1]} ms between turns "
            f"(random.Random({RANDOM_SEED})); mp3 mono {SAMPLE_RATE} Hz {BITRATE}bps. "
            "Times are where speech is audible. For tests only; the app never reads this file."
        ),
        "turns": truth_turns,
    }
    truth_path = out_dir / "demo-episode.truth.json"
    truth_path.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return mp3, truth_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed-file", type=Path, default=SEED_EPISODE)
    parser.add_argument("--out-dir", type=Path, default=DEMO_DIR)
    args = parser.parse_args(argv)
    mp3, truth = build(args.seed_file, args.out_dir)
    print(f"wrote {mp3} ({mp3.stat().st_size} bytes) and {truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
