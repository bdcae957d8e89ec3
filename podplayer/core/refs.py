"""Finding an episode or a podcast by what a user types: the one rule for both.

A reference is an id, else an exact name (case-insensitive, or one of the item's exact keys such as a
podcast's feed URL), else a unique name prefix. The errors say what went wrong in the library's own
words; each front end adds its hint (the command line names the listing command).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from podplayer.core.model import PodplayerError

RefKind = Literal["episode", "podcast"]


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    exact_keys: tuple[str, ...] = field(default=())  # matched as typed (a feed URL)


class UnknownRef(PodplayerError):
    def __init__(self, kind: RefKind, ref: str) -> None:
        super().__init__(f"no {kind} matches {ref!r}")
        self.kind, self.ref = kind, ref


class AmbiguousRef(PodplayerError):
    def __init__(self, kind: RefKind, ref: str, matches: Sequence[Candidate]) -> None:
        names = ", ".join(f"{c.id} {c.name!r}" for c in matches[:5])
        super().__init__(f"{ref!r} matches several {kind}s ({names}); use the id")
        self.kind, self.ref, self.matches = kind, ref, list(matches)


def resolve_ref(kind: RefKind, ref: str, candidates: Sequence[Candidate]) -> int:
    """The id ``ref`` names among ``candidates``; UnknownRef or AmbiguousRef otherwise."""
    ref = ref.strip()
    if ref.isdigit() and any(c.id == int(ref) for c in candidates):
        return int(ref)
    key = ref.casefold()
    for matches in (
        [c for c in candidates if c.name.casefold() == key or ref in c.exact_keys],
        [c for c in candidates if key and c.name.casefold().startswith(key)],
    ):
        if len(matches) == 1:
            return matches[0].id
        if len(matches) > 1:
            raise AmbiguousRef(kind, ref, matches)
    raise UnknownRef(kind, ref)
