"""The codebook: tags as a hierarchy of codes (``Theme/Subtheme``), one rule for names and matching.

A tag's place in the tree is its name: ``"Work/Stress"`` is the child ``Stress`` of ``Work``. A parent
needs no tag of its own (``Work`` may exist only through its children); the tree shows it anyway, and
filtering by a parent takes in every code below it. Names compare case-insensitively, as the library
stores them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from podplayer.core.model import Tag

SEPARATOR = "/"


def normalize_tag(name: str) -> str:
    """One spelling per code: whitespace collapsed, no space around ``/``, no empty levels."""
    parts = (" ".join(part.split()) for part in name.split(SEPARATOR))
    return SEPARATOR.join(p for p in parts if p)


def tag_matches(tag: str, wanted: str) -> bool:
    """``tag`` is the code ``wanted`` (as a user typed it) or one of its descendants."""
    return is_within(tag, normalize_tag(wanted))


def is_within(tag: str, code: str) -> bool:
    """``tag`` is the code ``code`` (a normalised name) or below it; case-insensitive."""
    tag_key, code_key = tag.casefold(), code.casefold()
    return tag_key == code_key or tag_key.startswith(code_key + SEPARATOR)


def parent_of(name: str) -> str:
    """The parent code's full name ("" for a top-level code)."""
    head, sep, _leaf = name.rpartition(SEPARATOR)
    return head if sep else ""


def leaf_of(name: str) -> str:
    """The last level of a code's name (what the tree shows)."""
    return name.rpartition(SEPARATOR)[2]


@dataclass(slots=True)
class TagNode:
    """One code in the tree. ``tag`` is None for a parent that exists only through its children."""

    name: str  # the full name, e.g. "Work/Stress"
    tag: Tag | None = None
    children: list[TagNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return leaf_of(self.name)

    @property
    def own_count(self) -> int:
        return self.tag.count if self.tag is not None else 0

    @property
    def total_count(self) -> int:
        """Uses of this code and every code below it (a highlight with two of them counts twice)."""
        return self.own_count + sum(c.total_count for c in self.children)

    def walk(self, depth: int = 0) -> Iterable[tuple[int, TagNode]]:
        """This node and its descendants, depth first, with their depth."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


def tag_tree(tags: Iterable[Tag]) -> list[TagNode]:
    """The codes as a forest, siblings sorted case-insensitively; missing parents are filled in."""
    nodes: dict[str, TagNode] = {}
    roots: list[TagNode] = []

    def node_for(name: str) -> TagNode:
        key = name.casefold()
        found = nodes.get(key)
        if found is not None:
            return found
        node = nodes[key] = TagNode(name)
        parent = parent_of(name)
        (node_for(parent).children if parent else roots).append(node)
        return node

    for tag in tags:
        node_for(tag.name).tag = tag

    def sort(level: list[TagNode]) -> None:
        level.sort(key=lambda n: n.label.casefold())
        for n in level:
            sort(n.children)

    sort(roots)
    return roots


def walk_tree(roots: Iterable[TagNode]) -> list[tuple[int, TagNode]]:
    """Every node of a forest, depth first, with its depth (the order the filters list them)."""
    return [pair for root in roots for pair in root.walk()]
