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
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flite_speech import require_flite, silence, synth_text, synthesise, write_episode  # noqa: E402
from make_demo_episode import read_turns, split_sentences  # noqa: E402

from podplayer.paths import SEED_EPISODE  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "three-voices"
VOICES = {"ROSA": "slt", "MARK": "rms", "IAIN": "awb"}
TURNS = 18
SENTENCE_GAP_MS = (200, 350)
TURN_GAP_MS = (350, 700)
LEAD_IN_MS = 1000
BITRATE = "32k"
RANDOM_SEED = 15


def build(out_dir: Path, turn_count: int) -> tuple[Path, Path]:
    require_flite()
    sentences = [s for turn in read_turns(SEED_EPISODE) for s in split_sentences(turn.text)]
    rng = random.Random(RANDOM_SEED)
    audio = silence(LEAD_IN_MS)
    truth_turns: list[dict[str, object]] = []
    speaker = ""
    cursor = 0
    with tempfile.TemporaryDirectory() as tmp:
        for turn_no in range(turn_count):
            speaker = rng.choice([name for name in VOICES if name != speaker])
            if turn_no:
                audio += silence(rng.randint(*TURN_GAP_MS))
            said: list[dict[str, object]] = []
            for s_no in range(rng.randint(1, 3)):
                sentence = sentences[cursor % len(sentences)]
                cursor += 1
                if s_no:
                    audio += silence(rng.randint(*SENTENCE_GAP_MS))
                clip = synthesise(synth_text(sentence), VOICES[speaker], Path(tmp), cursor)
                start = len(audio)
                audio += clip
                said.append({"text": sentence, "start_ms": start, "end_ms": len(audio)})
            truth_turns.append(
                {"speaker": speaker, "start_ms": said[0]["start_ms"], "end_ms": said[-1]["end_ms"], "sentences": said}
            )
    audio += silence(LEAD_IN_MS)
    how_made = (
        f"tools/make_speaker_episode.py: {turn_count} turns of 1-3 sentences from the demo seed, "
        f"flite voices {VOICES}, {SENTENCE_GAP_MS[0]}-{SENTENCE_GAP_MS[1]} ms between sentences, "
        f"{TURN_GAP_MS[0]}-{TURN_GAP_MS[1]} ms between turns (random.Random({RANDOM_SEED})). "
        "Times are where speech is audible. For tests only; the app never reads this file."
    )
    return write_episode(
        audio, out_dir / "three-voices.mp3", bitrate=BITRATE, how_made=how_made, turns=truth_turns
    )


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
