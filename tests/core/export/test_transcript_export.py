from __future__ import annotations

import re
from pathlib import Path

import yaml

from podplayer.core.export import ExportBundle, export_bundle
from tests.core.export.samples import HOSTILE_SPEAKER, HOSTILE_TITLE
from tests.core.export.test_html import read_page


def test_plain_text_marks_each_highlight(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    export_bundle(bundle, "transcript-txt", out)
    text = out.read_text(encoding="utf-8")
    marked = re.findall(r"\[\[(.+?)\]\]", text)
    # The third highlight spans two turns, so it is marked once in each.
    assert marked[1:] == [
        "show where we talk about",
        "I think -- =SUM(A1) is a formula",
        "machine learning with مرحبا and emoji 🚀 too",
        "Last words from",
    ]
    assert f"[0:06] {HOSTILE_SPEAKER}: [[I think" in text


def test_markdown_transcript(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "t.md"
    export_bundle(bundle, "transcript-md", out)
    text = out.read_text(encoding="utf-8")
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    assert yaml.safe_load(head) == {"title": HOSTILE_TITLE}
    assert "`0:01` **Alice:** Welcome to the ==show where we talk about== data and \\<b\\>markup\\</b\\> today" in text
    assert text.count("==") == 8  # four marked runs


def test_html_transcript_marks_and_escapes(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    export_bundle(bundle, "transcript-html", out)
    page = read_page(out)
    assert page.tags.count("mark") == 4
    assert "script" not in page.tags and "b" not in page.tags
    assert page.tags.count("p") == len(bundle.items[0].episode.transcript.turns)
    assert "<b>markup</b>" in "".join(page.text)


def test_transcript_without_highlights_is_allowed(bundle: ExportBundle, tmp_path: Path) -> None:
    bundle.items[0].highlights = []
    out = tmp_path / "t.txt"
    export_bundle(bundle, "transcript-txt", out)
    assert "[[" not in out.read_text(encoding="utf-8").split("\n", 1)[1]
