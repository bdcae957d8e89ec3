"""Sharing a highlight: a 60-second captioned video at 1080x1080 and a quote card.

``video_60s_s``: wall time of ``export_bundle(..., "video")`` for one 60 s highlight (plus the default
0.5 s padding each side) of a generated minute and a half of speech-like audio with a word-timed
transcript (about 2.4 words a second); ``video_peak_mb``: the peak resident memory of this process
and its ffmpeg child together, sampled every 20 ms. ``card_ms``: the median time to paint and write
one PNG quote card (Qt offscreen), over ten cards of quotes of 10 to 120 words.

    python -m benchmarks.bench_video
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import DEFAULT_CACHE_DIR, TreeMemory, log, median, stopwatch
from podplayer.core.export import EpisodeHighlights, ExportBundle, VideoOptions, export_bundle
from podplayer.core.export.card import CardContent, render_card
from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef

AUDIO_NAME = "video_talk_90s.mp3"
SENTENCE = ["so", "we", "open", "the", "cold", "frames", "on", "sunny", "mornings", "and", "close", "them", "again", "before", "the", "evening", "chill", "sets", "in"]


def prepare(cache_dir: Path) -> None:
    target = cache_dir / AUDIO_NAME
    if target.exists():
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "anoisesrc=d=90:c=pink:r=44100:a=0.3:seed=5,tremolo=f=4:d=0.8,lowpass=f=3400",
                    "-ac", "2", "-b:a", "128k", str(target)], check=True)  # fmt: skip


def _bundle(audio: Path) -> ExportBundle:
    turns: list[Turn] = []
    t = 0
    speakers = ["Ann", "Ben"]
    while t < 88_000:
        words = []
        for w in SENTENCE:
            words.append(Word(w, t, t + 380))
            t += 420
        turns.append(Turn(speakers[len(turns) % 2], words, words[0].start_ms, words[-1].end_ms))
        t += 600
    episode = Episode("Cold Frames and Patience", Transcript(turns, metadata={"podcast": "Garden Hour"}), str(audio),
                      90_000)  # fmt: skip
    # From the first word at or after 10 s to the last word ending by 70 s: a 60 s highlight.
    refs = [(ti, wi, w) for ti, turn in enumerate(turns) for wi, w in enumerate(turn.words)]
    first = next(r for r in refs if (r[2].start_ms or 0) >= 10_000)
    last = [r for r in refs if (r[2].end_ms or 0) <= (first[2].start_ms or 0) + 60_000][-1]
    quote = " ".join(r[2].text for r in refs[refs.index(first) : refs.index(last) + 1])
    highlight = Highlight(WordRef(first[0], first[1]), WordRef(last[0], last[1]), quote)
    log(f"highlight {(last[2].end_ms or 0) - (first[2].start_ms or 0)} ms, {len(quote.split())} words")
    return ExportBundle([EpisodeHighlights(episode, [highlight])])


def run(cache_dir: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    bundle = _bundle(cache_dir / AUDIO_NAME)
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-video-") as tmp:
        with TreeMemory() as memory, stopwatch() as watch:
            export_bundle(bundle, "video", Path(tmp) / "videos", video_options=VideoOptions(size=(1080, 1080)))
        log(f"video: {watch.seconds:.1f} s, {memory.peak_mb:.0f} MB peak")

        from podplayer.ui.app import card_renderer

        renderer = card_renderer()
        words = bundle.items[0].highlights[0].quote.split()
        times: list[float] = []
        for n in range(10):
            content = CardContent(" ".join(words[: 10 + n * 12]), "Ben", "Cold Frames and Patience", "Garden Hour",
                                  "12:34", str(cache_dir / AUDIO_NAME))  # fmt: skip
            started = time.perf_counter()
            render_card(content, Path(tmp) / f"card{n}.png", renderer)
            times.append((time.perf_counter() - started) * 1000)
        log(f"cards: {', '.join(f'{t:.0f}' for t in times)} ms")
    return {"video_60s_s": watch.seconds, "video_peak_mb": memory.peak_mb, "card_ms": median(times)}


if __name__ == "__main__":
    prepare(DEFAULT_CACHE_DIR)
    for name, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{name}: {value:.1f}")
