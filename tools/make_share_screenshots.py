"""Render the README's pictures of a shared highlight from the demo episode: a frame of its captioned
video (resources/screenshot-video.png) and its quote card (resources/screenshot-card.png).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_share_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

from podplayer.core.export import EpisodeHighlights, ExportBundle, VideoOptions
from podplayer.core.export.card import card_content, render_card
from podplayer.core.export.video import plan_videos, render_frame
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import WordRef
from podplayer.store.demo import build_demo_episode

REPO = Path(__file__).resolve().parent.parent
TURN = 5  # a turn with a quotable sentence


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    episode = build_demo_episode()
    episode.transcript.metadata.setdefault("podcast", "100 Days of Data")
    turn = episode.transcript.turns[TURN]
    highlight = make_highlight(episode.transcript, WordRef(TURN, 0), WordRef(TURN, min(len(turn.words), 28) - 1))
    item = EpisodeHighlights(episode, [highlight])
    [spec] = plan_videos(ExportBundle([item]), VideoOptions())
    render_frame(spec, REPO / "resources" / "screenshot-video.png", VideoOptions(), at_ms=spec.duration_ms * 2 // 5)

    from podplayer.ui.app import card_renderer

    render_card(card_content(item, highlight), REPO / "resources" / "screenshot-card.png", card_renderer())
    print("wrote resources/screenshot-video.png and resources/screenshot-card.png")


if __name__ == "__main__":
    main()
