"""Two podplayers on one library: ``podplayer highlight add`` in a loop in another process while the
window's Library in this process keeps adding and editing highlights and notes. No error, no lost write.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from podplayer.store import Library
from tests.helpers_store import sample_episode, sample_highlight

REPO = Path(__file__).resolve().parents[2]
CLI_ADDS = 120
# One interpreter running the real CLI entry point again and again: every call opens the library,
# adds one highlight and closes it, exactly like a separate ``podplayer highlight add`` process.
CLI_LOOP = """
import sys
from podplayer.cli import main

db, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    start = i % 20
    code = main(["--db", db, "highlight", "add", "1", "--from", str(start), "--to", str(start + 1.5),
                 "--note", f"cli-{i}", "--tag", "cli"])
    if code != 0:
        sys.exit(code)
print("finished", flush=True)
"""


def test_cli_and_window_write_the_same_library(db_path: Path) -> None:
    with Library(db_path) as setup:
        episode_id = setup.add_episode(sample_episode())
    cli = subprocess.Popen(
        [sys.executable, "-c", CLI_LOOP, str(db_path), str(CLI_ADDS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO,
    )  # fmt: skip
    window = Library(db_path)
    window_notes: dict[int, str] = {}
    episode_note = ""
    rounds = overlapping = 0
    try:
        while cli.poll() is None or rounds < 20:
            rounds += 1
            hid = window.add_highlight(episode_id, sample_highlight(["window"], f"window-{rounds}"))
            window_notes[hid] = f"window-{rounds}"
            if rounds % 3 == 0:  # edit an earlier highlight of ours
                target = window.highlight(min(window_notes))
                target.note = f"edited-{rounds}"
                window.update_highlight(target)
                window_notes[min(window_notes)] = target.note
            episode_note = f"episode note {rounds}"
            window.set_episode_note(episode_id, episode_note)
            window.set_position(episode_id, rounds * 100)
            window.highlights(episode_id)  # the window re-reads its panel between edits
            overlapping += cli.poll() is None
        out, err = cli.communicate(timeout=300)
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()
        window.close()
    assert cli.returncode == 0 and "Traceback" not in err and err == "", err
    lines = out.split()
    assert lines[-1] == "finished" and len(lines) == CLI_ADDS + 1  # one new id per CLI call
    cli_ids = [int(x) for x in lines[:-1]]
    assert len(set(cli_ids) | set(window_notes)) == CLI_ADDS + len(window_notes)  # no id handed out twice
    with Library(db_path) as after:
        stored = {h.id: h for h in after.highlights(episode_id)}
        assert {hid: stored[hid].note for hid in window_notes} == window_notes
        assert sorted(stored[hid].note for hid in cli_ids) == sorted(f"cli-{i}" for i in range(CLI_ADDS))
        assert all(stored[hid].tags == ["cli"] for hid in cli_ids)
        assert len(stored) == CLI_ADDS + len(window_notes)
        episode = after.episode(episode_id)
        assert episode.note == episode_note
        assert next(e.position_ms for e in after.episodes() if e.id == episode_id) == rounds * 100
        assert after.integrity_check() == "ok"
    assert overlapping >= 20, overlapping  # the window really wrote while the CLI ran
