"""Structural guards for long episodes: what a playing tick, a highlight or a selection costs the view.

Not timings (a shared machine makes those flaky) but the work done: how many rows the delegate
measures, whether row heights agree with the painted layout, whether the waveform redraws its
overview. Each failure here meant ~100 ms stalls on a three-hour episode.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from podplayer.core.model import Highlight, Transcript, Turn, Word, WordRef
from podplayer.ui import theme
from podplayer.ui.player.waveform_view import WaveformView
from podplayer.ui.transcript.delegate import TranscriptDelegate
from podplayer.ui.transcript.view import TranscriptView

ROWS = 1500
VOCABULARY_TEXT = (
    "the of and to a in that is was he for it with as his on be at by I this had not are but from or have an "
    "they which one you were her all she there would their we him been has when who will more no if out so "
    "podcast episode transcript highlight listener question interesting remember conversation especially "
    "café naïve über façade résumé"
)
VOCABULARY = VOCABULARY_TEXT.split()


def generated_transcript(turns: int = ROWS, seed: int = 7, most_words: int = 60) -> Transcript:
    """Turns of 3 to ``most_words`` words drawn from a small vocabulary, word-timed, two speakers."""
    rng = random.Random(seed)
    out: list[Turn] = []
    t = 0
    for i in range(turns):
        words = []
        for _ in range(rng.randint(3, most_words)):
            words.append(Word(rng.choice(VOCABULARY), t, t + 200))
            t += 250
        out.append(Turn("Ann" if i % 2 else "Ben", words, words[0].start_ms, words[-1].end_ms))
        t += 500
    return Transcript(out)


class SizeHintCounter:
    """Counts TranscriptDelegate.sizeHint calls (Qt calls the Python override for every row it measures)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original = TranscriptDelegate.sizeHint

        def counting(delegate: TranscriptDelegate, option: QStyleOptionViewItem, index: QModelIndex) -> Any:
            self.calls += 1
            return original(delegate, option, index)

        monkeypatch.setattr(TranscriptDelegate, "sizeHint", counting)

    def during(self, view: TranscriptView, change: Any) -> int:
        """sizeHint calls made by ``change()`` plus the events and repaint that follow it."""
        self.calls = 0
        change()
        QApplication.processEvents()
        view.viewport().repaint()
        return self.calls


@pytest.fixture
def size_hints(monkeypatch: pytest.MonkeyPatch) -> Iterator[SizeHintCounter]:
    # Before any view exists: the bindings remember a delegate's Python override on first use.
    yield SizeHintCounter(monkeypatch)


@pytest.fixture
def long_view(qtbot: QtBot, size_hints: SizeHintCounter) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_transcript(generated_transcript())
    view.doItemsLayout()
    QApplication.processEvents()
    return view


def test_playing_turn_changes_measure_only_a_screenful_of_rows(
    long_view: TranscriptView, size_hints: SizeHintCounter
) -> None:
    view = long_view
    assert view.follow
    counts = []
    for turn in range(700, 1400, 35):  # each step scrolls the view to a new playing turn
        counts.append(size_hints.during(view, lambda turn=turn: view.set_current(turn, 0)))
        assert view.viewport().rect().intersects(view.visualRect(view.model().index(turn, 0)))
    assert max(counts) < ROWS / 20, counts  # re-measuring every row would be >= ROWS per step
    word_steps = [size_hints.during(view, lambda w=w: view.set_current(1365, w)) for w in range(1, 4)]
    assert max(word_steps) < ROWS / 20, word_steps


def test_highlights_selection_and_search_repaint_without_measuring_every_row(
    long_view: TranscriptView, size_hints: SizeHintCounter
) -> None:
    view = long_view
    view.scroll_to_turn(600)
    QApplication.processEvents()
    model = view.transcript_model
    quote = " ".join(w.text for w in model.turn(600).words[:2])
    highlight = Highlight(WordRef(600, 0), WordRef(601, 1), quote)
    assert size_hints.during(view, lambda: view.set_highlights([highlight])) < ROWS / 20
    assert model.index(600, 0).data() and model.highlights == [highlight]
    assert size_hints.during(view, lambda: view.set_selected_range(WordRef(600, 1), WordRef(602, 0))) < ROWS / 20
    assert view.selected_range() == (WordRef(600, 1), WordRef(602, 0))
    assert size_hints.during(view, lambda: view.set_search_matches([(600, 0, 3), (1200, 0, 3)], 0)) < ROWS / 20
    assert size_hints.during(view, lambda: view.set_speaker_colors({"Ann": "#aa3355"})) < ROWS / 20


