"""Hostile and broken inputs driven through the real ``podplayer`` command line, one table row each.

Every row runs the CLI in a subprocess against a copy of a small real library (one episode with real
ffmpeg-made audio and a highlight) and checks: the exit code (0 or 1), a clear one-line message
containing the expected fragment, no traceback, and — unless the row is meant to add something — a
library identical before and after (episodes, transcripts, highlights, tags).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from podplayer.store.repository import Library

GOOD_SRT = """1
00:00:00,500 --> 00:00:03,000
ALEX: Hello and welcome to the show.

2
00:00:03,500 --> 00:00:07,000
SAM: Thanks, glad to be here today.

3
00:00:07,500 --> 00:00:11,000
ALEX: Let us talk about data.
"""

AUDIO_S = 12
COMMAND_TIMEOUT_S = 120


@dataclass
class World:
    """The files a case can use: a real audio file, a good transcript, a scratch folder, the library."""

    audio: Path
    transcript: Path
    tmp: Path
    db: Path

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path


def run_cli(db: Path, *args: str, timeout: float = COMMAND_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "podplayer", "--db", str(db), *args],
        capture_output=True, text=True, timeout=timeout, env=os.environ.copy(), check=False,
    )


def dump(db: Path) -> dict[str, Any]:
    """Everything a user made, read back through the public library API."""
    library = Library(db)
    try:
        episodes = []
        for s in library.episodes():
            e = library.episode(s.id)
            episodes.append({
                "id": s.id, "title": s.title, "audio": s.audio_path, "duration": s.duration_ms,
                "position": s.position_ms, "note": e.note, "highlights": s.highlight_count,
                "turns": [(t.speaker, t.start_ms, t.end_ms, [(w.text, w.start_ms, w.end_ms) for w in t.words])
                          for t in e.transcript.turns],
            })
        highlights = [(h.id, h.episode_id, h.start, h.end, h.quote, h.note, h.color, sorted(h.tags))
                      for h in library.highlights()]
        tags = sorted((t.name, t.color) for t in library.tags())
    finally:
        library.close()
    return {"episodes": episodes, "highlights": highlights, "tags": tags}


# --- the table --------------------------------------------------------------------------------------

Args = Callable[[World], list[str]]


@dataclass
class Case:
    id: str
    args: Args  # builds its input files in world.tmp and returns the CLI arguments
    code: int  # expected exit code
    fragment: str = ""  # must appear in stderr (exit 1) — case-insensitive
    adds_episode: bool = False  # the command is meant to add exactly one episode
    check: Callable[[World, subprocess.CompletedProcess[str]], None] | None = None
    timeout: float = COMMAND_TIMEOUT_S
    extra: dict[str, Any] = field(default_factory=dict)


def import_with_transcript(name: str, content: str | bytes) -> Args:
    return lambda w: ["import", str(w.audio), str(w.write(name, content))]


def import_with_audio(name: str, content: bytes) -> Args:
    return lambda w: ["import", str(w.write(name, content)), str(w.transcript)]


def srt(*cues: tuple[str, str, str]) -> str:
    return "\n".join(f"{i}\n{a} --> {b}\n{text}\n" for i, (a, b, text) in enumerate(cues, 1))


def huge_transcript(w: World) -> list[str]:
    """~100 MB of speaker lines, written in big blocks so the test stays fast."""
    path = w.tmp / "huge.txt"
    block = ("ALEX: " + "word " * 40 + "\n") * 5_000
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(100 * 2**20 // len(block) + 1):
            fh.write(block)
    return ["import", str(w.audio), str(path)]


def million_lines(w: World) -> list[str]:
    """A 1,000,000-line transcript converted to SRT: must finish (or refuse) cleanly, not hang or crash."""
    path = w.tmp / "million.txt"
    path.write_text("".join(f"{'ALEX' if i % 2 else 'SAM'}: line {i}\n" for i in range(1_000_000)), encoding="utf-8")
    return ["convert", str(path), "-o", str(w.tmp / "million.md")]


def leading_dash(w: World) -> list[str]:
    audio = w.tmp / "-episode.mp3"
    shutil.copyfile(w.audio, audio)
    transcript = w.write("-episode.srt", GOOD_SRT)
    os.chdir(w.tmp)
    return ["import", "--", audio.name, transcript.name]


def copy_pair(stem: str) -> Args:
    def make(w: World) -> list[str]:
        folder = w.tmp / stem
        folder.mkdir(parents=True, exist_ok=True)
        audio = folder / f"{stem}.mp3"
        shutil.copyfile(w.audio, audio)
        return ["import", str(audio), str(w.write(f"{stem}/{stem}.srt", GOOD_SRT))]
    return make


RICH_TEXT = '<img src="x" onerror="alert(1)"> <a href="http://evil.example">click</a> <b>bold</b> &amp; <i>it</i>'


def rich_text_episode(w: World) -> str:
    """Import an episode whose words are HTML/Qt rich text and highlight it; returns its id."""
    # Podcasting 2.0 JSON bodies are plain text (unlike SRT/WebVTT, where <b> is the format's own markup).
    segments = [{"speaker": "ALEX", "startTime": 0.5, "endTime": 5.0, "body": RICH_TEXT},
                {"speaker": "SAM", "startTime": 5.5, "endTime": 10.0, "body": "<script>alert(2)</script> ok"}]
    transcript = w.write("rich.json", json.dumps({"version": "1.0.0", "segments": segments}))
    added = run_cli(w.db, "import", str(w.audio), str(transcript), "--title", "Rich <b>title</b>")
    assert added.returncode == 0, added.stderr
    episode_id = added.stdout.strip()
    marked = run_cli(w.db, "highlight", "add", episode_id, "--from", "0.5", "--to", "9", "--note", "<b>note</b>")
    assert marked.returncode == 0, marked.stderr
    return episode_id


def export_rich(fmt: str, suffix: str) -> Args:
    def make(w: World) -> list[str]:
        episode_id = rich_text_episode(w)
        return ["export", episode_id, "--format", fmt, "-o", str(w.tmp / f"rich-export.{suffix}")]
    return make


def literal_in(suffix: str, expected: list[str | tuple[str, ...]], forbidden: list[str]) -> Callable[[World, Any], None]:
    """Each expected item (or one of a tuple's alternatives) appears in the export; no forbidden one does."""
    def check(w: World, _result: Any) -> None:
        text = (w.tmp / f"rich-export.{suffix}").read_text(encoding="utf-8")
        for piece in expected:
            options = piece if isinstance(piece, tuple) else (piece,)
            assert any(o in text for o in options), f"{options!r} missing from the {suffix} export"
        for piece in forbidden:
            assert piece not in text, f"{piece!r} must not appear raw in the {suffix} export"
    return check


def markdown_escapes_tags(w: World, _result: Any) -> None:
    """The tags read literally (escaped as \\< or &lt;, or in a code span), never as raw HTML."""
    text = (w.tmp / "rich-export.md").read_text(encoding="utf-8")
    assert any(form in text for form in ("&lt;b&gt;bold", "\\<b\\>bold", "`<b>bold</b>`")), text
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # YAML front matter is data, not rendered
    raw = re.findall(r"(?<![\\`])<(?:img|b>|a href|script)", body)
    assert not raw, f"raw HTML in the Markdown export: {raw}"


HOSTILE_NAMES = ["../../escape", "a/b\\c:d", "CON", "nul", "\u0000zero", "..", " -rf", "x" * 300, "COM1.txt"]


def clip_names_episode(w: World) -> list[str]:
    """Speakers and tags that are dangerous in file names, exported as clips into one folder."""
    segments = [{"speaker": name, "startTime": 0.5 + i, "endTime": 1.4 + i, "body": f"{name} says hello"}
                for i, name in enumerate(HOSTILE_NAMES)]
    transcript = w.write("names.json", json.dumps({"version": "1.0.0", "segments": segments}))
    added = run_cli(w.db, "import", str(w.audio), str(transcript), "--title", "../CON: names")
    assert added.returncode == 0, added.stderr
    episode_id = added.stdout.strip()
    for i, name in enumerate(HOSTILE_NAMES):
        marked = run_cli(w.db, "highlight", "add", episode_id, "--from", str(0.6 + i), "--to", str(1.2 + i),
                         "--tag", name.replace("\u0000", ""))
        assert marked.returncode == 0, marked.stderr
    return ["export", episode_id, "--format", "clips", "-o", str(w.tmp / "clips")]


def clips_stay_inside(w: World, _result: Any) -> None:
    folder = (w.tmp / "clips").resolve()
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) >= len(HOSTILE_NAMES), sorted(p.name for p in files)
    for p in files:
        assert p.resolve().parent == folder, f"{p} escaped the clips folder"
        name = p.name
        assert not name.startswith((".", "-", " ")), name
        assert not any(ch in name for ch in '/\\:*?"<>|\u0000'), name
        assert p.stem.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX", "COM1", "LPT1"}, name
        assert len(name.encode()) <= 255, name
    # Nothing was written next to the folder either.
    assert not (w.tmp / "escape").exists()


