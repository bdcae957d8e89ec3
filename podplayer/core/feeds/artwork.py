"""Podcast artwork: fetched once into a cache folder, named by a hash of its URL."""

from __future__ import annotations

import hashlib
from pathlib import Path

from podplayer.core.atomic import write_atomic
from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.http import HttpClient
from podplayer.core.jobs import CancelToken

MAX_ARTWORK_BYTES = 8 * 1024 * 1024
IMAGE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}


def cached_artwork(cache_dir: Path, url: str) -> Path | None:
    stem = hashlib.sha1(url.encode("utf-8")).hexdigest()
    for suffix in IMAGE_SUFFIXES.values():
        path = cache_dir / f"{stem}{suffix}"
        if path.exists():
            return path
    return None


def fetch_artwork(client: HttpClient, url: str, cache_dir: Path, cancel: CancelToken | None = None) -> Path:
    """The artwork's local file, downloading it if needed. FeedError when it is not an image."""
    found = cached_artwork(cache_dir, url)
    if found is not None:
        return found
    result = client.get(url, max_bytes=MAX_ARTWORK_BYTES, cancel=cancel, what="artwork URL")
    ctype = result.content_type.split(";")[0].strip().lower()
    if ctype not in IMAGE_SUFFIXES:
        raise FeedError(f"{url}: not an image ({ctype or 'no type'})")
    target = cache_dir / f"{hashlib.sha1(url.encode('utf-8')).hexdigest()}{IMAGE_SUFFIXES[ctype]}"
    write_atomic(target, result.body)
    return target
