"""Chapters in the real window: headings in the transcript, marks on the waveform, the chapter list
(a click plays from a chapter) and Playback → Previous / Next chapter, with real audio playing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from podplayer.core.chapters import Chapter, ChapterSource, read_embedded_chapters
from podplayer.core.model import Episode
from podplayer.store.repository import Library
from podplayer.ui.dialogs.shortcuts_sheet import collect_shortcuts
from podplayer.ui.transcript.model import Role
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_chapters import mp3_with_id3_chapters
from tests.helpers_http import LocalServer
from tests.helpers_typing import present
from tests.ui.conftest import open_and_wait, word_timed_transcript

# Turns of the word-timed transcript start at 0.5 s, 3.1 s and 5.7 s.
SPECS = [(0.0, 3.0, "Opening"), (3.0, 5.6, "The middle part"), (5.6, 10.0, "Closing")]
STARTS_MS = [0, 3000, 5600]


@pytest.fixture(scope="module")
def chaptered_mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mp3_with_id3_chapters(tmp_path_factory.mktemp("audio") / "chaptered.mp3", SPECS, seconds=10.0)


@pytest.fixture
def chaptered_id(library: Library, chaptered_mp3: Path) -> int:
    """An episode whose chapters were read from its MP3's ID3 frames (as importing a file does)."""
    episode = Episode("Chaptered", word_timed_transcript(), str(chaptered_mp3), duration_ms=10_000)
    return library.add_episode(episode, read_embedded_chapters(chaptered_mp3), ChapterSource.EMBEDDED)


def test_chapters_show_as_headings_marks_and_a_list(
    qtbot: QtBot, make_window: Callable[[], MainWindow], chaptered_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    assert window.chapter_list.isVisible()
    assert window.chapter_list.titles() == ["Opening", "The middle part", "Closing"]
    model = window.transcript_view.transcript_model
    assert [model.index(row, 0).data(Role.CHAPTER_TITLES) for row in range(3)] == [
        ["Opening"], ["The middle part"], ["Closing"]
    ]
    assert model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Chapter: The middle part. Ben:")
    assert [ms for ms, _ in window.waveform.chapter_marks] == STARTS_MS
    # The heading is painted where the view has it: its rectangle lies inside the row, above the speaker.
    view = window.transcript_view
    hx, hy, hw, hh = view.heading_rect(1) or (0, 0, 0, 0)
    row = view.visualRect(model.index(1, 0))
    assert row.top() <= hy and hy + hh <= row.bottom() and hw > 0
    assert view.heading_at(QPoint(hx + 10, hy + hh // 2)) is not None
    sx, sy, _sw, _sh = view.time_label_rect(1)
    assert sy > hy + hh - 2


def test_headings_change_only_their_rows_heights(
    qtbot: QtBot, make_window: Callable[[], MainWindow], chaptered_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    view, delegate = window.transcript_view, window.transcript_view.delegate
    model = view.transcript_model
    with_headings = [delegate.row_height(r, model.turn(r)) for r in range(3)]
    view.set_chapters([])
    without = [delegate.row_height(r, model.turn(r)) for r in range(3)]
    assert all(a > b for a, b in zip(with_headings, without, strict=True))
    view.set_chapters(window.chapters.chapters[1:2])  # only "The middle part": only row 1 grows
    qtbot.waitUntil(lambda: view.visualRect(model.index(1, 0)).height() == delegate.row_height(1, model.turn(1)))
    assert [delegate.row_height(r, model.turn(r)) for r in range(3)] == [without[0], with_headings[1], without[2]]
    # The estimate (no layout) and the laid-out row agree, so no correction pass is needed.
    delegate.invalidate_row(1)
    estimate = delegate.row_height(1, model.turn(1))
    assert estimate == int(delegate.row_layout(1, model.turn(1)).height + 0.999)


def test_clicking_a_chapter_in_the_list_plays_from_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], chaptered_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    tree = window.chapter_list.tree
    rect = tree.visualItemRect(present(tree.topLevelItem(2)))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=5000)
    assert STARTS_MS[2] <= window.controller.position < STARTS_MS[2] + 1500
    qtbot.waitUntil(lambda: window.chapter_list.current == 2, timeout=3000)
    qtbot.waitUntil(lambda: view_current_turn(window) == 2, timeout=3000)


def view_current_turn(window: MainWindow) -> int | None:
    return window.transcript_view.transcript_model.current_turn


def test_clicking_a_heading_plays_from_its_chapter(
    qtbot: QtBot, make_window: Callable[[], MainWindow], chaptered_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    x, y, w, h = window.transcript_view.heading_rect(1) or (0, 0, 0, 0)
    qtbot.mouseClick(window.transcript_view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x + 20, y + h // 2))
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=5000)
    assert STARTS_MS[1] <= window.controller.position < STARTS_MS[1] + 1500
    assert window.transcript_view.selected_range() is None


def test_shortcuts_move_between_chapters(
    qtbot: QtBot, make_window: Callable[[], MainWindow], chaptered_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    c = window.controller
    c.seek(500)
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: c.position == STARTS_MS[1], timeout=3000)
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: c.position == STARTS_MS[2], timeout=3000)
    qtbot.waitUntil(lambda: window.chapter_list.current == 2, timeout=3000)
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # last: stays
    assert c.position == STARTS_MS[2]
    # Within 3 s of a chapter's start, "previous" goes to the chapter before.
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: c.position == STARTS_MS[1], timeout=3000)
    assert not c.is_playing  # moving between chapters keeps playback paused
    # Further into a chapter, "previous" goes back to its own start.
    c.seek(9500)
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: c.position == STARTS_MS[2], timeout=3000)


