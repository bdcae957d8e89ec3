"""Errors from feed work. Each message is one line a user can act on."""

from __future__ import annotations

from podplayer.core.model import PodplayerError


class FeedError(PodplayerError):
    """A feed, OPML file, directory answer or download could not be used."""


class NotAFeedError(FeedError):
    """The server answered, but not with a podcast feed (HTML page, JSON, empty body...)."""


class HttpError(FeedError):
    """The request failed: connection, timeout, HTTP status, redirect loop, size limit."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class DownloadError(FeedError):
    """A download did not complete; any partial file is kept for a later resume."""
