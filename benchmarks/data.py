"""Synthetic benchmark data, generated once into the cache directory and reused.

Everything is deterministic (seeded ``random.Random``), so figures from two runs compare:

- ``transcript_1h()`` / ``transcript_3h()``: timed two-speaker transcripts (~13,000 words / ~1,000
  turns and ~40,000 words / ~3,000 turns) with word timings, built from the core dataclasses.
- ``audio_3h()``: a mono low-bitrate mp3 as long as the 3-hour transcript (filtered noise shaped like
  speech syllables; ffmpeg lavfi), made in seconds by repeating one encoded chunk.
- ``episode_1h()`` / ``episode_3h()``: those transcripts as :class:`Episode` objects.
- ``library_with_episode_3h()``: a library database holding the 3-hour episode (with its audio).
- ``library_1000()``: 1,000 episodes, ~30 million words, with highlights, tags and notes, built
  through ``Library.add_episode``.

Word text is drawn from a Zipf–Mandelbrot distribution over a real English vocabulary (the seed
episode's words ranked by frequency first, then the CMU pronouncing dictionary shipped with
pocketsphinx), so full-text search sees realistic term frequencies rather than a toy vocabulary.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

from benchmarks import DEFAULT_CACHE_DIR, log
from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef
from podplayer.paths import SEED_EPISODE

# Bump when the generators change so stale cache files are not reused.
DATA_VERSION = 1
SPEAKERS = ("ALEX", "SAM")
TAGS = ("idea", "quote", "todo", "follow-up", "funny", "data")
COLORS = ("yellow", "green", "blue", "pink")
VOCABULARY_SIZE = 60_000

T = TypeVar("T")


# --- caching ------------------------------------------------------------------------------------


def _cache_path(cache_dir: Path, name: str) -> Path:
    cache_dir.mkdir(parents=True, exist_ok=True)
    stem, dot, suffix = name.partition(".")
    return cache_dir / f"{stem}-v{DATA_VERSION}{dot}{suffix}"


@contextmanager
def _atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it into place only if the block succeeds."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():
            tmp.chmod(0o644)  # mkstemp creates 0600; cache files are ordinary files
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        # SQLite side files of a database built under the temporary name.
        for side in ("-wal", "-shm", "-journal"):
            Path(f"{tmp}{side}").unlink(missing_ok=True)


def _cached_pickle(cache_dir: Path, name: str, build: Callable[[], T]) -> T:
    path = _cache_path(cache_dir, name)
    if path.exists():
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    value = build()
    with _atomic_output(path) as tmp, tmp.open("wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return value


# --- text ---------------------------------------------------------------------------------------


@cache
def vocabulary() -> tuple[str, ...]:
    """Words in rank order: the seed episode's words by frequency, then a shuffled English dictionary."""
    seed_words = re.findall(r"[a-z]+(?:'[a-z]+)?", SEED_EPISODE.read_text(encoding="utf-8").lower())
    ranked = [w for w, _ in Counter(seed_words).most_common() if len(w) > 1 or w in ("a", "i")]
    extra: list[str] = []
    try:
        import pocketsphinx

        dict_path = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
        with dict_path.open(encoding="utf-8", errors="replace") as fh:
            extra = [w for line in fh if (w := line.split(" ", 1)[0]).isalpha() and w.isascii()]
    except (ImportError, OSError):
        pass  # the seed vocabulary alone still gives a usable (if small) corpus
    known = set(ranked)
    tail = sorted({w for w in extra if w not in known})
    random.Random(20_26).shuffle(tail)
    return tuple((ranked + tail)[:VOCABULARY_SIZE])


@cache
def _cumulative_weights() -> list[float]:
    """Zipf–Mandelbrot weights 1/(rank + 2.7), cumulative, for ``random.choices``."""
    total = 0.0
    cumulative: list[float] = []
    for rank in range(len(vocabulary())):
        total += 1.0 / (rank + 2.7)
        cumulative.append(total)
    return cumulative


def _split_counts(rng: random.Random, total: int, parts: int) -> list[int]:
    """``parts`` positive integers summing to ``total``, log-normally varied like real turn lengths."""
    parts = max(1, min(parts, total))
    weights = [rng.lognormvariate(0.0, 0.8) for _ in range(parts)]
    scale = (total - parts) / sum(weights)
    counts: list[int] = []
    acc = 0.0
    done = 0
    for w in weights:
        acc += w * scale
        n = round(acc) - done
        counts.append(1 + n)
        done += n
    counts[-1] += total - sum(counts)
    return counts


