from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from podplayer.core.export import ExportBundle, ExportError, TargetExistsError, export_bundle
from podplayer.core.export.markdown import hashtag_slug, render_markdown
from tests.core.export.samples import HOSTILE_NOTE, HOSTILE_SPEAKER, HOSTILE_TITLE


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_front_matter_parses_back_exactly(bundle: ExportBundle) -> None:
    meta, _ = split_front_matter(render_markdown(bundle))
    assert meta["title"] == HOSTILE_TITLE  # ':', '"', '#' and a newline survive quoting
    assert meta["podcast"] == "Data: The Show"
    assert meta["date"] == "2024-05-01"
    assert meta["duration"] == "0:00:21"
    assert meta["source"] == bundle.items[0].episode.audio_path
    assert meta["tags"] == ["machine-learning", "intro", "x", "tag-2024", "ai-ml"]


def test_body_has_a_section_per_highlight(bundle: ExportBundle) -> None:
    _, body = split_front_matter(render_markdown(bundle))
    sections = body.split("\n## ")[1:]
    assert len(sections) == len(bundle.items[0].highlights)
    first = sections[0]
    assert first.startswith("0:02 · Alice")
    assert "> show where we talk about" in first
    assert "#machine-learning #intro" in first
    assert "A plain note" in first
    # The episode note comes before the first highlight.
    assert body.index("Episode note with a [link]") < body.index("\n## ")


def test_hostile_text_cannot_become_html(bundle: ExportBundle) -> None:
    text = render_markdown(bundle)
    assert "<script>" not in text and "</script>" not in text
    assert "\\</script\\>\\<script\\>" in text  # shown literally by Markdown renderers
    assert "עברית 🎙" in text and "😀" in text
    # Every line of a multi-line note stays in the note, none breaks out into a heading.
    assert HOSTILE_NOTE.splitlines()[0] in text
    assert HOSTILE_SPEAKER.split()[0] in text


@pytest.mark.parametrize(
    ("tag", "slug"),
    [("machine learning", "machine-learning"), ("a|b", "a-b"), ("../../x", "x"), ("2024", "tag-2024"), ("C++", "C")],
)
def test_hashtag_slugs(tag: str, slug: str) -> None:
    assert hashtag_slug(tag) == slug


def test_custom_template(bundle: ExportBundle, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{% for ep in episodes %}{% for h in ep.highlights %}* {{ h.timestamp }} {{ h.speaker | md_line }}: "
        "{{ h.text | md_line }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    out = tmp_path / "out.md"
    export_bundle(bundle, "md", out, template=template)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "* 0:02 Alice: show where we talk about"
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("source", "expected"),
    [("{% for x in %}", "template error"), ("{{ no_such_variable }}", "no_such_variable")],
)
def test_bad_template_is_one_line_and_writes_nothing(
    bundle: ExportBundle, tmp_path: Path, source: str, expected: str
) -> None:
    template = tmp_path / "bad.j2"
    template.write_text(source, encoding="utf-8")
    out = tmp_path / "out.md"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError) as err:
        export_bundle(bundle, "md", out, template=template, force=True)
    assert expected in str(err.value) and "\n" not in str(err.value)
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.j2", "out.md"]  # no temp file left


def test_existing_file_kept_without_force(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(TargetExistsError):
        export_bundle(bundle, "md", out)
    assert out.read_text(encoding="utf-8") == "mine"
    export_bundle(bundle, "md", out, force=True)
    assert out.read_text(encoding="utf-8").startswith("---\n")
