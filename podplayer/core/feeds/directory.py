"""Finding a podcast by name in a directory.

Apple's public search API needs no key: ``GET {base}/search?media=podcast&entity=podcast&term=...``
answers ``{"resultCount": N, "results": [{"collectionName", "artistName", "feedUrl",
"artworkUrl600", "trackCount", ...}]}``. Podcast Index (``/api/1.0/search/byterm``) is used instead
when the user chooses it and gives an API key and secret; it signs each request with SHA-1 of
key + secret + time. Which directory, its base URL and the key are the user's :class:`DirectoryChoice`
(tests point the base URL at a local server); :func:`search_directory` is the one place that decides
which directory a search goes to.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode, urlsplit

from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.urls import is_http_url

APPLE_BASE_URL = "https://itunes.apple.com"
PODCAST_INDEX_BASE_URL = "https://api.podcastindex.org"
PODCAST_INDEX_SIGN_UP_URL = "https://api.podcastindex.org"


class Directory(StrEnum):
    """A podcast directory searched by name. The value is what settings store."""

    APPLE = "apple"
    PODCAST_INDEX = "podcast_index"

    @property
    def label(self) -> str:
        return "Apple Podcasts" if self is Directory.APPLE else "Podcast Index"

    @property
    def default_base_url(self) -> str:
        return APPLE_BASE_URL if self is Directory.APPLE else PODCAST_INDEX_BASE_URL

    @property
    def needs_key(self) -> bool:
        return self is Directory.PODCAST_INDEX


def check_base_url(url: str, directory: Directory) -> str:
    """The directory's base URL to use: ``url`` stripped, or the default when it is blank.

    Raises FeedError naming the problem when ``url`` is not an http(s) address a path can be added to.
    """
    url = url.strip()
    if not url:
        return directory.default_base_url
    what = f"{directory.label} address"
    if not is_http_url(url):
        raise FeedError(f"The {what} must be a full http:// or https:// URL such as "
                        f"{directory.default_base_url}, not “{url}”.")
    parts = urlsplit(url)
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise FeedError(f"The {what} must not have a ?query or #fragment: “{url}”.")
    return url


@dataclass(frozen=True, slots=True)
class DirectoryChoice:
    """Which directory "Add podcast…" searches, where it lives, and the Podcast Index credentials.

    ``base_url`` blank means the directory's own address.
    """

    directory: Directory = Directory.APPLE
    base_url: str = ""
    podcast_index_key: str = ""
    podcast_index_secret: str = ""

    @property
    def has_podcast_index_key(self) -> bool:
        return bool(self.podcast_index_key.strip() and self.podcast_index_secret.strip())

    def problem(self) -> str | None:
        """Why this choice cannot search (a sentence for the user), or None when it can."""
        if self.directory.needs_key and not self.has_podcast_index_key:
            return (f"{self.directory.label} needs both an API key and its secret "
                    f"(free at {PODCAST_INDEX_SIGN_UP_URL}).")
        try:
            check_base_url(self.base_url, self.directory)
        except FeedError as exc:
            return str(exc)
        return None


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    title: str
    author: str
    feed_url: str
    artwork: str = ""
    episode_count: int | None = None


def _json(body: bytes, url: str) -> dict[str, object]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"{url}: the directory did not answer with JSON") from exc
    if not isinstance(data, dict):
        raise FeedError(f"{url}: unexpected directory answer")
    return data


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def search_apple(client: HttpClient, term: str, *, base_url: str = APPLE_BASE_URL, limit: int = 25) -> list[DirectoryEntry]:
    url = f"{base_url.rstrip('/')}/search?" + urlencode(
        {"media": "podcast", "entity": "podcast", "term": term, "limit": limit}
    )
    data = _json(client.get(url, what="directory URL", max_bytes=5 * 1024 * 1024).body, url)
    results = data.get("results")
    out: list[DirectoryEntry] = []
    for r in results if isinstance(results, list) else []:
        if not isinstance(r, dict) or not is_http_url(str(r.get("feedUrl") or "")):
            continue  # entries without a feed cannot be subscribed to
        art = str(r.get("artworkUrl600") or r.get("artworkUrl100") or "")
        out.append(
            DirectoryEntry(
                title=str(r.get("collectionName") or r.get("trackName") or "").strip(),
                author=str(r.get("artistName") or "").strip(),
                feed_url=str(r["feedUrl"]).strip(),
                artwork=art if is_http_url(art) else "",
                episode_count=_int(r.get("trackCount")),
            )
        )
    return out


def search_podcast_index(
    client: HttpClient, term: str, key: str, secret: str, *, base_url: str = PODCAST_INDEX_BASE_URL
) -> list[DirectoryEntry]:
    now = str(int(time.time()))
    headers = {
        "X-Auth-Key": key,
        "X-Auth-Date": now,
        "Authorization": hashlib.sha1((key + secret + now).encode()).hexdigest(),
    }
    url = f"{base_url.rstrip('/')}/api/1.0/search/byterm?" + urlencode({"q": term})
    with client.stream(url, headers, what="directory URL") as (response, _):
        if response.status_code >= 400:
            raise FeedError(f"{url}: the directory refused the search (HTTP {response.status_code})")
        data = _json(response.read(), url)
    feeds = data.get("feeds")
    out: list[DirectoryEntry] = []
    for f in feeds if isinstance(feeds, list) else []:
        if not isinstance(f, dict) or not is_http_url(str(f.get("url") or "")):
            continue
        art = str(f.get("artwork") or f.get("image") or "")
        out.append(
            DirectoryEntry(
                title=str(f.get("title") or "").strip(),
                author=str(f.get("author") or "").strip(),
                feed_url=str(f["url"]).strip(),
                artwork=art if is_http_url(art) else "",
                episode_count=_int(f.get("episodeCount")),
            )
        )
    return out


def search_directory(client: HttpClient, term: str, choice: DirectoryChoice = DirectoryChoice()) -> list[DirectoryEntry]:
    """Podcasts matching ``term`` in the chosen directory (Apple's search unless the user chose another)."""
    term = " ".join(term.split())
    if not term:
        raise FeedError("type a name to search for")
    problem = choice.problem()
    if problem is not None:
        raise FeedError(problem)
    base_url = check_base_url(choice.base_url, choice.directory)
    if choice.directory is Directory.PODCAST_INDEX:
        return search_podcast_index(client, term, choice.podcast_index_key.strip(),
                                    choice.podcast_index_secret.strip(), base_url=base_url)
    return search_apple(client, term, base_url=base_url)
