"""Start-up: from launching a fresh interpreter to the main window showing the demo episode.

- ``startup_s``: wall time from spawning ``python`` to the window being visible with the demo
  episode's transcript laid out and painted once (the same steps ``podplayer demo`` takes, minus
  pressing play), median of a few launches on a library that already holds the demo.
- ``startup_rss_mb``: the window process's peak RSS at that moment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import log, median

LAUNCHES = 5

# Runs in the child: the start-up path of `podplayer demo`, then report and quit.
_CHILD = r"""
import json, resource, sys
from podplayer.cli.gui_commands import demo_episode
from podplayer.store.repository import Library
from podplayer.ui.app import create_app
from podplayer.ui.window.main_window import MainWindow
from podplayer.ui.settings import Settings

app = create_app()
library = Library(sys.argv[1])
settings = Settings(sys.argv[2])
settings.sync_untimed_automatically = False  # start-up alone, the same every launch
window = MainWindow(library, settings)
window.show()
window.session.open(demo_episode(library))
app.processEvents()
window.transcript_view.viewport().repaint()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"visible": window.isVisible(), "rss_mb": rss}), flush=True)
window.jobs.shutdown()
window.close()
library.close()
"""


def run(cache_dir: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times: list[float] = []
    rss: list[float] = []
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-startup-") as tmp:
        db, settings = str(Path(tmp) / "library.sqlite3"), str(Path(tmp) / "settings.ini")
        # First launch adds the demo episode and computes its estimate; not counted.
        subprocess.run([sys.executable, "-c", _CHILD, db, settings], env=env, check=True, capture_output=True)
        for _ in range(LAUNCHES):
            started = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD, db, settings],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            assert proc.stdout is not None
            line = proc.stdout.readline()
            elapsed = time.perf_counter() - started
            proc.wait(timeout=60)
            report = json.loads(line)
            if not report["visible"]:
                raise RuntimeError("the main window did not become visible")
            times.append(elapsed)
            rss.append(float(report["rss_mb"]))
            log(f"startup: {elapsed:.2f} s, {report['rss_mb']:.0f} MB")
    return {"startup_s": median(times), "startup_rss_mb": max(rss)}


if __name__ == "__main__":
    print(run(Path(tempfile.gettempdir())))
