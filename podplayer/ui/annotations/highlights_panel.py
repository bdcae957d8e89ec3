"""The highlights panel: the episode's (or the whole library's) highlights, sortable and filterable.

A QTableView over :class:`HighlightsModel` through :class:`HighlightsFilterProxy` — no widget per
row; rows have one fixed height, so the view never measures rows it does not paint (a QTreeView
walks every row on reset and was three times slower with 5,000 highlights). The panel only emits intent (jump, edit, delete, scope change); the controller acts on it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.codebook import tag_tree, walk_tree
from podplayer.core.model import Highlight, Tag
from podplayer.ui.annotations.highlights_model import (
    HIGHLIGHT_COLORS,
    Column,
    HighlightFilter,
    HighlightRole,
    HighlightsFilterProxy,
    HighlightsModel,
    SortOrder,
)
from podplayer.ui.annotations.suggestions_box import SuggestionsBox

ALL = ""


class HighlightsPanel(QWidget):
    """Lists highlights; emits ``activated`` (jump and play), ``editRequested``, ``deleteRequested``."""

    activated = Signal(object)  # Highlight
    editRequested = Signal(object)  # Highlight
    reattachRequested = Signal(object)  # a detached Highlight, to go on the transcript's selection
    deleteRequested = Signal(list)  # list[Highlight]
    shareRequested = Signal(object)  # Highlight: Share → Video… / Card…
    libraryScopeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Highlights panel")
        self.model = HighlightsModel(self)
        self.proxy = HighlightsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.scope_button = QToolButton(self)
        self.scope_button.setText("Library")
        self.scope_button.setCheckable(True)
        self.scope_button.setToolTip("Show highlights from every episode")
        self.scope_button.setAccessibleName("Library scope")
        self.scope_button.toggled.connect(self._scope_toggled)

        self.sort_combo = QComboBox(self)
        self.sort_combo.setAccessibleName("Sort highlights")
        self.sort_combo.addItem("By time", SortOrder.TIME)
        self.sort_combo.addItem("By creation", SortOrder.CREATED)
        self.sort_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_sort(SortOrder(self.sort_combo.currentData()))
        )

        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter highlights")
        self.text_filter.setAccessibleName("Filter highlights")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self._apply_filter)

        self.tag_combo = self._filter_combo("Filter by tag", "All tags")
        self.speaker_combo = self._filter_combo("Filter by speaker", "All speakers")
        self.color_combo = self._filter_combo("Filter by colour", "All colours")
        for name in HIGHLIGHT_COLORS:
            self.color_combo.addItem(name, name)

        self.view = QTableView(self)
        self.view.setAccessibleName("Highlights")
        self.view.setModel(self.proxy)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self._activate_index)
        self.view.clicked.connect(self._activate_index)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.EXCERPT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        for column, width in ((Column.TIME, 68), (Column.EPISODE, 110), (Column.SPEAKER, 60), (Column.TAGS, 70), (Column.NOTE, 64)):
            header.resizeSection(column, width)
        self.view.setColumnHidden(Column.EPISODE, True)

        self.delete_action = QAction("Delete highlight", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._delete_selected)
        self.view.addAction(self.delete_action)

        top = QHBoxLayout()
        top.addWidget(self.text_filter, 1)
        top.addWidget(self.sort_combo)
        top.addWidget(self.scope_button)
        filters = QHBoxLayout()
        filters.addWidget(self.tag_combo)
        filters.addWidget(self.speaker_combo)
        filters.addWidget(self.color_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.suggestions = SuggestionsBox(self)  # the podcast's soundbites, apart from the user's highlights
        layout.addWidget(self.suggestions)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

    def _filter_combo(self, name: str, all_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(all_label, ALL)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    # --- content ------------------------------------------------------------------------------
    @property
    def library_scope(self) -> bool:
        return self.scope_button.isChecked()

    def set_library_scope(self, on: bool) -> None:
        self.scope_button.setChecked(on)

    def set_highlights(self, highlights: list[Highlight], titles: dict[int, str] | None = None) -> None:
        """Show ``highlights``; selection (by id) and filters survive the refresh."""
        selected = {h.id for h in self.selected_highlights()}
        self.model.set_highlights(highlights, titles)
        if self.view.isColumnHidden(Column.EPISODE) == self.library_scope:  # relayouts: only on a change
            self.view.setColumnHidden(Column.EPISODE, not self.library_scope)
        speakers = sorted({h.speaker for h in highlights if h.speaker}, key=str.casefold)
        self._refill(self.speaker_combo, speakers)
        if selected:
            self._select_ids(selected)

    def set_tags(self, tags: list[Tag]) -> None:
        """The codebook as an indented tree; choosing a parent shows its children's highlights too."""
        nodes = walk_tree(tag_tree(tags))
        self._refill(self.tag_combo, [n.name for _, n in nodes], ["    " * depth + n.label for depth, n in nodes])

    def _refill(self, combo: QComboBox, values: list[str], labels: list[str] | None = None) -> None:
        if [combo.itemData(i) for i in range(1, combo.count())] == values:
            return  # refilling would relayout the panel for nothing
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value, label in zip(values, labels or values, strict=True):
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        if index < 0 and current:
            self._apply_filter()

    def visible_highlights(self) -> list[Highlight]:
        """Highlights as shown (filtered and sorted), top to bottom."""
        return [self.proxy.index(r, 0).data(HighlightRole) for r in range(self.proxy.rowCount())]

    def selected_highlights(self) -> list[Highlight]:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return [index.data(HighlightRole) for index in rows]

    def select_highlight(self, highlight_id: int) -> None:
        self._select_ids({highlight_id})

    def _select_ids(self, ids: set[int | None]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(HighlightRole).id in ids:
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                )
                self.view.scrollTo(index)

    # --- intent -------------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            HighlightFilter(
                text=self.text_filter.text(),
                tag=self.tag_combo.currentData() or ALL,
                speaker=self.speaker_combo.currentData() or ALL,
                color=self.color_combo.currentData() or ALL,
            )
        )

    def _scope_toggled(self, on: bool) -> None:
        self.view.setColumnHidden(Column.EPISODE, not on)
        self.libraryScopeChanged.emit(on)

    def _activate_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(index.data(HighlightRole))

    def _delete_selected(self) -> None:
        chosen = self.selected_highlights()
        if chosen:
            self.deleteRequested.emit(chosen)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.context_menu(index.data(HighlightRole)).exec(self.view.viewport().mapToGlobal(pos))

    def context_menu(self, highlight: Highlight) -> QMenu:
        """The right-click menu of one highlight."""
        menu = QMenu(self)
        menu.addAction("Play from here", lambda: self.activated.emit(highlight))
        menu.addAction("Edit…", lambda: self.editRequested.emit(highlight))
        if highlight.detached:
            menu.addAction("Re-attach to the selected words", lambda: self.reattachRequested.emit(highlight))
        share = menu.addMenu("Share")
        share.setEnabled(not highlight.is_bookmark)
        share.addAction("Video…", lambda: self.shareRequested.emit(highlight))
        share.addAction("Card…", lambda: self.shareRequested.emit(highlight))
        menu.addAction(self.delete_action)
        return menu
