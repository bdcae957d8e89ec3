"""``podplayer install-desktop [--uninstall]``: the desktop menu entry and icons for this user."""

from __future__ import annotations

import argparse
from typing import Any

from podplayer.core import desktop_install
from podplayer.paths import DESKTOP_ENTRY, ICONS_DIR


def register(sub: Any) -> None:
    p = sub.add_parser(
        "install-desktop",
        help="add podplayer to your desktop's application menu (entry and icons, for this user)",
        description="Install podplayer.desktop into $XDG_DATA_HOME/applications and the icon into the hicolor "
        "theme under $XDG_DATA_HOME/icons (default ~/.local/share), pointing at this installation.",
    )
    p.add_argument("--uninstall", action="store_true", help="remove the entry and icons again")
    p.set_defaults(func=run_install_desktop)


def run_install_desktop(args: argparse.Namespace) -> int:
    if args.uninstall:
        report = desktop_install.uninstall()
        if not report.files:
            print(f"nothing to remove: podplayer is not installed under {report.data_home}")
            return 0
        print(f"removed {len(report.files)} files from {report.data_home}")
        return 0
    report = desktop_install.install(DESKTOP_ENTRY, ICONS_DIR)
    entry = report.files[-1]
    print(f"installed {entry}")
    print(f"installed {len(report.files) - 1} icons under {report.data_home / 'icons' / 'hicolor'}")
    return 0
