"""Word-level alignment: accuracy on the demo and on real speech, speed and memory on 1 h and 3 h.

The long episodes are the demo's turns (two flite voices) shuffled and looped to 1 h and 3 h, with
the matching transcript, encoded once into the cache folder. Peak memory is sampled over the whole
process tree (this process, the alignment workers, ffmpeg) with psutil.

    python -m benchmarks.bench_align            # prepare (once) and run, print the figures
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydub import AudioSegment

from benchmarks import TreeMemory
from benchmarks.real_speech import sonnet_line_starts
from podplayer.core.align import align_transcript
from podplayer.core.model import Transcript, Turn
from podplayer.paths import DEMO_DIR

DEMO_AUDIO = DEMO_DIR / "demo-episode.mp3"
# Reference timings are test data: read from the repository, never shipped in the package.
DEMO_TRUTH = Path(__file__).resolve().parents[1] / "resources" / "demo" / "demo-episode.truth.json"
RATE = 16000
LONG_HOURS = {"1h": 1, "3h": 3}
DATA_VERSION = 1


def _log(message: str) -> None:
    print(f"  · {message}", flush=True)


def _episode_paths(cache_dir: Path, name: str) -> tuple[Path, Path]:
    folder = cache_dir / f"align-v{DATA_VERSION}"
    return folder / f"episode-{name}.mp3", folder / f"episode-{name}.json"


def _demo_turns() -> list[dict[str, object]]:
    turns: list[dict[str, object]] = json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))["turns"]
    return turns


def _build_long_episode(audio_path: Path, text_path: Path, hours: int) -> None:
    """Shuffled demo turns with 0.6-0.9 s pauses until ``hours`` are filled; streamed into ffmpeg."""
    demo = AudioSegment.from_file(DEMO_AUDIO).set_channels(1).set_frame_rate(RATE).set_sample_width(2)
    pcm = np.frombuffer(demo.raw_data, dtype="<i2")
    turns = _demo_turns()
    clips = [pcm[int(t["start_ms"]) * RATE // 1000 : int(t["end_ms"]) * RATE // 1000] for t in turns]  # type: ignore[call-overload]
    rng = random.Random(hours)
    target = hours * 3_600_000
    audio_path.parent.mkdir(parents=True, exist_ok=True)
    part = audio_path.with_suffix(".part.mp3")
    encoder = subprocess.Popen(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0",
         "-c:a", "libmp3lame", "-b:a", "48k", str(part)],
        stdin=subprocess.PIPE,
    )  # fmt: skip
    assert encoder.stdin is not None
    script: list[dict[str, object]] = []
    position = 1500
    encoder.stdin.write(np.zeros(position * RATE // 1000, dtype="<i2").tobytes())
    while position < target:
        order = list(range(len(turns)))
        rng.shuffle(order)
        for i in order:
            if position >= target:
                break
            texts = [str(s["text"]) for s in turns[i]["sentences"]]  # type: ignore[attr-defined]
            script.append({"speaker": turns[i]["speaker"], "text": " ".join(texts), "start_ms": position})
            pause = rng.randint(600, 900)
            encoder.stdin.write(clips[i].tobytes() + np.zeros(pause * RATE // 1000, dtype="<i2").tobytes())
            position += len(clips[i]) * 1000 // RATE + pause
    encoder.stdin.close()
    if encoder.wait() != 0:
        raise RuntimeError("ffmpeg failed to encode the benchmark episode")
    part.replace(audio_path)
    text_path.write_text(json.dumps({"duration_ms": position, "turns": script}), encoding="utf-8")


def prepare(cache_dir: Path) -> None:
    for name, hours in LONG_HOURS.items():
        audio, text = _episode_paths(cache_dir, name)
        if not (audio.exists() and text.exists()):
            _log(f"building the {name} episode from the demo's turns")
            _build_long_episode(audio, text, hours)


def _demo_figures() -> dict[str, float]:
    truth = _demo_turns()
    transcript = Transcript(
        [Turn.from_text(str(t["speaker"]), " ".join(str(s["text"]) for s in t["sentences"])) for t in truth]  # type: ignore[attr-defined]
    )
    aligned = align_transcript(transcript, DEMO_AUDIO, jobs=2)
    turn_errors = [
        abs(int(a.start_ms or 0) - int(str(t["start_ms"]))) for a, t in zip(aligned.turns, truth, strict=True)
    ]
    sentence_errors: list[int] = []
    for a, t in zip(aligned.turns, truth, strict=True):
        index = 0
        for s in t["sentences"]:  # type: ignore[attr-defined]
            sentence_errors.append(abs(int(a.words[index].start_ms or 0) - int(s["start_ms"])))
            index += len(str(s["text"]).split())
    return {
        "align_demo_turn_within_250ms": sum(e <= 250 for e in turn_errors) / len(turn_errors),
        "align_demo_turn_median_ms": float(statistics.median(turn_errors)),
        "align_demo_sentence_median_ms": float(statistics.median(sentence_errors)),
    }


def _fixture_figures() -> dict[str, float]:
    errors = [abs(start_ms / 1000 - onset) for start_ms, onset in sonnet_line_starts()]
    return {"align_fixture_line_within_300ms": sum(e <= 0.3 for e in errors) / len(errors)}


def _cpu_s() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers are joined)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


@dataclass(frozen=True)
class LongRun:
    seconds: float
    cpu_seconds: float
    audio_seconds: float
    peak_mb: float
    turns_within_250ms: float


def _long_run(cache_dir: Path, name: str) -> LongRun:
    audio, text = _episode_paths(cache_dir, name)
    script = json.loads(text.read_text(encoding="utf-8"))
    transcript = Transcript([Turn.from_text(t["speaker"], t["text"]) for t in script["turns"]])
    cpu = _cpu_s()
    with TreeMemory() as memory:
        start = time.perf_counter()
        aligned = align_transcript(transcript, audio, jobs=2)
        seconds = time.perf_counter() - start
    cpu = _cpu_s() - cpu
    errors = [
        abs((a.start_ms or 0) - t["start_ms"]) for a, t in zip(aligned.turns, script["turns"], strict=True)
    ]
    audio_s = script["duration_ms"] / 1000
    _log(
        f"{name}: {seconds:.1f} s ({cpu:.0f} CPU s) for {audio_s:.0f} s of audio, peak {memory.peak_mb:.0f} MiB"
    )
    return LongRun(seconds, cpu, audio_s, memory.peak_mb, sum(e <= 250 for e in errors) / len(errors))


def run(cache_dir: Path) -> dict[str, float]:
    """All figures. The 1 h episode runs before and after the 3 h one and its times are averaged, so
    a change in the machine's load from other work during the long runs skews the ratio less."""
    prepare(cache_dir)
    figures = _demo_figures()
    figures.update(_fixture_figures())
    first = _long_run(cache_dir, "1h")
    long = _long_run(cache_dir, "3h")
    second = _long_run(cache_dir, "1h")
    one_h = (first.seconds + second.seconds) / 2
    one_h_cpu = (first.cpu_seconds + second.cpu_seconds) / 2
    figures.update(
        {
            "align_1h_s": one_h,
            "align_1h_rtf": one_h / first.audio_seconds,
            "align_1h_cpu_s": one_h_cpu,
            "align_1h_peak_mb": max(first.peak_mb, second.peak_mb),
            "align_1h_turn_within_250ms": first.turns_within_250ms,
            "align_3h_s": long.seconds,
            "align_3h_cpu_s": long.cpu_seconds,
            "align_3h_peak_mb": long.peak_mb,
            "align_3h_turn_within_250ms": long.turns_within_250ms,
            "align_3h_vs_1h_ratio": long.seconds / one_h,
            "align_3h_vs_1h_cpu_ratio": long.cpu_seconds / one_h_cpu,
        }
    )
    return figures


if __name__ == "__main__":
    cache = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / ".cache"
    for key, value in run(cache).items():
        print(f"{key:32s} {value:10.4f}")
