"""The one JSON shape of a whole transcript, words and all, as podplayer keeps it (in annotation
backups and as the original transcript a correction keeps):

``{"estimated": bool, "turns": [{"speaker", "start_ms", "end_ms", "words": [[text, start_ms, end_ms,
confidence], ...]}]}``
"""

from __future__ import annotations

from typing import Any

from podplayer.core.model import Transcript


def transcript_document(transcript: Transcript) -> dict[str, Any]:
    return {
        "estimated": transcript.estimated,
        "turns": [
            {
                "speaker": turn.speaker,
                "start_ms": turn.start_ms,
                "end_ms": turn.end_ms,
                "words": [[w.text, w.start_ms, w.end_ms, w.confidence] for w in turn.words],
            }
            for turn in transcript.turns
        ],
    }
