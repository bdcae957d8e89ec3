"""Reading what the feed parser does not keep, in the same pass: every ``<podcast:transcript>``
(url, type, language, rel), ``<podcast:chapters>``, ``<podcast:soundbite>`` (start, duration, title)
and the Podlove Simple Chapters of each item.

podcastparser keeps a single ``transcript_url`` with no type, and knows the Podcasting 2.0 namespace
only under its old GitHub URI (feedparser keeps only the last transcript). Rather than a second pass
over the document, :class:`PodcastingHandler` extends podcastparser's SAX handler: it hands every
element to podcastparser's own targets, then looks at the element's real namespace URI and records
the extras on the episode podcastparser is building. The SAX parser underneath is defusedxml's, which refuses a
document that declares entities (the "billion laughs" bomb and its cousins) or external resources.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import podcastparser

from podplayer.core.feeds.feed_model import TranscriptLink
from podplayer.core.feeds.urls import absolute_http

PODCAST_NAMESPACES = frozenset(
    {
        "https://podcastindex.org/namespace/1.0",
        "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
        "https://github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
    }
)
PODLOVE_NAMESPACES = frozenset({"http://podlove.org/simple-chapters", "http://podlove.org/simple-chapters/"})
PODLOVE = "http://podlove.org/simple-chapters"
# Depth of an item's children: rss/channel/item/X, or atom:feed/atom:entry/X.
ITEM_CHILD_DEPTH = {"rss": 4, "atom:feed": 3}
ITEM_NAMES = {"item", "atom:entry"}
# podcastparser's paths of an item element.
ITEM_PATHS = frozenset({"rss/channel/item", "atom:feed/atom:entry"})
TRANSCRIPTS = "_podplayer_transcripts"
CHAPTERS = "_podplayer_chapters"
PODLOVE_CHAPTERS = "_podplayer_podlove"
RAW_GUID = "_podplayer_guid"
SOUNDBITES = "_podplayer_soundbites"
MAX_SOUNDBITES = 20  # per item: a feed that lists hundreds is not suggesting anything


class PodcastingHandler(podcastparser.PodcastHandler):  # type: ignore[misc]
    """podcastparser's handler plus the Podcasting 2.0 and Podlove extras (see the module docstring).

    The element events are dispatched here rather than by podcastparser's own ``startElement`` and
    ``endElement``, to the same targets (``podcastparser.MAPPING``) with the same element paths and
    namespace mapping, but without building a namespace scope and joining the whole path for every
    element: an element that declares no namespace shares its parent's scope, names are mapped once
    per scope, and each element's path is its parent's plus its name (a third of the reading time).
    """

    # Set by podcastparser's handler (untyped): the namespace scope of the current element, and the
    # text of the current element while its target wants it.
    namespace: Any
    text: list[str] | None

    def __init__(self, url: str, max_episodes: int) -> None:
        super().__init__(url, max_episodes)
        self._paths: list[str] = []  # "/".join(path_stack[: n + 1]) for every open element
        self._outer: list[Any] = []  # the namespace scope around every open element
        self._names: dict[Any, dict[str, str]] = {}  # scope -> element name -> podcastparser's name
        self._soundbite: tuple[int, dict[str, Any]] | None = None  # an open <podcast:soundbite>: depth, values

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - SAX's name
        outer = self.namespace
        scope = outer
        if outer is None or (attrs and any(key == "xmlns" or key.startswith("xmlns:") for key in attrs)):
            scope = podcastparser.Namespace(attrs, outer)
        names = self._names.get(scope)
        if names is None:
            names = self._names[scope] = {}
        mapped = names.get(name)
        if mapped is None:
            mapped = names[name] = scope.map(name)
        stack, paths = self.path_stack, self._paths
        if not stack and mapped not in podcastparser.VALID_ROOTS:
            raise podcastparser.FeedParseError(
                msg=f"Unsupported feed type: {mapped}", exception=None, locator=self._locator
            )
        path = f"{paths[-1]}/{mapped}" if paths else mapped
        if path in ITEM_PATHS and self.item_starting(name):
            return
        self.namespace = scope
        self._outer.append(outer)
        stack.append(mapped)
        paths.append(path)
        target = podcastparser.MAPPING.get(path)
        if target is not None:
            target.start(self, attrs)
            if target.WANT_TEXT:
                self.text = []
        if ":" in name and len(stack) >= 3 and self.episodes:  # the extras are all prefixed
            self._extras(name, attrs, stack)

    def endElement(self, name: str) -> None:  # noqa: N802 - SAX's name
        stack = self.path_stack
        path = self._paths.pop()
        if self.episodes and self.text is not None and len(stack) == 4 and stack[-1] == "guid" and stack[-2] == "item":
            self.episodes[-1][RAW_GUID] = "".join(self.text).strip()
        if self._soundbite is not None and len(stack) == self._soundbite[0]:
            depth, bite = self._soundbite
            bite["title"] = " ".join("".join(self.text or []).split())[:300]
            self.text, self._soundbite = None, None
        if path in ITEM_PATHS:
            self.item_ending()
        target = podcastparser.MAPPING.get(path)
        if target is not None:
            target.end(self, "".join(self.text) if self.text is not None else "")
            self.text = None
        self.namespace = self._outer.pop()
        stack.pop()

    def item_starting(self, name: str) -> bool:
        """Called at an item's start tag; True skips the item (see known_items.py)."""
        return False

    def item_ending(self) -> None:
        """Called at an item's end tag, before podcastparser validates the entry."""

    def _start_soundbite(self, episode: dict[str, Any], attrs: Any, depth: int) -> None:
        bite = _start_soundbite_values(attrs)
        bites = episode.setdefault(SOUNDBITES, [])
        if bite is not None and len(bites) < MAX_SOUNDBITES:
            bites.append(bite)
            if self.text is None:  # its text is its title
                self.text, self._soundbite = [], (depth, bite)

    def _extras(self, name: str, attrs: Any, stack: list[str]) -> None:
        prefix, _, local = name.rpartition(":")
        uri = self.namespace.lookup(prefix)
        depth = ITEM_CHILD_DEPTH.get(stack[0])
        if uri in PODCAST_NAMESPACES and len(stack) == depth and stack[-2] in ITEM_NAMES:
            episode = self.episodes[-1]
            if local == "soundbite":
                self._start_soundbite(episode, attrs, len(stack))
                return
            url = absolute_http(self.base, attrs.get("url", "") or "")
            if not url:
                return  # file:// and other schemes are never fetched
            if local == "transcript":
                episode.setdefault(TRANSCRIPTS, []).append(
                    TranscriptLink(
                        url=url,
                        type=(attrs.get("type", "") or "").strip().lower(),
                        language=(attrs.get("language", "") or "").strip(),
                        rel=(attrs.get("rel", "") or "").strip().lower(),
                    )
                )
            elif local == "chapters" and CHAPTERS not in episode:
                episode[CHAPTERS] = (url, (attrs.get("type", "") or "").strip().lower())
        elif uri in PODLOVE_NAMESPACES and local == "chapter" and depth and len(stack) == depth + 1:
            self.episodes[-1].setdefault(PODLOVE_CHAPTERS, []).append(
                {k: attrs.get(k) for k in ("start", "title", "href", "image") if attrs.get(k) is not None}
            )


