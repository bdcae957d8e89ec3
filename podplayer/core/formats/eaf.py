"""ELAN's EAF 3.0: tiers of time-aligned annotations.

Reading (defusedxml: a DTD or entities are refused): every top-level tier with time-aligned
annotations is a speaker (named by its ``PARTICIPANT`` when it has one, else its ``TIER_ID``); a
child tier of words inside a speaker's annotations times that speaker's words (see
core/formats/tiers.py). Tiers of podplayer's highlights (linguistic type ``podplayer-highlights``) are
not speech and are left out. Overlapping annotations on one tier are refused.

Writing uses pympi-ling (a maintained EAF library that writes the header, time order, tiers and
linguistic types ELAN expects): one tier per speaker, a word tier per speaker for word-timed output,
plus any extra tiers (the highlight exports add theirs). Tests validate every file written against
the published EAF 3.0 schema.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from podplayer.core.formats.tiers import (
    WORDS_SUFFIX,
    Label,
    Tier,
    check_order,
    tiers_to_transcript,
    transcript_tiers,
)
from podplayer.core.model import Transcript, TranscriptParseError

FORMAT = "eaf"
HIGHLIGHTS_TYPE = "podplayer-highlights"
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def looks_like_eaf(head: str) -> bool:
    return "<ANNOTATION_DOCUMENT" in head[:4000]


def _root(text: str, name: str) -> Element:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        # The text is decoded already: its declaration's encoding no longer applies.
        root: Element = SafeET.fromstring(_DECLARATION.sub("", text, count=1), forbid_dtd=True)
    except DefusedXmlException:
        raise TranscriptParseError("XML with a DTD or entity declarations is refused", path=name, fmt=FORMAT) from None
    except SafeET.ParseError as exc:
        raise TranscriptParseError(f"not well-formed XML ({exc})", path=name, fmt=FORMAT) from None
    if root.tag != "ANNOTATION_DOCUMENT":
        raise TranscriptParseError(f"not an ELAN file (root {root.tag!r})", path=name, fmt=FORMAT)
    return root


def read_eaf(text: str, name: str = "") -> Transcript:
    root = _root(text, name)
    slots: dict[str, int] = {}
    for slot in root.iter("TIME_SLOT"):
        value = slot.get("TIME_VALUE")
        if value is not None and value.strip().lstrip("-").isdigit():
            slots[slot.get("TIME_SLOT_ID", "")] = int(value)
    tiers: list[Tier] = []
    words_of: dict[str, str] = {}  # child tier -> parent tier
    for tier in root.iter("TIER"):
        if tier.get("LINGUISTIC_TYPE_REF") == HIGHLIGHTS_TYPE:
            continue
        tier_id = tier.get("TIER_ID", "")
        labels = []
        for annotation in tier.iter("ALIGNABLE_ANNOTATION"):
            start, end = slots.get(annotation.get("TIME_SLOT_REF1", "")), slots.get(annotation.get("TIME_SLOT_REF2", ""))
            value = " ".join((annotation.findtext("ANNOTATION_VALUE") or "").split())
            if start is None or end is None or not value:
                continue  # an unaligned slot: nothing to place
            labels.append(Label(start, end, value))
        if not labels:
            continue
        if tier.get("PARENT_REF"):
            words_of[tier_id] = tier.get("PARENT_REF", "")
        labels.sort(key=lambda lb: (lb.start_ms, lb.end_ms))  # EAF keeps annotations in any order
        speaker = tier.get("PARTICIPANT") or tier_id
        found = Tier(tier_id if tier.get("PARENT_REF") else speaker, labels)
        check_order(found, FORMAT, name)
        tiers.append(found)
    # A child tier becomes its speaker's word tier.
    speaker_of = {e.get("TIER_ID", ""): e.get("PARTICIPANT") or e.get("TIER_ID") or "" for e in root.iter("TIER")}
    for found in tiers:
        parent = words_of.get(found.name)
        if parent is not None:
            found.name = f"{speaker_of.get(parent, parent)}{WORDS_SUFFIX}"
    return tiers_to_transcript(tiers, FORMAT, name)


def eaf_document(transcript: Transcript, words: bool = False, extra: list[Tier] | None = None,
                 media: str | None = None) -> str:
    """The transcript (and ``extra`` tiers, e.g. highlights) as an EAF 3.0 document."""
    from pympi import Elan

    eaf = Elan.Eaf(author="podplayer")
    eaf.adocument["VERSION"] = "3.0"
    eaf.adocument["FORMAT"] = "3.0"
    eaf.adocument["xsi:noNamespaceSchemaLocation"] = "http://www.mpi.nl/tools/elan/EAFv3.0.xsd"
    if media:
        import mimetypes
        from pathlib import Path

        eaf.add_linked_file(Path(media).absolute().as_uri(), mimetype=mimetypes.guess_type(media)[0] or "audio/*")
    eaf.add_linguistic_type("words", constraints="Included_In")
    eaf.add_linguistic_type(HIGHLIGHTS_TYPE)
    eaf.remove_tier("default")
    for tier in transcript_tiers(transcript, words, FORMAT):
        if tier.name.endswith(WORDS_SUFFIX):
            speaker = tier.name.removesuffix(WORDS_SUFFIX)
            eaf.add_tier(tier.name, ling="words", parent=speaker, part=speaker)
        else:
            eaf.add_tier(tier.name, part=tier.name)
        for label in tier.labels:
            eaf.add_annotation(tier.name, label.start_ms, label.end_ms, label.text)
    for tier in extra or []:
        eaf.add_tier(tier.name, ling=HIGHLIGHTS_TYPE)
        for label in tier.labels:
            eaf.add_annotation(tier.name, label.start_ms, max(label.end_ms, label.start_ms + 1), label.text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + str(Elan.to_string(eaf)) + "\n"


def format_eaf(transcript: Transcript, words: bool = False) -> str:
    return eaf_document(transcript, words)
