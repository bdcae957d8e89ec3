"""Every reader on random input: the only outcomes allowed are a sane Transcript or TranscriptParseError.

Short by default (~100 examples per reader and input shape); ``PODPLAYER_FUZZ=long`` (``make fuzz``)
runs 5000 per reader.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podplayer.core.formats import FORMATS, decode_bytes, parse_transcript
from podplayer.core.model import Transcript, TranscriptParseError

LONG = os.environ.get("PODPLAYER_FUZZ") == "long"
FUZZ = settings(
    max_examples=5000 if LONG else 100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def check(text: str, fmt: str | None) -> None:
    try:
        t = parse_transcript(text, fmt, name="fuzz")
    except TranscriptParseError as exc:
        assert str(exc).startswith("fuzz: ")
        assert "\n" not in str(exc)
        return
    assert isinstance(t, Transcript) and t.turns
    for turn in t.turns:
        assert turn.words
        assert all(w.text and not any(c.isspace() for c in w.text) for w in turn.words)
        times = [turn.start_ms, turn.end_ms] + [x for w in turn.words for x in (w.start_ms, w.end_ms)]
        assert all(x is None or (isinstance(x, int) and x >= 0) for x in times)
        if turn.start_ms is not None and turn.end_ms is not None:
            assert turn.end_ms >= turn.start_ms


_clock = st.builds(
    lambda h, m, s, ms, sep, hours: (f"{h:02d}:" if hours else "") + f"{m:02d}:{s:02d}{sep}{ms:03d}",
    st.integers(0, 150),
    st.integers(0, 130),
    st.integers(0, 70),
    st.integers(0, 999),
    st.sampled_from([",", ".", ":"]),
    st.booleans(),
)
_name = st.sampled_from(["AMY", "Dr. Amy Lee", "Speaker 2", "SPEAKER_00", "李明", "x", "", "A:B", "&amp;"])
_words = st.text(max_size=30)
_line = st.one_of(
    _words,
    st.sampled_from(
        ["", "", "WEBVTT", "NOTE", "STYLE", "REGION", "1", "42", "-->", "</v>", "\\", "\t", "{", "["]
    ),
    st.builds(
        lambda a, b, rest: f"{a} --> {b}{rest}", _clock, _clock, st.sampled_from(["", " align:start", "x"])
    ),
    st.builds(lambda n, w: f"{n}: {w}", _name, _words),
    st.builds(lambda n, c, w: f"<v{c} {n}>{w}", _name, st.sampled_from(["", ".loud", "."]), _words),
    st.builds(lambda c, w: f"<{c}>{w}", _clock, _words),
    st.builds(
        lambda e, w: f"{w}&{e};", st.sampled_from(["amp", "lt", "nbsp", "#8212", "#x110000", "bogus"]), _words
    ),
    st.builds(lambda a, b, w: f"{a}\t{b}\t{w}", st.floats(allow_nan=True), st.floats(), _words),
    st.builds(
        lambda tag, w: f"<{tag}>{w}</{tag}>", st.sampled_from(["p", "cite", "time", "title", "i"]), _words
    ),
    st.builds(lambda c, n, w: f"[{c}] {n}: {w}", _clock, _name, _words),
    st.builds(lambda level, w: "#" * level + " " + w, st.integers(1, 7), _words),
)
structured_text = st.lists(_line, max_size=40).map("\n".join)

_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["1.5", "\n", "x\n"]),
)
_segment = st.dictionaries(
    st.sampled_from(
        ["speaker", "startTime", "endTime", "body", "start", "end", "text", "words", "word", "probability"]
    ),
    st.recursive(
        _json_scalar,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=10,
    ),
)
structured_json = st.builds(
    lambda segments, version: json.dumps({"version": version, "segments": segments}),
    st.lists(_segment | _json_scalar, max_size=12),
    _json_scalar,
)


ALL = [*FORMATS, None]  # None: detect the format, then read


@FUZZ
@given(data=st.binary(max_size=600))
def test_every_reader_on_random_bytes(data: bytes) -> None:
    text = decode_bytes(data)
    for fmt in ALL:
        check(text, fmt)


@FUZZ
@given(text=structured_text)
def test_every_reader_on_random_cues_and_lines(text: str) -> None:
    for fmt in ALL:
        check(text, fmt)


@FUZZ
@given(text=structured_json)
def test_json_readers_on_random_segments(text: str) -> None:
    for fmt in ("podcast-json", "whisper-json", None):
        check(text, fmt)
