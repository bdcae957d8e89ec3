"""Build generated conversations whose speech is messier than their transcript, with exact truth.

Writes ``conv-N.mp3``, ``conv-N.txt`` (the clean transcript a publisher would post, one
``SPEAKER: text`` turn per line in order of onset) and ``conv-N.truth.json`` (where each turn's first
transcript word is audible) into ``tests/fixtures/conversation/``. The text comes from the demo
episode's sentences; three flite voices speak it, and the audio adds what transcripts leave out:

- fillers before a turn and inside it ("um", "uh", "you know", "I mean"),
- repeated words and false starts inside a turn ("the the", "we we"),
- backchannels ("mm-hmm", "yeah", "right") by another speaker, mixed over a long turn. The
  transcript lists them after that turn, in order of onset, as meeting transcripts do.

Also ``short-turns``: long turns answered after a pause of 1-1.7 s by short turns (short answers,
sign-offs, one-word replies) that overlap nothing. Nothing in the audio says a short turn was spoken
out of order there, so each belongs after the turn before it, where it was said.

Every piece is synthesised on its own and trimmed to its audible part, so a truth time is the audible
onset of the turn's first transcript word. Reproducible (seeded). The app never reads the truth files.

Usage: python tools/make_conversations.py [--out-dir DIR] [--count N] [--only {conversations,short-turns}]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from pathlib import Path

from pydub import AudioSegment

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import flite_speech  # noqa: E402
from flite_speech import SAMPLE_RATE, require_flite, silence, synth_text  # noqa: E402

from podplayer.paths import DEMO_DIR  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "conversation"
VOICES = {"MAYA": "slt", "OMAR": "rms", "LEE": "awb"}
TURN_FILLERS = ["um", "uh", "you know", "I mean", "um, so", "uh, well"]
MID_FILLERS = ["um", "uh", "you know", "like"]
BACKCHANNELS = [("Mm-hmm.", "mm hmm"), ("Yeah.", "yeah"), ("Right.", "right"), ("Okay.", "okay")]
TURNS = 14
SHORT_REPLIES = [
    "Yes.", "No.", "Exactly.", "Really?", "A bench?", "Sure, why not?", "Thanks, that helps.",
    "Right, okay.", "Agreed.", "Which one?", "Not really.", "Go on.", "Fair enough.", "Why?",
]
SIGN_OFFS = ["Good night, everybody.", "Bye for now.", "Thanks, everyone."]
SHORT_EXCHANGES = 14


def synthesise(text: str, voice: str, workdir: Path, counter: list[int]) -> AudioSegment:
    counter[0] += 1
    return flite_speech.synthesise(synth_text(text), voice, workdir, counter[0])


def demo_sentences() -> list[str]:
    truth = json.loads((DEMO_DIR / "demo-episode.truth.json").read_text(encoding="utf-8"))
    return [
        re.sub(r"\s*—\s*", ", ", str(s["text"]))
        for t in truth["turns"]
        for s in t["sentences"]
        if 4 <= len(str(s["text"]).split()) <= 24
    ]


def spoken_sentence(sentence: str, rng: random.Random, first: bool) -> list[tuple[str, bool]]:
    """The pieces a speaker says for one sentence: (text, is_transcript). Fillers and repeats are not."""
    words = sentence.split()
    pieces: list[tuple[str, bool]] = []
    if len(words) >= 8 and rng.random() < 0.45:
        cut = rng.randint(3, len(words) - 3)
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        # A filler, or a repeated word / false start: the next word said twice.
        extra = rng.choice(MID_FILLERS) if rng.random() < 0.5 else words[cut].strip(",.;:!?")
        pieces += [(head, True), (extra, False), (tail, True)]
    else:
        pieces.append((sentence, True))
    if not first and rng.random() < 0.2:  # a sentence restarted: its first word twice
        pieces.insert(0, (words[0].strip(",.;:!?"), False))
    return pieces


def build_one(number: int, out_dir: Path, workdir: Path) -> None:
    rng = random.Random(1000 + number)
    sentences = demo_sentences()
    rng.shuffle(sentences)
    speakers = list(VOICES)
    counter = [0]
    audio = silence(1200)
    lines: list[tuple[str, str]] = []
    truth: list[dict[str, object]] = []
    previous = ""
    for _ in range(TURNS):
        speaker = rng.choice([s for s in speakers if s != previous])
        previous = speaker
        voice = VOICES[speaker]
        count = rng.choice([1, 2, 2, 3])
        said = [sentences.pop() for _ in range(count)]
        audio += silence(rng.randint(350, 800))
        filler = ""
        if rng.random() < 0.5:
            filler = rng.choice(TURN_FILLERS)
            audio += synthesise(filler, voice, workdir, counter)
            audio += silence(rng.randint(120, 400))
        start = len(audio)
        for k, sentence in enumerate(said):
            if k:
                audio += silence(rng.randint(250, 450))
            for p, (text, _) in enumerate(spoken_sentence(sentence, rng, first=k == 0)):
                if p:
                    audio += silence(rng.randint(60, 200))
                audio += synthesise(text, voice, workdir, counter)
        end = len(audio)
        lines.append((speaker, " ".join(said)))
        truth.append(
            {
                "speaker": speaker,
                "text": " ".join(said),
                "start_ms": start,
                "end_ms": end,
                "filler_before": filler,
            }
        )
        if count >= 2 and end - start > 4000 and rng.random() < 0.6:
            other = rng.choice([s for s in speakers if s != speaker])
            text, synth = rng.choice(BACKCHANNELS)
            clip = synthesise(synth, VOICES[other], workdir, counter) - 3  # a little softer, as a listener
            at = rng.randint(start + 1500, end - len(clip) - 300)
            audio = audio.overlay(clip, position=at)
            lines.append((other, text))
            truth.append(
                {
                    "speaker": other,
                    "text": text,
                    "start_ms": at,
                    "end_ms": at + len(clip),
                    "backchannel": True,
                }
            )
    audio += silence(1200)
    stem = out_dir / f"conv-{number}"
    audio.export(f"{stem}.mp3", format="mp3", bitrate="32k", parameters=["-ar", str(SAMPLE_RATE), "-ac", "1"])
    Path(f"{stem}.txt").write_text("".join(f"{s}: {t}\n" for s, t in lines), encoding="utf-8")
    document = {
        "audio": f"conv-{number}.mp3",
        "duration_ms": len(audio),
        "how_made": "tools/make_conversations.py; times are audible onsets. The app never reads this file.",
        "turns": truth,
    }
    Path(f"{stem}.truth.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def build_short_turns(out_dir: Path, workdir: Path) -> None:
    """Long turns, each answered after a pause of 1-1.7 s by another speaker's short turn; no overlap."""
    rng = random.Random(77)
    sentences = demo_sentences()
    rng.shuffle(sentences)
    replies = list(SHORT_REPLIES)
    rng.shuffle(replies)
    counter = [0]
    audio = silence(1500)
    turns: list[tuple[str, str, int]] = []  # speaker, text, pause before
    speaker = "MAYA"
    for exchange in range(SHORT_EXCHANGES):
        said = " ".join(sentences.pop() for _ in range(rng.choice([1, 1, 2])))
        turns.append((speaker, said, rng.randint(400, 800) if exchange else 0))
        answer = rng.choice([s for s in VOICES if s != speaker])
        turns.append((answer, replies.pop(), rng.randint(1000, 1700)))
        if rng.random() < 0.3:  # a second short turn: the first speaker's one-word reply, after a pause
            turns.append((speaker, rng.choice(["Yes.", "Okay.", "Right."]), rng.randint(1000, 1700)))
            speaker = answer
        else:
            speaker = rng.choice([s for s in VOICES if s != answer])
    closer = rng.choice([s for s in VOICES if s != turns[-1][0]])
    turns.append((closer, "That is all for today.", rng.randint(400, 800)))
    for sign_off in SIGN_OFFS:
        other = rng.choice([s for s in VOICES if s != turns[-1][0]])
        turns.append((other, sign_off, rng.randint(1000, 1700)))
    truth: list[dict[str, object]] = []
    for who, text, pause in turns:
        audio += silence(pause)
        start = len(audio)
        audio += synthesise(text, VOICES[who], workdir, counter)
        short = len(text.split()) <= 4
        truth.append({"speaker": who, "text": text, "start_ms": start, "end_ms": len(audio),
                      "pause_before_ms": pause, "short": short})
    audio += silence(1500)
    stem = out_dir / "short-turns"
    audio.export(f"{stem}.mp3", format="mp3", bitrate="32k", parameters=["-ar", str(SAMPLE_RATE), "-ac", "1"])
    Path(f"{stem}.txt").write_text("".join(f"{t['speaker']}: {t['text']}\n" for t in truth), encoding="utf-8")
    document = {
        "audio": "short-turns.mp3",
        "duration_ms": len(audio),
        "how_made": "tools/make_conversations.py; times are audible onsets. The app never reads this file.",
        "turns": truth,
    }
    Path(f"{stem}.truth.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--count", type=int, default=2)
    parser.add_argument("--only", choices=["conversations", "short-turns"])
    args = parser.parse_args(argv)
    require_flite()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "short-turns":
            for number in range(1, args.count + 1):
                build_one(number, args.out_dir, Path(tmp))
                print(f"wrote {args.out_dir / f'conv-{number}'}.{{mp3,txt,truth.json}}")
        if args.only != "conversations":
            build_short_turns(args.out_dir, Path(tmp))
            print(f"wrote {args.out_dir / 'short-turns'}.{{mp3,txt,truth.json}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
