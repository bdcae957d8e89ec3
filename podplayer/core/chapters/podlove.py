"""Podlove Simple Chapters (``<psc:chapters>`` inside a feed item).

    <psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">
      <psc:chapter start="00:00:00.000" title="Welcome" href="https://..." image="https://..."/>
    </psc:chapters>

Times are Normal Play Time (RFC 2326): ``[[HH:]MM:]SS[.fraction]``. The item may be given as an
element from any ElementTree-compatible parser (the feed reader's), or as the raw item XML, which is
parsed with the stdlib (expat >= 2.4 refuses entity-expansion bombs; external entities are never
fetched).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Protocol

from podplayer.core.chapters.model import Chapter, ChapterError, clean_title, sorted_chapters

PSC_NAMESPACE = "http://podlove.org/simple-chapters"
_NPT = re.compile(r"^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d*)?)$")


class XmlElement(Protocol):
    """What this reader needs from an element: ElementTree's and lxml's both qualify."""

    tag: Any

    def iter(self, tag: Any = ...) -> Any: ...

    def get(self, key: str, default: Any = ...) -> Any: ...


def parse_npt(text: str, source: str = "Podlove chapters") -> float:
    """Seconds from a Normal Play Time like ``"1:02:03.500"``, ``"8:26.25"`` or ``"95"``."""
    match = _NPT.match(text.strip())
    if match is None:
        raise ChapterError(f"{source}: {text!r} is not a time like 00:01:02.500")
    hours, minutes, seconds = match.groups()
    value = float(seconds)
    if minutes is not None:
        if value >= 60:
            raise ChapterError(f"{source}: {text!r} is not a valid time (more than 59 seconds)")
        if hours is not None and int(minutes) >= 60:
            raise ChapterError(f"{source}: {text!r} is not a valid time (more than 59 minutes)")
        value += int(minutes) * 60 + int(hours or 0) * 3600
    return value


def parse_podlove_chapters(item: XmlElement | str | bytes, source: str = "Podlove chapters") -> list[Chapter]:
    """The Podlove chapters of a feed item (or of a ``<psc:chapters>`` element), sorted by start.

    An item without Podlove chapters gives an empty list.
    """
    element = _parse(item, source) if isinstance(item, str | bytes) else item
    chapters: list[Chapter] = []
    for number, node in enumerate((n for n in element.iter() if _is_psc(n.tag, "chapter")), start=1):
        where = f"{source}: chapter {number}"
        start = node.get("start")
        if start is None or not str(start).strip():
            raise ChapterError(f"{where} has no start time")
        chapters.append(
            Chapter(
                parse_npt(str(start), where),
                clean_title(node.get("title")),
                url=_attribute(node, "href"),
                image=_attribute(node, "image"),
            )
        )
    return sorted_chapters(chapters)


def _attribute(node: XmlElement, name: str) -> str | None:
    value = node.get(name)
    return str(value).strip() or None if value is not None else None


def _is_psc(tag: object, local: str) -> bool:
    if not isinstance(tag, str) or not tag.startswith("{"):
        return False
    namespace, _, name = tag[1:].partition("}")
    return name == local and namespace.rstrip("/") == PSC_NAMESPACE


def _parse(xml: str | bytes, source: str) -> ET.Element:
    try:
        return ET.fromstring(xml)
    except ET.ParseError as exc:
        # A bare item cut out of a feed loses the feed's xmlns:psc declaration: supply it once.
        text = xml.decode("utf-8", "replace") if isinstance(xml, bytes) else xml
        if "unbound prefix" in str(exc) and "psc:" in text and not text.lstrip().startswith("<?xml"):
            try:
                return ET.fromstring(f'<wrapper xmlns:psc="{PSC_NAMESPACE}">{text}</wrapper>')
            except ET.ParseError:
                pass
        raise ChapterError(f"{source}: not well-formed XML ({exc})") from exc
