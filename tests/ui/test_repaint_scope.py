"""A change repaints only what it touched: the models tell their views about changed rows only."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractItemModel
from pytestqt.qtbot import QtBot

from podplayer.core.model import EpisodeSummary, Highlight, Timing, WordRef
from podplayer.ui.annotations.highlights_model import HighlightFilter, HighlightsFilterProxy, HighlightsModel
from podplayer.ui.library_list import EpisodeListModel
from podplayer.ui.transcript.model import TranscriptModel
from tests.helpers_store import sample_transcript


class Spy:
    """Every change signal a model emits, as (kind, first row, last row)."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.events: list[tuple[str, int, int]] = []
        model.dataChanged.connect(lambda a, b, _roles=None: self.events.append(("changed", a.row(), b.row())))
        model.rowsInserted.connect(lambda _p, a, b: self.events.append(("inserted", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.events.append(("removed", a, b)))
        model.modelReset.connect(lambda: self.events.append(("reset", -1, -1)))


def highlight(hid: int, turn: int, first: int, last: int, color: str = "yellow", end_turn: int | None = None) -> Highlight:
    return Highlight(WordRef(turn, first), WordRef(end_turn if end_turn is not None else turn, last), f"q{hid}",
                     id=hid, color=color, start_ms=hid * 1000)


def test_transcript_rows_repaint_only_where_a_highlight_changed(qtbot: QtBot) -> None:
    model = TranscriptModel()
    model.set_transcript(sample_transcript())
    assert model.rowCount() >= 4
    existing = [highlight(1, 0, 0, 2), highlight(2, 3, 1, 2)]
    model.set_highlights(existing)
    spy = Spy(model)

    model.set_highlights([*existing, highlight(3, 1, 2, 4, end_turn=2)])  # a new one over turns 1 and 2
    assert spy.events == [("changed", 1, 1), ("changed", 2, 2)]

    spy.events.clear()
    model.set_highlights([existing[0], highlight(2, 3, 1, 2, color="green"), highlight(3, 1, 2, 4, end_turn=2)])
    assert spy.events == [("changed", 3, 3)]  # recoloured: only its turn

    spy.events.clear()
    model.set_highlights(list(model.highlights))  # the same again: nothing to repaint
    assert spy.events == []


def test_highlights_panel_model_inserts_edits_and_removes_single_rows(qtbot: QtBot) -> None:
    model = HighlightsModel()
    rows = [highlight(i, i, 0, 1) for i in (1, 2, 3)]
    model.set_highlights(rows)
    spy = Spy(model)

    model.set_highlights([rows[0], highlight(9, 1, 2, 3), rows[1], rows[2]])  # sorted by time: lands last
    assert spy.events == [("inserted", 3, 3)]
    assert [h.id for h in model.highlights()] == [1, 2, 3, 9]

    spy.events.clear()
    edited = dataclasses.replace(rows[1], tags=["new tag"])
    model.set_highlights([rows[0], edited, rows[2], highlight(9, 1, 2, 3)])
    assert spy.events == [("changed", 1, 1)]
    assert model.index(1, 4).data() == "new tag"

    spy.events.clear()
    model.set_highlights([rows[0], edited, highlight(9, 1, 2, 3)])
    assert spy.events == [("removed", 2, 2)]

    spy.events.clear()
    model.set_highlights([highlight(20, 0, 0, 0), highlight(21, 1, 0, 0)])  # another episode's: reset
    assert spy.events == [("reset", -1, -1)]


def test_the_filter_judges_inserted_and_edited_rows(qtbot: QtBot) -> None:
    model = HighlightsModel()
    proxy = HighlightsFilterProxy()
    proxy.setSourceModel(model)
    tagged = dataclasses.replace(highlight(1, 0, 0, 1), tags=["keep"])
    model.set_highlights([tagged, highlight(2, 1, 0, 1)])
    proxy.set_filter(HighlightFilter(tag="keep"))
    assert proxy.rowCount() == 1

    model.set_highlights([tagged, highlight(2, 1, 0, 1), dataclasses.replace(highlight(3, 2, 0, 1), tags=["keep"])])
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["0:01", "0:03"]

    model.set_highlights([tagged, dataclasses.replace(highlight(2, 1, 0, 1), tags=["keep"]),
                          dataclasses.replace(highlight(3, 2, 0, 1), tags=[])])
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["0:01", "0:02"]
    assert proxy.mapToSource(proxy.index(1, 0)).row() == 1


def test_library_list_repaints_only_the_episode_whose_summary_changed(qtbot: QtBot) -> None:
    model = EpisodeListModel()
    episodes = [EpisodeSummary(i, f"Episode {i}", None, 60_000, 0, 0, Timing.WORD) for i in (1, 2, 3)]
    model.set_episodes(episodes)
    spy = Spy(model)
    counted = [*episodes[:1], dataclasses.replace(episodes[1], highlight_count=1), *episodes[2:]]
    model.set_episodes(counted)
    assert spy.events == [("changed", 1, 1)]
    assert model.summary(1).highlight_count == 1
    spy.events.clear()
    model.set_episodes(counted[:2])  # one deleted: the list is rebuilt
    assert spy.events == [("reset", -1, -1)]
