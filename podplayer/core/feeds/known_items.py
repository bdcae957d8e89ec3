"""Refreshing without reading again what the library already holds: item fingerprints, and skipping.

Most refreshes of a podcast bring one new item and repeat hundreds that the library stored before.
Reading those again is most of a refresh's cost (podcastparser runs Python code for every element:
about 40 ms for a 300-item feed). So every stored feed episode keeps the fingerprint of the item it
was read from, a refresh hands the stored fingerprints back to the reader, and the reader passes over
the items it already knows:

- An item's fingerprint is a BLAKE2b digest of the item's bytes in the document (from its start tag to
  its end tag) and of everything outside the item that reading it depends on: the feed URL and the
  xml:base in force (relative links), the namespace declarations in scope (prefixes), the XML
  declaration (encoding), podcastparser's version and READER_VERSION.
- At an item's start tag the handler looks ahead for the item's end tag. When the fingerprint of that
  span is known it turns its element handlers off until the item ends: expat still reads every byte
  (a malformed document is still refused, defusedxml's guards still apply), only the Python work per
  element is skipped (a 300-item feed with one new item: ~40 ms to ~8 ms).
- Identical bytes from an element's start read the same way, so a known span ends where the item
  ends. Should it not (a digest collision), :class:`Misjudged` is raised and the document is read
  again without skipping: a skip never rests on a span that was not the whole item.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from typing import Any

import podcastparser

from podplayer.core.feeds.podcasting import PodcastingHandler

# Part of every fingerprint: change it whenever what an item is read into changes (parse.py,
# podcasting.py, podcastparser's options), so that the next refresh reads every item again.
READER_VERSION = "1"
FINGERPRINT = "_podplayer_fingerprint"


class Misjudged(Exception):
    """A skipped item did not end where the look-ahead found its end tag."""


def item_scope(url: str, base: str, namespaces: Mapping[str, str], declaration: bytes) -> hashlib.blake2b:
    """The digest of what reading an item depends on outside the item (see the module docstring)."""
    parts = [READER_VERSION, podcastparser.__version__, url, base, repr(sorted(namespaces.items()))]
    return hashlib.blake2b("\0".join(parts).encode() + b"\0" + declaration + b"\0", digest_size=16)


def item_fingerprint(scope: hashlib.blake2b, item: bytes | memoryview) -> str:
    """The fingerprint of an item's bytes (start tag up to its end tag) read in ``scope``."""
    digest = scope.copy()
    digest.update(item)
    return digest.hexdigest()


def fingerprint_of(entry: dict[str, Any]) -> str:
    return str(entry.get(FINGERPRINT, ""))


class FingerprintingHandler(PodcastingHandler):
    """The feed handler that fingerprints every item and skips the ``known`` ones (see the module)."""

    def __init__(self, url: str, known: Collection[str] = frozenset()) -> None:
        super().__init__(url, 0)
        self.known = known
        self.unchanged: list[str] = []  # fingerprints of the items skipped
        self._parser: Any = None
        self._body = b""
        self._view = memoryview(self._body)
        self._declaration = b""
        self._scope_key: tuple[object, str] | None = None
        self._scope = item_scope(url, url, {}, b"")
        self._item_start = -1
        self._skip_name = ""
        self._skip_until = -1

    def attach(self, parser: Any, body: bytes, declaration: bytes) -> None:
        """The pyexpat parser that will read ``body`` (whose XML declaration is ``declaration``)."""
        self._parser = parser
        self._body, self._view = body, memoryview(body)
        self._declaration = declaration

    def item_starting(self, name: str) -> bool:
        if self._parser is None:
            return False
        start = self._parser.CurrentByteIndex
        self._update_scope()
        if self.known and self._skip(name, start):
            return True
        self._item_start = start
        return False

    def item_ending(self) -> None:
        if self._parser is not None and self.episodes:  # the entry this item started (it may still be dropped)
            span = self._view[self._item_start : self._parser.CurrentByteIndex]
            self.episodes[-1][FINGERPRINT] = item_fingerprint(self._scope, span)

    def _update_scope(self) -> None:
        """``self._scope`` for the item starting now (the same for all items of a channel)."""
        key = (self.namespace, self.base)
        if self._scope_key is not None and self._scope_key[0] is key[0] and self._scope_key[1] == key[1]:
            return
        scopes: list[dict[str, str]] = []
        scope = self.namespace
        while scope is not None:
            scopes.append(scope.namespaces)
            scope = scope.parent
        declared: dict[str, str] = {}
        for names in reversed(scopes):
            declared.update(names)
        self._scope_key = key
        self._scope = item_scope(self.url, self.base, declared, self._declaration)

    def _skip(self, name: str, start: int) -> bool:
        """Pass over the item starting at ``start`` when its fingerprint is known.

        Only an item without another ``<name`` inside is skipped: then the first element to end at
        the end tag found ahead can only be the item itself, and while skipping only end events
        need a look (at or past that end tag, they tell whether the look-ahead was right).
        """
        body = self._body
        tag = name.encode()
        end = body.find(b"</" + tag, start)
        if end < 0 or body.find(b"<" + tag, start + 1, end) >= 0:
            return False
        fingerprint = item_fingerprint(self._scope, self._view[start:end])
        if fingerprint not in self.known:
            return False
        self.unchanged.append(fingerprint)
        self._skip_name, self._skip_until = name, end
        parser = self._parser
        parser.StartElementHandler = None
        parser.CharacterDataHandler = None
        parser.EndElementHandler = self._skipped_end
        return True

    def _skipped_end(self, name: str) -> None:
        parser = self._parser
        at = parser.CurrentByteIndex
        if at < self._skip_until:
            return  # an element inside the item
        if at > self._skip_until or name != self._skip_name:
            raise Misjudged(f"{self.url}: an item did not end where it seemed to")
        parser.StartElementHandler = self.startElement
        parser.EndElementHandler = self.endElement
        parser.CharacterDataHandler = self.characters
