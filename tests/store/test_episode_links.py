"""Finding the episode a podplayer:// link names, in a real library file: by feed GUID, by enclosure
URL, or by the audio's content hash; clear refusals for an unknown episode or a time past its end."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.audio_fingerprint import audio_fingerprint
from podplayer.core.feeds.feed_model import Feed, FeedItem
from podplayer.core.feeds.refresh import FeedOutcome
from podplayer.core.links import EpisodeIdentity, LinkError, MomentLink, parse_link
from podplayer.store import Library
from tests.helpers_store import sample_episode


def _subscribe(library: Library) -> dict[str, int]:
    items = [
        FeedItem(guid="urn:garden:12", title="With a GUID", enclosure_url="https://feeds.example/12.mp3", duration_ms=90_000),
    ]
    outcome = FeedOutcome(key=0, url="https://feeds.example/feed.xml", feed=Feed("https://feeds.example/feed.xml", "Garden", items=items))
    podcast_id, _ = library.podcasts.subscribe(outcome)
    return {e.title: e.id for e in library.podcasts.podcast_episodes(podcast_id)}


def test_a_file_episode_is_named_by_its_audio_and_found_again(tmp_path: Path, db_path: Path) -> None:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"ID3" + bytes(range(256)) * 50)
    other = tmp_path / "other.mp3"
    other.write_bytes(b"ID3" + bytes(range(255, -1, -1)) * 50)  # same size, other bytes
    with Library(db_path) as library:
        decoy = sample_episode("Decoy")
        decoy.audio_path = str(other)
        library.add_episode(decoy)
        episode = sample_episode()
        episode.audio_path = str(audio)
        episode_id = library.add_episode(episode)
        identity = library.episode_identity(episode_id)
        fingerprint = audio_fingerprint(audio)
        assert fingerprint is not None
        assert identity == EpisodeIdentity("audio", f"{fingerprint['sha1_first_mb']}-{fingerprint['size']}")
        found = library.find_linked_episode(MomentLink(identity, 12_300))
        assert (found.episode_id, found.ms, found.downloaded) == (episode_id, 12_300, True)
        with pytest.raises(LinkError, match=r"past the end of 'Garden Hour 12' \(1:00\)"):
            library.find_linked_episode(MomentLink(identity, 61_000))


def test_the_same_audio_in_a_new_library_on_another_machine_is_found(tmp_path: Path) -> None:
    audio = tmp_path / "garden.mp3"
    audio.write_bytes(b"ID3" + bytes(range(256)) * 50)
    with Library(tmp_path / "first.db") as first:
        episode = sample_episode()
        episode.audio_path = str(audio)
        url = MomentLink(first.episode_identity(first.add_episode(episode)) or EpisodeIdentity("guid", "-"), 5000).url
    moved = tmp_path / "elsewhere" / "renamed.mp3"
    moved.parent.mkdir()
    audio.rename(moved)
    with Library(tmp_path / "second.db") as second:
        episode = sample_episode("Imported again")
        episode.audio_path = str(moved)
        second_id = second.add_episode(episode)
        assert second.find_linked_episode(parse_link(url)).episode_id == second_id


def test_feed_episodes_are_named_by_guid_and_found_by_guid_or_enclosure(db_path: Path) -> None:
    with Library(db_path) as library:
        ids = _subscribe(library)
        with_guid = library.episode_identity(ids["With a GUID"])
        assert with_guid == EpisodeIdentity("guid", "urn:garden:12")
        found = library.find_linked_episode(MomentLink(with_guid, 30_000))
        assert (found.episode_id, found.title, found.downloaded) == (ids["With a GUID"], "With a GUID", False)
        by_enclosure = MomentLink(EpisodeIdentity("url", "https://feeds.example/12.mp3"), 1000)
        assert library.find_linked_episode(by_enclosure).episode_id == ids["With a GUID"]
        with pytest.raises(LinkError, match="past the end"):
            library.find_linked_episode(MomentLink(with_guid, 91_000))


@pytest.mark.parametrize(
    ("identity", "says"),
    [
        (EpisodeIdentity("guid", "urn:nowhere"), "feed item 'urn:nowhere'; subscribe to its podcast first"),
        (EpisodeIdentity("url", "https://x/y.mp3"), "subscribe to its podcast first"),
        (EpisodeIdentity("audio", "0" * 40 + "-12"), "import it first"),
    ],
)
def test_an_episode_not_in_the_library_is_a_clear_refusal(db_path: Path, identity: EpisodeIdentity, says: str) -> None:
    with Library(db_path) as library:
        library.add_episode(sample_episode())
        with pytest.raises(LinkError, match="not in this library") as caught:
            library.find_linked_episode(MomentLink(identity, 0))
        assert says in str(caught.value)
