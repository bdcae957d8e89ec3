"""Annotation edits as operations (ui/operations.py): each saves to the library at once, knows its
inverse and says what it changed, so the one undo stack covers them and views refresh what concerns
them. Deletes keep the full highlight and undo with ``restore_highlight``.
"""

from __future__ import annotations

import copy

from podplayer.core.chapters import ChapterSource
from podplayer.core.codebook import is_within
from podplayer.core.model import Episode, Highlight
from podplayer.core.speakers.known import KnownVoice
from podplayer.store.repository import Library
from podplayer.store.voice_store import KeptVoice
from podplayer.ui.operations import OpChanges, Operation
from podplayer.usecases.speakers import rename_spans


def _excerpt(highlight: Highlight, length: int = 24) -> str:
    text = " ".join((highlight.quote or highlight.note or "bookmark").split())
    return text if len(text) <= length else text[: length - 1] + "…"


class _LibraryCommand(Operation):
    """Base: a library operation; subclasses implement ``apply`` and ``revert``."""

    def __init__(self, library: Library, text: str, changes: OpChanges) -> None:
        super().__init__(text, changes)
        self.library = library


def _one_episode(highlights: list[Highlight]) -> int | None:
    episodes = {h.episode_id for h in highlights}
    return episodes.pop() if len(episodes) == 1 else None


class AddHighlightCommand(_LibraryCommand):
    """Create a highlight or bookmark; undo deletes it, redo restores it with the same id."""

    def __init__(self, library: Library, episode_id: int, highlight: Highlight) -> None:
        kind = "bookmark" if highlight.is_bookmark else "highlight"
        super().__init__(library, f"Add {kind} “{_excerpt(highlight)}”", OpChanges(highlights=True, episodes=True, episode_id=episode_id))
        self.episode_id = episode_id
        self.highlight = copy.deepcopy(highlight)

    def apply(self) -> None:
        if self.highlight.id is None:
            self.highlight.episode_id = self.episode_id
            self.highlight.id = self.library.add_highlight(self.episode_id, self.highlight)
        else:
            self.highlight.id = self.library.restore_highlight(copy.deepcopy(self.highlight))

    def revert(self) -> None:
        assert self.highlight.id is not None
        self.library.delete_highlight(self.highlight.id)


class EditHighlightCommand(_LibraryCommand):
    """Change colour, tags, note or range; undo writes the previous values back."""

    def __init__(self, library: Library, before: Highlight, after: Highlight) -> None:
        super().__init__(library, f"Edit highlight “{_excerpt(after)}”", OpChanges(highlights=True, tags=True, episode_id=after.episode_id))
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)

    def apply(self) -> None:
        self.library.update_highlight(copy.deepcopy(self.after))

    def revert(self) -> None:
        self.library.update_highlight(copy.deepcopy(self.before))


class DeleteHighlightsCommand(_LibraryCommand):
    """Delete one or more highlights; undo restores them (same ids when still free)."""

    def __init__(self, library: Library, highlights: list[Highlight]) -> None:
        label = f"Delete highlight “{_excerpt(highlights[0])}”" if len(highlights) == 1 else (
            f"Delete {len(highlights)} highlights"
        )
        super().__init__(library, label, OpChanges(highlights=True, tags=True, episodes=True, episode_id=_one_episode(highlights)))
        self.highlights = [copy.deepcopy(h) for h in highlights]

    def apply(self) -> None:
        for highlight in self.highlights:
            assert highlight.id is not None
            self.library.delete_highlight(highlight.id)

    def revert(self) -> None:
        for highlight in self.highlights:
            highlight.id = self.library.restore_highlight(copy.deepcopy(highlight))


