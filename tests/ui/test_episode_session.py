"""The episode session on a real library: open, reload, close and their signals, in order."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from podplayer.store.repository import Library
from podplayer.ui.session import EpisodeSession
from tests.helpers_store import sample_episode


def record(session: EpisodeSession) -> list[tuple[object, ...]]:
    events: list[tuple[object, ...]] = []
    session.episodeOpened.connect(lambda i: events.append(("opened", i)))
    session.episodeReloaded.connect(lambda i, audio: events.append(("reloaded", i, audio)))
    session.episodeClosed.connect(lambda: events.append(("closed",)))
    session.libraryChanged.connect(lambda: events.append(("library",)))
    session.failed.connect(lambda message, dialog: events.append(("failed", message, dialog)))
    session.openFailed.connect(lambda i: events.append(("open failed", i)))
    return events


def test_open_switch_reload_and_close(qtbot: QtBot, library: Library) -> None:
    first = library.add_episode(sample_episode("First"))
    second = library.add_episode(sample_episode("Second"))
    session = EpisodeSession(library)
    events = record(session)

    assert session.open(first)
    assert session.episode is not None and session.episode.title == "First"
    assert session.open(first)  # already open: nothing happens
    assert session.open(second)
    assert events == [("opened", first), ("closed",), ("library",), ("opened", second)]
    assert session.is_open(second) and not session.is_open(first)

    events.clear()
    library.rename_episode(second, "Second, renamed")
    session.reload()
    assert session.episode is not None and session.episode.title == "Second, renamed"
    library.set_audio_path(second, "/elsewhere/second.mp3")
    session.reload()
    assert events == [("reloaded", second, False), ("library",), ("reloaded", second, True), ("library",)]

    events.clear()
    session.close()
    session.close()  # nothing open: nothing happens
    assert session.episode is None and session.episode_id is None
    assert events == [("closed",), ("library",)]


def test_an_episode_that_cannot_be_read_is_reported_and_the_current_one_stays(qtbot: QtBot, library: Library) -> None:
    kept = library.add_episode(sample_episode("Kept"))
    session = EpisodeSession(library)
    assert session.open(kept)
    events = record(session)
    assert not session.open(9999)
    assert [e[0] for e in events] == ["failed", "open failed"]
    assert events[0][2] is True  # worth a dialog
    assert events[1] == ("open failed", 9999)
    assert session.episode_id == kept
