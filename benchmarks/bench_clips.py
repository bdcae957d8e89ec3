"""500 highlight clips from a three-hour mp3: wall time and peak memory of the whole process tree.

The audio is generated once into the cache (mono 22.05 kHz 64 kbps mp3, speech-band pink noise with a
syllable-rate tremolo; one 10-minute chunk encoded, then stream-copied to three hours). The 500
highlights lie on the shared synthetic three-hour transcript at random places, 5 to 30 seconds long
(snapped to words), so clips average about 18 s with the default 0.5 s padding on each side. The export
is the real one (``export_bundle(..., "clips")``: mp3, fades, tags, 2 workers); peak memory is the
largest sum of RSS over this process and its ffmpeg children, sampled every 20 ms with psutil.

    python -m benchmarks.bench_clips        # alone: prepares the data if needed, prints the figures
"""

from __future__ import annotations

import bisect
import os
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import DEFAULT_CACHE_DIR, TreeMemory, log, stopwatch
from benchmarks.data import THREE_HOURS_MS, transcript_3h
from podplayer.core.export import ClipOptions, EpisodeHighlights, ExportBundle, export_bundle
from podplayer.core.model import Episode, Highlight, Transcript, WordRef

CLIPS = 500
AUDIO_NAME = "clips_audio_3h_64k.mp3"
CHUNK_S = 600


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def audio_path(cache_dir: Path) -> Path:
    return cache_dir / AUDIO_NAME


def prepare(cache_dir: Path) -> None:
    """Generate the three-hour 64 kbps mp3 (about 85 MB) and the transcript once."""
    transcript_3h(cache_dir)
    target = audio_path(cache_dir)
    if target.exists():
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-clips-") as tmp:
        chunk = Path(tmp) / "chunk.mp3"
        _ffmpeg("-f", "lavfi", "-i",
                f"anoisesrc=d={CHUNK_S}:c=pink:r=22050:a=0.3:seed=11,tremolo=f=4:d=0.8,"
                "volume='0.35+0.65*abs(sin(t*0.7))':eval=frame,lowpass=f=3400,highpass=f=120",
                "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "0", str(chunk))  # fmt: skip
        listing = Path(tmp) / "list.txt"
        listing.write_text("".join(f"file '{chunk}'\n" for _ in range(THREE_HOURS_MS // (CHUNK_S * 1000))))
        partial = Path(tmp) / AUDIO_NAME
        _ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", "-f", "mp3", str(partial))
        shutil.move(str(partial), target)
    log(f"generated {target.name} ({target.stat().st_size / 2**20:.0f} MB) in {time.perf_counter() - started:.1f} s")


def random_highlights(transcript: Transcript, count: int, seed: int = 500) -> list[Highlight]:
    """``count`` highlights starting at random times, 5-30 s long, snapped to whole words."""
    refs = [WordRef(t, w) for t, turn in enumerate(transcript.turns) for w in range(len(turn.words))]
    starts = [transcript.turns[r.turn].words[r.word].start_ms or 0 for r in refs]
    rng = random.Random(seed)
    highlights = []
    for _ in range(count):
        begin = rng.randrange(0, THREE_HOURS_MS - 40_000)
        i = bisect.bisect_left(starts, begin)
        j = max(i, bisect.bisect_left(starts, begin + rng.randrange(5_000, 30_000)) - 1)
        words = [transcript.turns[r.turn].words[r.word].text for r in refs[i : j + 1]]
        highlights.append(Highlight(refs[i], refs[j], " ".join(words), tags=["bench"], note="benchmark clip"))
    return highlights


def run(cache_dir: Path) -> dict[str, float]:
    transcript = transcript_3h(cache_dir)
    episode = Episode(transcript.title, transcript, audio_path=str(audio_path(cache_dir)), duration_ms=THREE_HOURS_MS)
    highlights = random_highlights(transcript, CLIPS)
    bundle = ExportBundle([EpisodeHighlights(episode, highlights)], title=episode.title)
    seconds_of_audio = sum(
        (transcript.turns[h.end.turn].words[h.end.word].end_ms or 0)
        - (transcript.turns[h.start.turn].words[h.start.word].start_ms or 0)
        for h in highlights
    ) / 1000
    log(f"{CLIPS} highlights, {seconds_of_audio / CLIPS:.1f} s long on average (plus 2 x 0.5 s padding)")
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-clips-") as tmp, TreeMemory() as memory:
        before = os.times()
        with stopwatch() as watch:
            written = export_bundle(bundle, "clips", Path(tmp) / "clips", clip_options=ClipOptions(fmt="mp3"))
        after = os.times()
        if len(written) != CLIPS:
            raise RuntimeError(f"expected {CLIPS} clips, got {len(written)}")
    # CPU seconds of this process and its ffmpeg children: what the export costs on an otherwise idle
    # machine is about half of it on 2 cores, whatever else is running now.
    cpu = sum(after[:4]) - sum(before[:4])
    log(f"{CLIPS} clips in {watch.seconds:.1f} s ({cpu:.1f} CPU s), peak {memory.peak_mb:.0f} MB")
    return {
        "clips_500_s": round(watch.seconds, 2),
        "clips_500_peak_mb": round(memory.peak_mb, 1),
        "clips_500_cpu_s": round(cpu, 2),
    }


if __name__ == "__main__":
    prepare(DEFAULT_CACHE_DIR)
    for name, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{name}: {value}")
