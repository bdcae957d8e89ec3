"""Build a three-voice episode for measuring speaker turns, offline, with Debian's flite.

Writes ``tests/fixtures/three-voices/three-voices.mp3`` and ``three-voices.truth.json`` (the same shape
as the demo episode's truth file: turns with speakers, sentences and audible times). The sentences come
from the demo episode's seed, regrouped into short turns of one to three sentences spoken by three flite
voices (``rms``, ``slt``, ``awb``) in a seeded random order, with shorter pauses between turns than the
demo has. Tests and benchmarks read the truth; the app never does.

Usage: python tools/make_speaker_episode.py [--out-dir DIR] [--turns N]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

from pydub import AudioSegment

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_demo_episode import read_turns, split_sentences, synth_text, synthesise  # noqa: E402

from podplayer.paths import SEED_EPISODE  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "three-voices"
VOICES = {"ROSA": "slt", "MARK": "rms", "IAIN": "awb"}
TURNS = 18
SENTENCE_GAP_MS = (200, 350)
TURN_GAP_MS = (350, 700)
LEAD_IN_MS = 1000
SAMPLE_RATE = 22050
BITRATE = "32k"
RANDOM_SEED = 15


def build(out_dir: Path, turn_count: int) -> tuple[Path, Path]:
    if shutil.which("flite") is None:
        raise SystemExit("flite is not installed (Debian: apt-get install flite)")
    sentences = [s for turn in read_turns(SEED_EPISODE) for s in split_sentences(turn.text)]
    rng = random.Random(RANDOM_SEED)
    audio = AudioSegment.silent(duration=LEAD_IN_MS, frame_rate=SAMPLE_RATE)
    truth_turns: list[dict[str, object]] = []
    speaker = ""
    cursor = 0
    with tempfile.TemporaryDirectory() as tmp:
        for turn_no in range(turn_count):
            speaker = rng.choice([name for name in VOICES if name != speaker])
            if turn_no:
                audio += AudioSegment.silent(duration=rng.randint(*TURN_GAP_MS), frame_rate=SAMPLE_RATE)
            said: list[dict[str, object]] = []
            for s_no in range(rng.randint(1, 3)):
                sentence = sentences[cursor % len(sentences)]
                cursor += 1
                if s_no:
                    audio += AudioSegment.silent(duration=rng.randint(*SENTENCE_GAP_MS), frame_rate=SAMPLE_RATE)
                clip = synthesise(synth_text(sentence), VOICES[speaker], Path(tmp), cursor)
                start = len(audio)
                audio += clip
                said.append({"text": sentence, "start_ms": start, "end_ms": len(audio)})
            truth_turns.append(
                {"speaker": speaker, "start_ms": said[0]["start_ms"], "end_ms": said[-1]["end_ms"], "sentences": said}
            )
    audio += AudioSegment.silent(duration=LEAD_IN_MS, frame_rate=SAMPLE_RATE)
    out_dir.mkdir(parents=True, exist_ok=True)
    mp3 = out_dir / "three-voices.mp3"
    audio.export(mp3, format="mp3", bitrate=BITRATE, parameters=["-ar", str(SAMPLE_RATE), "-ac", "1"])
    truth = {
        "audio": mp3.name,
        "duration_ms": len(audio),
        "how_made": (
            f"tools/make_speaker_episode.py: {turn_count} turns of 1-3 sentences from the demo seed, "
            f"flite voices {VOICES}, {SENTENCE_GAP_MS[0]}-{SENTENCE_GAP_MS[1]} ms between sentences, "
            f"{TURN_GAP_MS[0]}-{TURN_GAP_MS[1]} ms between turns (random.Random({RANDOM_SEED})). "
            "Times are where speech is audible. For tests only; the app never reads this file."
        ),
        "turns": truth_turns,
    }
    truth_path = out_dir / "three-voices.truth.json"
    truth_path.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return mp3, truth_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--turns", type=int, default=TURNS)
    args = parser.parse_args(argv)
    mp3, truth = build(args.out_dir, args.turns)
    print(f"wrote {mp3} ({mp3.stat().st_size} bytes) and {truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
