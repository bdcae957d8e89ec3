"""Playback → Find speakers in the window: a synced transcript without speaker names gets its turns
labelled from the audio in a background job (progress and Cancel in the status bar); naming a speaker
keeps the voice; Preferences list the known voices and forget one; a podcast can keep to its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.speaker_scoring import truth_sentence_turns
from podplayer.core.model import Episode, Transcript, Turn
from podplayer.core.speakers.known import KnownVoice
from podplayer.store.repository import Library
from podplayer.ui.annotations.undo_commands import RenameSpeakerCommand
from podplayer.ui.dialogs.preferences_dialog import PreferencesDialog
from podplayer.ui.settings import Settings
from podplayer.ui.window.main_window import MainWindow
from tests.core.transcribe.excerpts import THREE_VOICES, THREE_VOICES_TRUTH, cut, turn_boundary_before

TRUTH = THREE_VOICES.with_name("three-voices.truth.json")

pytest.importorskip("onnxruntime", reason="the transcribe extra is not installed")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The three-voice episode's first 45 s or so, cut between two turns."""
    end = turn_boundary_before(THREE_VOICES_TRUTH, 45_000)
    return cut(THREE_VOICES, 0, end, tmp_path_factory.mktemp("find") / "excerpt.wav"), end


@pytest.fixture
def synced(library: Library, excerpt: tuple[Path, int]) -> int:
    audio, end = excerpt
    return library.add_episode(Episode("Three voices", Transcript(truth_sentence_turns(TRUTH, end), title="Three voices"), str(audio), duration_ms=end))


def test_find_speakers_labels_the_turns_in_the_background(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], synced: int
) -> None:
    window = make_window()
    window.session.open(synced)
    assert window.menu_actions.find_speakers.isEnabled()
    before = window.session.episode
    assert before is not None and before.transcript.speakers == ["Speaker 1"]
    window.menu_actions.find_speakers.trigger()
    job = window.speaker_finding.job
    assert job is not None
    # The job runs in the background: the transcript is untouched until it ends. Its progress and Cancel
    # show once it has run for a moment (a job that ends sooner never shows them, by design).
    assert window.session.episode is before

    def running_shown_or_done() -> bool:
        shown = window.job_status.isVisible() and window.job_status.cancel_button.isVisible()
        return shown or window.speaker_finding.job is None

    qtbot.waitUntil(running_shown_or_done, timeout=10_000)
    if window.speaker_finding.job is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SCREENSHOTS / "find-speakers-running.png"))
    qtbot.waitUntil(lambda: window.speaker_finding.job is None, timeout=120_000)
    episode = window.session.episode
    assert episode is not None
    assert sorted(episode.transcript.speakers) == ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert [w.text for t in episode.transcript.turns for w in t.words] == [w.text for t in before.transcript.turns for w in t.words]
    assert "Found 3 speakers" in window.statusBar().currentMessage()
    window.grab().save(str(SCREENSHOTS / "find-speakers-done.png"))

    # Edit → Undo puts the turns back as they were, Redo brings the found speakers again.
    window.annotations.undo_stack.undo()
    assert window.session.episode is not None and window.session.episode.transcript.speakers == ["Speaker 1"]
    assert library.episode(synced).transcript.speakers == ["Speaker 1"]
    window.annotations.undo_stack.redo()
    assert sorted(library.episode(synced).transcript.speakers) == ["Speaker 1", "Speaker 2", "Speaker 3"]

    # Naming a speaker keeps the voice (a background job), and Preferences list it.
    assert window.annotations.speakers.rename_speaker("Speaker 1", "Rosa")
    qtbot.waitUntil(lambda: [v.name for v in library.voices()] == ["Rosa"], timeout=60_000)
    assert library.voices()[0].seconds > 5


def test_cancelling_find_speakers_leaves_the_transcript(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], synced: int
) -> None:
    window = make_window()
    window.session.open(synced)
    window.menu_actions.find_speakers.trigger()
    job = window.speaker_finding.job
    assert job is not None
    job.cancel()
    qtbot.waitUntil(lambda: window.speaker_finding.job is None, timeout=60_000)
    assert library.episode(synced).transcript.speakers == ["Speaker 1"]
    assert "cancelled" in window.statusBar().currentMessage()


