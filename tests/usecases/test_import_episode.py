"""The one import use case (``usecases/import_episode``) and its duplicate rule, on a real library with real
audio probed by ffprobe. The command line, ``open``, the Open dialog and drag and drop are tested through
their own front ends in tests/cli and tests/ui."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.model import PodplayerError, Timing
from podplayer.store import Library
from podplayer.usecases.import_episode import import_episode
from tests.helpers_audio import silence, tone, write_audio

SRT = "1\n00:00:00,500 --> 00:00:02,000\nAnn: hello there\n\n2\n00:00:02,500 --> 00:00:04,000\nBen: goodbye now\n"
SAME_WORDS_AS_TEXT = "Ann: hello there\n\nBen: goodbye now\n"


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_audio(tone(2000) + silence(500) + tone(2000), tmp_path_factory.mktemp("media") / "talk.mp3")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_audio_and_words_is_the_same_episode(library: Library, audio: Path, tmp_path: Path) -> None:
    srt = _write(tmp_path / "talk.srt", SRT)
    first = import_episode(library, audio, srt, title="Talk")
    assert first.created
    # Same pair; the same words untimed under another title; the audio named by a relative path.
    again = import_episode(library, audio, srt)
    as_text = import_episode(library, audio, _write(tmp_path / "talk.txt", SAME_WORDS_AS_TEXT), title="Other")
    library.rename_speaker(first.episode_id, "Ann", "Anna")  # user edits never make a re-import look new
    relative = Path("..") / audio.parent.name / audio.name
    after_rename = import_episode(library, audio.parent / relative, srt)
    assert [r.episode_id for r in (again, as_text, after_rename)] == [first.episode_id] * 3
    assert not any(r.created for r in (again, as_text, after_rename))
    [summary] = library.episodes()
    assert summary.title == "Talk" and summary.timing is Timing.TURN


def test_other_words_other_audio_or_no_audio_are_new_episodes(library: Library, audio: Path, tmp_path: Path) -> None:
    srt = _write(tmp_path / "talk.srt", SRT)
    other_audio = tmp_path / "copy.mp3"
    other_audio.write_bytes(audio.read_bytes())
    results = [
        import_episode(library, audio, srt),
        import_episode(library, audio, _write(tmp_path / "fixed.srt", SRT.replace("goodbye", "good night"))),
        import_episode(library, other_audio, srt),
        import_episode(library, None, srt),
    ]
    assert all(r.created for r in results)
    assert len({r.episode_id for r in results}) == 4
    # A transcript without audio matches only an episode without audio.
    assert import_episode(library, None, srt) == type(results[3])(results[3].episode_id, created=False)


def test_estimate_only_for_new_untimed_episodes(library: Library, audio: Path, tmp_path: Path) -> None:
    text = _write(tmp_path / "talk.txt", SAME_WORDS_AS_TEXT)
    untimed = import_episode(library, audio, text)
    assert library.episode(untimed.episode_id).transcript.timing is Timing.NONE
    assert import_episode(library, audio, text, estimate=True).episode_id == untimed.episode_id
    assert len(library.episodes()) == 1
    with Library(tmp_path / "other.sqlite3") as other:
        estimated = import_episode(other, audio, text, estimate=True)
        transcript = other.episode(estimated.episode_id).transcript
        assert transcript.timing is Timing.ESTIMATED and transcript.turns[0].start_ms is not None


def test_bad_files_are_refused_and_nothing_is_added(library: Library, audio: Path, tmp_path: Path) -> None:
    with pytest.raises(PodplayerError, match="missing.srt: transcript file not found"):
        import_episode(library, audio, tmp_path / "missing.srt")
    with pytest.raises(PodplayerError, match="no such audio file"):
        import_episode(library, tmp_path / "missing.mp3", _write(tmp_path / "talk.srt", SRT))
    assert library.episodes() == []
