"""Render the README's codebook screenshots: the tags manager as a tree with descriptions, and the
code report (codes with counts; the co-occurrence matrix), from a throw-away library of three coded
interviews.

    .venv/bin/python tools/make_codebook_screenshots.py
"""

from __future__ import annotations

import screenshot_window  # noqa: F401  (first: a throw-away home, offscreen Qt)
from PySide6.QtWidgets import QApplication, QWidget
from screenshot_window import REPO, TMP

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Transcript, Turn, WordRef
from podplayer.store.repository import Library
from podplayer.ui.dialogs.code_report_dialog import CodeReportDialog
from podplayer.ui.dialogs.tags_dialog import TagsDialog

LINES = [
    ("Interviewer", "How did the move to remote work change your days?"),
    ("Participant", "At first I loved it, no commute and I could pick my kids up from school."),
    ("Interviewer", "And later on?"),
    ("Participant", "Later the deadlines crept into the evenings and I never really switched off."),
    ("Interviewer", "Did your manager notice?"),
    ("Participant", "She trusted us to plan our own weeks, which helped more than anything else."),
]
CODES = [  # (turn, first word, last word, tags)
    (1, 0, 5, ["Work/Autonomy", "Wellbeing/Positive"]),
    (1, 9, 14, ["Family/Children"]),
    (3, 1, 7, ["Work/Stress/Deadlines"]),
    (3, 8, 12, ["Work/Stress", "Wellbeing/Negative"]),
    (5, 1, 9, ["Work/Autonomy", "Work/Management"]),
]


def save(widget: QWidget, name: str) -> None:
    widget.show()
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    out = REPO / "resources" / name
    widget.grab().save(str(out))
    print(out)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    library = Library(TMP / "library.sqlite3")
    for n, participant in enumerate(("Maya", "Tom", "Priya"), 1):
        turns, start = [], 0
        for speaker, text in LINES:
            turn = Turn.from_text(participant if speaker == "Participant" else speaker, text, start, start + 3000)
            turns.append(turn)
            start += 3500
        transcript = Transcript(turns, title=f"Interview {n}: {participant}")
        eid = library.add_episode(Episode(transcript.title, transcript))
        for turn, first, last, codes in CODES[: 3 + n]:
            library.add_highlight(eid, make_highlight(transcript, WordRef(turn, first), WordRef(turn, last), tags=codes))
    library.set_tag_description("Work/Autonomy", "Deciding how and when one's own work gets done")
    library.set_tag_description("Work/Stress", "Pressure from work: load, deadlines, being always on")
    library.set_tag_description("Family/Children", "Caring for, or time with, children")
    for name, color in (("Work/Stress", "#e76f51"), ("Work/Autonomy", "#2a9d8f"), ("Family/Children", "#e9c46a")):
        library.set_tag_color(name, color)
    manager = TagsDialog(library.tags())
    manager.resize(620, 420)
    save(manager, "screenshot-codebook.png")
    report = CodeReportDialog(library)
    report.resize(760, 420)
    save(report, "screenshot-code-report.png")
    report.tabs.setCurrentIndex(3)
    save(report, "screenshot-code-cooccurrence.png")
    library.close()
    del app


if __name__ == "__main__":
    main()
