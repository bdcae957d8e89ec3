"""Exports group highlights by chapter where an episode has chapters, and stay as they were otherwise."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from podplayer.core.chapters import Chapter, ChapterSource, chapter_turns
from podplayer.core.export import ExportBundle, export_bundle
from podplayer.core.export.annotations_json import parse_annotations
from podplayer.core.export.bundle import EpisodeHighlights
from podplayer.core.export.csv_export import PLAIN_COLUMNS
from podplayer.core.export.scope import episode_bundle, library_bundle
from podplayer.core.timeline import Timeline
from podplayer.store import Library
from podplayer.usecases.restore import restore_annotations
from tests.core.export.samples import make_bundle, make_episode, make_highlights
from tests.core.export.test_html import read_page

# Turns start at 1 s, 6 s, 11 s and 17 s; highlights start at 2.2 s, 6 s and 13.4 s.
CHAPTERS = [Chapter(0.0, "Opening"), Chapter(5.5, "Formulas & <markup>"), Chapter(16.8, "Closing")]


def chaptered(chapters: list[Chapter] = CHAPTERS) -> ExportBundle:
    bundle = make_bundle("/media/episode.mp3")
    bundle.items[0].chapters = list(chapters)
    return bundle


def write(bundle: ExportBundle, fmt: str, tmp_path: Path) -> str:
    [path] = export_bundle(bundle, fmt, tmp_path / f"out.{fmt}")
    return path.read_text(encoding="utf-8")


def test_highlights_are_grouped_by_the_chapter_they_start_in() -> None:
    item = chaptered().items[0]
    assert [(c.title if c else None, [h.id for h in hs]) for c, hs in item.by_chapter()] == [
        ("Opening", [1]),
        ("Formulas & <markup>", [2, 3]),
    ]
    late = chaptered([Chapter(5.5, "Late start")]).items[0]
    assert [(c.title if c else None, [h.id for h in hs]) for c, hs in late.by_chapter()] == [
        (None, [1]),
        ("Late start", [2, 3]),
    ]


def test_markdown_has_a_heading_per_chapter_with_its_highlights_under_it(tmp_path: Path) -> None:
    text = write(chaptered(), "md", tmp_path)
    headings = [line for line in text.splitlines() if line.startswith("##")]
    assert headings[0] == "## Opening (0:00)"
    assert headings[1].startswith("### 0:02 · Alice")
    assert headings[2] == "## Formulas & \\<markup\\> (0:05)"
    assert [h[:8] for h in headings[3:]] == ["### 0:06", "### 0:13"]
    assert "Closing" not in text  # a chapter without highlights adds nothing


def test_markdown_for_several_episodes_nests_chapters_under_episodes(tmp_path: Path) -> None:
    bundle = chaptered()
    second = make_episode(None, title="Second")
    bundle.items = [*bundle.items, EpisodeHighlights(second, make_highlights())]
    lines = [line for line in write(bundle, "md", tmp_path).splitlines() if line.startswith("##")]
    assert lines[1] == "### Opening (0:00)"
    assert lines[2].startswith("#### 0:02")
    assert lines[-4] == "## Second"  # no chapters there: highlights right under the episode
    assert all(line.startswith("### ") for line in lines[-3:])


def test_csv_gets_a_chapter_column(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(write(chaptered(), "csv", tmp_path))))
    assert rows[0] == ["episode", "chapter", *PLAIN_COLUMNS[1:]]
    assert [r[1] for r in rows[1:]] == ["Opening", "Formulas & <markup>", "Formulas & <markup>"]


def test_html_has_escaped_chapter_headings(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    export_bundle(chaptered(), "html", tmp_path / "page" / "out.html")
    page = read_page(tmp_path / "page" / "out.html")
    assert "markup" not in page.tags
    titles = [t.strip() for t in page.by_class.get("chapter", []) if t.strip()]
    assert titles == ["Opening", "Formulas & <markup>"]


def test_json_backup_carries_chapters_and_each_highlights_chapter(tmp_path: Path) -> None:
    doc = json.loads(write(chaptered(), "json", tmp_path))
    [episode] = doc["episodes"]
    assert [c["title"] for c in episode["chapters"]] == [c.title for c in CHAPTERS]
    assert [c["startTime"] for c in episode["chapters"]] == [0.0, 5.5, 16.8]
    assert [h["chapter"] for h in episode["highlights"]] == ["Opening", "Formulas & <markup>", "Formulas & <markup>"]
    assert parse_annotations(json.dumps(doc)).episodes[0].chapters == CHAPTERS


def test_json_backup_with_broken_chapters_is_refused_clearly() -> None:
    doc = {"format": "podplayer-annotations", "version": 1,
           "episodes": [{"title": "x", "chapters": [{"title": "no start"}], "highlights": []}]}  # fmt: skip
    with pytest.raises(Exception, match=r"backup.json: episodes\[0\]\.chapters: chapter 1 has no startTime"):
        parse_annotations(json.dumps(doc), source="backup.json")


def test_chapters_travel_through_a_backup_into_a_fresh_library(tmp_path: Path) -> None:
    with Library(tmp_path / "a.sqlite3") as source:
        episode = make_episode("/media/episode.mp3")
        episode.id = None
        episode_id = source.add_episode(episode, CHAPTERS, ChapterSource.PODLOVE)
        for h in make_highlights():
            h.id = None
            source.add_highlight(episode_id, h)
        bundle = episode_bundle(source, episode_id)
        assert bundle.items[0].chapters == CHAPTERS  # the scope reads chapters from the library
        export_bundle(bundle, "json", tmp_path / "backup.json")
    with Library(tmp_path / "b.sqlite3") as target:
        restore_annotations(target, parse_annotations((tmp_path / "backup.json").read_text()))
        [summary] = target.episodes()
        assert target.chapters(summary.id) == CHAPTERS
        assert library_bundle(target).items[0].chapters == CHAPTERS


def test_chapters_head_the_turns_they_start_at() -> None:
    timeline = Timeline(make_episode().transcript)
    assert chapter_turns(timeline, CHAPTERS) == {0: [0], 1: [1], 3: [2]}
    assert chapter_turns(timeline, [Chapter(30.0, "After the end")]) == {3: [0]}
    assert chapter_turns(timeline, []) == {}


@pytest.mark.parametrize("fmt", ["transcript-md", "transcript-txt", "transcript-html"])
def test_full_transcripts_show_chapter_headings_above_their_turns(tmp_path: Path, fmt: str) -> None:
    text = write(chaptered(), fmt, tmp_path)
    escaped = "Formulas &amp; &lt;markup&gt;" if fmt == "transcript-html" else "Formulas"
    positions = [text.index(marker) for marker in ("Opening", "Welcome to the", escaped, "I think", "Closing",
                                                   "Last words")]  # fmt: skip
    assert positions == sorted(positions)
    if fmt == "transcript-md":
        assert "## Opening (0:00)" in text and "## Closing (0:16)" in text


@pytest.mark.parametrize(
    "fmt", ["md", "csv", "readwise", "json", "html", "srt", "vtt", "transcript-md", "transcript-txt", "transcript-html"]
)
def test_without_chapters_exports_mention_none(tmp_path: Path, fmt: str) -> None:
    text = write(make_bundle("/media/episode.mp3"), fmt, tmp_path)
    assert "chapter" not in text.lower()
