"""The header above the transcript: episode title, a details line and a timing-quality badge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from podplayer.core.model import Episode, Timing
from podplayer.ui import theme

NO_EPISODE = "No episode open"
MAX_SPEAKERS_SHOWN = 4

# What the badge says for timings that are not word- or turn-accurate; no badge otherwise.
TIMING_BADGES: dict[Timing, tuple[str, str]] = {
    Timing.ESTIMATED: (
        "Estimated timing",
        "Times were estimated from pauses in the audio. Sync to audio for word-accurate timing.",
    ),
    Timing.NONE: ("Untimed", "This transcript has no times yet."),
}


def episode_details(episode: Episode) -> str:
    """The line under the title: podcast, date, the first speakers and the word count."""
    meta = episode.transcript.metadata
    speakers = episode.transcript.speakers
    details = [meta.get("podcast", ""), meta.get("date", "")]
    if speakers:
        shown = ", ".join(speakers[:MAX_SPEAKERS_SHOWN])
        details.append(shown + ("…" if len(speakers) > MAX_SPEAKERS_SHOWN else ""))
    details.append(f"{episode.transcript.word_count:,} words")
    return "  ·  ".join(d for d in details if d)


class EpisodeHeader(QWidget):
    """Shows the open episode's title, details and (for estimated or missing times) a badge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(NO_EPISODE)
        self.title.setObjectName("episodeTitle")
        self.title.setAccessibleName("Episode title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(font.Weight.DemiBold)
        self.title.setFont(font)

        self.timing_badge = QLabel(TIMING_BADGES[Timing.ESTIMATED][0])
        self.timing_badge.setObjectName("badge")
        self.timing_badge.setAccessibleName("Timing quality")
        self.timing_badge.hide()

        self.subtitle = QLabel("")
        self.subtitle.setObjectName("episodeSubtitle")
        self.subtitle.setAccessibleName("Episode details")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.hide()
        sub_palette = self.subtitle.palette()
        sub_palette.setColor(sub_palette.ColorRole.WindowText, theme.muted_text(sub_palette))
        self.subtitle.setPalette(sub_palette)

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 4)
        layout.addLayout(titles, 1)
        layout.addWidget(self.timing_badge, 0, Qt.AlignmentFlag.AlignTop)

    def show_episode(self, episode: Episode) -> None:
        self.title.setText(episode.title)
        self.subtitle.setText(episode_details(episode))
        self.subtitle.setVisible(True)
        badge = TIMING_BADGES.get(episode.transcript.timing)
        if badge is None:
            self.timing_badge.hide()
            return
        text, tooltip = badge
        self.timing_badge.setText(text)
        self.timing_badge.setToolTip(tooltip)
        self.timing_badge.show()

    def show_details(self, episode: Episode) -> None:
        """Only the line under the title (speakers, words): after a correction, whose timing is the same."""
        self.subtitle.setText(episode_details(episode))

    def clear(self) -> None:
        self.title.setText(NO_EPISODE)
        self.subtitle.hide()
        self.timing_badge.hide()