def test_find_speakers_is_offered_only_for_timed_transcripts_with_audio(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], excerpt: tuple[Path, int]
) -> None:
    untimed = library.add_episode(Episode("Untimed", Transcript([Turn.from_text("Speaker 1", "hello there")]), str(excerpt[0])))
    window = make_window()
    window.session.open(untimed)
    assert not window.menu_actions.find_speakers.isEnabled()
    window.find_speakers()
    assert window.speaker_finding.job is None


def test_preferences_list_known_voices_and_forget_one(qtbot: QtBot, library: Library, settings: Settings) -> None:
    library.save_voice(KnownVoice("Jonas", (1.0, 0.0), None, 212.0))
    library.save_voice(KnownVoice("Amy", (0.0, 1.0), None, 180.0))
    dialog = PreferencesDialog(settings, None, library)
    qtbot.addWidget(dialog)
    dialog.show()
    voices = dialog.voices
    assert voices is not None
    assert [voices.list.item(i).text().split("  ")[0] for i in range(voices.list.count())] == ["Amy", "Jonas"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "preferences-known-voices.png"))
    voices.list.setCurrentRow(1)
    voices.forget_button.click()
    assert [v.name for v in library.voices()] == ["Amy"]
    assert voices.list.count() == 1
    voices.list.setCurrentRow(0)
    voices.forget_button.click()
    assert library.voices() == [] and voices.empty.isVisibleTo(dialog)


def _stored(library: Library) -> list[tuple[str, float, tuple[float, ...]]]:
    return [(v.name, v.seconds, v.embedding) for v in library.voices()]


def test_undoing_a_rename_takes_back_the_voice_it_taught(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], synced: int
) -> None:
    """Edit → Undo of a rename forgets the voice it kept (or puts back the voice of that name it
    replaced); Redo keeps it again."""
    earlier = KnownVoice("Rosa", (1.0,) + (0.0,) * 191, None, 3.0)  # a voice of that name from before
    library.save_voice(earlier)
    window = make_window()
    window.session.open(synced)
    stack = window.annotations.undo_stack
    assert window.annotations.speakers.rename_speaker("Speaker 1", "Rosa")
    qtbot.waitUntil(lambda: [v.seconds for v in library.voices()] not in ([], [3.0]), timeout=60_000)
    (taught,) = _stored(library)
    assert taught[0] == "Rosa" and taught[1] > 5 and "Kept the voice of Rosa" in window.statusBar().currentMessage()

    stack.undo()
    assert library.episode(synced).transcript.speakers == ["Speaker 1"]
    assert _stored(library) == [("Rosa", 3.0, earlier.embedding)]
    stack.redo()
    assert library.episode(synced).transcript.speakers == ["Rosa"]
    assert _stored(library) == [taught]
    stack.undo()
    assert _stored(library) == [("Rosa", 3.0, earlier.embedding)]


def test_a_rename_undone_before_its_voice_is_learnt_keeps_nothing_until_redo(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], synced: int
) -> None:
    window = make_window()
    window.session.open(synced)
    stack = window.annotations.undo_stack
    assert window.annotations.speakers.rename_speaker("Speaker 1", "Mark")
    rename = stack.command(stack.index() - 1)
    assert isinstance(rename, RenameSpeakerCommand)
    # Undone at once: the voice is learnt in the background and arrives after the undo.
    stack.undo()
    qtbot.waitUntil(lambda: not window.jobs.active_jobs, timeout=60_000)
    assert rename.voice is not None and rename.voice.name == "Mark"
    assert library.voices() == [] and library.episode(synced).transcript.speakers == ["Speaker 1"]
    stack.redo()
    assert [v.name for v in library.voices()] == ["Mark"] and library.voices()[0].seconds > 5
    stack.undo()
    assert library.voices() == []
