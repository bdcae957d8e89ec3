"""An episode web page saved as text: summary, ``Episode transcript`` with ``NAME: text`` paragraphs,
and a trailing ``Next up`` teaser (kept as metadata, never as transcript).

Hand-written: this is the shape of the seed page, not a published format. Section headings are
whole lines ("Episode summary", "Episode video", "Episode transcript", "Next up"); stray
backslash-escapes left by the page's export (``\\"``) are shown as the plain character.
"""

from __future__ import annotations

import re
from pathlib import Path

from podplayer.core.formats.paragraphs import parse_paragraphs
from podplayer.core.model import Transcript, TranscriptParseError

FORMAT = "episode-page"

SECTION_HEADINGS = {
    "episode summary": "summary",
    "summary": "summary",
    "episode video": "video",
    "episode transcript": "transcript",
    "transcript": "transcript",
    "next up": "next_up",
}
_ESCAPE = re.compile(r"\\([\"'\\`])")
_QUOTED_SERIES = re.compile(r"\bEpisode\s+(\d+)\s+of\s+['\"‘“](.+?),?['\"’”]")
_PLAIN_SERIES = re.compile(r"\bEpisode\s+(\d+)\s+of\s+([A-Z0-9][^,.!?\n]*)")


def unescape(text: str) -> str:
    """``\\"`` -> ``"`` (and the same for ``'``, backslash and backtick)."""
    return _ESCAPE.sub(r"\1", text)


def section_of(line: str) -> str | None:
    """The section key if ``line`` is a section heading ("Episode transcript" -> "transcript")."""
    key = line.strip().lstrip("#").strip().rstrip(":").strip().lower()
    return SECTION_HEADINGS.get(key)


def has_section_headings(text: str) -> bool:
    """True if ``text`` has an "Episode transcript" heading line."""
    return any(section_of(line) == "transcript" for line in text.split("\n") if len(line) < 40)


def split_sections(text: str) -> dict[str, list[str]]:
    """Lines per section; lines before any heading go to ``"preamble"``."""
    sections: dict[str, list[str]] = {"preamble": []}
    current = "preamble"
    for line in text.split("\n"):
        key = section_of(line) if len(line) < 40 else None
        if key is not None:
            current = key
            sections.setdefault(current, [])
            continue
        sections[current].append(line)
    return sections


def section_text(lines: list[str]) -> str:
    """A section's paragraphs joined by blank lines, each paragraph on one line."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(unescape(" ".join(current)))
            current = []
    return "\n\n".join(paragraphs)


def derive_title(*texts: str) -> tuple[str, str, str]:
    """(title, podcast, episode number) from "In Episode 67 of '100 Days of Data,'" in the texts."""
    for pattern in (_QUOTED_SERIES, _PLAIN_SERIES):
        for text in texts:
            m = pattern.search(text)
            if m:
                podcast = m.group(2).strip().rstrip(",.")
                return f"{podcast} — Episode {m.group(1)}", podcast, m.group(1)
    return "", "", ""


def read_episode_page(text: str, name: str = "") -> Transcript:
    sections = split_sections(text)
    body = sections.get("transcript")
    if body is None:  # read as a page on request, but no transcript heading: use the whole text
        body, sections = text.split("\n"), {}
    turns = parse_paragraphs(body, unescape=unescape)
    if not turns:
        raise TranscriptParseError("no transcript paragraphs found", path=name, fmt=FORMAT)
    metadata: dict[str, str] = {}
    for key in ("summary", "next_up", "video"):
        value = section_text(sections.get(key, []))
        if value:
            metadata[key] = value
    first_turns = " ".join(t.text for t in turns[:3])
    title, podcast, number = derive_title(metadata.get("summary", ""), first_turns)
    if podcast:
        metadata["podcast"] = podcast
        metadata["episode"] = number
    if not title:
        preamble = section_text(sections.get("preamble", [])).split("\n\n")[0]
        title = preamble if 0 < len(preamble) <= 120 else Path(name).stem
    return Transcript(turns, title=title, metadata=metadata)
