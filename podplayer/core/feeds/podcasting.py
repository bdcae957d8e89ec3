"""Our own small, namespace-aware pass for what the feed parser does not keep.

podcastparser keeps a single ``transcript_url`` with no type, and only under the namespace's old
GitHub URI; feedparser keeps only the last ``<podcast:transcript>`` of an item. So every
``<podcast:transcript>`` (url, type, language, rel), ``<podcast:chapters>`` and the Podlove Simple
Chapters element are read here, with ElementTree through defusedxml: a document that declares
entities (the "billion laughs" bomb and its cousins) or reaches for external resources is refused
before any parser expands anything.

The same pass checks that the body is well-formed XML, so a broken feed gets one message with the
line and column of the first error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urljoin

import defusedxml
import defusedxml.ElementTree as SafeET

from podplayer.core.feeds.errors import FeedError, NotAFeedError
from podplayer.core.feeds.feed_model import TranscriptLink
from podplayer.core.feeds.urls import absolute_http

PODCAST_NAMESPACES = (
    "https://podcastindex.org/namespace/1.0",
    "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
)
PODLOVE_NAMESPACES = ("http://podlove.org/simple-chapters", "http://podlove.org/simple-chapters/")
ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@dataclass(slots=True)
class ItemExtras:
    transcripts: list[TranscriptLink] = field(default_factory=list)
    chapters_url: str = ""
    chapters_type: str = ""
    podlove_chapters: str = ""


def read_tree(body: bytes, url: str) -> ET.Element:
    """The document's root element; FeedError for entity declarations or malformed XML."""
    try:
        root: ET.Element = SafeET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        return root
    except defusedxml.EntitiesForbidden as exc:
        raise FeedError(f"{url}: refused: the feed declares XML entities (a possible entity bomb)") from exc
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise FeedError(f"{url}: refused: the feed refers to external XML resources") from exc
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise FeedError(f"{url}: malformed XML ({reason}, line {line}, column {column + 1})") from exc


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def check_root(root: ET.Element, url: str) -> str:
    """"rss", "atom" or "rdf"; NotAFeedError for any other document."""
    name, ns = local_name(root.tag).lower(), namespace(root.tag)
    if name == "rss":
        return "rss"
    if name == "feed" and ns == ATOM:
        return "atom"
    if name == "rdf" and ns == RDF:
        return "rdf"
    if name == "html":
        raise NotAFeedError(f"{url}: not a feed: the server sent a web page (HTML)")
    if name == "opml":
        raise NotAFeedError(f"{url}: not a feed but an OPML subscription list; import it with OPML import")
    raise NotAFeedError(f"{url}: not a podcast feed (the document is <{local_name(root.tag)}>, not RSS or Atom)")


def item_elements(root: ET.Element, kind: str) -> list[ET.Element]:
    if kind == "atom":
        return root.findall(f"{{{ATOM}}}entry")
    if kind == "rdf":
        return [e for e in root if local_name(e.tag) == "item"]
    channel = root.find("channel")
    return [] if channel is None else channel.findall("item")


def item_key(item: ET.Element, kind: str, base_url: str) -> str:
    """The identity the feed parser gives an item: guid, else link, else the enclosure URL.

    As podcastparser does, a permalink guid (the default) and links are resolved against the feed URL.
    """
    if kind == "atom":
        return (item.findtext(f"{{{ATOM}}}id") or "").strip()
    guid_element = item.find("guid")
    guid = (guid_element.text or "").strip() if guid_element is not None else ""
    if guid_element is not None and guid:
        permalink = guid_element.get("isPermaLink", "true").lower() == "true"
        return urljoin(base_url, guid) if permalink else guid
    link = (item.findtext("link") or "").strip()
    if link:
        return urljoin(base_url, link)
    enclosure = item.find("enclosure")
    return urljoin(base_url, (enclosure.get("url", "") if enclosure is not None else "").strip())


def item_extras(item: ET.Element, base_url: str) -> ItemExtras:
    extras = ItemExtras()
    for child in item:
        ns, name = namespace(child.tag), local_name(child.tag)
        if ns in PODCAST_NAMESPACES and name == "transcript":
            url = absolute_http(base_url, child.get("url", ""))
            if url:  # file:// and other schemes are never fetched
                extras.transcripts.append(
                    TranscriptLink(
                        url=url,
                        type=child.get("type", "").strip().lower(),
                        language=child.get("language", "").strip(),
                        rel=child.get("rel", "").strip().lower(),
                    )
                )
        elif ns in PODCAST_NAMESPACES and name == "chapters" and not extras.chapters_url:
            url = absolute_http(base_url, child.get("url", ""))
            if url:
                extras.chapters_url = url
                extras.chapters_type = child.get("type", "").strip().lower()
        elif ns in PODLOVE_NAMESPACES and name == "chapters" and not extras.podlove_chapters:
            extras.podlove_chapters = ET.tostring(child, encoding="unicode")
    return extras


def feed_extras(root: ET.Element, kind: str, base_url: str) -> dict[str, ItemExtras]:
    """Podcasting 2.0 / Podlove extras of every item, by the item's identity (see :func:`item_key`)."""
    found: dict[str, ItemExtras] = {}
    for item in item_elements(root, kind):
        key = item_key(item, kind, base_url)
        if key and key not in found:
            found[key] = item_extras(item, base_url)
    return found
