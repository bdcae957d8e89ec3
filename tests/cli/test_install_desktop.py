"""`podplayer install-desktop` on a private $XDG_DATA_HOME, checked with the real desktop-file-validate."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from podplayer.core import desktop_install
from podplayer.core.desktop_install import ICON_SIZES, desktop_entry
from podplayer.paths import RESOURCES_DIR


def _cli(args: list[str], data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([sys.executable, "-m", "podplayer", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)  # fmt: skip


def _validate(path: Path) -> str:
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, check=False)
    return f"{result.returncode}{result.stdout}{result.stderr}"


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_install_writes_a_valid_entry_and_icons_then_uninstall_removes_them(tmp_path: Path) -> None:
    home = tmp_path / "data"
    (home / "applications").mkdir(parents=True)
    other = home / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=true\n", encoding="utf-8")

    result = _cli(["install-desktop"], home)
    assert (result.returncode, result.stderr) == (0, "")
    entry_path = home / "applications" / "podplayer.desktop"
    assert f"installed {entry_path}" in result.stdout
    assert _validate(entry_path) == "0"  # no errors, no warnings, no hints
    entry = _entry(entry_path)
    assert entry["Icon"] == "podplayer" and entry["Type"] == "Application" and entry["Terminal"] == "false"
    # Exec starts this very installation, wherever it lives.
    program, opens = entry["Exec"].split(" ", 1)
    assert opens == "open %U"  # files and podplayer:// links the desktop hands over
    assert entry["MimeType"] == "x-scheme-handler/podplayer;"
    started = subprocess.run([program, "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert started.returncode == 0 and "install-desktop" in started.stdout
    assert entry["TryExec"] == program
    # The icon theme: every PNG size at its size, and the scalable SVG.
    for n in ICON_SIZES:
        assert _png_size(home / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "podplayer.png") == (n, n)
    svg = home / "icons" / "hicolor" / "scalable" / "apps" / "podplayer.svg"
    assert svg.read_bytes() == (RESOURCES_DIR / "icons" / "podplayer.svg").read_bytes()
    # The caches were refreshed by the real tools (desktop-file-utils is a test dependency).
    assert (home / "applications" / "mimeinfo.cache").exists() or "update-desktop-database" in result.stdout

    # Installing again is harmless.
    assert _cli(["install-desktop"], home).returncode == 0

    result = _cli(["install-desktop", "--uninstall"], home)
    assert (result.returncode, result.stderr) == (0, "")
    assert f"removed {len(ICON_SIZES) + 2} files" in result.stdout
    assert not entry_path.exists() and not svg.exists()
    assert not list((home / "icons").rglob("podplayer.*"))
    assert other.exists()  # someone else's entry is untouched
    again = _cli(["install-desktop", "--uninstall"], home)
    assert again.returncode == 0 and "nothing to remove" in again.stdout


@pytest.mark.parametrize(
    ("folder", "args", "launch"),
    [
        ("my apps/pod player", [], True),
        ('odd "quoted" $dir\\x`cmd`', ["-m", "pod player"], True),
        # GLib looks for the program before it turns the spec's "%%" back into "%", so it cannot start
        # anything installed under a "%" folder; the entry is still what the spec asks for.
        ("100% podcasts", ["-m", "podplayer"], False),
    ],
)
def test_exec_lines_for_awkward_install_folders_are_valid_and_launch(
    tmp_path: Path, folder: str, args: list[str], launch: bool
) -> None:
    """The entry validates, and GLib's own launcher (`gio launch`) starts exactly that program with those
    arguments, however odd the folder the program is installed in."""
    program = tmp_path / folder / "podplayer"
    program.parent.mkdir(parents=True)
    seen = tmp_path / "argv.txt"
    program.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > '{seen}'\n", encoding="utf-8")
    program.chmod(0o755)
    template = (RESOURCES_DIR / "podplayer.desktop").read_text(encoding="utf-8")
    path = tmp_path / "podplayer.desktop"
    path.write_text(desktop_entry(template, [str(program), *args]), encoding="utf-8")
    assert _validate(path) == "0"
    if not launch:
        assert _entry(path)["Exec"] == f'"{program}"'.replace("%", "%%") + " " + " ".join([*args, "open", "%U"])
        return
    subprocess.run(["gio", "launch", str(path)], check=True, timeout=30, capture_output=True)
    deadline = time.monotonic() + 30
    while not (seen.exists() and seen.read_text(encoding="utf-8").endswith("\n")) and time.monotonic() < deadline:
        time.sleep(0.02)  # polling for the launched program's output file, not a fixed wait
    assert seen.read_text(encoding="utf-8").splitlines() == [str(program), *args, "open"]


def test_data_home_follows_the_xdg_rule(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert desktop_install.data_home() == tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # the spec says: ignore a relative value
    assert desktop_install.data_home() == Path.home() / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert desktop_install.data_home() == Path.home() / ".local" / "share"


def test_unwritable_data_home_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    result = _cli(["install-desktop"], blocker)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("podplayer: ")
