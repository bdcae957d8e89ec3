"""Render the application icon (resources/icons/podplayer.svg) to the PNG sizes of the freedesktop
hicolor theme, into resources/icons/hicolor/NxN/apps/podplayer.png (the results are committed).

`podplayer install-desktop` copies these, so installing needs neither Qt nor an SVG renderer.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_app_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from podplayer.core.desktop_install import APP_ID, ICON_SIZES  # noqa: E402


def main() -> int:
    QGuiApplication([])
    icons = ROOT / "resources" / "icons"
    renderer = QSvgRenderer(str(icons / f"{APP_ID}.svg"))
    if not renderer.isValid():
        print(f"cannot read {icons / f'{APP_ID}.svg'}", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
