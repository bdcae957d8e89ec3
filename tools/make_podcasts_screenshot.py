"""Render resources/podcasts.png: the Podcasts view with three subscriptions, served from 127.0.0.1,
and the window as a new user first sees it (the default splitter) at 1280x800 and 1600x1000, just
after a download (resources/podcasts-1280x800.png, resources/podcasts-1600x1000.png).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_podcasts_screenshot.py

Everything happens in a throw-away folder (library, settings, caches): the spec's example feed and two
made-up shows with generated artwork, one episode downloaded and playing, new episodes after a refresh.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication
from screenshot_window import TMP, save, settle

if TYPE_CHECKING:
    from podplayer.store.repository import Library
    from podplayer.ui.settings import Settings

SHOWS = [
    ("The Compost Hour", "Ann Gardener", "#2e7d32", "#a5d6a7", 24),
    ("Data Science Weekly", "Sam Ortiz", "#283593", "#90caf9", 40),
]


def artwork(title: str, dark: str, light: str) -> bytes:
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(600, 600))
    gradient.setColorAt(0, QColor(light))
    gradient.setColorAt(1, QColor(dark))
    painter.fillRect(image.rect(), gradient)
    font = QFont()
    font.setPixelSize(78)
    font.setWeight(QFont.Weight.Black)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(image.rect().adjusted(40, 40, -40, -40), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), title)
    painter.end()
    path = TMP / "art.png"
    image.save(str(path))
    return path.read_bytes()


def show_feed(base: str, slug: str, title: str, author: str, count: int, first: int = 1) -> str:
    items = []
    for n in range(count, first - 1, -1):
        items.append(
            f"<item><title>{'Episode ' + str(n)}: {['Winter beds', 'Worms at work', 'Leaf mould', 'Green manure', 'Hot compost', 'Questions'][n % 6] if 'Compost' in title else ['Feature stores', 'Data contracts', 'Small models', 'Evaluation', 'Notebooks in production', 'Listener mail'][n % 6]}</title>"
            f"<guid isPermaLink='false'>{slug}-{n}</guid><pubDate>{(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])[n % 7]}, {1 + n % 28:02d} Oct 2025 06:00:00 GMT</pubDate>"
            f"<itunes:duration>{35 + n % 20}:{n % 60:02d}</itunes:duration>"
            f"<enclosure url='{base}{slug}/{n}.mp3' type='audio/mpeg' length='30000000'/>"
            + (f"<podcast:transcript url='{base}{slug}/{n}.vtt' type='text/vtt'/>" if n % 3 else "")
            + (f"<podcast:chapters url='{base}{slug}/{n}.json' type='application/json+chapters'/>" if n % 2 else "")
            + "</item>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd' "
        "xmlns:podcast='https://podcastindex.org/namespace/1.0'><channel>"
        f"<title>{title}</title><itunes:author>{author}</itunes:author><language>en</language>"
        f"<itunes:image href='{base}{slug}/art.png'/>{''.join(items)}</channel></rss>"
    )


def main() -> None:
    from podplayer.core.feeds.http import HttpClient
    from podplayer.store.repository import Library
    from podplayer.ui import theme
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow
    from podplayer.usecases import podcast_jobs
    from tests.helpers_http import LocalServer, serve_example_podcast

    app = QApplication.instance() or QApplication([])
    theme.apply(app)  # type: ignore[arg-type]
    audio = TMP / "episode.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=220:duration=40,volume='if(lt(mod(t,3),2.4),0.5,0.01)':eval=frame",
                    "-ac", "1", "-b:a", "48k", str(audio)], check=True)
    text = (
        "Host: Welcome back to the show. Today we look at where podcasting is going next.\n"
        "Guest: Thanks for having me. Transcripts and chapters in the feed change how people listen.\n"
        "Host: Because now you can search, quote and study an episode, not only hear it once.\n"
        "Guest: Exactly. And the feed says which transcript is the best one to sync with the audio.\n"
    )
    with LocalServer() as server:
        example = serve_example_podcast(server, audio, plain_text=text)
        server.add("/images/pci_avatar-massive.jpg", artwork("Podcasting 2.0", "#6a1b9a", "#f48fb1"), content_type="image/png")
        urls = []
        for title, author, dark, light, count in SHOWS:
            slug = title.split()[1].lower()
            server.add(f"/{slug}/art.png", artwork(title, dark, light), content_type="image/png")
            urls.append(server.add(f"/{slug}.xml", show_feed(server.base, slug, title, author, count - 3)))
        library = Library(TMP / "library.sqlite3")
        with HttpClient() as client:
            example_id = podcast_jobs.subscribe(library, client, example).podcast_id
            for url in urls:
                podcast_jobs.subscribe(library, client, url)
            for title, author, _dark, _light, count in SHOWS:  # three new episodes each
                slug = title.split()[1].lower()
                server.add(f"/{slug}.xml", show_feed(server.base, slug, title, author, count))
            podcast_jobs.refresh(library, client)
            episodes = library.podcasts.podcast_episodes(example_id)
            podcast_jobs.download(library, client, episodes[0].id, language="en")
        library.set_position(episodes[0].id, 9000)
        for width, height in ((1280, 800), (1600, 1000)):
            first_look(library, Settings(TMP / f"settings-{width}.ini"), example_id, width, height)
        settings = Settings(TMP / "settings.ini")
        settings.sync_untimed_automatically = False  # shown as downloaded: with its estimated timing
        window = MainWindow(library, settings)
        window.resize(1400, 860)
        window.show()
        window.show_podcasts()
        view = window.podcasts_view
        view.podcast_list.setCurrentIndex(view.podcast_model.index(view.podcast_model.row_of(example_id) or 0))
        window.splitter.setSizes([520, 620, 260])
        view.splitter.setSizes([230, 520])
        window.session.open(episodes[0].id)
        view.episode_list.setCurrentIndex(view.episode_model.index(0))
        folder = TMP / "xdg_cache_home" / "podplayer" / "artwork"
        settle(window, lambda: folder.exists() and len(list(folder.glob("*.png"))) >= 3 and not window.jobs.active_jobs)
        settle(window, rounds=20)
        view.podcast_list.viewport().update()
        app.processEvents()
        save(window, "podcasts.png")
        window.close()
        library.close()


def first_look(library: Library, settings: Settings, podcast_id: int, width: int, height: int) -> None:
    """The window at ``width`` x ``height`` with its default splitter, the Podcasts view open on a
    podcast and an episode chosen, as after its download."""
    from podplayer.ui.window.main_window import MainWindow

    window = MainWindow(library, settings)
    window.resize(width, height)
    window.show()
    window.show_podcasts()
    view = window.podcasts_view
    view.podcast_list.setCurrentIndex(view.podcast_model.index(view.podcast_model.row_of(podcast_id) or 0))
    view.episode_list.setCurrentIndex(view.episode_model.index(0))
    view.say("Downloaded. Transcript: vtt (podcast:transcript) after 1 failed. Skipped: srt (no captions)")
    settle(window, lambda: not window.jobs.active_jobs)
    settle(window, rounds=20)
    save(window, f"podcasts-{width}x{height}.png")
    window.close()


if __name__ == "__main__":
    main()
