from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from podplayer.core.export import ExportBundle, export_bundle
from tests.core.export.samples import HOSTILE_NOTE, HOSTILE_SPEAKER, HOSTILE_TITLE


class PageReader(HTMLParser):
    """Collects tags, attributes and text of a page the way a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.by_class: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        self._open.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open and self._open[-1]:
            self.by_class.setdefault(self._open[-1], []).append(data)


def read_page(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def test_page_is_self_contained_and_escaped(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    export_bundle(bundle, "html", out)
    page = read_page(out)
    assert "script" not in page.tags  # the hostile speaker stays text
    assert {"html", "head", "style", "body", "blockquote"} <= set(page.tags)
    assert not [k for k, _ in page.attrs if k in ("src", "href") or k.startswith("on")]
    for key, value in page.attrs:
        if key == "style":
            assert "url(" not in value and ";background" not in value.replace(" ", ""), value
    assert HOSTILE_SPEAKER in page.by_class["speaker"]
    assert HOSTILE_TITLE in page.text
    assert HOSTILE_NOTE in page.by_class["note"]
    quotes = [q for q in page.text if q in {h.quote for h in bundle.items[0].highlights}]
    assert len(quotes) == 3


def test_speaker_and_tag_colours(bundle: ExportBundle, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    export_bundle(bundle, "html", out)
    html = out.read_text(encoding="utf-8")
    assert 'style="color: #aa3311">Alice<' in html  # the episode's own speaker colour
    assert "background: #ffcc00" in html  # tag colour
    assert "javascript" not in html  # an unsafe tag colour is replaced, not copied
    assert html.count("<article") == 3
