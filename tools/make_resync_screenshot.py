"""Render resources/screenshot-resync.png and resources/screenshot-resync-ad.png: a transcript timed
for another cut of its audio, as the window finds it after the import, and after "Re-sync" while an
ad plays.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_resync_screenshot.py

The episode is the demo's first ten turns with a 12 s pre-roll and a 25 s ad after the fourth turn
(speech over a tone bed that the transcript lacks), its transcript timed for the audio without them.
Everything happens in a throw-away folder (library, settings, caches).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from screenshot_window import TMP, save, settle

TITLE = "100 Days of Data — Episode 67 (with ads)"


def main() -> None:
    from podplayer.core.formats import write_transcript
    from podplayer.store.repository import Library
    from podplayer.ui import theme
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow
    from tests.core.align.ad_variants import demo_program, variants

    app = QApplication.instance() or QApplication([])
    theme.apply(app)  # type: ignore[arg-type]
    variant = variants(demo_program()[:10], {-1: 12_000, 3: 25_000}, TMP, ("ads",))["ads"]
    audio = TMP / f"{TITLE}.mp3"
    variant.audio.replace(audio)
    transcript = TMP / f"{TITLE}.vtt"
    write_transcript(variant.transcript, transcript)
    library = Library(TMP / "library.sqlite3")
    window = MainWindow(library, Settings(TMP / "settings.ini"))
    window.resize(1400, 860)
    window.show()

    episode_id = window.open_paths([audio, transcript])
    assert episode_id is not None, "the import failed"
    settle(window, lambda: window.banner.isVisible() and not window.jobs.active_jobs, rounds=2400)
    settle(window, rounds=20)
    save(window, "screenshot-resync.png")

    window.banner.action_button.click()  # Re-sync
    settle(
        window,
        lambda: len(window.waveform.untranscribed) == 2 and window.controller.duration > 0,
        rounds=2400,
    )
    ad_start, _ad_end = window.waveform.untranscribed[1]
    window.controller.seek(ad_start + 9_000)
    settle(window, rounds=40)
    save(window, "screenshot-resync-ad.png")
    window.close()
    library.close()


if __name__ == "__main__":
    main()
