"""Annotation speed in the real main window on the three-hour (~40,000-word) episode.

- ``highlight_add_ms``: median time from "add this word range as a highlight" (anchor built, saved
  to SQLite, highlights re-read, panel refreshed) until the transcript view's model holds it and the
  window has repainted everything the change made dirty (transcript rows, waveform markers, the
  panel's rows, the library list's count) — what a user waits for after pressing OK. Pending events
  run (the waveform's markers follow on a zero timer) and then every pending paint is flushed at
  once, as the next frame would. ``highlight_add_controller_ms`` is the same without the repaint
  (the annotation side alone).
- ``panel_5000_open_ms``: median time to open the highlights panel with 5,000 highlights: fill the
  model/proxy and paint the first screen. ``highlights_5000_load_ms`` is reading them from SQLite.

The cached library is copied first, so the benchmark never changes shared data.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from benchmarks import log, median, stopwatch
from benchmarks.data import library_with_episode_3h, sample_highlights
from benchmarks.window_3h import three_hour_window

ADD_REPEATS = 15
PANEL_REPEATS = 5
PANEL_HIGHLIGHTS = 5_000


def prepare(cache_dir: Path) -> None:
    library_with_episode_3h(cache_dir)


def run(cache_dir: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent

    from podplayer.core.highlight_anchor import make_highlight
    from podplayer.core.model import WordRef
    from podplayer.ui.annotations.controller import AnnotationsController
    from podplayer.ui.annotations.highlights_panel import HighlightsPanel

    with three_hour_window(cache_dir) as (app, window, library, episode_id):
        annotations = window.annotations
        assert isinstance(annotations, AnnotationsController)
        episode = window.session.episode
        assert episode is not None
        transcript = episode.transcript
        model = window.transcript_view.transcript_model
        rng = random.Random(3)

        add_ms: list[float] = []
        controller_ms: list[float] = []
        for _ in range(ADD_REPEATS):
            turn = rng.randrange(len(transcript.turns) - 2)
            start, end = WordRef(turn, 0), WordRef(turn + 1, len(transcript.turns[turn + 1].words) - 1)
            window.transcript_view.scroll_to_turn(turn)
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)  # start from a painted window
            with stopwatch() as watch:
                with stopwatch() as controller_watch:
                    highlight = make_highlight(transcript, start, end, tags=["bench"], note="n")
                    annotations.highlighting.add_highlight(highlight)
                app.processEvents()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
            add_ms.append(watch.seconds * 1000)
            controller_ms.append(controller_watch.seconds * 1000)
            assert any(h.start == start and h.end == end for h in model.highlights)
        log(f"highlight add: {', '.join(f'{t:.1f}' for t in add_ms)} ms")
        log(f"  of which the controller: {', '.join(f'{t:.1f}' for t in controller_ms)} ms")

        existing = len(library.highlights(episode_id))
        for highlight in sample_highlights(transcript, rng, PANEL_HIGHLIGHTS - existing):
            library.add_highlight(episode_id, highlight)
        open_ms: list[float] = []
        load_ms: list[float] = []
        for _ in range(PANEL_REPEATS):
            with stopwatch() as load_watch:
                highlights = library.highlights(episode_id)
            load_ms.append(load_watch.seconds * 1000)
            panel = HighlightsPanel()
            panel.resize(420, 800)
            with stopwatch() as watch:
                panel.set_highlights(highlights)
                panel.show()
                panel.repaint()
            open_ms.append(watch.seconds * 1000)
            assert panel.proxy.rowCount() == PANEL_HIGHLIGHTS
            panel.close()
            panel.deleteLater()
            app.processEvents()
        log(f"panel with {PANEL_HIGHLIGHTS} highlights: {', '.join(f'{t:.1f}' for t in open_ms)} ms")
        log(f"reading {PANEL_HIGHLIGHTS} highlights: {', '.join(f'{t:.1f}' for t in load_ms)} ms")
    return {
        "highlight_add_ms": median(add_ms),
        "highlight_add_controller_ms": median(controller_ms),
        "panel_5000_open_ms": median(open_ms),
        "highlights_5000_load_ms": median(load_ms),
    }