def synthetic_transcript(
    *, seed: int, words: int, turns: int, duration_ms: int, title: str = ""
) -> Transcript:
    """A deterministic, word-timed, two-speaker transcript of ``words`` words over ``duration_ms``."""
    rng = random.Random(seed)
    tokens = rng.choices(vocabulary(), cum_weights=_cumulative_weights(), k=words)
    counts = _split_counts(rng, words, turns)

    # Raw durations first (word length drives speaking time), then one scale factor fits the episode.
    lead_in_ms, tail_ms = 1500.0, 1500.0
    raw: list[tuple[str, float, float]] = []  # (text, gap before, duration)
    turn_bounds: list[tuple[int, int]] = []
    index = 0
    for turn_no, count in enumerate(counts):
        first = index
        sentence_left = 0
        for k in range(count):
            text = tokens[index]
            gap = rng.uniform(0.0, 60.0)
            if sentence_left == 0:
                sentence_left = rng.randint(6, 18)
                text = text.capitalize()
                gap += 250.0 if k else (rng.uniform(400.0, 1000.0) if turn_no else 0.0)
            sentence_left -= 1
            if sentence_left == 0 or k == count - 1:
                text += "?" if rng.random() < 0.12 else "."
            elif rng.random() < 0.06:
                text += ","
            raw.append((text, gap, 110.0 + 38.0 * len(text) * rng.uniform(0.8, 1.2)))
            index += 1
        turn_bounds.append((first, index))
    scale = (duration_ms - lead_in_ms - tail_ms) / sum(g + d for _, g, d in raw)

    timed: list[Word] = []
    pos = lead_in_ms
    for text, gap, dur in raw:
        pos += gap * scale
        start = round(pos)
        pos += dur * scale
        timed.append(Word(text, start, max(start + 1, round(pos))))

    turn_list: list[Turn] = []
    speaker = 0
    for first, last in turn_bounds:
        ws = timed[first:last]
        turn_list.append(Turn(SPEAKERS[speaker], ws, ws[0].start_ms, ws[-1].end_ms))
        if rng.random() < 0.9:  # mostly alternate, sometimes one speaker continues
            speaker = 1 - speaker
    return Transcript(turn_list, title=title, metadata={"source_format": "synthetic"})


# --- transcripts and episodes -----------------------------------------------------------------------

# ~222 words per minute, ~13 words per turn: a talk show's pace.
ONE_HOUR_MS = 3_600_000
THREE_HOURS_MS = 3 * ONE_HOUR_MS


def transcript_1h(cache_dir: Path = DEFAULT_CACHE_DIR) -> Transcript:
    return _cached_pickle(cache_dir, "transcript_1h.pickle", lambda: synthetic_transcript(
        seed=1, words=13_000, turns=1_000, duration_ms=ONE_HOUR_MS, title="Synthetic one-hour episode"))


def transcript_3h(cache_dir: Path = DEFAULT_CACHE_DIR) -> Transcript:
    return _cached_pickle(cache_dir, "transcript_3h.pickle", lambda: synthetic_transcript(
        seed=3, words=40_000, turns=3_000, duration_ms=THREE_HOURS_MS, title="Synthetic three-hour episode"))


def episode_1h(cache_dir: Path = DEFAULT_CACHE_DIR) -> Episode:
    """The one-hour transcript as an episode (no audio)."""
    transcript = transcript_1h(cache_dir)
    return Episode(transcript.title, transcript, duration_ms=ONE_HOUR_MS)


def episode_3h(cache_dir: Path = DEFAULT_CACHE_DIR) -> Episode:
    """The three-hour transcript with its synthetic audio."""
    transcript = transcript_3h(cache_dir)
    return Episode(transcript.title, transcript, audio_path=str(audio_3h(cache_dir)), duration_ms=THREE_HOURS_MS)


# --- audio ----------------------------------------------------------------------------------------


