"""Correcting transcripts: the cost on one hour, accuracy after correcting back to the truth, and
highlights kept.

- ``correct_1h_s``: ``correct_episode`` (diff, highlights, re-timing every changed span against the
  audio, one transaction) on a one-hour episode of real speech (the demo's turns shuffled and
  repeated, tests/core/align/ad_variants.py, aligned once by the aligner and cached) whose stored
  transcript has 5 % of its words wrong, missing or extra (in equal parts), 3 pairs of turns merged
  and 3 turns cut in two, corrected back to the true text (3 splits, 3 merges), with 60 highlights. ``correct_1h_noise_s`` is the same on the synthetic one-hour transcript (13,000 words)
  against speech-band noise, where no span aligns and every span takes both tries, the slowest path
  (reported, no floor).
- ``correct_turn_within_250ms``: the whole demo (7 min, exact truth) aligned, then damaged as a
  transcription would be: about one word in twelve substituted (the first word of two turns too), a
  sentence left out, two speakers' turns merged; the damaged words keep the times of the words they
  stand for (tests/core/correction/cases.py). Corrected back to the truth, the share of turn starts
  within 250 ms of the truth. ``correct_kept_words_moved`` counts unchanged words whose time changed
  (it must be 0).
- ``correct_highlights_lost``: across both cases, highlights that are gone, detached although some
  of their words remain, or no longer on exactly their unchanged words.

    python -m benchmarks.bench_correct
"""

from __future__ import annotations

import pickle
import random
import shutil
import time
from pathlib import Path

from benchmarks import log
from benchmarks.data import ONE_HOUR_MS, synthetic_audio, transcript_1h
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word
from podplayer.store.repository import Library
from podplayer.usecases.correct import correct_episode

DATA_VERSION = 1
HOUR_HIGHLIGHTS = 60
WRONG = ("river", "paper", "window", "garden", "yellow", "engine", "pocket", "silver")


def _folder(cache_dir: Path) -> Path:
    return cache_dir / f"correct-v{DATA_VERSION}"


def prepare(cache_dir: Path) -> None:
    folder = _folder(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "audio_1h.mp3").exists():
        log("generating a one-hour mp3")
        synthetic_audio(folder / "audio_1h.mp3", ONE_HOUR_MS)
    if not (folder / "hour.pickle").exists():
        from podplayer.core.align import align_transcript
        from tests.core.align.ad_variants import _transcript, encode, long_program, render

        log("building and aligning a one-hour episode of real speech")
        program = long_program(60, seed=5)
        rendered = render(program, {})
        audio = encode(rendered.parts, folder / "hour.mp3")
        aligned = align_transcript(_transcript(program, rendered), audio, jobs=2)
        (folder / "hour.pickle").write_bytes(pickle.dumps(aligned))
    if not (folder / "demo.pickle").exists():
        from podplayer.core.align import align_transcript
        from tests.core.align.episodes import demo_section, demo_turns
        from tests.core.correction.cases import truth_transcript

        log("aligning the demo's true transcript")
        section = demo_section(folder, count=len(demo_turns(10_000)))
        aligned = align_transcript(truth_transcript(section.turns), section.audio, jobs=2)
        (folder / "demo.pickle").write_bytes(pickle.dumps((section, aligned)))


def run(cache_dir: Path) -> dict[str, float]:
    prepare(cache_dir)
    folder = _folder(cache_dir)
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    lost = 0
    hour: Transcript = pickle.loads((folder / "hour.pickle").read_bytes())
    seconds, hour_lost = _hour(hour, folder / "hour.mp3", work, "speech")
    noise_seconds, noise_lost = _hour(transcript_1h(cache_dir), folder / "audio_1h.mp3", work, "noise")
    lost += hour_lost + noise_lost
    within, moved, demo_lost = _demo(folder, work)
    lost += demo_lost
    shutil.rmtree(work, ignore_errors=True)
    return {
        "correct_1h_s": seconds,
        "correct_1h_noise_s": noise_seconds,
        "correct_turn_within_250ms": within,
        "correct_highlights_lost": lost,
        "correct_kept_words_moved": moved,
    }


def _hour(truth: Transcript, audio: Path, work: Path, name: str) -> tuple[float, int]:
    rng = random.Random(21)
    damaged, corrected = _damage_hour(truth, rng)
    library = Library(work / f"hour-{name}.db")
    eid = library.add_episode(Episode("One hour", damaged, audio_path=str(audio), duration_ms=ONE_HOUR_MS))
    stored = library.episode(eid).transcript
    _add_highlights(library, eid, stored, rng, HOUR_HIGHLIGHTS)
    before = library.highlights(eid)
    started = time.perf_counter()
    report = correct_episode(library, eid, corrected, jobs=2)
    seconds = time.perf_counter() - started
    d = report.diff
    log(
        f"1 h ({name}): {seconds:.1f} s; {d.replaced} replaced, {d.inserted} inserted, {d.deleted} deleted; "
        f"{d.turns_split} split, {d.turns_merged} merged; {report.spans_retimed} of {len(d.spans)} spans aligned"
    )
    lost = _lost(before, stored, library, eid, report.diff.origin)
    library.close()
    return seconds, lost


