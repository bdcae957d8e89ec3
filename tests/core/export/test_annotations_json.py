"""The JSON backup: exact round trip through a fresh library, matching, re-anchoring, bad files."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from podplayer.core.export import export_bundle
from podplayer.core.export.annotations_json import FORMAT_NAME, parse_annotations, read_annotations
from podplayer.core.export.errors import AnnotationsImportError
from podplayer.core.export.scope import episode_bundle, library_bundle
from podplayer.core.model import Turn
from podplayer.store import Library
from podplayer.usecases.restore import OneEpisodeFileNeeded, restore_annotations
from tests.core.export.samples import HOSTILE_TAG, make_episode, make_highlights


def fill(library: Library, audio: Path) -> int:
    episode = make_episode(str(audio))
    episode.id = None
    episode_id = library.add_episode(episode)
    for h in make_highlights():
        library.add_highlight(episode_id, replace(h, id=None, episode_id=None, start_ms=None, end_ms=None))
    library.set_tag_color(HOSTILE_TAG, "#ffcc00")
    library.set_speaker_color(episode_id, "Bob", "#00aa00")
    return episode_id


def without_ids(doc: dict[str, Any]) -> dict[str, Any]:
    doc = json.loads(json.dumps(doc))
    doc.pop("exported_at")
    for ep in doc["episodes"]:
        ep.pop("id")
        for h in ep["highlights"]:
            h.pop("id")
            h.pop("episode_id")
    return doc


def export_json(library: Library, episode_id: int, path: Path) -> dict[str, Any]:
    export_bundle(episode_bundle(library, episode_id), "json", path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_round_trip_into_a_fresh_library_is_exact(tmp_path: Path, episode_audio: Path) -> None:
    with Library(tmp_path / "a.sqlite3") as source:
        first = export_json(source, fill(source, episode_audio), tmp_path / "a.json")
    assert first["format"] == FORMAT_NAME and first["version"] == 1
    assert first["episodes"][0]["audio"]["fingerprint"]["size"] == episode_audio.stat().st_size
    with Library(tmp_path / "b.sqlite3") as target:
        report = restore_annotations(target, read_annotations(tmp_path / "a.json"))
        assert (report.created_episodes, report.added, report.unplaced) == (1, 3, 0)
        (summary,) = target.episodes()
        second = export_json(target, summary.id, tmp_path / "b.json")
    assert without_ids(second) == without_ids(first)


def test_matches_existing_episode_by_fingerprint_and_skips_duplicates(tmp_path: Path, episode_audio: Path) -> None:
    with Library(tmp_path / "a.sqlite3") as source:
        export_json(source, fill(source, episode_audio), tmp_path / "a.json")
    copy = tmp_path / "elsewhere.mp3"  # same file, other folder, other title
    shutil.copy(episode_audio, copy)
    with Library(tmp_path / "b.sqlite3") as target:
        other = make_episode(str(copy), title="Renamed episode")
        episode_id = target.add_episode(replace(other, id=None, note=""))
        annotations = read_annotations(tmp_path / "a.json")
        report = restore_annotations(target, annotations)
        assert report.created_episodes == 0 and report.added == 3
        assert any("audio fingerprint" in line for line in report.lines)
        assert [h.quote for h in target.highlights(episode_id)] == [h.quote for h in make_highlights()]
        assert target.episode(episode_id).note == make_episode().note
        assert target.episode(episode_id).speaker_colors["Bob"] == "#00aa00"
        assert {t.name: t.color for t in target.tags()}[HOSTILE_TAG] == "#ffcc00"
        again = restore_annotations(target, annotations)
        assert (again.added, again.duplicates) == (0, 3)
        assert len(target.highlights(episode_id)) == 3


def test_matches_by_title_and_reanchors_moved_words(tmp_path: Path, episode_audio: Path) -> None:
    with Library(tmp_path / "a.sqlite3") as source:
        export_json(source, fill(source, episode_audio), tmp_path / "a.json")
    with Library(tmp_path / "b.sqlite3") as target:
        episode = make_episode(None)
        # The target's transcript gained an opening turn, so every saved word anchor is one turn off.
        episode.transcript.turns.insert(0, Turn.from_text("Host", "Previously on the show", 0, 900))
        episode_id = target.add_episode(replace(episode, id=None))
        report = restore_annotations(target, read_annotations(tmp_path / "a.json"))
        assert any("(title)" in line for line in report.lines)
        restored = target.highlights(episode_id)
        assert [(h.start.turn, h.end.turn) for h in restored] == [(1, 1), (2, 2), (3, 4)]
        assert [h.quote for h in restored] == [h.quote for h in make_highlights()]


def test_unplaceable_highlight_is_reported_not_invented(tmp_path: Path, episode_audio: Path) -> None:
    with Library(tmp_path / "a.sqlite3") as source:
        doc = export_json(source, fill(source, episode_audio), tmp_path / "a.json")
    doc["episodes"][0]["highlights"][0]["quote"] = "words that are nowhere"
    with Library(tmp_path / "b.sqlite3") as target:
        report = restore_annotations(target, parse_annotations(json.dumps(doc)))
        assert (report.added, report.unplaced) == (2, 1)


def test_episode_option_targets_one_episode(tmp_path: Path, episode_audio: Path) -> None:
    with Library(tmp_path / "a.sqlite3") as source:
        fill(source, episode_audio)
        source.add_episode(replace(make_episode(None, title="Second"), id=None))
        export_bundle(library_bundle(source, include_empty=True), "json", tmp_path / "all.json")
        export_json(source, 1, tmp_path / "one.json")
    with Library(tmp_path / "b.sqlite3") as target:
        episode_id = target.add_episode(replace(make_episode(None, title="Chosen"), id=None))
        with pytest.raises(OneEpisodeFileNeeded, match="one chosen episode"):
            restore_annotations(target, read_annotations(tmp_path / "all.json"), episode_id=episode_id)
        target.add_episode(replace(make_episode(None, title="Other"), id=None))
        report = restore_annotations(target, read_annotations(tmp_path / "one.json"), episode_id=episode_id)
        assert report.added == 3 and len(target.highlights(episode_id)) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ("[]", "expected an object"),
        ('{"format": "other"}', "not a podplayer annotations file"),
        (f'{{"format": "{FORMAT_NAME}", "version": 2, "episodes": []}}', "newer podplayer"),
        (f'{{"format": "{FORMAT_NAME}", "version": 1, "episodes": {{}}}}', "episodes: expected a list"),
        (
            f'{{"format": "{FORMAT_NAME}", "version": 1, "episodes": [{{"title": "x", "highlights": '
            '[{"start": {"turn": -1, "word": 0}, "end": {"turn": 0, "word": 0}}]}]}',
            "episodes[0].highlights[0].start.turn",
        ),
    ],
)
def test_bad_files_give_one_line(text: str, message: str) -> None:
    with pytest.raises(AnnotationsImportError, match=message.replace("[", r"\[").replace("]", r"\]")) as err:
        parse_annotations(text, "backup.json")
    assert "\n" not in str(err.value) and str(err.value).startswith("backup.json: ")
