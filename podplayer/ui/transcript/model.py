"""The transcript as a Qt list model: one row per speaker turn, state exposed through custom roles.

The model holds view state that changes while playing or annotating (current turn/word, highlights,
search matches, the word selection, the stretch of audio not in the transcript that is playing) and
emits ``dataChanged`` only for the rows whose state changed, so a 40,000-word episode repaints one or
two rows per position tick. ``dataChanged`` never means a row changed size (turn text only changes
through ``set_transcript``, a model reset; chapter headings and notes of audio not in the transcript
are re-laid out by TranscriptView itself): the view relies on that to repaint those rows without
re-measuring every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from podplayer.core.model import Highlight, Transcript, Turn, WordRef
from podplayer.core.untranscribed import UntranscribedStretch
from podplayer.ui import theme

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    TURN = Qt.ItemDataRole.UserRole + 1  # the core Turn
    SPEAKER = Qt.ItemDataRole.UserRole + 2
    START_MS = Qt.ItemDataRole.UserRole + 3
    SPEAKER_COLOR = Qt.ItemDataRole.UserRole + 4  # QColor
    IS_CURRENT = Qt.ItemDataRole.UserRole + 5  # bool
    CURRENT_WORD = Qt.ItemDataRole.UserRole + 6  # int | None
    HIGHLIGHT_SPANS = Qt.ItemDataRole.UserRole + 7  # list[HighlightSpan]
    SEARCH_SPANS = Qt.ItemDataRole.UserRole + 8  # list[tuple[int, int, bool]] char spans, is current
    SELECTION = Qt.ItemDataRole.UserRole + 9  # tuple[int, int] inclusive word range | None
    TEXT = Qt.ItemDataRole.UserRole + 10
    CHAPTER_TITLES = Qt.ItemDataRole.UserRole + 11  # list[str]: chapters starting at this turn
    UNTRANSCRIBED_BEFORE = Qt.ItemDataRole.UserRole + 12  # ms of audio not in the transcript before this turn
    UNTRANSCRIBED_NOTE = Qt.ItemDataRole.UserRole + 13  # UntranscribedStretch noted before this turn | None
    UNTRANSCRIBED_PLAYING = Qt.ItemDataRole.UserRole + 14  # the UntranscribedStretch playing, on its note's row


@dataclass(frozen=True, slots=True)
class HighlightSpan:
    """The part of a highlight that falls in one turn (inclusive word range)."""

    first_word: int
    last_word: int
    color: QColor
    highlight: Highlight


class TranscriptModel(QAbstractListModel):
    highlightsChanged = Signal()
    searchMatchesChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._transcript = Transcript([])
        self._speaker_colors: dict[str, str] = {}
        self._current_turn: int | None = None
        self._current_word: int | None = None
        self._highlights: dict[int, list[HighlightSpan]] = {}
        self._all_highlights: list[Highlight] = []
        self._search: dict[int, list[tuple[int, int, bool]]] = {}
        self._search_list: list[tuple[int, int, int]] = []
        self._selection: tuple[WordRef, WordRef] | None = None
        self._notes: dict[int, UntranscribedStretch] = {}
        self._playing_stretch: UntranscribedStretch | None = None
        self._chapter_titles: dict[int, list[str]] = {}

    # --- content ----------------------------------------------------------------------------
    @property
    def transcript(self) -> Transcript:
        return self._transcript

    def set_transcript(self, transcript: Transcript, speaker_colors: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._transcript = transcript
        self._speaker_colors = dict(speaker_colors or {})
        self._current_turn = None
        self._current_word = None
        self._highlights = {}
        self._all_highlights = []
        self._search = {}
        self._search_list = []
        self._selection = None
        self._notes = {}
        self._playing_stretch = None
        self._chapter_titles = {}
        self.endResetModel()

    def replace_rows(self, transcript: Transcript, first: int, count: int) -> None:
        """``transcript`` differs from the one shown only in the words of rows ``first``.. (as many
        rows as before): no reset, only those rows change. Their sizes may change: the view lays out."""
        self._transcript = transcript
        for row in range(first, first + count):
            self._changed_row(row)

    def set_untranscribed(self, notes: dict[int, UntranscribedStretch]) -> None:
        """Audio the transcript lacks (ads), noted on the turn that follows it (row -> stretch).
        The notes change row sizes: TranscriptView.set_untranscribed re-lays the rows out."""
        self._notes = dict(notes)
        self._changed_all()

    def set_speaker_colors(self, colors: dict[str, str]) -> None:
        self._speaker_colors = dict(colors)
        self._changed_all()

    def turn(self, row: int) -> Turn:
        return self._transcript.turns[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._transcript.turns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._transcript.turns):
            return None
        row = index.row()
        turn = self._transcript.turns[row]
        if role in (Qt.ItemDataRole.DisplayRole, Role.TEXT):
            return turn.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            note = self._notes.get(row)
            now = self.data(index, Role.UNTRANSCRIBED_PLAYING) is not None
            before = f"{note.describe(playing=now)}. " if note else ""
            chapters = "".join(f"Chapter: {title}. " for title in self._chapter_titles.get(row, ()))
            return f"{before}{chapters}{turn.speaker}: {turn.text}"
        if role == Role.CHAPTER_TITLES:
            return list(self._chapter_titles.get(row, ()))
        if role == Role.TURN:
            return turn
        if role == Role.SPEAKER:
            return turn.speaker
        if role == Role.START_MS:
            return turn.start_ms
        if role == Role.SPEAKER_COLOR:
            return theme.speaker_color(turn.speaker, self._speaker_colors)
        if role == Role.IS_CURRENT:
            return row == self._current_turn
        if role == Role.CURRENT_WORD:
            return self._current_word if row == self._current_turn else None
        if role == Role.HIGHLIGHT_SPANS:
            return self._highlights.get(row, [])
        if role == Role.SEARCH_SPANS:
            return self._search.get(row, [])
        if role == Role.SELECTION:
            return self._selection_in_row(row)
        if role == Role.UNTRANSCRIBED_BEFORE:
            note = self._notes.get(row)
            return note.length_ms if note else None
        if role == Role.UNTRANSCRIBED_NOTE:
            return self._notes.get(row)
        if role == Role.UNTRANSCRIBED_PLAYING:
            playing = self._playing_stretch
            return playing if playing is not None and playing.turn == row else None
        return None

    # --- playing position ---------------------------------------------------------------------
    @property
    def current_turn(self) -> int | None:
        return self._current_turn

    @property
    def current_word(self) -> int | None:
        return self._current_word

    @property
    def playing_stretch(self) -> UntranscribedStretch | None:
        return self._playing_stretch

    @property
    def current_row(self) -> int | None:
        """The row showing where the playhead is: the playing turn, or the note of the ad playing."""
        if self._current_turn is not None:
            return self._current_turn
        return self._playing_stretch.turn if self._playing_stretch is not None else None

    def set_playing_stretch(self, stretch: UntranscribedStretch | None) -> None:
        """The stretch not in the transcript that plays now: its note becomes the current place."""
        if stretch == self._playing_stretch:
            return
        old = self._playing_stretch
        self._playing_stretch = stretch
        for row in {s.turn for s in (old, stretch) if s is not None}:
            if row is not None and 0 <= row < self.rowCount():
                self._changed_row(row)

    def set_current(self, turn: int | None, word: int | None) -> None:
        """Move the karaoke marker; repaints only the old and the new row."""
        if (turn, word) == (self._current_turn, self._current_word):
            return
        old = self._current_turn
        self._current_turn, self._current_word = turn, word
        for row in {old, turn}:
            if row is not None and 0 <= row < self.rowCount():
                self._changed_row(row)

    # --- chapter headings -------------------------------------------------------------------------
    def set_chapter_titles(self, titles: dict[int, list[str]]) -> None:
        """The chapters starting at each turn. Their headings change row sizes: the view re-lays
        the rows out itself (see TranscriptView.set_chapters); this only repaints them."""
        old = self._chapter_titles
        self._chapter_titles = {row: list(t) for row, t in titles.items() if t}
        for row in set(old) | set(self._chapter_titles):
            if old.get(row) != self._chapter_titles.get(row) and 0 <= row < self.rowCount():
                self._changed_row(row)

    # --- highlights ---------------------------------------------------------------------------
    def set_highlights(self, highlights: list[Highlight]) -> None:
        spans: dict[int, list[HighlightSpan]] = {}
        n = len(self._transcript.turns)
        for h in highlights:
            if h.is_bookmark:
                continue
            first, last = (h.start, h.end) if h.start <= h.end else (h.end, h.start)
            color = theme.highlight_color(h.color)
            for row in range(max(first.turn, 0), min(last.turn, n - 1) + 1):
                words = len(self._transcript.turns[row].words)
                w0 = first.word if row == first.turn else 0
                w1 = last.word if row == last.turn else words - 1
                spans.setdefault(row, []).append(HighlightSpan(w0, w1, color, h))
        old_spans = self._highlights
        self._highlights = spans
        self._all_highlights = list(highlights)
        for row in sorted(set(old_spans) | set(spans)):  # repaint only the rows whose spans changed
            if 0 <= row < n and old_spans.get(row) != spans.get(row):
                self._changed_row(row)
        self.highlightsChanged.emit()

    @property
    def highlights(self) -> list[Highlight]:
        return list(self._all_highlights)

    def highlights_at(self, ref: WordRef) -> list[Highlight]:
        return [s.highlight for s in self._highlights.get(ref.turn, []) if s.first_word <= ref.word <= s.last_word]

    # --- search matches -------------------------------------------------------------------------
    def set_search_matches(self, matches: list[tuple[int, int, int]], current: int) -> None:
        old_rows = set(self._search)
        found: dict[int, list[tuple[int, int, bool]]] = {}
        for i, (row, c0, c1) in enumerate(matches):
            found.setdefault(row, []).append((c0, c1, i == current))
        self._search = found
        self._search_list = list(matches)
        for row in old_rows | set(found):
            if 0 <= row < self.rowCount():
                self._changed_row(row)
        self.searchMatchesChanged.emit()

    @property
    def search_matches(self) -> list[tuple[int, int, int]]:
        return list(self._search_list)

    # --- word selection -----------------------------------------------------------------------
    @property
    def selection(self) -> tuple[WordRef, WordRef] | None:
        return self._selection

    def set_selection(self, selection: tuple[WordRef, WordRef] | None) -> None:
        if selection is not None and selection[1] < selection[0]:
            selection = (selection[1], selection[0])
        old = self._selection
        if old == selection:
            return
        self._selection = selection
        rows: set[int] = set()
        for sel in (old, selection):
            if sel is not None:
                rows.update(range(sel[0].turn, sel[1].turn + 1))
        for row in rows:
            if 0 <= row < self.rowCount():
                self._changed_row(row)

    def _selection_in_row(self, row: int) -> tuple[int, int] | None:
        sel = self._selection
        if sel is None or not sel[0].turn <= row <= sel[1].turn:
            return None
        words = len(self._transcript.turns[row].words)
        w0 = sel[0].word if row == sel[0].turn else 0
        w1 = sel[1].word if row == sel[1].turn else words - 1
        return (w0, w1)

    # --- helpers ------------------------------------------------------------------------------
    def _changed_row(self, row: int) -> None:
        idx = self.index(row, 0)
        self.dataChanged.emit(idx, idx)

    def _changed_all(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))
