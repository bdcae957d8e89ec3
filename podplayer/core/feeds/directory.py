"""Finding a podcast by name in a directory.

Apple's public search API needs no key: ``GET {base}/search?media=podcast&entity=podcast&term=...``
answers ``{"resultCount": N, "results": [{"collectionName", "artistName", "feedUrl",
"artworkUrl600", "trackCount", ...}]}``. Podcast Index (``/api/1.0/search/byterm``) is used instead
when the user gives an API key and secret; it signs each request with SHA-1 of key + secret + time.
The base URLs are settings (tests point them at a local server).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.urls import is_http_url

APPLE_BASE_URL = "https://itunes.apple.com"
PODCAST_INDEX_BASE_URL = "https://api.podcastindex.org"


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


def search_directory(
    client: HttpClient,
    term: str,
    *,
    apple_base_url: str = APPLE_BASE_URL,
    podcast_index_key: str = "",
    podcast_index_secret: str = "",
    podcast_index_base_url: str = PODCAST_INDEX_BASE_URL,
) -> list[DirectoryEntry]:
    """Podcasts matching ``term``: Podcast Index when a key and secret are set, else Apple's search."""
    term = " ".join(term.split())
    if not term:
        raise FeedError("type a name to search for")
    if podcast_index_key and podcast_index_secret:
        return search_podcast_index(
            client, term, podcast_index_key, podcast_index_secret, base_url=podcast_index_base_url
        )
    return search_apple(client, term, base_url=apple_base_url)
