"""The SIGKILL harness: worker processes that report their progress line by line, killed at a moment
chosen by that progress (never by a timer), and the reports they made before dying.

Worker side, in the process to be killed::

    report_statements()          # print "sql" before every SQL statement the process runs
    serve_forked_children(run)   # "loaded"; per SEED line on stdin fork a child: "ready PID", run(SEED)
                                 # until killed; then "exited". An empty line ends the server.

Test side::

    with Worker("-m", "tests.store.store_worker", ...) as worker:
        worker.expect("loaded")
        pid = worker.fork_child(seed)
        seen = worker.read_lines(n)                   # progress observed so far (or read_until)
        reports = seen + worker.kill(pid)             # SIGKILL, then the rest up to "exited"
        worker.finish()                               # no traceback on stderr

Forking from one server spares an interpreter start-up per kill. A line cut by the kill (no newline)
was never fully reported and is dropped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parents[2]


# --- worker side ------------------------------------------------------------------------------
def report_statements() -> None:
    """Print "sql" before every statement any engine in this process runs."""
    from sqlalchemy import Engine, event

    event.listen(Engine, "before_cursor_execute", lambda *_args: print("sql", flush=True))


def serve_forked_children(run: Callable[[int], None]) -> None:
    print("loaded", flush=True)
    for line in sys.stdin:
        if not line.strip():
            break
        pid = os.fork()
        if pid == 0:  # the child: no connection was opened before the fork
            try:
                print(f"ready {os.getpid()}", flush=True)
                run(int(line))
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        print("exited", flush=True)


# --- test side --------------------------------------------------------------------------------
class Worker:
    """A worker process (``python ARGS...``) whose stdout is read one report line at a time."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            cwd=REPO,
        )

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate(timeout=30)

    def readline(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(timeout=30)
            stderr = self.proc.stderr.read() if self.proc.stderr else ""
            raise AssertionError(f"the worker ended (exit {self.proc.returncode}): {stderr[-2000:]}")
        return line

    def expect(self, text: str) -> None:
        line = self.readline()
        assert line.strip() == text, (text, line)

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{text}\n")
        self.proc.stdin.flush()

    def fork_child(self, seed: int) -> int:
        """Start a child of the fork server; its pid once it reported "ready"."""
        self.send(str(seed))
        ready, pid = self.readline().split()
        assert ready == "ready", ready
        return int(pid)

    def read_lines(self, count: int) -> list[str]:
        """The next ``count`` report lines."""
        return [self.readline().rstrip("\n") for _ in range(count)]

    def read_until(self, done: Callable[[str], bool]) -> list[str]:
        """Report lines up to and including the first one for which ``done`` is true."""
        lines: list[str] = []
        while True:
            line = self.readline().rstrip("\n")
            lines.append(line)
            if done(line):
                return lines

    def kill(self, pid: int) -> list[str]:
        """SIGKILL the child ``pid``; the whole lines it reported after those already read."""
        os.kill(pid, signal.SIGKILL)
        lines: list[str] = []
        while not (line := self.readline()).endswith("exited\n"):
            lines.append(line.rstrip("\n"))
        return lines

    def kill_process(self) -> None:
        """SIGKILL the worker itself (a worker that is not a fork server)."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def finish(self) -> str:
        """End the fork server (an empty line) and return its stderr, which must hold no traceback."""
        if self.proc.poll() is None:
            self.send("")
        _out, err = self.proc.communicate(timeout=30)
        assert "Traceback" not in err, err
        return err
