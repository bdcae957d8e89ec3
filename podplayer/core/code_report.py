"""The code report: how often each code was applied, where, by whom, and which codes meet.

- per code: highlights carrying it, highlights carrying it or a code below it, and the episodes and
  speakers of the latter;
- per code and episode, per code and speaker (the speaker of the highlight's first word);
- co-occurrence: two codes meet when one highlight carries both, or when two highlights of the same
  episode overlap (share a word) and one carries each. Each highlight, and each overlapping pair, counts
  once per pair of codes, so the matrix is symmetric.

Pure and fast: one pass over the highlights plus a sweep per episode for overlaps.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from podplayer.core.codebook import parent_of
from podplayer.core.model import Highlight, Tag


@dataclass(slots=True)
class CodeRow:
    code: str
    description: str
    highlights: int  # highlights carrying this code
    with_subcodes: int  # highlights carrying this code or one below it
    episodes: int  # episodes with a highlight carrying this code or one below it
    speakers: int  # speakers of those highlights


@dataclass(slots=True)
class CodeReport:
    codes: list[CodeRow]
    by_episode: dict[str, Counter[str]] = field(default_factory=dict)  # code -> episode title -> n
    by_speaker: dict[str, Counter[str]] = field(default_factory=dict)  # code -> speaker -> n
    cooccurrence: dict[tuple[str, str], int] = field(default_factory=dict)  # (a, b), a < b -> n

    def together(self, a: str, b: str) -> int:
        """How often codes ``a`` and ``b`` meet (0 for a code with itself)."""
        return self.cooccurrence.get((a, b) if a < b else (b, a), 0)

    def to_dict(self) -> dict[str, object]:
        return {
            "codes": [
                {
                    "code": r.code,
                    "description": r.description,
                    "highlights": r.highlights,
                    "with_subcodes": r.with_subcodes,
                    "episodes": r.episodes,
                    "speakers": r.speakers,
                }
                for r in self.codes
            ],
            "by_episode": {code: dict(counts) for code, counts in self.by_episode.items()},
            "by_speaker": {code: dict(counts) for code, counts in self.by_speaker.items()},
            "cooccurrence": [{"codes": [a, b], "count": n} for (a, b), n in sorted(self.cooccurrence.items())],
        }

    def to_csv(self) -> str:
        """One tidy table (``measure,code,by,count``) that a spreadsheet pivots into any of the views."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["measure", "code", "by", "count"])
        for r in self.codes:
            writer.writerow(["highlights", _cell(r.code), "", r.highlights])
            writer.writerow(["with subcodes", _cell(r.code), "", r.with_subcodes])
        for measure, table in (("episode", self.by_episode), ("speaker", self.by_speaker)):
            for code, counts in table.items():
                for by, n in sorted(counts.items()):
                    writer.writerow([measure, _cell(code), _cell(by), n])
        for (a, b), n in sorted(self.cooccurrence.items()):
            writer.writerow(["co-occurrence", _cell(a), _cell(b), n])
            writer.writerow(["co-occurrence", _cell(b), _cell(a), n])
        return out.getvalue()


def _cell(text: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading apostrophe stops them."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def code_report(highlights: Iterable[Highlight], tags: Iterable[Tag], episode_titles: dict[int, str]) -> CodeReport:
    """The report over ``highlights`` (each with its tags, episode and speaker) and the codebook ``tags``."""
    tag_list = list(tags)
    canonical = {t.name.casefold(): t.name for t in tag_list}
    per_code: dict[str, list[Highlight]] = defaultdict(list)
    by_episode: dict[str, Counter[str]] = defaultdict(Counter)
    by_speaker: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: Counter[tuple[str, str]] = Counter()
    per_episode: dict[int | None, list[Highlight]] = defaultdict(list)
    for h in highlights:
        codes = sorted({canonical.get(t.casefold(), t) for t in h.tags})
        if not codes:
            continue
        per_episode[h.episode_id].append(h)
        title = episode_titles.get(h.episode_id, "") if h.episode_id is not None else ""
        for code in codes:
            per_code[code].append(h)
            by_episode[code][title] += 1
            if h.speaker:
                by_speaker[code][h.speaker] += 1
        pairs.update(combinations(codes, 2))
    for group in per_episode.values():
        _count_overlaps(group, canonical, pairs)

    rows = []
    descriptions = {t.name: t.description for t in tag_list}
    names = sorted(_with_parents({t.name for t in tag_list} | set(per_code)), key=str.casefold)
    # Each code's highlights count for it and for every code above it.
    below: dict[str, dict[int, Highlight]] = defaultdict(dict)
    for code, hs in per_code.items():
        key = code.casefold()
        while key:
            below[key].update((id(h), h) for h in hs)
            key = parent_of(key)
    for name in names:
        within = below.get(name.casefold(), {}).values()
        rows.append(
            CodeRow(
                name,
                descriptions.get(name, ""),
                len(per_code.get(name, [])),
                len(within),
                len({h.episode_id for h in within}),
                len({h.speaker for h in within if h.speaker}),
            )
        )
    return CodeReport(rows, dict(by_episode), dict(by_speaker), dict(pairs))


def _with_parents(names: set[str]) -> set[str]:
    """The codes and every parent above them (a parent may exist only through its children)."""
    found: dict[str, str] = {}
    for name in names:
        while name and name.casefold() not in found:
            found[name.casefold()] = name
            name = parent_of(name)
    return set(found.values())


def _count_overlaps(group: list[Highlight], canonical: dict[str, str], pairs: Counter[tuple[str, str]]) -> None:
    """Add the code pairs of every two overlapping highlights of one episode (a sweep by start word)."""
    group.sort(key=lambda h: (h.start.turn, h.start.word))
    active: list[Highlight] = []
    for h in group:
        active = [a for a in active if not a.end < h.start]
        mine = {canonical.get(t.casefold(), t) for t in h.tags}
        for other in active:
            theirs = {canonical.get(t.casefold(), t) for t in other.tags}
            met = {(a, b) if a < b else (b, a) for a in mine for b in theirs if a != b}
            pairs.update(met)
        active.append(h)
