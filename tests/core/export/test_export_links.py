"""Every highlight export carries each highlight's podplayer:// link, and the link leads back to it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from podplayer.core.export import export_bundle
from podplayer.core.export.scope import episode_bundle
from podplayer.core.links import parse_link
from podplayer.store import Library
from tests.helpers_store import sample_episode, sample_highlight

LINK = re.compile(r"podplayer://episode/[^\s)\"'<]+")


@pytest.fixture
def library(tmp_path: Path, db_path: Path) -> Library:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"ID3" + bytes(range(256)) * 40)
    lib = Library(db_path)
    episode = sample_episode()
    episode.audio_path = str(audio)
    episode_id = lib.add_episode(episode)
    lib.add_highlight(episode_id, sample_highlight(tags=["soil"]))
    return lib


def _only_link(text: str) -> str:
    links: set[str] = set(LINK.findall(text))
    assert len(links) == 1, links
    return links.pop()


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "readwise", "json"])
def test_the_export_links_to_the_highlights_moment(fmt: str, library: Library, tmp_path: Path) -> None:
    with library:
        [summary] = library.episodes()
        [highlight] = library.highlights(summary.id)
        bundle = episode_bundle(library, summary.id)
        [path] = export_bundle(bundle, fmt, tmp_path / f"out.{fmt}")
        text = path.read_text(encoding="utf-8")
        if fmt == "md":
            url = _only_link(text)
            assert f"## [0:09]({url}) · Bob" in text  # the heading's time is the link Obsidian opens
        elif fmt == "html":
            url = _only_link(text)
            assert f'<a class="time" href="{url}"' in text
        elif fmt == "json":
            [doc] = json.loads(text)["episodes"][0]["highlights"]
            url = str(doc["link"])
        else:
            rows = list(csv.DictReader(io.StringIO(text)))
            url = rows[0]["URL" if fmt == "readwise" else "link"]
        linked = library.find_linked_episode(parse_link(url))
        assert linked.episode_id == summary.id
        assert linked.ms == pytest.approx(highlight.start_ms, abs=50)  # a tenth of a second
