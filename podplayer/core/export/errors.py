"""Errors an export can raise; each is one clear line for the user."""

from __future__ import annotations

from podplayer.core.model import PodplayerError


class ExportError(PodplayerError):
    """An export could not be written (bad option, bad template, encoder failure...)."""


class TargetExistsError(ExportError):
    """The destination exists and overwriting was not allowed."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} already exists (use --force to overwrite)")
        self.path = path


class AnnotationsImportError(PodplayerError):
    """An annotations file could not be read or does not fit the target library."""