class RenameTagCommand(_LibraryCommand):
    """Rename a tag and the codes below it across the library (a merge when the new name exists).

    Undo renames back; after a merge it writes every affected highlight back as it was (which
    re-creates the old tag on exactly those highlights) and restores the old tag's colour.
    """

    def __init__(self, library: Library, old: str, new: str) -> None:
        super().__init__(library, f"Rename tag “{old}” to “{new}”", OpChanges(tags=True, highlights=True))
        self.old, self.new = old, new
        self.affected = library.highlights(tag=old)
        self.old_color = next((t.color for t in library.tags() if t.name == old), "")
        # A merge when the new name, or any code below it, exists already (renaming moves subcodes too).
        self.new_existed = any(is_within(t.name, new) and not is_within(t.name, old) for t in library.tags())

    def apply(self) -> None:
        self.library.rename_tag(self.old, self.new)

    def revert(self) -> None:
        if not self.new_existed:
            self.library.rename_tag(self.new, self.old)
        else:
            for highlight in self.affected:
                self.library.update_highlight(copy.deepcopy(highlight))
        if self.old_color:
            self.library.set_tag_color(self.old, self.old_color)


class TagColorCommand(_LibraryCommand):
    def __init__(self, library: Library, name: str, color: str) -> None:
        super().__init__(library, f"Colour of tag “{name}”", OpChanges(tags=True, highlights=True))
        self.name, self.color = name, color
        self.old_color = next((t.color for t in library.tags() if t.name == name), "")

    def apply(self) -> None:
        self.library.set_tag_color(self.name, self.color)

    def revert(self) -> None:
        self.library.set_tag_color(self.name, self.old_color)


class TagDescriptionCommand(_LibraryCommand):
    def __init__(self, library: Library, name: str, description: str) -> None:
        super().__init__(library, f"Description of tag “{name}”", OpChanges(tags=True))
        self.name, self.description = name, description
        self.old_description = next((t.description for t in library.tags() if t.name == name), "")

    def apply(self) -> None:
        self.library.set_tag_description(self.name, self.description)

    def revert(self) -> None:
        self.library.set_tag_description(self.name, self.old_description)


class RenameSpeakerCommand(_LibraryCommand):
    """Rename a speaker in one episode (a merge when ``new`` already speaks there).

    Undo puts the speaker's original turns back one by one, which also undoes a merge. The voice the
    rename teaches (learnt in the background, handed over with :meth:`teach`) goes with it: undo takes
    it back, restoring the voice of that name it replaced, and redo keeps it again.
    """

    def __init__(self, library: Library, episode: Episode, old: str, new: str) -> None:
        verb = "Merge" if new in episode.transcript.speakers else "Rename"
        super().__init__(library, f"{verb} speaker “{old}” into “{new}”", OpChanges(speakers=True, episode_id=episode.id))
        assert episode.id is not None
        self.episode_id = episode.id
        self.old, self.new = old, new
        self.merge = verb == "Merge"
        self.turns = [i for i, t in enumerate(episode.transcript.turns) if t.speaker == old]
        self.old_color = episode.speaker_colors.get(old, "")
        self.spans = rename_spans(episode.transcript, old, new)  # the speech the rename teaches
        self.applied = False
        self.voice: KnownVoice | None = None  # the voice learnt from the renamed turns
        self.kept: KeptVoice | None = None  # its keeping in the library, while the rename stands

    def apply(self) -> None:
        self.library.rename_speaker(self.episode_id, self.old, self.new)
        self.applied = True
        if self.voice is not None:
            self.kept = self.library.save_voice(self.voice, self.episode_id)

    def revert(self) -> None:
        if self.merge:
            for index in self.turns:
                self.library.reassign_turn(self.episode_id, index, self.old)
        else:
            self.library.rename_speaker(self.episode_id, self.new, self.old)
        if self.old_color:
            self.library.set_speaker_color(self.episode_id, self.old, self.old_color)
        self.applied = False
        if self.kept is not None:
            self.library.take_back_voice(self.kept)
            self.kept = None

    def teach(self, voice: KnownVoice) -> bool:
        """Keep the voice learnt from the renamed turns, now if the rename stands, else at its redo;
        whether it was kept now."""
        self.voice = voice
        if self.applied and self.kept is None:
            self.kept = self.library.save_voice(voice, self.episode_id)
            return True
        return False


