"""Praat's TextGrid (long and short text forms, UTF-8 or UTF-16): interval tiers of labels.

Reading and writing use praatio (maintained; reads both text forms, writes the long form Praat
saves): each interval tier is a speaker; a word tier beside a speaker's phrase tier times its words
(core/formats/tiers.py); point tiers and ``phones`` tiers are left out. Intervals out of time order or
overlapping on one tier are refused with the tier and times. UTF-16 files (Praat's choice for
non-ASCII text) are decoded before reading, like every transcript (core/formats/encoding.py).

Writing: one interval tier per speaker and, for word-timed output, a ``Speaker - words`` tier per
speaker (a word-level TextGrid for Praat), gaps filled with empty intervals as Praat expects, plus any
extra tiers (the highlight exports add theirs).
"""

from __future__ import annotations

from typing import Any

from podplayer.core.formats.tiers import Label, Tier, check_order, tiers_to_transcript, transcript_tiers
from podplayer.core.model import Transcript, TranscriptParseError

FORMAT = "textgrid"


def looks_like_textgrid(head: str) -> bool:
    first = head[:300]
    return 'File type = "ooTextFile' in first and "TextGrid" in first


def read_textgrid(text: str, name: str = "") -> Transcript:
    from praatio.utilities import textgrid_io

    try:
        data: dict[str, Any] = textgrid_io.parseTextgridStr(text, includeEmptyIntervals=False)
    except Exception as exc:  # praatio raises plain Exceptions, ValueErrors and IndexErrors on bad text
        raise TranscriptParseError(f"not a readable TextGrid ({type(exc).__name__}: {exc})", path=name, fmt=FORMAT) from None
    tiers: list[Tier] = []
    for tier in data.get("tiers", []):
        if tier.get("class") != "IntervalTier":
            continue
        labels = [
            Label(round(float(start) * 1000), round(float(end) * 1000), " ".join(str(label).split()))
            for start, end, label in tier.get("entries", [])
            if str(label).strip()
        ]
        found = Tier(str(tier.get("name", "")), labels)
        check_order(found, FORMAT, name)
        tiers.append(found)
    return tiers_to_transcript(tiers, FORMAT, name)


def textgrid_document(transcript: Transcript, words: bool = False, extra: list[Tier] | None = None) -> str:
    """The transcript (and ``extra`` tiers) as a long-form TextGrid."""
    from praatio.utilities import textgrid_io

    tiers = transcript_tiers(transcript, words, FORMAT) + list(extra or [])
    end_s = max(label.end_ms for tier in tiers for label in tier.labels) / 1000
    document = {
        "xmin": 0.0,
        "xmax": end_s,
        "tiers": [
            {
                "class": "IntervalTier",
                "name": tier.name,
                "xmin": 0.0,
                "xmax": end_s,
                "entries": [(label.start_ms / 1000, label.end_ms / 1000, label.text) for label in tier.labels],
            }
            for tier in tiers
        ],
    }
    return str(textgrid_io.getTextgridAsStr(document, "long_textgrid", includeBlankSpaces=True, minimumIntervalLength=None))


def format_textgrid(transcript: Transcript, words: bool = False) -> str:
    return textgrid_document(transcript, words)