def test_chapter_shortcuts_are_in_the_menu_and_the_shortcuts_sheet(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    playback = [a.objectName() for a in window.menus["playback"].actions()]
    assert playback.index("previous_chapter") == playback.index("next_turn") + 1
    assert playback.index("next_chapter") == playback.index("next_turn") + 2
    rows = {(group, name): keys for group, name, keys in collect_shortcuts(window.menus)}
    assert rows[("Playback", "Previous chapter")] == "Alt+Left"
    assert rows[("Playback", "Next chapter")] == "Alt+Right"


def test_an_episode_without_chapters_shows_none(
    qtbot: QtBot, make_window: Callable[[], MainWindow], chaptered_id: int, word_episode_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    assert window.chapters.next_action.isEnabled()
    open_and_wait(qtbot, window, word_episode_id)
    assert not window.chapter_list.isVisible()
    assert not window.chapters.next_action.isEnabled()
    assert window.waveform.chapter_marks == []
    model = window.transcript_view.transcript_model
    assert all(model.index(r, 0).data(Role.CHAPTER_TITLES) == [] for r in range(model.rowCount()))
    assert window.transcript_view.heading_rect(0) is None
    window.session.close()
    assert not window.chapter_list.isVisible()


def test_undoing_an_episode_delete_brings_its_chapters_back(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, chaptered_id: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, chaptered_id)
    before = library.chapters(chaptered_id)
    assert window.annotations.library_actions.delete_episode(chaptered_id)
    assert library.episodes() == []
    window.annotations.undo_stack.undo()
    [restored] = library.episodes()
    assert library.chapters(restored.id) == before
    assert library.chapter_source(restored.id) is ChapterSource.EMBEDDED


def test_chapter_titles_with_markup_show_literally(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, word_episode_id: int
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from podplayer.core.chapters import Chapter

    hostile = "<b>Bold</b> & <img src='x.png'>"
    library.set_chapters(word_episode_id, [Chapter(0.0, "Intro"), Chapter(3.0, hostile)], ChapterSource.JSON)
    window = make_window()
    open_and_wait(qtbot, window, word_episode_id)
    assert window.chapter_list.titles() == ["Intro", hostile]
    assert window.transcript_view.transcript_model.index(1, 0).data(Role.CHAPTER_TITLES) == [hostile]
    item = window.chapter_list.tree.topLevelItem(1)
    assert item is not None and "&lt;b&gt;Bold&lt;/b&gt;" in item.toolTip(1) and "<img" not in item.toolTip(1)
    wave = window.waveform
    x = round(wave.chapter_x(1))
    assert wave.chapter_tooltip(x) == f"Chapter: {hostile} (0:03)"
    pos = QPoint(x, wave.height() // 2)
    QApplication.sendEvent(wave, QHelpEvent(QEvent.Type.ToolTip, pos, wave.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert "&lt;img" in QToolTip.text() and "<img" not in QToolTip.text()
    QToolTip.hideText()


def test_dropping_an_m4a_with_chapters_shows_them(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.helpers_chapters import m4a_with_chapters

    audio = m4a_with_chapters(tmp_path / "talk.m4a", [(0.0, 2.5, "Hello"), (2.5, 6.0, "The show")])
    vtt = tmp_path / "talk.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n<v Ann>Hello there friends\n\n"
                   "00:00:02.600 --> 00:00:05.000\n<v Ben>Welcome to the show\n", encoding="utf-8")  # fmt: skip
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(audio)), QUrl.fromLocalFile(str(vtt))])
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    with qtbot.waitSignal(window.session.episodeOpened, timeout=10000):
        window.dropEvent(drop)
    assert window.chapter_list.titles() == ["Hello", "The show"]
    [summary] = library.episodes()
    assert summary.chapter_count == 2
    model = window.transcript_view.transcript_model
    assert [model.index(r, 0).data(Role.CHAPTER_TITLES) for r in range(2)] == [["Hello"], ["The show"]]


def _png(path: Path, color: str) -> bytes:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    image.save(str(path))
    return path.read_bytes()


def test_chapter_images_arrive_in_the_list_and_a_broken_one_is_left_out(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    library: Library,
    chaptered_mp3: Path,
    server: LocalServer,
    tmp_path: Path,
) -> None:
    red = server.add("/red.png", _png(tmp_path / "red.png", "#d01010"), content_type="image/png")
    page = server.add("/page.png", "<html>not an image</html>", content_type="text/html")
    chapters = [
        Chapter(0.0, "Opening", 3.0, image=red),
        Chapter(3.0, "The middle part", 5.6),
        Chapter(5.6, "Closing", 10.0, image=page),
    ]
    episode = Episode("With chapter images", word_timed_transcript(), str(chaptered_mp3), duration_ms=10_000)
    episode_id = library.add_episode(episode, chapters, ChapterSource.JSON)
    window = make_window()
    open_and_wait(qtbot, window, episode_id)
    shown = window.chapter_list
    qtbot.waitUntil(lambda: shown.image_shown(0) is not None, timeout=10_000)
    thumb = shown.image_shown(0)
    assert thumb is not None
    center = thumb.toImage().pixelColor(thumb.width() // 2, thumb.height() // 2)
    assert (center.red(), center.green(), center.blue()) == (0xD0, 0x10, 0x10)
    assert "<img" in present(shown.tree.topLevelItem(0)).toolTip(1)  # the image itself in the tooltip
    qtbot.waitUntil(lambda: not window.jobs.active_jobs, timeout=10_000)
    assert len(server.requests_for("/page.png")) == 1  # asked once; not an image, so not shown
    assert shown.image_shown(1) is None and shown.image_shown(2) is None
    assert "<img" not in present(shown.tree.topLevelItem(2)).toolTip(1)
    assert shown.titles() == ["Opening", "The middle part", "Closing"]
    assert window.banner.kind != "error" and window.banner.isHidden()  # a broken image is no error
