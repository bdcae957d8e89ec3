"""After an import, the window checks the transcript against the audio in the background; a banner
says what is off and re-syncs with one click (undo possible); ads are grey on the waveform, follow
shows them as the current place instead of a word, and they are skipped with one click (or while
playing, when the preference is on)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from podplayer.core.align.sync_report import SyncState
from podplayer.core.feeds.http import HttpClient
from podplayer.core.formats import write_transcript
from podplayer.store.repository import Library
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.model import Role
from podplayer.ui.window.main_window import MainWindow
from podplayer.usecases.podcast_jobs import subscribe
from tests.core.align.ad_variants import Variant, demo_program, variants
from tests.helpers_http import LocalServer
from tests.helpers_typing import present

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def cut(tmp_path_factory: pytest.TempPathFactory) -> tuple[Variant, Path]:
    # The demo's first eight turns with a 12 s pre-roll and a 15 s ad after the fourth turn.
    folder = tmp_path_factory.mktemp("ui-ads")
    variant = variants(demo_program()[:8], {-1: 12_000, 3: 15_000}, folder, ("ads",))["ads"]
    transcript = folder / "ads.json"
    write_transcript(variant.transcript, transcript)
    return variant, transcript


def _import_and_check(qtbot: QtBot, window: MainWindow, cut: tuple[Variant, Path]) -> int:
    variant, transcript = cut
    episode_id = window.open_paths([variant.audio, transcript])
    assert episode_id is not None
    job = window.sync_offer.job
    assert job is not None, "the check starts after the import"
    with qtbot.waitSignal(job.finished, timeout=120_000):
        pass
    return episode_id


def _starts(library: Library, episode_id: int) -> list[int]:
    return [t.start_ms or 0 for t in library.episode(episode_id).transcript.turns]


@pytest.mark.slow
def test_banner_resync_and_undo(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], cut: tuple[Variant, Path]
) -> None:
    variant = cut[0]
    window = make_window()
    episode_id = _import_and_check(qtbot, window, cut)
    banner = window.banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.kind == "warning" and banner.action_button.text() == "Re-sync"
    text = banner.label.text()
    assert text.startswith(
        "This transcript does not fit its audio: audio the transcript lacks (likely ads): 12 s at 0:00, 15 s at "
    )
    assert text.endswith("Without a re-sync, the transcript is 27 s early by the end.")
    own_times = _starts(library, episode_id)

    qtbot.mouseClick(banner.action_button, LEFT)
    starts = _starts(library, episode_id)
    assert max(abs(a - b) for a, b in zip(starts, variant.true_starts, strict=True)) <= 250
    shown = window.session.episode
    assert shown is not None and [t.start_ms for t in shown.transcript.turns] == starts  # the view reloaded
    grey = window.waveform.untranscribed
    assert len(grey) == 2 and all(
        abs(g[0] - t.start_ms) <= 1000 for g, t in zip(grey, variant.stretches, strict=True)
    )
    assert banner.isVisible() and banner.action_button.text() == "Undo"
    model = window.transcript_view.transcript_model
    noted = {row: model.index(row).data(Role.UNTRANSCRIBED_BEFORE) for row in range(model.rowCount())}
    assert {row: ms for row, ms in noted.items() if ms} == {
        0: pytest.approx(12_000, abs=300),
        4: pytest.approx(15_000, abs=300),
    }

    qtbot.mouseClick(banner.action_button, LEFT)
    assert _starts(library, episode_id) == own_times
    assert window.waveform.untranscribed == []
    assert model.index(4).data(Role.UNTRANSCRIBED_BEFORE) is None
    sync = library.sync_check(episode_id)
    assert sync is not None and sync.state is SyncState.DISMISSED  # asked once

    # The re-sync is a step on the window's one undo stack: Edit → Redo does it again, Undo undoes it.
    stack = window.annotations.undo_stack
    assert stack.redoText() == "Re-sync to the audio"
    stack.redo()
    assert _starts(library, episode_id) == starts and len(window.waveform.untranscribed) == 2
    stack.undo()
    assert _starts(library, episode_id) == own_times and window.waveform.untranscribed == []


@pytest.mark.slow
def test_closing_the_banner_keeps_the_times_and_is_remembered(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], cut: tuple[Variant, Path]
) -> None:
    window = make_window()
    episode_id = _import_and_check(qtbot, window, cut)
    qtbot.waitUntil(window.banner.isVisible)
    own_times = _starts(library, episode_id)
    qtbot.mouseClick(window.banner.close_button, LEFT)
    assert not window.banner.isVisible()
    sync = library.sync_check(episode_id)
    assert sync is not None and sync.state is SyncState.DISMISSED
    assert _starts(library, episode_id) == own_times
    window.session.close()
    assert window.session.open(episode_id)
    assert not window.banner.isVisible()


@pytest.mark.slow
def test_automatic_resync_and_skipping_ads_while_playing(
    qtbot: QtBot,
    library: Library,
    settings: Settings,
    make_window: Callable[[], MainWindow],
    cut: tuple[Variant, Path],
) -> None:
    settings.resync_automatically = True
    settings.skip_untranscribed = True
    window = make_window()
    episode_id = _import_and_check(qtbot, window, cut)
    sync = library.sync_check(episode_id)
    assert sync is not None and sync.state is SyncState.RESYNCED
    qtbot.waitUntil(lambda: len(window.waveform.untranscribed) == 2)
    assert window.banner.action_button.text() == "Undo"
    ad_start, ad_end = window.waveform.untranscribed[1]
    controller = window.controller
    qtbot.waitUntil(lambda: controller.has_media, timeout=10_000)
    controller.seek(ad_start - 300)
    with qtbot.waitSignal(controller.skipped, timeout=20_000) as skipped:
        controller.play()
    assert skipped.args == [ad_start, ad_end]
    qtbot.waitUntil(lambda: controller.position >= ad_end, timeout=10_000)
    controller.pause()


@pytest.mark.slow
def test_follow_stays_on_the_right_turns_through_the_ads(
    qtbot: QtBot, settings: Settings, make_window: Callable[[], MainWindow], cut: tuple[Variant, Path]
) -> None:
    settings.resync_automatically = True
    window = make_window()
    _import_and_check(qtbot, window, cut)
    qtbot.waitUntil(lambda: len(window.waveform.untranscribed) == 2)
    variant = cut[0]
    controller, view = window.controller, window.transcript_view
    model = view.transcript_model
    qtbot.waitUntil(lambda: controller.has_media and controller.duration > 0, timeout=10_000)
    ads = [(s.start_ms, s.end_ms) for s in variant.stretches]
    starts = variant.true_starts
    edges = [*starts, *(edge for ad in ads for edge in ad)]  # the check and re-sync are exact to ±1 s here
    checked = 0
    # Every quarter second of the episode, as a click on the waveform would land there.
    for position in range(0, controller.duration, 250):
        if any(abs(position - edge) < 1000 for edge in edges):
            continue
        controller.seek(position)
        turn_after = bisect_right(starts, position)
        if any(a <= position < b for a, b in ads):
            assert (model.current_turn, model.current_word) == (None, None), position
            assert model.current_row == turn_after, position  # the ad's note, above the turn after it
        else:
            assert model.current_turn == (turn_after - 1 if turn_after else None), position
        checked += 1
    assert checked > 100

    # Inside the mid-roll ad, the note's Skip button goes to the ad's end: the next turn, right away.
    ad_start, ad_end = window.waveform.untranscribed[1]
    controller.seek(ad_start + 5000)
    row = model.current_row
    assert row == 4 and model.playing_stretch is not None
    skip = view.skip_button_center(row)
    assert skip is not None
    qtbot.mouseClick(view.viewport(), LEFT, pos=skip)
    assert controller.current == (4, None) and model.current_row == 4 and model.playing_stretch is None
    qtbot.waitUntil(lambda: abs(controller.position - ad_end) < 100, timeout=3000)
    assert abs(ad_end - starts[4]) < 1000


@pytest.mark.slow
def test_a_downloaded_episode_timed_for_another_cut_opens_with_the_banner(
    qtbot: QtBot,
    library: Library,
    make_window: Callable[[], MainWindow],
    cut: tuple[Variant, Path],
    server: LocalServer,
    tmp_path: Path,
) -> None:
    # A feed whose episode audio carries ads its published WebVTT transcript was not timed with.
    variant = cut[0]
    captions = tmp_path / "published.vtt"
    write_transcript(variant.transcript, captions)
    audio_url = server.add_file("/episode.mp3", variant.audio, "audio/mpeg")
    vtt_url = server.add_file("/episode.vtt", captions, "text/vtt")
    feed = server.add(
        "/feed.xml",
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
        "xmlns:podcast='https://podcastindex.org/namespace/1.0'><channel><title>Ads Weekly</title>"
        "<item><title>An episode with new ads</title><guid>ads-1</guid>"
        f"<enclosure url='{audio_url}' type='audio/mpeg' length='1'/>"
        f"<podcast:transcript url='{vtt_url}' type='text/vtt'/></item></channel></rss>",
        content_type="application/rss+xml",
    )
    with HttpClient() as client:
        subscribe(library, client, feed)
    window = make_window()
    window.show_podcasts()
    view = window.podcasts_view
    view.episode_list.setCurrentIndex(view.episode_model.index(0))
    qtbot.mouseClick(view.play_button, LEFT)  # download, check, open and play
    qtbot.waitUntil(lambda: window.session.episode_id is not None, timeout=120_000)
    banner = window.banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.kind == "warning" and banner.action_button.text() == "Re-sync"
    assert banner.label.text().startswith(
        "This transcript does not fit its audio: audio the transcript lacks (likely ads): 12 s at 0:00, 15 s at "
    )
    assert "Sync check:" in window.statusBar().currentMessage()
    episode_id = present(window.session.episode_id)
    qtbot.mouseClick(banner.action_button, LEFT)
    starts = _starts(library, episode_id)
    assert max(abs(a - b) for a, b in zip(starts, variant.true_starts, strict=True)) <= 250
    assert len(window.waveform.untranscribed) == 2
    window.controller.pause()
