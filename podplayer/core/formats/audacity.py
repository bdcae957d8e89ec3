"""Audacity label tracks: ``start<TAB>end<TAB>text`` in seconds, one label per line.

Hand-written: a trivially simple tab format with no maintained library. Point labels (start == end)
are fine; spectral-selection lines (starting with a backslash, holding a frequency pair) are skipped;
a ``Name:`` prefix in the label text sets the speaker, carried to following labels.
"""

from __future__ import annotations

from podplayer.core.formats.cues import Cue, cues_to_turns
from podplayer.core.formats.speakers import split_speaker
from podplayer.core.formats.timecode import seconds_to_ms
from podplayer.core.model import Transcript, TranscriptParseError, Word

FORMAT = "audacity"


def read_audacity(text: str, name: str = "") -> Transcript:
    cues: list[Cue] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("\\"):
            continue
        fields = line.split("\t", 2)
        try:
            if len(fields) < 2:
                raise ValueError("no tab")
            start, end = seconds_to_ms(fields[0]), seconds_to_ms(fields[1])
        except ValueError:
            raise TranscriptParseError(
                f"expected 'start<TAB>end<TAB>label' in seconds, got {line.strip()[:60]!r}",
                path=name,
                fmt=FORMAT,
                line=lineno,
            ) from None
        speaker, label = split_speaker(fields[2].strip() if len(fields) > 2 else "")
        cues.append(Cue([Word(w) for w in label.split()], start, max(start, end), speaker))
    turns = cues_to_turns(cues)
    if not turns:
        raise TranscriptParseError("no labels with text found", path=name, fmt=FORMAT)
    return Transcript(turns)
