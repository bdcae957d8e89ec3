"""A private D-Bus session bus for tests that drive the running app from outside, and a poller.

Import the fixture into a test module: ``from tests.helpers_bus import session_bus, wait_for``.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator

import pytest


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds (the app is another process: there is no signal to wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private session bus for this test: its address (the daemon is stopped afterwards)."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    assert address.startswith("unix:"), address
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)
