"""Podcasting 2.0 JSON transcripts: ``{"version", "segments": [{"speaker", "startTime", "endTime", "body"}]}``.

stdlib json (no library models this format). Segment-level and word-level files read the same way:
segments become cues (see cues.py), so consecutive segments of one speaker form one turn; an empty
speaker carries the previous one; a ``"\\n"`` at the start or end of a body ends a paragraph (a new
turn); a missing ``endTime`` is tolerated. A file whose bodies are all single words is word-level
(``metadata["granularity"] = "word"``): every word keeps its own start and end.
The writer emits one segment per turn, or one per word with ``words=True`` for turns whose words are
all timed; seconds are numbers with three decimals.
"""

from __future__ import annotations

import json

from podplayer.core.formats.cue_layout import turn_span
from podplayer.core.formats.cues import Cue, cues_to_turns
from podplayer.core.formats.jsonload import JsonSegment, load_json, segment_list
from podplayer.core.formats.timecode import ms_to_seconds
from podplayer.core.model import Transcript, TranscriptParseError, Word

FORMAT = "podcast-json"
VERSION = "1.0.0"


def read_podcast_json(text: str, name: str = "") -> Transcript:
    data = load_json(text, name, FORMAT)
    segments = segment_list(data, name, FORMAT)
    cues: list[Cue] = []
    single_words = True
    for number, seg in enumerate(segments, start=1):
        cue = _segment_cue(seg, number, name)
        single_words = single_words and len(cue.words) <= 1
        cues.append(cue)
    turns = cues_to_turns(cues)
    if not turns:
        raise TranscriptParseError("no segment has any text", path=name, fmt=FORMAT)
    metadata = {"granularity": "word" if single_words else "segment"}
    if isinstance(data, dict) and isinstance(data.get("version"), str):
        metadata["version"] = data["version"]
    return Transcript(turns, metadata=metadata)


def _segment_cue(raw: object, number: int, name: str) -> Cue:
    seg = JsonSegment(raw, number, name, FORMAT)
    body = seg.text("body")
    speaker = seg.speaker()
    start, end = seg.times("startTime", "endTime")
    if start is None and body.strip():
        raise seg.error('missing "startTime"')
    if start is not None and end is not None:
        end = max(start, end)
    return Cue(
        [Word(w) for w in body.split()],
        start,
        end,
        speaker,
        break_before=body[:1] in "\n\r" and body != "",
        break_after=body[-1:] in ("\n", "\r"),
    )


def format_podcast_json(transcript: Transcript, words: bool = False) -> str:
    turns = [t for t in transcript.turns if t.words]
    segments: list[dict[str, object]] = []
    for index, turn in enumerate(turns):
        start, end = turn_span(turns, index, "Podcasting 2.0 JSON")
        # A paragraph mark keeps two consecutive turns of one speaker apart when read back.
        newline = "\n" if index + 1 < len(turns) and turns[index + 1].speaker == turn.speaker else ""
        if words and all(w.start_ms is not None for w in turn.words):
            for k, word in enumerate(turn.words):
                w_start = word.start_ms if word.start_ms is not None else start
                nxt = turn.words[k + 1].start_ms if k + 1 < len(turn.words) else None
                w_end = word.end_ms if word.end_ms is not None else nxt if nxt is not None else end
                last = k == len(turn.words) - 1
                segments.append(
                    _segment(
                        turn.speaker, w_start, max(w_start, w_end), word.text + (newline if last else "")
                    )
                )
        else:
            segments.append(_segment(turn.speaker, start, end, turn.text + newline))
    return json.dumps({"version": VERSION, "segments": segments}, ensure_ascii=False, indent=2) + "\n"


def _segment(speaker: str, start: int, end: int, body: str) -> dict[str, object]:
    return {
        "speaker": speaker,
        "startTime": ms_to_seconds(start),
        "endTime": ms_to_seconds(end),
        "body": body,
    }