def search(query: str) -> Args:
    # "-- -data": argparse needs "--" before a query that starts with a dash (else exit 2, usage).
    return lambda w: ["search", *query.split(" ", 1)] if query.startswith("-- ") else ["search", query]


def corrupt_db(w: World) -> list[str]:
    bad = w.write("corrupt.sqlite3", b"this is not a database" * 100)
    return ["--db", str(bad), "episodes"]


def export_below_a_file(w: World) -> list[str]:
    """The output's parent "folder" is a regular file: no folder can be made there."""
    blocker = w.write("blocker", "a file, not a folder")
    return ["export", "1", "--format", "md", "-o", str(blocker / "out.md")]


RANDOM_BYTES = bytes((i * 7919 + 13) % 256 for i in range(8192))
MP3_HEADERLESS = b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"\x00" * 40

CASES: list[Case] = [
    # transcripts
    Case("empty-transcript", import_with_transcript("empty.srt", b""), 1, "empty.srt"),
    Case("blank-transcript", import_with_transcript("blank.txt", "\n \n\t\n"), 1, "blank.txt"),
    Case("binary-transcript", import_with_transcript("binary.srt", RANDOM_BYTES), 1, "binary.srt"),
    Case("truncated-json", import_with_transcript(
        "cut.json", '{"version": "1.0.0", "segments": [{"speaker": "A", "startTime": 0.5, "endTi'), 1, "cut.json"),
    # A file cut inside its last cue keeps the complete cues (nothing else was there to keep). Its words
    # differ from the library's episode, else importing it would find that episode (the duplicate rule).
    Case("truncated-srt", import_with_transcript(
        "cut.srt", GOOD_SRT.replace("Hello and", "Hello again and") + "\n4\n00:00:11,200 --> 00:0"), 0,
         adds_episode=True, check=lambda w, r: _episode_text_contains(w, "Let us talk about data.")),
    Case("audio-file-as-transcript", lambda w: ["import", str(w.audio), str(w.audio)], 1, "episode.mp3"),
    # A clear refusal takes well under a second; 30 s is generous.
    Case("huge-transcript-100MB", huge_transcript, 1, "huge.txt", timeout=30),
    Case("million-line-convert", million_lines, 0, timeout=90),
    Case("latin1-not-utf8", import_with_transcript(
        "latin1.srt", GOOD_SRT.replace("data", "caf\u00e9").encode("latin-1")), 0, adds_episode=True,
        check=lambda w, r: _episode_text_contains(w, "caf\u00e9")),
    Case("invalid-utf8-bytes", import_with_transcript(
        "badutf8.srt", GOOD_SRT.encode() + b"\n4\n00:00:11,100 --> 00:00:11,900\nSAM: \xff\xfe\xc3\x28 ok\n"),
        0, adds_episode=True),
    Case("timestamps-out-of-order", import_with_transcript("order.srt", srt(
        ("00:00:07,000", "00:00:09,000", "ALEX: second"), ("00:00:01,000", "00:00:03,000", "SAM: first"))),
        1, "order.srt"),
    Case("timestamps-negative", import_with_transcript("negative.srt", srt(
        ("-00:00:01,000", "00:00:02,000", "ALEX: before time"), ("00:00:03,000", "00:00:04,000", "SAM: ok"))),
        1, "negative.srt"),
    # Repaired by clamping the end to the start: acceptable, as long as no negative span is stored.
    Case("timestamps-end-before-start", import_with_transcript("backwards.srt", srt(
        ("00:00:05,000", "00:00:02,000", "ALEX: ends before it starts"))), 0, adds_episode=True,
        check=lambda w, r: _no_backwards_spans(w)),
    Case("timestamps-overlapping", import_with_transcript("overlap.srt", srt(
        ("00:00:01,000", "00:00:05,000", "ALEX: we talk"), ("00:00:04,000", "00:00:08,000", "SAM: over each other"))),
        0, adds_episode=True),
    Case("timestamps-beyond-audio-end", import_with_transcript("late.srt", srt(
        ("00:00:01,000", "00:00:03,000", "ALEX: fine"), ("01:00:00,000", "01:00:05,000", "SAM: an hour later"))),
        1, "late.srt"),
    # audio
    Case("zero-length-audio", import_with_audio("zero.mp3", b""), 1, "zero.mp3"),
    Case("corrupt-audio", import_with_audio("corrupt.mp3", RANDOM_BYTES), 1, "corrupt.mp3"),
    Case("truncated-audio-header", import_with_audio("headless.mp3", MP3_HEADERLESS), 1, "headless.mp3"),
    Case("text-file-as-audio", import_with_audio("notes.mp3", b"just some text, not audio\n" * 50), 1, "notes.mp3"),
    Case("directory-as-audio", lambda w: ["import", str(w.tmp), str(w.transcript)], 1, "director"),
    Case("directory-as-transcript", lambda w: ["import", str(w.audio), str(w.tmp)], 1, "director"),
    Case("missing-audio", lambda w: ["import", str(w.tmp / "nope.mp3"), str(w.transcript)], 1, "nope.mp3"),
    Case("missing-transcript", lambda w: ["import", str(w.audio), str(w.tmp / "nope.srt")], 1, "nope.srt"),
    Case("open-missing-audio", lambda w: ["open", str(w.tmp / "gone.mp3"), str(w.transcript)], 1, "gone.mp3"),
    # paths
    Case("path-with-spaces", copy_pair("my episode 01"), 0, adds_episode=True),
    Case("path-unicode", copy_pair("Épisode ünïcødé 🎧 日本"), 0, adds_episode=True),
    Case("path-leading-dash", leading_dash, 0, adds_episode=True),
    Case("corrupt-library-file", corrupt_db, 1, "corrupt.sqlite3"),
    # exports
    Case("rich-text-literal-in-txt", export_rich("transcript-txt", "txt"), 0,
         check=literal_in("txt", ["<b>bold</b>", '<img src="x"', "<script>alert(2)</script>"], [])),
    Case("rich-text-escaped-in-html", export_rich("transcript-html", "html"), 0,
         check=literal_in("html", ["&lt;b&gt;bold&lt;/b&gt;", "&lt;img", "&lt;script&gt;"],
                          ["<b>bold</b>", "<img", "<script>", '<a href="http://evil'])),
    Case("rich-text-highlights-html", export_rich("html", "html"), 0,
         check=literal_in("html", ["&lt;b&gt;bold&lt;/b&gt;", "&lt;b&gt;note&lt;/b&gt;"], ["<img", "<script>"])),
    # In WebVTT cue text "<" starts markup, so literal text must be written as &lt;.
    Case("rich-text-escaped-in-vtt", export_rich("vtt", "vtt"), 0,
         check=literal_in("vtt", [("&lt;b>bold&lt;/b>", "&lt;b&gt;bold&lt;/b&gt;")], ["<b>bold", "<img"])),
    # Markdown renders raw HTML (Obsidian does), so literal tags must be escaped there too.
    Case("rich-text-escaped-in-markdown", export_rich("transcript-md", "md"), 0, check=markdown_escapes_tags),
    Case("rich-text-highlights-markdown", export_rich("md", "md"), 0, check=markdown_escapes_tags),
    Case("hostile-names-clip-export", clip_names_episode, 0, check=clips_stay_inside, timeout=180),
    Case("export-missing-episode", lambda w: ["export", "999", "--format", "md", "-o", str(w.tmp / "x.md")],
         1, "999"),
    Case("export-below-a-file", export_below_a_file, 1, "blocker"),
    Case("convert-unknown-suffix", lambda w: ["convert", str(w.transcript), "-o", str(w.tmp / "out.xyz")], 1, "xyz"),
    # full-text search syntax
    *[Case(f"search-{name}", search(query), 0) for name, query in [
        ("lone-quote", '"'), ("unbalanced-quote", '"hello welcome'), ("AND", "AND"), ("OR-only", "OR"),
        ("NOT", "NOT data"), ("star", "*"), ("NEAR", "NEAR(hello welcome"), ("column", "text:hello"),
        ("minus", "-- -data"), ("parens", "(hello) OR )"), ("caret", "^hello"), ("empty", ""),
    ]],
]


