"""Render resources/screenshot-editing.png: correcting a transcribed turn while listening.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_editing_screenshot.py

The episode is the demo's first ten turns, aligned to their audio, with the kind of mistakes a
transcription makes ("pie torch" for PyTorch, "whites" for "why it's") and a highlight. One turn was
corrected already (its new word still carries its estimate, marked, until it is re-timed); the next is
open for editing (F2) with the correction typed in. Everything happens in a throw-away folder.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from screenshot_window import TMP, save, settle


def main() -> None:
    from podplayer.core.align import align_transcript
    from podplayer.core.correction.turn_edits import retyped
    from podplayer.core.highlight_anchor import make_highlight
    from podplayer.core.model import Episode, WordRef
    from podplayer.store.repository import Library
    from podplayer.ui import theme
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow
    from tests.core.align.episodes import demo_section
    from tests.core.correction.cases import truth_transcript

    app = QApplication.instance() or QApplication([])
    theme.apply(app)  # type: ignore[arg-type]
    section = demo_section(TMP, count=10)
    aligned = align_transcript(truth_transcript(section.turns), section.audio, jobs=2)
    first_pytorch = [w.text for w in aligned.turns[4].words].index("PyTorch")
    mistakes = {(4, first_pytorch): "Pie-torch", (6, 3): "whites"}
    for (ti, wi), text in mistakes.items():
        word = aligned.turns[ti].words[wi]
        word.text, word.confidence = text, 0.3  # recognition was unsure there
    library = Library(TMP / "library.sqlite3")
    episode_id = library.add_episode(
        Episode("100 Days of Data — Episode 67", aligned, str(section.audio), duration_ms=section_duration(section))
    )
    library.add_highlight(episode_id, make_highlight(aligned, WordRef(4, 0), WordRef(4, 10), tags=["history"],
                                                     color="green"))
    window = MainWindow(library, Settings(TMP / "settings.ini"))
    window.resize(1400, 860)
    window.show()
    window.session.open(episode_id)
    settle(window, lambda: not window.jobs.active_jobs, rounds=2400)
    editing = window.annotations.editing
    editing.jobs = None  # keep the first correction's estimate on screen (marked) for the picture
    episode = window.session.episode
    assert episode is not None
    turn = episode.transcript.turns[3]
    editing.apply(3, 3, retyped(turn, turn.text + " Really."), "Edit turn")
    window.controller.seek((episode.transcript.turns[4].start_ms or 0) + 1500)
    window.transcript_view.scroll_to_turn(3)
    window.transcript_view.set_selected_range(WordRef(4, first_pytorch), WordRef(4, first_pytorch))
    settle(window, rounds=20)
    editing.edit_turn()
    editor = editing.editor
    editor.setPlainText(editor.toPlainText().replace("Pie-torch", "PyTorch"))
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    settle(window, rounds=20)
    save(window, "screenshot-editing.png")
    editor.cancel()
    window.close()
    library.close()


def section_duration(section: object) -> int:
    from podplayer.core.audio import probe_duration_ms

    return probe_duration_ms(section.audio)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
