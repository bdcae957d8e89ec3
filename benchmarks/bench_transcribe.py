"""Transcription with the tiny.en model on 2 cores: word error rates, speaker turns, speed, memory.

- Word error rate on the demo episode (its seed text is the reference) and on the LibriVox sonnet.
- Speaker turns on the generated multi-voice episodes: the demo (two flite voices) and the three-voice
  episode (tests/fixtures/three-voices): true speaker changes found within 1 s, label consistency, and
  the demo's turn starts within 250 ms of the truth.
- Real-time factor and peak memory (this process, the aligner's workers and ffmpeg) for a 10-minute
  episode: the demo followed by the three-voice episode, cut at 10:00.

    python -m benchmarks.bench_transcribe
"""

from __future__ import annotations

import resource
import subprocess
import time
from pathlib import Path

from benchmarks import TreeMemory, log, not_measured
from benchmarks.real_data import SHARED_MISSING, shared_fixture
from benchmarks.transcribe_scoring import load_truth, speaker_score, truth_text, word_error_rate
from podplayer.core.audio import probe_duration_ms
from podplayer.core.transcribe import TranscribeOptions, transcribe_audio
from podplayer.paths import DEMO_DIR

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
DEMO_AUDIO = DEMO_DIR / "demo-episode.mp3"
THREE_VOICES = FIXTURES / "three-voices" / "three-voices.mp3"
TEN_MINUTES_S = 600
OPTIONS = TranscribeOptions(model="tiny.en", jobs=2)


def _ten_minutes(cache_dir: Path) -> Path:
    return cache_dir / "transcribe-10min.mp3"


def prepare(cache_dir: Path) -> None:
    out = _ten_minutes(cache_dir)
    if out.exists():
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    log("building the 10-minute episode (demo + three voices)")
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(DEMO_AUDIO), "-i", str(THREE_VOICES),
         "-filter_complex", "[0:a]aresample=22050[a];[1:a]aresample=22050[b];[a][b]concat=n=2:v=0:a=1",
         "-t", str(TEN_MINUTES_S), "-ac", "1", "-b:a", "48k", str(out)],
        check=True,
    )


def run(cache_dir: Path) -> dict[str, float]:
    prepare(cache_dir)
    figures = _speed(cache_dir)

    demo_truth = load_truth(DEMO_DIR / "demo-episode.truth.json")
    demo = transcribe_audio(DEMO_AUDIO, OPTIONS)
    figures["transcribe_demo_wer"] = word_error_rate(truth_text(demo_truth), " ".join(t.text for t in demo.turns))
    demo_speakers = speaker_score(demo, demo_truth)
    figures["transcribe_demo_turn_within_250ms"] = demo_speakers.turn_start_within_250ms
    log(f"demo: {demo_speakers}")

    three_truth = load_truth(THREE_VOICES.with_name("three-voices.truth.json"))
    three = transcribe_audio(THREE_VOICES, OPTIONS)
    three_speakers = speaker_score(three, three_truth)
    log(f"three voices: {three_speakers}, WER {word_error_rate(truth_text(three_truth), ' '.join(t.text for t in three.turns)):.3f}")
    figures["transcribe_speaker_change_recall"] = min(demo_speakers.change_recall, three_speakers.change_recall)
    figures["transcribe_speaker_change_precision"] = min(demo_speakers.change_precision, three_speakers.change_precision)
    figures["transcribe_speaker_label_consistency"] = min(
        s.label_consistency if s.distinct_labels else 0.0 for s in (demo_speakers, three_speakers)
    )

    sonnet = shared_fixture("real-speech")
    if sonnet is None:
        not_measured(["transcribe_fixture_wer"], SHARED_MISSING)
    else:
        heard = transcribe_audio(sonnet / "sonnet001.mp3", OPTIONS)
        reference = (sonnet / "sonnet001.txt").read_text(encoding="utf-8")
        figures["transcribe_fixture_wer"] = word_error_rate(reference, " ".join(t.text for t in heard.turns))

    return figures


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (the aligner's workers are joined)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _speed(cache_dir: Path) -> dict[str, float]:
    """The 10-minute episode, first (so no earlier run's memory counts towards the peak)."""
    episode = _ten_minutes(cache_dir)
    duration_s = probe_duration_ms(episode) / 1000
    cpu = _cpu_s()
    with TreeMemory() as memory:
        start = time.perf_counter()
        transcribe_audio(episode, OPTIONS)
        seconds = time.perf_counter() - start
    cpu = _cpu_s() - cpu
    log(f"10 min: {seconds:.1f} s ({cpu:.0f} CPU s) for {duration_s:.0f} s of audio, peak {memory.peak_mb:.0f} MiB")
    return {
        "transcribe_rtf": seconds / duration_s,
        "transcribe_cpu_s_per_audio_s": cpu / duration_s,
        "transcribe_peak_mb": memory.peak_mb,
    }


if __name__ == "__main__":
    from benchmarks import DEFAULT_CACHE_DIR

    for key, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{key}: {value:.3f}")
