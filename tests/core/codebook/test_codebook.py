"""The codebook's names and tree, and the code report's counts and co-occurrence."""

from __future__ import annotations

import csv
import io

from podplayer.core.code_report import code_report
from podplayer.core.codebook import normalize_tag, tag_matches, tag_tree, walk_tree
from podplayer.core.model import Highlight, Tag, WordRef


def test_names_are_normalised_around_the_separator() -> None:
    assert normalize_tag("  Work /  Stress  at   work/ ") == "Work/Stress at work"
    assert normalize_tag("//") == ""


def test_a_parent_matches_its_descendants_only() -> None:
    assert tag_matches("Work/Stress", "work")
    assert tag_matches("Work/Stress/Deadlines", "Work / Stress")
    assert tag_matches("Work", "Work")
    assert not tag_matches("Workplace", "Work")
    assert not tag_matches("Work", "Work/Stress")


def test_tree_fills_in_missing_parents_and_sorts_siblings() -> None:
    tags = [Tag("Work/Stress", count=2), Tag("family", count=1), Tag("Work/Autonomy", count=3), Tag("A/B/C", count=1)]
    shown = [(depth, node.label, node.tag is not None, node.total_count) for depth, node in walk_tree(tag_tree(tags))]
    assert shown == [
        (0, "A", False, 1),
        (1, "B", False, 1),
        (2, "C", True, 1),
        (0, "family", True, 1),
        (0, "Work", False, 5),
        (1, "Autonomy", True, 3),
        (1, "Stress", True, 2),
    ]


def _h(episode: int, start: tuple[int, int], end: tuple[int, int], tags: list[str], speaker: str) -> Highlight:
    return Highlight(WordRef(*start), WordRef(*end), "q", tags=tags, episode_id=episode, speaker=speaker)


def test_report_counts_codes_episodes_speakers_and_cooccurrence() -> None:
    highlights = [
        _h(1, (0, 0), (0, 5), ["Work/Stress", "family"], "Ann"),  # both on one highlight
        _h(1, (0, 4), (1, 2), ["Work/Autonomy"], "Ann"),  # overlaps the first at word 0:4-0:5
        _h(1, (3, 0), (3, 1), ["Work/Stress"], "Bo"),  # alone
        _h(2, (0, 0), (0, 1), ["family"], "Cy"),
        _h(2, (0, 2), (0, 3), ["Work/Autonomy"], "Cy"),  # touches nothing
    ]
    tags = [Tag("Work/Stress", description="pressure"), Tag("Work/Autonomy"), Tag("family"), Tag("unused")]
    report = code_report(highlights, tags, {1: "Interview 1", 2: "Interview 2"})
    rows = {r.code: (r.highlights, r.with_subcodes, r.episodes, r.speakers) for r in report.codes}
    assert rows == {
        "family": (2, 2, 2, 2),
        "unused": (0, 0, 0, 0),
        "Work": (0, 4, 2, 3),
        "Work/Autonomy": (2, 2, 2, 2),
        "Work/Stress": (2, 2, 1, 2),
    }
    assert next(r.description for r in report.codes if r.code == "Work/Stress") == "pressure"
    assert dict(report.by_episode["family"]) == {"Interview 1": 1, "Interview 2": 1}
    assert dict(report.by_speaker["Work/Stress"]) == {"Ann": 1, "Bo": 1}
    assert report.together("Work/Stress", "family") == 1
    assert report.together("family", "Work/Autonomy") == 1  # through the overlap
    assert report.together("Work/Autonomy", "Work/Stress") == 1
    assert report.together("family", "unused") == 0
    table = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert {"measure": "co-occurrence", "code": "family", "by": "Work/Stress", "count": "1"} in table
    assert {"measure": "speaker", "code": "Work/Stress", "by": "Bo", "count": "1"} in table


def test_csv_cells_never_start_a_formula() -> None:
    report = code_report([_h(1, (0, 0), (0, 0), ["=cmd"], "@x")], [Tag("=cmd")], {1: "+t"})
    text = report.to_csv()
    assert "'=cmd" in text and "'@x" in text and "'+t" in text
    assert "\n=" not in text and ",=" not in text
