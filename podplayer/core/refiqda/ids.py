"""GUIDs for REFI-QDA elements: stable across exports of the same library (uuid5 of what they name),
so exporting twice gives the same project and a QDA tool can tell an update from a new object."""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f1b6a1e-54c4-4a1e-9d65-0c0ad0e2f9b4")


def guid(*parts: object) -> str:
    """The GUID of the object named by ``parts`` (e.g. ``("code", "work/stress")``)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts)))