@pytest.mark.parametrize("width", [360, 700, 1300])
def test_estimated_row_heights_match_the_painted_layout(qtbot: QtBot, width: int) -> None:
    delegate = TranscriptDelegate()
    delegate.set_width(width)
    turns = generated_transcript(400, seed=width, most_words=200).turns
    estimated = [delegate.row_height(row, turn) for row, turn in enumerate(turns)]
    delegate.clear_cache()
    laid_out = [int(delegate.row_layout(row, turn).height + 0.999) for row, turn in enumerate(turns)]
    assert estimated == laid_out
    assert len(set(laid_out)) > 3  # turns really wrap into different numbers of lines


def test_a_row_whose_layout_differs_from_its_estimate_gets_its_real_height(qtbot: QtBot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    # A token wider than a line (a long URL, say) is broken anywhere; the estimate only divides its
    # width by the line's, so some lengths come out a line short. Find one, then show it.
    probe = TranscriptDelegate()
    probe.set_width(view.viewport().width())

    def turn_of(length: int) -> Turn:
        words = ["see", "W" * length, "end"]
        return Turn("Ann", [Word(w, i * 100, i * 100 + 90) for i, w in enumerate(words)], 0, 300)

    def estimate_is_off(length: int) -> bool:
        probe.clear_cache()
        estimate = probe.row_height(0, turn_of(length))
        probe.clear_cache()
        return estimate != int(probe.row_layout(0, turn_of(length)).height + 0.999)

    length = next((n for n in range(60, 3000, 7) if estimate_is_off(n)), None)
    assert length is not None, "the estimate got every over-wide word right: pick another case"
    turn = turn_of(length)
    view.set_transcript(Transcript([turn, turn_of(3)]))
    view.doItemsLayout()
    estimate = view.visualRect(view.model().index(0, 0)).height()
    real = int(view.delegate.row_layout(0, turn).height + 0.999)  # as painting or a click would
    assert real != estimate

    def rows() -> tuple[int, int, int]:
        first, second = (view.visualRect(view.model().index(row, 0)) for row in (0, 1))
        return first.top(), first.height(), second.top()

    # The next row moves down (or up) by the difference: the rows were laid out again.
    qtbot.waitUntil(lambda: rows() == (0, real, real), timeout=2000)


def test_waveform_playhead_ticks_reuse_the_drawn_overview(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    wave = WaveformView()
    qtbot.addWidget(wave)
    wave.resize(900, 72)
    wave.show()
    qtbot.waitExposed(wave)
    renders: list[str] = []
    for name in ("_render_base", "_render_wave", "_render_marks"):
        original = getattr(WaveformView, name)

        def counting(self: WaveformView, *args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            renders.append(_name)
            return _original(self, *args, **kw)

        monkeypatch.setattr(WaveformView, name, counting)
    levels = np.abs(np.sin(np.linspace(0, 60, 1_000_000, dtype=np.float32)))
    wave.set_envelope(levels)
    wave.set_duration(3 * 3600 * 1000)
    wave.set_turns([(i * 3600, i * 3600 + 3000, QColor("#3366cc")) for i in range(3000)])
    wave.grab()
    assert sorted(renders) == ["_render_base", "_render_marks", "_render_wave", "_render_wave"]
    assert isinstance(wave._envelope, np.ndarray) and len(wave.envelope) == len(levels)
    renders.clear()
    for ms in range(0, 3 * 3600 * 1000, 100_000):
        wave.set_position(ms)
        wave.grab()  # paints synchronously, like a frame
    assert renders == []  # ticks only copy the cached drawings and draw the playhead
    wave.set_highlight_markers([(60_000, 90_000, QColor("gold"))])
    wave.set_search_markers([120_000])
    wave.grab()
    assert renders == ["_render_marks"]  # markers changed: only they are drawn again
    wave.set_position(3600 * 1000 * 3 // 2)
    image = wave.grab().toImage()
    x = int(wave._x_for(wave.position))

    def colours(x0: int, x1: int) -> set[str]:
        return {image.pixelColor(i, j).name() for i in range(x0, x1) for j in range(10, wave.height() - 10)}

    accent = theme.ACCENT.name()
    assert accent in colours(x - 40, x - 3) and accent not in colours(x + 3, x + 40)  # played | unplayed
