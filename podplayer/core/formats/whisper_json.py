"""Whisper / faster-whisper / WhisperX JSON: ``segments[].start/end/text``, optional ``words[]``
(``word``/``start``/``end``/``probability``) and optional ``speaker``.

stdlib json. Segments become cues (see cues.py); word lists, where present, give every word its own
times and the probability becomes the word's confidence. Segments without a speaker stay separate
turns (Whisper itself does not label speakers).
"""

from __future__ import annotations

from podplayer.core.formats.cues import Cue, cues_to_turns
from podplayer.core.formats.jsonload import JsonSegment, load_json, segment_list
from podplayer.core.formats.timecode import seconds_to_ms
from podplayer.core.model import Transcript, TranscriptParseError, Word

FORMAT = "whisper-json"


def read_whisper_json(text: str, name: str = "") -> Transcript:
    data = load_json(text, name, FORMAT)
    segments = segment_list(data, name, FORMAT)
    cues = [_segment_cue(seg, number, name) for number, seg in enumerate(segments, start=1)]
    turns = cues_to_turns(cues)
    if not turns:
        raise TranscriptParseError("no segment has any text", path=name, fmt=FORMAT)
    metadata: dict[str, str] = {}
    if isinstance(data, dict) and isinstance(data.get("language"), str):
        metadata["language"] = data["language"]
    return Transcript(turns, metadata=metadata)


def _segment_cue(raw: object, number: int, name: str) -> Cue:
    seg = JsonSegment(raw, number, name, FORMAT)
    text = seg.text("text")
    speaker = seg.speaker()
    start, end = seg.times("start", "end")
    raw_words = seg.fields.get("words")
    words = _words(raw_words) if isinstance(raw_words, list) else []
    if not words:
        words = [Word(w) for w in text.split()]
    if start is None and words:
        start = words[0].start_ms
        if start is None:
            raise seg.error('missing "start"')
    if start is not None and end is not None:
        end = max(start, end)
    return Cue(words, start, end, speaker)


def _words(raw: list[object]) -> list[Word]:
    words: list[Word] = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        token = item.get("word", item.get("text", ""))
        if not isinstance(token, str):
            continue
        times: list[int | None] = []
        for key in ("start", "end"):
            try:
                times.append(seconds_to_ms(item[key]) if item.get(key) is not None else None)
            except ValueError:
                times.append(None)
        confidence = item.get("probability", item.get("score"))
        conf = (
            float(confidence)
            if isinstance(confidence, int | float) and not isinstance(confidence, bool)
            else None
        )
        if conf is not None and not 0.0 <= conf <= 1.0:
            conf = None
        parts = token.split()
        for k, part in enumerate(parts):
            words.append(
                Word(
                    part,
                    times[0] if k == 0 else None,
                    times[1] if k == len(parts) - 1 else None,
                    conf,
                )
            )
    return words
