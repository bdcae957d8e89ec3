"""podplayer:// links: what exports write is what `podplayer open` reads, and bad links are refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podplayer.core.links import (
    EpisodeIdentity,
    IdentityKind,
    LinkError,
    MomentLink,
    episode_identity,
    moment_url,
    parse_link,
)

SHA = "0123456789abcdef0123456789abcdef01234567"


def test_identity_prefers_the_guid_then_the_enclosure_then_the_audio() -> None:
    audio: dict[str, str | int] = {"sha1_first_mb": SHA, "size": 1234}
    assert episode_identity("urn:1", "https://x/a.mp3", audio) == EpisodeIdentity("guid", "urn:1")
    assert episode_identity(None, "https://x/a.mp3", audio) == EpisodeIdentity("url", "https://x/a.mp3")
    assert episode_identity(" ", "", audio) == EpisodeIdentity("audio", f"{SHA}-1234")
    assert episode_identity(None, None, None) is None


def test_a_guid_that_is_a_url_stays_one_segment_and_reads_back() -> None:
    link = MomentLink(EpisodeIdentity("guid", "https://example.org/ep?id=7&x=1#frag"), 754_200)
    assert link.url == "podplayer://episode/guid:https%3A%2F%2Fexample.org%2Fep%3Fid%3D7%26x%3D1%23frag?t=754.2"
    assert parse_link(link.url) == link


def test_moment_url_without_identity_or_time_is_empty() -> None:
    assert moment_url(None, 1000) == ""
    assert moment_url(EpisodeIdentity("guid", "g"), None) == ""
    assert moment_url(EpisodeIdentity("guid", "g"), 1049) == "podplayer://episode/guid:g?t=1.0"


@given(
    kind=st.sampled_from(["guid", "url"]),
    value=st.text(min_size=1, max_size=60).filter(lambda v: v.strip() == v and v != ""),
    tenths=st.integers(min_value=0, max_value=360_000),
)
def test_any_identity_and_time_round_trip(kind: IdentityKind, value: str, tenths: int) -> None:
    identity = EpisodeIdentity(kind, value)
    assert parse_link(MomentLink(identity, tenths * 100).url) == MomentLink(identity, tenths * 100)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("https://example.org/episode/guid:a?t=1", "not a podplayer link"),
        ("podplayer://podcast/guid:a?t=1", "not a podplayer link"),
        ("podplayer://episode/guid:a", "needs one time"),
        ("podplayer://episode/guid:a?t=1&t=2", "needs one time"),
        ("podplayer://episode/guid:a?t=soon", "is not a number"),
        ("podplayer://episode/guid:a?t=-3", "zero or more"),
        ("podplayer://episode/guid:a?t=nan", "zero or more"),
        ("podplayer://episode/guid:a?t=inf", "zero or more"),
        ("podplayer://episode/feed:a?t=1", "guid:..., url:... or audio:..."),
        ("podplayer://episode/guid:?t=1", "guid:..., url:... or audio:..."),
        ("podplayer://episode/guid:a/b?t=1", "guid:..., url:... or audio:..."),
        ("podplayer://episode/audio:abc-12?t=1", "needs the SHA-1 and size"),
        ("podplayer://episode/audio:" + SHA + "?t=1", "needs the SHA-1 and size"),
        ("podplayer://[::1/x", "not a podplayer link"),
    ],
)
def test_malformed_links_are_refused_with_the_reason(text: str, says: str) -> None:
    with pytest.raises(LinkError, match="link") as caught:
        parse_link(text)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_overlong_link_is_refused_without_echoing_it() -> None:
    with pytest.raises(LinkError) as caught:
        parse_link("podplayer://episode/guid:" + "a" * 10_000 + "?t=1")
    assert len(str(caught.value)) < 120
