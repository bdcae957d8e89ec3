"""``podplayer://`` links to a moment of an episode: written into exports, opened by ``podplayer open``.

A link names its episode by an identity that survives a new library on another machine, never by a
library's row id:

- ``guid:<guid>`` — a feed episode's GUID (the feed promises it never changes);
- ``url:<enclosure URL>`` — a feed episode without a GUID;
- ``audio:<sha1>-<size>`` — any other episode: its audio's content hash (SHA-1 of the first MiB and
  the file size, :func:`podplayer.core.audio_fingerprint.audio_fingerprint`, the same rule that
  restoring annotations matches episodes by).

The moment is ``t``, seconds with a tenth: ``podplayer://episode/guid:abc%2F123?t=754.2``. Everything
after the kind is percent-encoded, so a GUID that is itself a URL stays one path segment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import parse_qs, quote, unquote, urlsplit

from podplayer.core.model import PodplayerError

SCHEME = "podplayer"
MIME_TYPE = f"x-scheme-handler/{SCHEME}"
IdentityKind = Literal["guid", "url", "audio"]
IDENTITY_KINDS: tuple[IdentityKind, ...] = get_args(IdentityKind)
MAX_LINK_LENGTH = 8192


class LinkError(PodplayerError):
    """A ``podplayer://`` link is malformed, names no episode here, or points past the episode's end."""


@dataclass(frozen=True, slots=True)
class EpisodeIdentity:
    kind: IdentityKind
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{quote(self.value, safe='')}"


@dataclass(frozen=True, slots=True)
class MomentLink:
    identity: EpisodeIdentity
    ms: int

    @property
    def url(self) -> str:
        return f"{SCHEME}://episode/{self.identity}?t={self.ms / 1000:.1f}"


def episode_identity(guid: str | None, enclosure_url: str | None, audio: dict[str, str | int] | None) -> EpisodeIdentity | None:
    """The most lasting identity an episode has (GUID, else enclosure URL, else audio hash), or None."""
    if guid and guid.strip():
        return EpisodeIdentity("guid", guid.strip())
    if enclosure_url and enclosure_url.strip():
        return EpisodeIdentity("url", enclosure_url.strip())
    if audio is not None:
        return EpisodeIdentity("audio", f"{audio['sha1_first_mb']}-{audio['size']}")
    return None


def moment_url(identity: EpisodeIdentity | None, ms: int | None) -> str:
    """The link to ``ms`` of the episode, or "" when the episode has no identity or the time is unknown."""
    if identity is None or ms is None:
        return ""
    return MomentLink(identity, max(ms, 0)).url


def is_link(text: str) -> bool:
    return text.strip().lower().startswith(f"{SCHEME}:")


def parse_link(text: str) -> MomentLink:
    """Read a ``podplayer://episode/<kind>:<value>?t=SECONDS`` link; LinkError says what is wrong."""
    text = text.strip()
    shown = text if len(text) <= 80 else text[:77] + "..."
    if len(text) > MAX_LINK_LENGTH:
        raise LinkError(f"not a podplayer link: longer than {MAX_LINK_LENGTH} characters")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise LinkError(f"not a podplayer link: {shown} ({exc})") from exc
    if parts.scheme.lower() != SCHEME:
        raise LinkError(f"not a podplayer link: {shown} (expected {SCHEME}://episode/...)")
    if parts.netloc.lower() != "episode":
        raise LinkError(f"not a podplayer link: {shown} (expected {SCHEME}://episode/...)")
    segment = parts.path.lstrip("/")
    kind, sep, encoded = segment.partition(":")
    if not sep or "/" in segment or kind not in IDENTITY_KINDS or not encoded:
        raise LinkError(f"malformed podplayer link: {shown} (the episode should be guid:..., url:... or audio:...)")
    value = unquote(encoded)
    if kind == "audio" and not _is_audio_hash(value):
        raise LinkError(f"malformed podplayer link: {shown} (audio: needs the SHA-1 and size, e.g. audio:<40 hex>-123)")
    query = parse_qs(parts.query, keep_blank_values=True)
    times = query.get("t", [])
    if len(times) != 1:
        raise LinkError(f"malformed podplayer link: {shown} (needs one time, ?t=SECONDS)")
    try:
        seconds = float(times[0])
    except ValueError:
        raise LinkError(f"malformed podplayer link: {shown} (t={times[0]!r} is not a number of seconds)") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise LinkError(f"malformed podplayer link: {shown} (t must be zero or more seconds)")
    return MomentLink(EpisodeIdentity(kind, value), round(seconds * 1000))


def _is_audio_hash(value: str) -> bool:
    digest, sep, size = value.partition("-")
    return bool(sep) and len(digest) == 40 and all(c in "0123456789abcdef" for c in digest) and size.isdigit()
