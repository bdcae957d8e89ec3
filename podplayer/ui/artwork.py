"""Images from feeds for the UI (podcast artwork, chapter images): fetched once in the background
into the cache folder; a placeholder tile (or nothing) until the real image is there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap

from podplayer.core.feeds.artwork import cached_artwork, fetch_artwork
from podplayer.core.feeds.http import HttpClient
from podplayer.paths import cache_dir
from podplayer.ui import theme
from podplayer.ui.jobs import JobRunner


def _tile(size: int) -> tuple[QPixmap, QPainter, QPainterPath]:
    """A transparent square, a painter on it and the rounded outline every tile has."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, size, size), size * 0.14, size * 0.14)
    return pixmap, painter, path


def placeholder(title: str, size: int) -> QPixmap:
    """A rounded tile in the title's colour with its initials."""
    pixmap, painter, path = _tile(size)
    painter.fillPath(path, theme.speaker_color(title or "?"))
    initials = "".join(w[0] for w in title.split()[:2] if w[:1].isalnum()).upper() or "?"
    font = QFont()
    font.setPixelSize(int(size * 0.38))
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return pixmap


def rounded(image: QImage, size: int) -> QPixmap:
    """``image`` filling a rounded tile (cropped to a square)."""
    scaled = QPixmap.fromImage(image).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
    )
    out, painter, path = _tile(size)
    painter.setClipPath(path)
    painter.drawPixmap(0, 0, scaled)
    painter.end()
    return out


class ArtworkCache(QObject):
    """``pixmap(url, title, size)`` answers at once; ``changed(url)`` when a real image arrived."""

    changed = Signal(str)

    def __init__(self, jobs: JobRunner, client: HttpClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._client = client
        self._folder: Path = cache_dir() / "artwork"
        self._pixmaps: dict[tuple[str, int], QPixmap] = {}
        self._images: dict[str, QImage] = {}
        self._asked: set[str] = set()

    def pixmap(self, url: str, title: str, size: int) -> QPixmap:
        """The image, or a placeholder tile with the title's initials until it has arrived."""
        return self.fetched(url, size) or placeholder(title, size)

    def fetched(self, url: str, size: int) -> QPixmap | None:
        """The image rounded to ``size``, or None while it is being fetched (or cannot be)."""
        key = (url, size)
        if key in self._pixmaps:
            return self._pixmaps[key]
        image = self._image(url)
        if image is None:
            return None
        self._pixmaps[key] = rounded(image, size)
        return self._pixmaps[key]

    def local_file(self, url: str) -> Path | None:
        """Where the fetched image is on disk (None until it is there)."""
        return cached_artwork(self._folder, url) if url else None

    def _image(self, url: str) -> QImage | None:
        if not url:
            return None
        if url in self._images:
            return self._images[url]
        path = cached_artwork(self._folder, url)
        if path is not None:
            image = QImage(str(path))
            if not image.isNull():
                self._images[url] = image
                return image
        if url not in self._asked:
            self._asked.add(url)
            folder, client = self._folder, self._client

            def work(progress: object, cancel: object) -> str:
                return str(fetch_artwork(client, url, folder))

            self._jobs.run("Fetching artwork", work, lambda _p: self.changed.emit(url), lambda _m: None)
        return None
