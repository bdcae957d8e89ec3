"""While audio the transcript lacks (an ad) plays, no word is current: the note above the turn after it
is the current place, followed like a turn, with a Skip button (and Playback → Skip ad, key S) that
jumps to the ad's end; after the ad, follow resumes on the next turn's first word.

The episodes here were re-synced before (their finding is stored as the sync check would store it),
so the window shows the stretch on opening, as it does for a re-synced episode.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from podplayer.core.align.sync_report import EpisodeSync, Stretch, StretchKind, SyncReport, SyncState
from podplayer.core.chapters.model import Chapter
from podplayer.core.model import Episode, Transcript, Turn, Word, WordRef
from podplayer.core.untranscribed import UntranscribedStretch
from podplayer.store.repository import Library
from podplayer.ui.transcript.model import Role
from podplayer.ui.window.main_window import MainWindow
from tests.ui.conftest import open_and_wait
from tests.ui.test_transcript_view import make_view

LEFT = Qt.MouseButton.LeftButton
WORD_MS = 400
AD = (3000, 8000)  # 5 s of audio the transcript lacks, between the first and the second turn
AUDIO_MS = 14_000


def _turn(speaker: str, start: int, text: str) -> Turn:
    words = [Word(w, start + i * WORD_MS, start + (i + 1) * WORD_MS - 50) for i, w in enumerate(text.split())]
    return Turn(speaker, words, start, words[-1].end_ms)


def ad_transcript() -> Transcript:
    return Transcript(
        [
            _turn("Ann", 500, "alpha bravo charlie delta echo"),
            _turn("Ben", 8200, "foxtrot golf hotel india juliet"),
            _turn("Ann", 10_800, "kilo lima mike november oscar"),
        ],
        title="With an ad",
    )


def resynced(library: Library, episode_id: int, ads: list[tuple[int, int]], duration_ms: int) -> None:
    """Store the finding a sync check and a re-sync leave: these stretches are audio the transcript lacks."""
    stretches = tuple(
        Stretch(StretchKind.INSERTED, a, b, (b - a) / 1000, sum(y - x for x, y in ads[: i + 1]))
        for i, (a, b) in enumerate(ads)
    )
    library.set_sync_check(episode_id, EpisodeSync(SyncReport(duration_ms, stretches), SyncState.RESYNCED))


@pytest.fixture(scope="module")
def ad_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """14 s of real audio: a voice-like tone, with a different, louder tone where the ad is."""
    path = tmp_path_factory.mktemp("ad-audio") / "with-ad.mp3"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         f"sine=frequency=330:duration={AUDIO_MS / 1000},"
         "volume='if(between(t,3,8),0.9,if(lt(mod(t,2),1.6),0.5,0.02))':eval=frame",
         "-ac", "1", "-ar", "22050", "-b:a", "48k", str(path)],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture
def ad_episode(library: Library, ad_audio: Path) -> int:
    episode_id = library.add_episode(Episode("With an ad", ad_transcript(), str(ad_audio), duration_ms=AUDIO_MS))
    resynced(library, episode_id, [AD], AUDIO_MS)
    return episode_id


def _note_playing(window: MainWindow, row: int) -> UntranscribedStretch | None:
    model = window.transcript_view.transcript_model
    playing: UntranscribedStretch | None = model.index(row, 0).data(Role.UNTRANSCRIBED_PLAYING)
    return playing


def _no_turn_current(window: MainWindow) -> bool:
    model = window.transcript_view.transcript_model
    rows = range(model.rowCount())
    return model.current_word is None and not any(model.index(r, 0).data(Role.IS_CURRENT) for r in rows)


def test_inside_an_ad_its_note_is_the_current_place_and_skip_jumps_to_its_end(
    qtbot: QtBot, make_window: Callable[[], MainWindow], ad_episode: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, ad_episode)
    view, controller = window.transcript_view, window.controller
    model = view.transcript_model
    assert model.index(1, 0).data(Role.UNTRANSCRIBED_NOTE) == UntranscribedStretch(*AD, 1)

    controller.seek(2000)
    assert (model.current_turn, model.current_word) == (0, 3)
    assert _note_playing(window, 1) is None and not window.menu_actions.skip_ad.isEnabled()

    controller.seek(5000)  # inside the ad: the word before it is no longer shown as spoken
    assert _no_turn_current(window)
    assert _note_playing(window, 1) == UntranscribedStretch(*AD, 1)
    assert model.current_row == 1
    assert model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Playing 5 s not in the transcript (likely an ad). Ben: foxtrot"
    )
    assert window.menu_actions.skip_ad.isEnabled()

    skip = view.skip_button_center(1)
    assert skip is not None
    assert view.tooltip_text_at(skip) == "Skip to the end of the audio not in the transcript (S)"
    qtbot.mouseClick(view.viewport(), LEFT, pos=skip)
    qtbot.waitUntil(lambda: controller.position == AD[1], timeout=3000)
    assert (model.current_turn, model.current_word) == (1, 0)  # the next turn's first word, not the one before
    assert _note_playing(window, 1) is None and not window.menu_actions.skip_ad.isEnabled()
    assert window.statusBar().currentMessage() == "Skipped 5 s not in the transcript (likely an ad)"


def test_seeking_into_the_grey_on_the_waveform_or_clicking_the_note(
    qtbot: QtBot, make_window: Callable[[], MainWindow], ad_episode: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, ad_episode)
    view, wave, controller = window.transcript_view, window.waveform, window.controller
    assert wave.untranscribed == [AD]
    x = next(x for x in range(wave.width()) if wave.position_at_x(x) >= 6000)
    qtbot.mouseClick(wave, LEFT, pos=QPoint(x, wave.height() // 2))
    assert AD[0] <= controller.position < AD[1]
    assert _no_turn_current(window) and _note_playing(window, 1) is not None

    controller.seek(12_000)
    assert view.transcript_model.current_turn == 2
    # A click on the note (not on Skip) plays the ad from its start.
    rect = view.visualRect(view.transcript_model.index(1, 0))
    on_note = QPoint(rect.left() + rect.width() // 2, rect.top() + 16)
    assert view.note_part_at(on_note) == (1, "note")
    assert view.tooltip_text_at(on_note) == "Audio not in the transcript (likely an ad), 0:03–0:08. Click to play it."
    with qtbot.waitSignal(controller.playingChanged, timeout=5000):
        qtbot.mouseClick(view.viewport(), LEFT, pos=on_note)
    assert _note_playing(window, 1) is not None and _no_turn_current(window)
    controller.pause()
    assert AD[0] <= controller.position < AD[1]


def test_playing_out_of_an_ad_follow_resumes_on_the_next_turns_first_word(
    qtbot: QtBot, make_window: Callable[[], MainWindow], ad_episode: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, ad_episode)
    controller, model = window.controller, window.transcript_view.transcript_model
    seen: list[tuple[int, object, object, bool]] = []  # what the view shows, per position tick

    def sample(position: int) -> None:
        shown = (model.current_turn, model.current_word, model.playing_stretch is not None)
        if not seen or seen[-1][1:] != shown:
            seen.append((position, *shown))

    controller.seek(AD[0] - 700)  # Ann's last word, just before the ad
    controller.positionChanged.connect(sample)
    controller.set_rate(1.5)
    controller.play()
    qtbot.waitUntil(lambda: model.current_turn == 1 and (model.current_word or 0) >= 1, timeout=15_000)
    controller.pause()
    # Ann's last word, then the ad's note (no word at all), then Ben's first word, then his second:
    # never Ann's last word again during the ad or after it.
    assert [shown for _pos, *shown in seen][:4] == [[0, 4, False], [None, None, True], [1, 0, False], [1, 1, False]]
    assert AD[0] <= seen[1][0] < AD[0] + 500, seen  # the note became current as the ad began
    assert AD[1] <= seen[2][0] < 8200 + WORD_MS, seen  # follow resumed as the ad ended, on Ben's first word


def test_skip_ad_in_the_playback_menu_and_its_key(
    qtbot: QtBot, make_window: Callable[[], MainWindow], ad_episode: int
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, ad_episode)
    action = window.menu_actions.skip_ad
    assert action in window.menus["playback"].actions() and action.text() == "Skip a&d"
    controller = window.controller
    controller.seek(4000)
    assert action.isEnabled()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.transcript_view.setFocus()
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: controller.position == AD[1], timeout=3000)
    assert not action.isEnabled()
    position = controller.position
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_S)  # outside an ad the key does nothing
    assert controller.position == position


def test_follow_brings_the_playing_note_into_view(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow]
) -> None:
    # Sixty turns, 3 s each, with a 30 s ad before turn 45; no audio (a virtual playhead).
    turns = [_turn("Ann" if i % 2 else "Ben", 1000 + i * 3000 + (30_000 if i >= 45 else 0),
                   "one two three four five") for i in range(60)]  # fmt: skip
    ad = (1000 + 45 * 3000 - 400, 1000 + 45 * 3000 + 29_600)
    duration = turns[-1].end_ms or 0
    episode_id = library.add_episode(Episode("Long", Transcript(turns), None, duration_ms=duration))
    resynced(library, episode_id, [ad], duration)
    window = make_window()
    assert window.session.open(episode_id)
    view, model = window.transcript_view, window.transcript_view.transcript_model

    window.controller.seek(ad[0] + 10_000)
    assert model.current_row == 45 and _no_turn_current(window)
    band = view.visualRect(model.index(45, 0))
    assert 0 <= band.top() < view.viewport().height() // 2  # where follow puts the playing turn

    view.verticalScrollBar().triggerAction(view.verticalScrollBar().SliderAction.SliderToMinimum)
    assert not view.follow and view.back_to_now.isVisible()
    qtbot.mouseClick(view.back_to_now, LEFT)
    band = view.visualRect(model.index(45, 0))
    assert view.follow and 0 <= band.top() < view.viewport().height() // 2


def test_a_note_sits_above_a_chapter_heading_and_the_turn(qtbot: QtBot) -> None:
    view = make_view(qtbot, ad_transcript())
    view.set_chapters([Chapter(0.0, "Intro"), Chapter(8.2, "After the break")])
    before = view.visualRect(view.transcript_model.index(1, 0)).height()
    view.set_untranscribed([AD])
    model = view.transcript_model
    qtbot.waitUntil(lambda: view.visualRect(model.index(1, 0)).height() > before)  # the rows were laid out again
    row = view.visualRect(model.index(1, 0))
    heading = view.heading_rect(1)
    assert heading is not None
    band_point = QPoint(row.left() + 200, row.top() + 16)
    assert view.note_part_at(band_point) == (1, "note")
    assert band_point.y() < heading[1]  # the band, then the chapter heading, then the turn
    heading_point = QPoint(heading[0] + 10, heading[1] + heading[3] // 2)
    assert view.heading_at(heading_point) is not None and view.note_part_at(heading_point) is None
    word = view.word_center(WordRef(1, 0))
    assert word is not None and word.y() > heading[1] + heading[3]
    assert view.word_at(word) == WordRef(1, 0)
    view.set_untranscribed([])
    qtbot.waitUntil(lambda: view.visualRect(model.index(1, 0)).height() == before)
    assert view.note_part_at(band_point) != (1, "note")
