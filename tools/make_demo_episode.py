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
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flite_speech import (  # noqa: E402
    SAMPLE_RATE,
    TRIM_THRESHOLD_DBFS,
    require_flite,
    silence,
    synth_text,
    synthesise,
    write_episode,
)

from podplayer.core.formats import read_transcript  # noqa: E402
from podplayer.paths import DEMO_DIR, SEED_EPISODE  # noqa: E402

VOICES = {"JONAS": "rms", "AMY": "slt"}
LEAD_IN_MS = 1500
TAIL_MS = 1500
SENTENCE_GAP_MS = (250, 400)
TURN_GAP_MS = (600, 900)
BITRATE = "56k"
RANDOM_SEED = 67


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


def build(seed: Path, out_dir: Path) -> tuple[Path, Path]:
    require_flite()
    turns = read_turns(seed)
    rng = random.Random(RANDOM_SEED)
    audio = silence(LEAD_IN_MS)
    truth_turns: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        index = 0
        for turn_no, turn in enumerate(turns):
            voice = VOICES.get(turn.speaker.upper(), "kal")
            if turn_no:
                audio += silence(rng.randint(*TURN_GAP_MS))
            sentences: list[dict[str, object]] = []
            for s_no, sentence in enumerate(split_sentences(turn.text)):
                if s_no:
                    audio += silence(rng.randint(*SENTENCE_GAP_MS))
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
    audio += silence(TAIL_MS)

    how_made = (
        f"tools/make_demo_episode.py: each sentence of {seed.name} synthesised with flite "
        f"(voices {VOICES}), leading/trailing silence trimmed at {TRIM_THRESHOLD_DBFS} dBFS, "
        f"placed after {LEAD_IN_MS} ms lead-in with {SENTENCE_GAP_MS[0]}-{SENTENCE_GAP_MS[1]} ms "
        f"between sentences and {TURN_GAP_MS[0]}-{TURN_GAP_MS[1]} ms between turns "
        f"(random.Random({RANDOM_SEED})); mp3 mono {SAMPLE_RATE} Hz {BITRATE}bps. "
        "Times are where speech is audible. For tests only; the app never reads this file."
    )
    return write_episode(
        audio,
        out_dir / "demo-episode.mp3",
        bitrate=BITRATE,
        how_made=how_made,
        turns=truth_turns,
        tags={"title": "100 Days of Data — Episode 67 (synthesised demo)", "artist": "podplayer demo"},
    )


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