def _ffmpeg(*args: str) -> None:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise RuntimeError("ffmpeg is not installed (apt-get install ffmpeg)")
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def synthetic_audio(target: Path, duration_ms: int, *, chunk_s: int = 600, seed: int = 7) -> Path:
    """Write a mono 22.05 kHz 32 kbps mp3 of ``duration_ms``: speech-band pink noise with a syllable-rate
    tremolo. One chunk is encoded and then stream-copied end to end, because encoding three hours
    directly takes about a minute while copying takes a second."""
    chunk_s = max(1, min(chunk_s, -(-duration_ms // 1000)))
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-audio-") as tmp:
        chunk = Path(tmp) / "chunk.mp3"
        _ffmpeg("-f", "lavfi", "-i",
                f"anoisesrc=d={chunk_s}:c=pink:r=22050:a=0.3:seed={seed},tremolo=f=4:d=0.8,"
                "volume='0.35+0.65*abs(sin(t*0.7))':eval=frame,lowpass=f=3400,highpass=f=120",
                "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-write_xing", "0", str(chunk))
        repeats = -(-duration_ms // (chunk_s * 1000))
        listing = Path(tmp) / "list.txt"
        listing.write_text("".join(f"file '{chunk}'\n" for _ in range(repeats)))
        with _atomic_output(target) as out:
            _ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-t", f"{duration_ms / 1000:.3f}",
                    "-c", "copy", "-f", "mp3", str(out))
    return target


def audio_3h(cache_dir: Path = DEFAULT_CACHE_DIR) -> Path:
    """A three-hour mp3 matching :func:`transcript_3h` in length (cached)."""
    path = _cache_path(cache_dir, "audio_3h.mp3")
    if not path.exists():
        started = time.perf_counter()
        synthetic_audio(path, THREE_HOURS_MS)
        log(f"generated {path.name} in {time.perf_counter() - started:.1f} s")
    return path


# --- libraries ------------------------------------------------------------------------------------


def sample_highlights(transcript: Transcript, rng: random.Random, count: int) -> list[Highlight]:
    """``count`` highlights on random word ranges inside single turns, with tags and some notes."""
    highlights: list[Highlight] = []
    for n in range(count):
        turn_index = rng.randrange(len(transcript.turns))
        words = transcript.turns[turn_index].words
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randint(0, 12))
        highlights.append(Highlight(
            start=WordRef(turn_index, first),
            end=WordRef(turn_index, last),
            quote=" ".join(w.text for w in words[first:last + 1]),
            prefix=" ".join(w.text for w in words[max(0, first - 4):first]),
            suffix=" ".join(w.text for w in words[last + 1:last + 5]),
            color=COLORS[n % len(COLORS)],
            tags=rng.sample(TAGS, rng.randint(0, 2)),
            note=f"Note {n}: worth revisiting the part about {words[first].text.lower()}" if n % 2 else "",
        ))
    return highlights


def build_library(
    path: Path, episodes: Iterator[Episode], *, highlights_per_episode: int = 3, seed: int = 0
) -> list[int]:
    """Add ``episodes`` to a new library at ``path`` through the public Library API; returns their ids."""
    from podplayer.store.repository import Library

    rng = random.Random(seed)
    library = Library(path)
    ids: list[int] = []
    try:
        for episode in episodes:
            episode_id = library.add_episode(episode)
            ids.append(episode_id)
            for highlight in sample_highlights(episode.transcript, rng, highlights_per_episode):
                library.add_highlight(episode_id, highlight)
            if len(ids) % 10 == 1:
                library.set_episode_note(episode_id, f"Episode note {len(ids)}: listen again to the data part")
    finally:
        library.close()
    return ids


def library_episodes(count: int, words_per_episode: int) -> Iterator[Episode]:
    """``count`` synthetic episodes of about ``words_per_episode`` words (±20 %), generated lazily."""
    rng = random.Random(1000)
    for n in range(count):
        words = max(20, round(words_per_episode * rng.uniform(0.8, 1.2)))
        duration_ms = words * 270
        transcript = synthetic_transcript(seed=10_000 + n, words=words, turns=max(1, words // 13),
                                          duration_ms=duration_ms, title=f"Synthetic episode {n + 1:04d}")
        yield Episode(transcript.title, transcript, duration_ms=duration_ms)


def _cached_library(cache_dir: Path, name: str, build: Callable[[Path], list[int]]) -> tuple[Path, list[int]]:
    """A library file built once by ``build(path)``; its episode ids are kept in a JSON sidecar."""
    path = _cache_path(cache_dir, name)
    ids_file = path.with_suffix(".ids.json")
    if path.exists() and ids_file.exists():
        return path, [int(i) for i in json.loads(ids_file.read_text())]
    started = time.perf_counter()
    with _atomic_output(path) as tmp:
        tmp.unlink()  # let the Library create a fresh database
        ids = build(tmp)
        _checkpoint(tmp)
    ids_file.write_text(json.dumps(ids))
    log(f"built {path.name} in {time.perf_counter() - started:.1f} s")
    return path, ids


def _checkpoint(path: Path) -> None:
    """Fold any write-ahead log into the main file so the database can be moved as one file."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def library_with_episode_3h(cache_dir: Path = DEFAULT_CACHE_DIR) -> tuple[Path, int]:
    """A library holding the three-hour episode (with audio and a few highlights): (db path, episode id)."""
    path, ids = _cached_library(cache_dir, "library_3h.sqlite3", lambda p: build_library(
        p, iter([episode_3h(cache_dir)]), highlights_per_episode=40))
    return path, ids[0]


LIBRARY_1000_EPISODES = 1_000
LIBRARY_1000_WORDS_PER_EPISODE = 30_000


def library_1000(cache_dir: Path = DEFAULT_CACHE_DIR) -> Path:
    """1,000 episodes, ~30 million words, 3 highlights each, tags and notes (cached; slow to build)."""
    path, _ = _cached_library(cache_dir, "library_1000.sqlite3", lambda p: build_library(
        p, _logged(library_episodes(LIBRARY_1000_EPISODES, LIBRARY_1000_WORDS_PER_EPISODE))))
    return path


def _logged(episodes: Iterator[Episode], every: int = 50) -> Iterator[Episode]:
    """Pass episodes through, logging progress and throughput."""
    started = time.perf_counter()
    words = 0
    for n, episode in enumerate(episodes, 1):
        yield episode
        words += episode.transcript.word_count
        if n % every == 0:
            elapsed = time.perf_counter() - started
            log(f"{n} episodes, {words / 1e6:.1f} M words, {elapsed:.0f} s ({words / elapsed:,.0f} words/s)")