def _damage_hour(truth: Transcript, rng: random.Random) -> tuple[Transcript, Transcript]:
    """What the library holds and the correction that brings it back to ``truth`` (timed by the
    aligner): 5 % of the words differ (a third wrong, keeping the true word's time; a third missing;
    a third extra, unspoken words), and the correction splits 3 turns and merges 3 pairs."""
    turns = [Turn(t.speaker, [Word(w.text, w.start_ms, w.end_ms, w.confidence) for w in t.words], t.start_ms,
                  t.end_ms) for t in truth.turns]
    changes = sum(len(t.words) for t in turns) * 5 // 100
    for k in range(changes):
        turn = turns[rng.randrange(len(turns))]
        position = rng.randrange(1, len(turn.words)) if len(turn.words) > 2 else 0
        if k % 3 == 0:
            turn.words[position].text = WRONG[k % len(WRONG)]
        elif k % 3 == 1 and len(turn.words) > 2:
            del turn.words[position]
        else:
            before = turn.words[position - 1] if position else turn.words[0]
            at = before.end_ms if position else before.start_ms
            turn.words.insert(position, Word("um", at, at, 0.5))
    third = len(turns) // 3
    for n in range(3):  # the correction splits these: the library has them merged
        i = n * third + 10
        turns[i].words += turns[i + 1].words
        turns[i].end_ms = turns[i + 1].end_ms
        del turns[i + 1]
    for n in range(3):  # the correction merges these: the library has them cut in two
        i = n * third + third // 2
        half = len(turns[i].words) // 2
        first, second = turns[i].words[:half], turns[i].words[half:]
        turns[i : i + 1] = [Turn(turns[i].speaker, first, first[0].start_ms, first[-1].end_ms),
                            Turn(turns[i].speaker, second, second[0].start_ms, second[-1].end_ms)]
    corrected = Transcript([Turn(t.speaker, [Word(w.text) for w in t.words]) for t in truth.turns])
    return Transcript(turns), corrected


def _demo(folder: Path, work: Path) -> tuple[float, int, int]:
    from tests.core.correction.cases import damage, highlight_refs

    section, aligned = pickle.loads((folder / "demo.pickle").read_bytes())
    case = damage(section.turns, aligned)
    library = Library(work / "demo.db")
    eid = library.add_episode(Episode("Demo", case.damaged, audio_path=str(section.audio)))
    stored = library.episode(eid).transcript
    for start, end in highlight_refs(stored, count=20):
        library.add_highlight(eid, make_highlight(stored, start, end))
    before = library.highlights(eid)
    started = time.perf_counter()
    report = correct_episode(library, eid, case.truth, jobs=2)
    seconds = time.perf_counter() - started
    after = library.episode(eid).transcript
    errors = [abs((a.start_ms or 0) - (t.start_ms or 0)) for a, t in zip(after.turns, section.turns, strict=True)]
    within = sum(e <= 250 for e in errors) / len(errors)
    old_words = [w for t in stored.turns for w in t.words]
    new_words = [w for t in after.turns for w in t.words]
    moved = sum(
        (new_words[k].start_ms, new_words[k].end_ms) != (old_words[o].start_ms, old_words[o].end_ms)
        for k, o in enumerate(report.diff.origin)
        if o is not None
    )
    log(
        f"demo: {seconds:.1f} s; {len(errors)} turns, {100 * within:.1f} % within 250 ms (worst {max(errors)} ms); "
        f"{report.spans_retimed} of {len(report.diff.spans)} spans aligned; {moved} unchanged words moved"
    )
    lost = _lost(before, stored, library, eid, report.diff.origin)
    library.close()
    return within, moved, lost


def _add_highlights(library: Library, eid: int, transcript: Transcript, rng: random.Random, count: int) -> None:
    flat = [(ti, wi) for ti, turn in enumerate(transcript.turns) for wi in range(len(turn.words))]
    from podplayer.core.model import WordRef

    for _ in range(count):
        first = rng.randrange(len(flat) - 8)
        last = first + rng.randrange(8)
        library.add_highlight(eid, make_highlight(transcript, WordRef(*flat[first]), WordRef(*flat[last])))


def _lost(before: list[Highlight], old: Transcript, library: Library, eid: int, origin: list[int | None]) -> int:
    """Highlights gone, wrongly detached, or not on exactly their unchanged words any more."""
    after = {h.id: h for h in library.highlights(eid)}
    new = library.episode(eid).transcript
    old_index = _flat_index(old)
    new_index = _flat_index(new)
    new_of_old = {o: k for k, o in enumerate(origin) if o is not None}
    lost = 0
    for h in before:
        now = after.get(h.id)
        kept_old = [i for i in range(old_index[h.start.turn] + h.start.word, old_index[h.end.turn] + h.end.word + 1)
                    if i in new_of_old]
        if now is None:
            lost += 1
            continue
        if now.detached:
            lost += bool(kept_old)
            continue
        inside = range(new_index[now.start.turn] + now.start.word, new_index[now.end.turn] + now.end.word + 1)
        kept_new = sorted(new_of_old[i] for i in kept_old)
        kept_inside = [k for k in inside if origin[k] is not None]
        lost += kept_new != kept_inside
    return lost


def _flat_index(transcript: Transcript) -> list[int]:
    firsts: list[int] = []
    total = 0
    for turn in transcript.turns:
        firsts.append(total)
        total += len(turn.words)
    return firsts


if __name__ == "__main__":
    from benchmarks import DEFAULT_CACHE_DIR

    for key, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{key}: {value:g}")
