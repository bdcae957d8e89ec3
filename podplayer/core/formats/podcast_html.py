"""Podcasting 2.0 HTML transcripts: ``<cite>Speaker:</cite> <time>0:00:01</time> <p>text</p>``.

Parsed with the stdlib ``html.parser`` (lenient like a browser, decodes entities). A ``<cite>`` sets
the speaker for the following paragraphs, a ``<time>`` the start of the next paragraph; each ``<p>``
is a cue (see cues.py), ending where the next timed paragraph starts.
"""

from __future__ import annotations

from html.parser import HTMLParser

from podplayer.core.formats.cues import Cue, cues_to_turns
from podplayer.core.formats.timecode import parse_clock
from podplayer.core.model import Transcript, TranscriptParseError, Word

FORMAT = "podcast-html"
_SKIPPED = frozenset({"script", "style", "head", "title"})


class _TranscriptHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cues: list[Cue] = []
        self.title = ""
        self._field: str | None = None  # "cite", "time", "p" or "title" while inside one
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._speaker: str | None = None
        self._time: int | None = None
        self.bad_times: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._open("title")
        elif tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in ("cite", "time", "p"):
            self._open(tag)
            if tag == "time":
                stamp = dict(attrs).get("datetime")
                if stamp and parse_clock(stamp) is not None:
                    self._time = parse_clock(stamp)
        elif tag == "br" and self._field == "p":
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and tag != "title":
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == self._field:
            self._close()

    def handle_data(self, data: str) -> None:
        if self._field is not None and (self._skip_depth == 0 or self._field == "title"):
            self._buffer.append(data)

    def _open(self, field: str) -> None:
        if self._field is not None:
            self._close()
        self._field, self._buffer = field, []

    def _close(self) -> None:
        text = " ".join("".join(self._buffer).split())
        field, self._field, self._buffer = self._field, None, []
        if field == "cite":
            self._speaker = text.rstrip(":").strip() or None
        elif field == "title":
            self.title = self.title or text
        elif field == "time":
            time = parse_clock(text)
            if time is not None:
                self._time = time
            elif text:
                self.bad_times.append((text, self.getpos()[0]))
        elif field == "p" and text:
            self.cues.append(Cue([Word(w) for w in text.split()], self._time, None, self._speaker))
            self._time = None

    def finish(self) -> None:
        self.close()
        if self._field is not None:
            self._close()


def read_podcast_html(text: str, name: str = "") -> Transcript:
    parser = _TranscriptHTML()
    parser.feed(text)
    parser.finish()
    if parser.bad_times:
        stamp, line = parser.bad_times[0]
        raise TranscriptParseError(f"bad <time> value {stamp[:40]!r}", path=name, fmt=FORMAT, line=line)
    cues = parser.cues
    for cue, following in zip(cues, cues[1:], strict=False):
        if cue.start_ms is not None and following.start_ms is not None and following.start_ms >= cue.start_ms:
            cue.end_ms = following.start_ms
    turns = cues_to_turns(cues)
    if not turns:
        raise TranscriptParseError("no <p> transcript paragraphs found", path=name, fmt=FORMAT)
    return Transcript(turns, title=parser.title)
