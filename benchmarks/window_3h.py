"""The real main window showing the three-hour episode, idle, over a copy of the cached library
(benchmarks never change shared data): what the window benchmarks measure on."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.data import library_with_episode_3h

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from podplayer.store.repository import Library
    from podplayer.ui.window.main_window import MainWindow


@contextmanager
def three_hour_window(cache_dir: Path) -> Iterator[tuple[QApplication, MainWindow, Library, int]]:
    """(app, window, library, episode id), the window 1400x900 with the episode open and its
    background jobs (reading the three-hour waveform) finished, so they share neither the two cores
    nor the event loop with what is measured."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from podplayer.store.repository import Library
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    source, episode_id = library_with_episode_3h(cache_dir)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.sqlite3"
        shutil.copyfile(source, db)
        library = Library(db)
        settings = Settings(Path(tmp) / "settings.ini")
        settings.sync_untimed_automatically = False  # an idle window: no sync running by itself
        window = MainWindow(library, settings)
        try:
            window.resize(1400, 900)
            window.show()
            window.session.open(episode_id)
            assert window.jobs.wait(600_000), "the episode's background jobs did not finish"
            for _ in range(3):
                app.processEvents()
            yield app, window, library, episode_id
        finally:
            window.close()
            library.close()