def _seconds(text: object) -> float | None:
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    return value if value == value and 0 <= value < 1e7 else None  # not NaN, not absurd


def _start_soundbite_values(attrs: Any) -> dict[str, Any] | None:
    start, duration = _seconds(attrs.get("startTime", "")), _seconds(attrs.get("duration", ""))
    if start is None or duration is None or duration <= 0:
        return None  # the spec requires both; a soundbite without them points nowhere
    return {"start_ms": round(start * 1000), "duration_ms": round(duration * 1000), "title": ""}


def soundbites_of(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The item's ``<podcast:soundbite>``s: start_ms, duration_ms and title ("" when it has none)."""
    return list(entry.get(SOUNDBITES, []))


def guid_of(entry: dict[str, Any]) -> str:
    """The item's guid as the feed wrote it (podcastparser resolves it against the feed URL, which
    would change every guid when a feed moves to another host)."""
    return str(entry.get(RAW_GUID) or entry.get("guid") or "")


def transcripts_of(entry: dict[str, Any]) -> list[TranscriptLink]:
    return list(entry.get(TRANSCRIPTS, []))


def chapters_link_of(entry: dict[str, Any]) -> tuple[str, str]:
    found: tuple[str, str] = entry.get(CHAPTERS, ("", ""))
    return found


def podlove_xml_of(entry: dict[str, Any]) -> str:
    """The item's Podlove chapters as a ``<psc:chapters>`` element (what the chapter reader reads)."""
    chapters = entry.get(PODLOVE_CHAPTERS)
    if not chapters:
        return ""
    root = ET.Element(f"{{{PODLOVE}}}chapters", version="1.2")
    for attrs in chapters:
        ET.SubElement(root, f"{{{PODLOVE}}}chapter", {k: str(v) for k, v in attrs.items()})
    ET.register_namespace("psc", PODLOVE)
    return ET.tostring(root, encoding="unicode")
