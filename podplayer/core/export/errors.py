"""Errors an export can raise; each is one clear line for the user."""

from __future__ import annotations

from podplayer.core.atomic import TargetExistsError
from podplayer.core.model import PodplayerError

__all__ = ["AnnotationsImportError", "ExportError", "TargetExistsError", "UnknownTagError"]


class ExportError(PodplayerError):
    """An export could not be written (bad option, bad template, encoder failure...)."""


class UnknownTagError(ExportError):
    """No tag has the name asked for."""

    def __init__(self, tag: str) -> None:
        super().__init__(f"no tag named {tag!r}")
        self.tag = tag


class AnnotationsImportError(PodplayerError):
    """An annotations file could not be read or does not fit the target library."""