def _no_backwards_spans(w: World) -> None:
    for episode in dump(w.db)["episodes"]:
        for _speaker, start, end, words in episode["turns"]:
            assert start is None or end is None or end >= start
            assert all(ws is None or we is None or we >= ws for _t, ws, we in words)


def _episode_text_contains(w: World, needle: str) -> None:
    library = Library(w.db)
    try:
        texts = [t.text for s in library.episodes() for t in library.episode(s.id).transcript.turns]
    finally:
        library.close()
    assert any(needle in t for t in texts), texts


# --- fixtures & the test ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A library with one imported episode (real mp3 from ffmpeg) and one tagged highlight."""
    root = tmp_path_factory.mktemp("hostile-template")
    audio = root / "episode.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=330:duration={AUDIO_S}",
                    "-ac", "1", "-b:a", "32k", str(audio)], check=True)
    transcript = root / "episode.srt"
    transcript.write_text(GOOD_SRT, encoding="utf-8")
    db = root / "library.sqlite3"
    env_home = root / "home"
    env = {**os.environ, "XDG_DATA_HOME": str(env_home), "XDG_CACHE_HOME": str(env_home), "HOME": str(env_home)}
    for args in (["import", str(audio), str(transcript)],
                 ["highlight", "add", "1", "--from", "3.6", "--to", "6", "--tag", "intro", "--note", "a note"]):
        done = subprocess.run([sys.executable, "-m", "podplayer", "--db", str(db), *args],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
    return audio, transcript, db


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, template: tuple[Path, Path, Path], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    audio, transcript, template_db = template
    db = tmp_path / "library.sqlite3"
    shutil.copyfile(template_db, db)
    scratch = tmp_path / "in"
    scratch.mkdir()
    world = World(audio=audio, transcript=transcript, tmp=scratch, db=db)
    monkeypatch.chdir(tmp_path)
    args = case.args(world)
    before = dump(db)

    result = run_cli(db, *args, timeout=case.timeout)

    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == case.code, f"exit {result.returncode}, stderr: {result.stderr!r}"
    after = dump(db)
    if case.code == 1:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
        assert case.fragment.lower() in lines[0].lower(), f"{case.fragment!r} not in {lines[0]!r}"
        assert after == before, "a failed command changed the library"
    elif case.adds_episode:
        assert after["highlights"] == before["highlights"]
        assert after["episodes"][: len(before["episodes"])] == before["episodes"]
        assert len(after["episodes"]) == len(before["episodes"]) + 1
    else:
        assert after == before, "the command changed the library"
    if case.check is not None:
        case.check(world, result)


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 25
    assert len({c.id for c in CASES}) == len(CASES)
