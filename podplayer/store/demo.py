"""The demo episode: added once, on a library's first start, so a new user has something to play.

A flag in the library's meta table remembers that the demo was offered; deleting the demo episode
therefore never brings it back. The demo's id (and creation time) is remembered too, so it can be
found after a rename.
"""

from __future__ import annotations

from podplayer.core.audio import probe_duration_ms
from podplayer.core.formats import read_transcript
from podplayer.core.model import Episode, PodplayerError
from podplayer.core.timing_estimate import estimate_timings
from podplayer.paths import DEMO_DIR, SEED_EPISODE
from podplayer.store.repository import Library

DEMO_TITLE = "100 Days of Data — Episode 67"
DEMO_AUDIO = DEMO_DIR / "demo-episode.mp3"
OFFERED_KEY = "demo.offered"
ID_KEY = "demo.episode_id"


def build_demo_episode() -> Episode:
    """The seed transcript with the shipped audio and estimated timings (untimed without audio)."""
    transcript = read_transcript(SEED_EPISODE)
    if not DEMO_AUDIO.is_file():
        return Episode(DEMO_TITLE, transcript)
    duration_ms = probe_duration_ms(DEMO_AUDIO)
    timed = estimate_timings(transcript, DEMO_AUDIO)
    return Episode(DEMO_TITLE, timed, audio_path=str(DEMO_AUDIO), duration_ms=duration_ms)


def ensure_demo_episode(library: Library) -> int | None:
    """Add the demo episode if this library never had it; its id, or None when nothing was added."""
    if library.get_meta(OFFERED_KEY) is not None:
        return None
    try:
        episode = build_demo_episode()
    except PodplayerError:
        # A broken installation (missing seed or audio) must not stop the library from opening; nothing
        # is recorded, so a repaired installation still offers the demo. `demo_missing_reason` says why.
        return None
    episode_id = library.add_episode(episode)
    library.set_meta(ID_KEY, _identity(library, episode_id))
    library.set_meta(OFFERED_KEY, "added")
    return episode_id


def _identity(library: Library, episode_id: int) -> str:
    """Id plus creation time: SQLite may hand a deleted episode's id to the next new episode."""
    created = next((s.created_at for s in library.episodes() if s.id == episode_id), None)
    return f"{episode_id} {created.isoformat() if created else ''}".strip()


def demo_episode_id(library: Library) -> int | None:
    """The demo episode's id while it is still in the library, else None."""
    stored = library.get_meta(ID_KEY)
    if not stored or not stored.split()[0].isdigit():
        return None
    episode_id = int(stored.split()[0])
    return episode_id if _identity(library, episode_id) == stored else None


def demo_missing_reason(library: Library) -> str:
    """Why this library has no demo episode: deleted by the user, or not shipped with this installation."""
    if library.get_meta(OFFERED_KEY) is not None:
        return "the demo episode was removed from this library"
    try:
        build_demo_episode()
    except PodplayerError as exc:
        return f"the demo episode is not available in this installation ({exc})"
    return "the demo episode could not be added to this library"
