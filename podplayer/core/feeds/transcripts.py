"""Choosing an item's transcript: best sync first, the user's language preferred, fall back on failure.

Order by what gives the best sync: word-level JSON (Podcasting 2.0 JSON, which may carry words), then
WebVTT/SRT (timed cues), then HTML (``<time>`` marks, often untimed), then plain text. Among links of
the same language class, that order; links in the user's language (or with no language, which means
the feed's) come before others. A link whose download or parse fails is skipped for the next one, and
the outcome says which one was used and why others were not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.feed_model import TranscriptLink
from podplayer.core.feeds.http import HttpClient
from podplayer.core.jobs import CancelToken
from podplayer.core.model import PodplayerError, Transcript

# MIME type -> (rank, format name for the transcript readers)
TYPE_RANKS: dict[str, tuple[int, str]] = {
    "application/json": (0, "podcast-json"),
    "application/x-json": (0, "podcast-json"),
    "text/json": (0, "podcast-json"),
    "text/vtt": (1, "vtt"),
    "application/x-subrip": (1, "srt"),
    "application/srt": (1, "srt"),
    "application/x-srt": (1, "srt"),
    "text/srt": (1, "srt"),
    "text/x-srt": (1, "srt"),
    "text/html": (2, "podcast-html"),
    "text/plain": (3, "text"),
}
FORMAT_LABELS = {"podcast-json": "json", "vtt": "vtt", "srt": "srt", "podcast-html": "html", "text": "text"}
UNKNOWN_RANK = 4


def link_rank(link: TranscriptLink) -> tuple[int, str | None]:
    rank, fmt = TYPE_RANKS.get(link.type.split(";")[0].strip(), (UNKNOWN_RANK, ""))
    return rank, fmt or None


def _language_matches(link_language: str, feed_language: str, wanted: str) -> bool:
    language = (link_language or feed_language).lower()
    if not wanted or not language:
        return True
    return language.split("-")[0] == wanted.lower().split("-")[0]


def rank_links(links: Sequence[TranscriptLink], *, language: str = "", feed_language: str = "") -> list[TranscriptLink]:
    """The links in the order they should be tried (stable for equal ranks)."""

    def key(item: tuple[int, TranscriptLink]) -> tuple[int, int, int]:
        index, link = item
        return (0 if _language_matches(link.language, feed_language, language) else 1, link_rank(link)[0], index)

    return [link for _, link in sorted(enumerate(links), key=key)]


@dataclass(slots=True)
class TranscriptChoice:
    """What came of fetching an item's transcripts."""

    transcript: Transcript | None = None
    link: TranscriptLink | None = None
    format: str | None = None  # "json", "vtt", "srt", "html", "text"
    failures: list[str] = field(default_factory=list)  # one line per link that did not work

    def summary(self) -> str:
        if self.link is None:
            tried = "; ".join(self.failures)
            return f"no usable transcript ({tried})" if tried else "the feed offers no transcript"
        note = f" after {len(self.failures)} failed" if self.failures else ""
        lang = f", {self.link.language}" if self.link.language else ""
        return f"transcript: {self.format}{lang} ({self.link.url}){note}"


def fetch_best_transcript(
    client: HttpClient,
    links: Sequence[TranscriptLink],
    *,
    language: str = "",
    feed_language: str = "",
    cancel: CancelToken | None = None,
    max_bytes: int = 20 * 1024 * 1024,
    duration_ms: int | None = None,
) -> TranscriptChoice:
    """Fetch links best-first until one parses into a transcript with words."""
    from podplayer.core.formats import decode_bytes, parse_transcript
    from podplayer.core.transcript_checks import check_against_audio, check_transcript_bytes, require_words

    choice = TranscriptChoice()
    for link in rank_links(links, language=language, feed_language=feed_language):
        if cancel is not None:
            cancel.check()
        _, fmt = link_rank(link)
        try:
            result = client.get(link.url, max_bytes=max_bytes, cancel=cancel, what="transcript URL")
            check_transcript_bytes(result.body, link.url)
            text = decode_bytes(result.body)
            sent_html = "html" in result.content_type.lower() or text.lstrip()[:15].lower().startswith(
                ("<!doctype html", "<html")
            )
            if sent_html and fmt not in ("podcast-html", None):
                raise FeedError(f"{link.url}: the server sent a web page instead of a {link.type} transcript")
            # JSON may be Podcasting 2.0 or Whisper, plain text may be "Speaker: text": detect those.
            transcript = parse_transcript(text, fmt if fmt in ("vtt", "srt", "podcast-html") else None, name=link.url)
            require_words(transcript, link.url)
            check_against_audio(transcript, duration_ms, link.url)
        except PodplayerError as exc:
            choice.failures.append(str(exc))
            continue
        choice.transcript = transcript
        choice.link = link
        choice.format = FORMAT_LABELS.get(fmt or "", fmt or "auto")
        transcript.metadata["transcript_url"] = link.url
        transcript.metadata["transcript_format"] = choice.format
        return choice
    return choice
