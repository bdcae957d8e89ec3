from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from podplayer.core.export import ExportBundle, export_bundle
from podplayer.core.export.bundle import highlight_span_ms
from podplayer.core.export.csv_export import PLAIN_COLUMNS, READWISE_COLUMNS, guard_cell
from tests.core.export.samples import HOSTILE_NOTE, HOSTILE_SPEAKER, HOSTILE_TITLE


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_plain_csv_round_trips_every_field(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    export_bundle(bundle, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == PLAIN_COLUMNS
    rows = read_rows(out)
    highlights = bundle.items[0].highlights
    assert len(rows) == len(highlights)
    assert rows[0]["episode"] == HOSTILE_TITLE  # newline and quotes kept inside one cell
    assert rows[0]["start"] == "0:00:02" and rows[0]["end"] == "0:00:04"
    assert rows[0]["tags"] == "machine learning; intro"
    assert rows[1]["speaker"] == HOSTILE_SPEAKER
    assert rows[1]["text"] == highlights[1].quote
    assert rows[1]["note"] == "'" + HOSTILE_NOTE  # formula guard
    assert rows[2]["color"] == "blue"
    assert datetime.fromisoformat(rows[2]["created"]) == highlights[2].created_at


def test_formula_guard_on_every_dangerous_start(bundle: ExportBundle, tmp_path: Path) -> None:
    item = bundle.items[0]
    item.highlights = [
        replace(item.highlights[0], quote=q, note=n) for q, n in [("-1 is negative", "+1"), ("@here", "\tx")]
    ]
    out = tmp_path / "h.csv"
    export_bundle(bundle, "csv", out)
    rows = read_rows(out)
    assert [(r["text"], r["note"]) for r in rows] == [("'-1 is negative", "'+1"), ("'@here", "'\tx")]
    assert guard_cell("plain = fine") == "plain = fine"


def test_readwise_columns_and_values(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "readwise.csv"
    export_bundle(bundle, "readwise", out)
    with out.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == READWISE_COLUMNS
    rows = read_rows(out)
    episode = bundle.items[0].episode
    for row, h in zip(rows, bundle.items[0].highlights, strict=True):
        start, _ = highlight_span_ms(episode, h)
        assert row["Highlight"] == h.quote
        assert row["Title"] == HOSTILE_TITLE
        assert row["Author"] == "Data: The Show"
        assert int(row["Location"]) == (start or 0) // 1000
        assert datetime.fromisoformat(row["Date"]) == h.created_at
    assert rows[0]["Note"] == ".machine-learning .intro A plain note"


def test_readwise_author_falls_back_to_speakers(bundle: ExportBundle) -> None:
    from podplayer.core.export.csv_export import render_readwise

    bundle.items[0].episode.transcript.metadata.pop("podcast")
    rows = list(csv.DictReader(io.StringIO(render_readwise(bundle))))
    assert rows[0]["Author"] == f"Alice, {HOSTILE_SPEAKER}, Bob"
