"""The REFI-QDA codebook: podplayer's tags as nested ``Code`` elements and back.

A tag ``Work/Stress`` becomes the code ``Stress`` inside the code ``Work``. A parent that exists only
through its children is written as a code that cannot be applied (``isCodable="false"``); on reading,
such a code becomes no tag of its own. Colours are ``#rrggbb``; descriptions are the codes' memos.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from podplayer.core.codebook import SEPARATOR, TagNode, tag_tree
from podplayer.core.model import Tag
from podplayer.core.refiqda.ids import guid

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_RGB = re.compile(r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


def code_guid(name: str) -> str:
    return guid("code", name.casefold())


def codes_element(tags: list[Tag], ns: str) -> ET.Element | None:
    """``<Codes>`` holding the codebook as a tree (None when there are no tags)."""
    roots = tag_tree(tags)
    if not roots:
        return None
    codes = ET.Element(f"{{{ns}}}Codes")
    for root in roots:
        codes.append(_code(root, ns))
    return codes


def _code(node: TagNode, ns: str) -> ET.Element:
    element = ET.Element(
        f"{{{ns}}}Code",
        {"guid": code_guid(node.name), "name": node.label, "isCodable": "true" if node.tag else "false"},
    )
    if node.tag is not None and _RGB.fullmatch(node.tag.color):
        element.set("color", node.tag.color)
    if node.tag is not None and node.tag.description:
        ET.SubElement(element, f"{{{ns}}}Description").text = node.tag.description
    for child in node.children:
        element.append(_code(child, ns))
    return element


def codebook_document(tags: list[Tag]) -> bytes:
    """A stand-alone ``.qdc`` codebook."""
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": "podplayer"})
    codes = codes_element(tags, CODEBOOK_NS)
    if codes is None:
        raise ValueError("no codes")
    root.append(codes)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


@dataclass(slots=True)
class ReadCode:
    """A code read from a codebook: its full podplayer name and whether it can be applied."""

    guid: str
    tag: Tag
    codable: bool


def read_codes(codes: ET.Element, ns: str) -> list[ReadCode]:
    """Every code under ``<Codes>``, depth first, named by its path (``Parent/Child``)."""
    found: list[ReadCode] = []

    def walk(element: ET.Element, parent: str) -> None:
        label = " ".join(element.get("name", "").replace(SEPARATOR, "∕").split())  # a "/" in a name is not a level
        name = f"{parent}{SEPARATOR}{label}" if parent else label
        color = element.get("color", "")
        description = element.findtext(f"{{{ns}}}Description") or ""
        codable = element.get("isCodable", "true").strip().lower() in ("true", "1")
        if label:
            found.append(
                ReadCode(element.get("guid", ""), Tag(name, color if _RGB.fullmatch(color) else "", description=description.strip()), codable)
            )
        for child in element.findall(f"{{{ns}}}Code"):
            walk(child, name if label else parent)

    for code in codes.findall(f"{{{ns}}}Code"):
        walk(code, "")
    return found
