"""The published interchange schemas (REFI-QDA project and codebook, ELAN EAF 3.0) as validators.

The schemas live in the shared fixtures (``../shared/fixtures/schemas``); a test that needs them is
skipped, saying why, where they are absent. Validation is by xmlschema, a maintained XSD 1.0/1.1
validator.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import xmlschema

from tests.conftest import shared


@cache
def _schema(path: Path) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(path))


def schema(name: str) -> xmlschema.XMLSchema:
    """``Project-mrt2019.xsd``, ``Codebook.xsd`` or ``EAFv3.0.xsd``."""
    return _schema(shared("schemas") / name)


def validate_qdpx(path: Path) -> bytes:
    """Validate a .qdpx's project.qde against the REFI-QDA project schema; returns the XML."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("project.qde")
    schema("Project-mrt2019.xsd").validate(xml.decode("utf-8"))
    return xml


def validate_qdc(path: Path) -> None:
    schema("Codebook.xsd").validate(path.read_text(encoding="utf-8"))


def validate_eaf(path: Path) -> None:
    schema("EAFv3.0.xsd").validate(path.read_text(encoding="utf-8"))
