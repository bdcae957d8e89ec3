"""Tags as a codebook in the library: nested names, descriptions, filters that take in subcodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.model import Highlight, WordRef
from podplayer.store import Library, LibraryError
from tests.helpers_store import sample_episode, sample_highlight
from tests.store.rev1_library import make_rev1_library


def _add(library: Library, episode_id: int, start: int, tags: list[str]) -> int:
    return library.add_highlight(episode_id, Highlight(WordRef(0, start), WordRef(0, start + 1), "x", tags=tags))


def test_filtering_by_a_parent_takes_in_its_children(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    stress = _add(library, eid, 0, ["Work / Stress"])
    autonomy = _add(library, eid, 2, ["work/Autonomy"])
    plain = _add(library, eid, 4, ["Workplace"])
    assert library.highlight(stress).tags == ["Work/Stress"]
    assert [h.id for h in library.highlights(tag="Work")] == [stress, autonomy]
    assert [h.id for h in library.highlights(tag="WORK/stress")] == [stress]
    assert [h.id for h in library.highlights(tag="Workplace")] == [plain]
    assert library.highlights(tag="Work/Stress/Deadlines") == []


def test_descriptions_are_kept_and_can_come_before_use(library: Library) -> None:
    library.set_tag_description("Family/ Siblings", "  brothers and sisters ")
    eid = library.add_episode(sample_episode())
    library.add_highlight(eid, sample_highlight(["family/siblings"]))
    [tag] = library.tags()
    assert (tag.name, tag.description, tag.count) == ("Family/Siblings", "brothers and sisters", 1)
    library.rename_tag("Family/Siblings", "Family/Brothers and sisters")
    assert [(t.name, t.description) for t in library.tags()] == [("Family/Brothers and sisters", "brothers and sisters")]
    with pytest.raises(LibraryError):
        library.set_tag_description(" / ", "nothing")


def test_code_report_reads_the_library(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    _add(library, eid, 0, ["Work/Stress", "Family"])
    _add(library, eid, 1, ["Work/Autonomy"])  # overlaps the first at word 0:1
    report = library.code_report()
    assert [(r.code, r.highlights, r.with_subcodes) for r in report.codes] == [
        ("Family", 1, 1), ("Work", 0, 2), ("Work/Autonomy", 1, 1), ("Work/Stress", 1, 1),
    ]  # fmt: skip
    assert dict(report.by_speaker["Family"]) == {"Alice": 1}
    assert report.together("Family", "Work/Autonomy") == 1


def test_upgrade_keeps_existing_tags_with_empty_descriptions(db_path: Path) -> None:
    make_rev1_library(db_path)
    with Library(db_path) as library:
        assert [(t.name, t.count, t.description) for t in library.tags()] == [("legacy", 1, "")]


def test_renaming_a_code_moves_the_codes_below_it(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    stress = _add(library, eid, 0, ["Work/Stress"])
    deadlines = _add(library, eid, 2, ["Work/Stress/Deadlines", "Job/Stress"])
    _add(library, eid, 4, ["Workplace"])
    library.set_tag_description("Work/Stress", "pressure")
    library.rename_tag("work", "Job")  # "Work" is only a parent; "Job/Stress" exists: a merge there
    assert sorted(t.name for t in library.tags()) == ["Job/Stress", "Job/Stress/Deadlines", "Workplace"]
    assert {t.name: t.description for t in library.tags()}["Job/Stress"] == "pressure"  # taken over in the merge
    assert library.highlight(stress).tags == ["Job/Stress"]
    assert sorted(library.highlight(deadlines).tags) == ["Job/Stress", "Job/Stress/Deadlines"]
    with pytest.raises(LibraryError, match="inside itself"):
        library.rename_tag("Job", "Job/Stress/Old")
    with pytest.raises(LibraryError, match="no tag named"):
        library.rename_tag("Nothing", "Else")
    library.set_tag_color("Job", "#123456")  # a parent gets a colour: it becomes a code of its own
    assert [(t.name, t.color, t.count) for t in library.tags()][0] == ("Job", "#123456", 0)
