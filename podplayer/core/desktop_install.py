"""Installing podplayer into the user's desktop menu, the freedesktop way (no root, no Qt).

What goes where (the XDG Base Directory, Desktop Entry and Icon Theme specifications):

    $XDG_DATA_HOME/applications/podplayer.desktop            (default ~/.local/share; it also handles
                                                             x-scheme-handler/podplayer, the links)
    $XDG_DATA_HOME/icons/hicolor/NxN/apps/podplayer.png      one per size in ICON_SIZES
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/podplayer.svg

The entry's ``Exec`` names this installation's own ``podplayer`` (the script next to the running
Python, as pip, pipx and ``make`` install it), so the menu starts the podplayer that installed it even
when its folder is not on ``PATH``. Afterwards the desktop and icon caches are refreshed when their
tools (``update-desktop-database``, ``gtk-update-icon-cache``) exist; desktops that watch the folders
need neither. Uninstalling removes exactly these files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from podplayer.core.model import PodplayerError

APP_ID = "podplayer"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

# Characters that oblige an Exec argument to be quoted (Desktop Entry spec, "The Exec key").
_RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


class DesktopInstallError(PodplayerError):
    """Installing or removing the desktop entry failed (one line for the user)."""


@dataclass
class DesktopInstall:
    """What an install or uninstall did."""

    data_home: Path
    files: list[Path] = field(default_factory=list)  # written, or removed
    caches: list[str] = field(default_factory=list)  # cache tools that ran


def data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path, else ``~/.local/share`` (the spec's rule)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this installation: its ``podplayer`` script, else ``python -m podplayer``."""
    script = Path(sys.executable).parent / APP_ID
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", APP_ID]


def exec_value(argv: list[str]) -> str:
    """``argv`` as a desktop entry ``Exec`` value: quoted where needed, then escaped as a string value."""

    def quote(arg: str) -> str:
        if not _RESERVED.search(arg):
            return arg
        return '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'

    command = " ".join(quote(a) for a in argv).replace("%", "%%")
    return string_value(command)


def string_value(text: str) -> str:
    """Escape a desktop entry string value (backslash, and the control characters the spec names)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(template: str, argv: list[str]) -> str:
    """The shipped entry with ``Exec`` and ``TryExec`` pointing at ``argv``.

    What follows the program in the shipped ``Exec`` (``open %U``: links and files the desktop hands
    over, such as a clicked ``podplayer://`` link) is kept as written, field codes included.
    """
    lines = []
    for line in template.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "Exec":
            rest = value.strip().split(" ", 1)[1:]
            line = " ".join([f"Exec={exec_value(argv)}", *rest])
        elif key == "TryExec":
            line = f"TryExec={string_value(argv[0])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def icon_targets(home: Path) -> dict[str, Path]:
    """Shipped icon (relative to the icons folder) -> where it is installed."""
    apps = home / "icons" / "hicolor"
    targets = {
        f"hicolor/{n}x{n}/apps/{APP_ID}.png": apps / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES
    }
    targets[f"{APP_ID}.svg"] = apps / "scalable" / "apps" / f"{APP_ID}.svg"
    return targets


def _require_freedesktop() -> None:
    if sys.platform.startswith(("win", "darwin")):
        raise DesktopInstallError("install-desktop is for Linux and other freedesktop.org desktops")


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so a desktop never reads half an entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _refresh_caches(home: Path, report: DesktopInstall) -> None:
    # Both tools only speed up lookups; a failure leaves a working install, so it is not an error.
    commands = {
        "update-desktop-database": ["-q", str(home / "applications")],
        "gtk-update-icon-cache": ["-q", "-f", "-t", str(home / "icons" / "hicolor")],
    }
    for tool, args in commands.items():
        exe = shutil.which(tool)
        if exe is None:
            continue
        result = subprocess.run([exe, *args], capture_output=True, check=False, timeout=60)
        if result.returncode == 0:
            report.caches.append(tool)


def install(entry_template: Path, icons_dir: Path, home: Path | None = None) -> DesktopInstall:
    """Install the desktop entry and icons for the current user; returns what was written."""
    _require_freedesktop()
    home = home or data_home()
    report = DesktopInstall(home)
    try:
        template = entry_template.read_text(encoding="utf-8")
        sources = {icons_dir / name: target for name, target in icon_targets(home).items()}
        missing = [str(s) for s in sources if not s.is_file()]
        if missing:
            raise DesktopInstallError(f"this installation lacks its icons ({missing[0]})")
        for source, target in sources.items():
            _write(target, source.read_bytes())
            report.files.append(target)
        entry = home / "applications" / f"{APP_ID}.desktop"
        _write(entry, desktop_entry(template, launcher()).encode("utf-8"))
        report.files.append(entry)
    except OSError as exc:
        raise DesktopInstallError(f"{exc.filename or home}: cannot install ({exc.strerror or exc})") from exc
    _refresh_caches(home, report)
    return report


def uninstall(home: Path | None = None) -> DesktopInstall:
    """Remove what :func:`install` wrote (and nothing else); returns the files removed."""
    _require_freedesktop()
    home = home or data_home()
    report = DesktopInstall(home)
    for path in [home / "applications" / f"{APP_ID}.desktop", *icon_targets(home).values()]:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopInstallError(f"{path}: cannot remove ({exc.strerror or exc})") from exc
        report.files.append(path)
    if report.files:
        _refresh_caches(home, report)
    return report