class SpeakerColorCommand(_LibraryCommand):
    def __init__(self, library: Library, episode: Episode, speaker: str, color: str) -> None:
        super().__init__(library, f"Colour of speaker “{speaker}”", OpChanges(speakers=True, episode_id=episode.id))
        assert episode.id is not None
        self.episode_id, self.speaker, self.color = episode.id, speaker, color
        self.old_color = episode.speaker_colors.get(speaker, "")

    def apply(self) -> None:
        self.library.set_speaker_color(self.episode_id, self.speaker, self.color)

    def revert(self) -> None:
        if self.old_color:
            self.library.set_speaker_color(self.episode_id, self.speaker, self.old_color)


class ReassignTurnCommand(_LibraryCommand):
    def __init__(self, library: Library, episode: Episode, turn_index: int, speaker: str) -> None:
        super().__init__(library, f"Turn {turn_index + 1} to “{speaker}”", OpChanges(speakers=True, episode_id=episode.id))
        assert episode.id is not None
        self.episode_id, self.turn_index, self.speaker = episode.id, turn_index, speaker
        self.old_speaker = episode.transcript.turns[turn_index].speaker

    def apply(self) -> None:
        self.library.reassign_turn(self.episode_id, self.turn_index, self.speaker)

    def revert(self) -> None:
        self.library.reassign_turn(self.episode_id, self.turn_index, self.old_speaker)


class RenameEpisodeCommand(_LibraryCommand):
    def __init__(self, library: Library, episode_id: int, old: str, new: str) -> None:
        super().__init__(library, f"Rename episode “{old}”", OpChanges(episodes=True, title=True, episode_id=episode_id))
        self.episode_id, self.old, self.new = episode_id, old, new

    def apply(self) -> None:
        self.library.rename_episode(self.episode_id, self.new)

    def revert(self) -> None:
        self.library.rename_episode(self.episode_id, self.old)


class DeleteEpisodeCommand(_LibraryCommand):
    """Delete an episode; undo re-adds it (a new id) with its highlights, note and position."""

    def __init__(self, library: Library, episode_id: int) -> None:
        self.episode = library.episode(episode_id)
        super().__init__(library, f"Delete episode “{self.episode.title}”", OpChanges(episodes=True, highlights=True, tags=True))
        self.episode_id = episode_id
        self.highlights = library.highlights(episode_id)
        self.chapters = library.chapters(episode_id)
        self.chapter_source = library.chapter_source(episode_id) or ChapterSource.EMBEDDED

    def apply(self) -> None:
        self.library.delete_episode(self.episode_id)

    def revert(self) -> None:
        episode = copy.deepcopy(self.episode)
        episode.id = None
        self.episode_id = self.library.add_episode(episode, self.chapters, self.chapter_source)
        if self.episode.note:
            self.library.set_episode_note(self.episode_id, self.episode.note)
        if self.episode.position_ms:
            self.library.set_position(self.episode_id, self.episode.position_ms)
        for name, color in self.episode.speaker_colors.items():
            self.library.set_speaker_color(self.episode_id, name, color)
        for highlight in self.highlights:
            restored = copy.deepcopy(highlight)
            restored.id = None
            restored.episode_id = self.episode_id
            self.library.add_highlight(self.episode_id, restored)


class RelinkAudioCommand(_LibraryCommand):
    def __init__(self, library: Library, episode_id: int, old: str | None, new: str | None) -> None:
        super().__init__(library, "Relink audio file", OpChanges(episodes=True, audio=True, episode_id=episode_id))
        self.episode_id, self.old, self.new = episode_id, old, new

    def apply(self) -> None:
        self.library.set_audio_path(self.episode_id, self.new)

    def revert(self) -> None:
        self.library.set_audio_path(self.episode_id, self.old)
