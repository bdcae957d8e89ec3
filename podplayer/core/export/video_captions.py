"""The text of a highlight video as an ASS subtitle script, for libass to render (see video.py).

ASS, not drawtext: libass wraps lines, measures text, fades and styles each word, so the caption
with its emphasised current word is data written here, never pixels. Times are relative to the
video's start. Text from the transcript is made inert (ASS reads ``{...}`` as override tags and
``\\N`` as a line break).
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.model import Episode, Highlight

WHITE = "&H00FFFFFF"
DIM = "&H00A6958A"  # #8a95a6, words still to come
GREY = "&H00B8ADA3"  # #a3adb8, the podcast's name
ACCENT = "&H0042B6F5"  # #f5b642, the word being said and the speaker
PAGE_WORDS = 12  # at most this many words on screen at once
FONT = "DejaVu Sans"

Word = tuple[str, int, int]  # text, start and end in the episode's ms


@dataclass(frozen=True, slots=True)
class CaptionStyle:
    width: int
    height: int
    margin: int
    art: int
    caption_size: int
    title_size: int
    small_size: int

    @classmethod
    def for_size(cls, width: int, height: int, margin: int, art: int) -> CaptionStyle:
        unit = min(width, height)
        return cls(width, height, margin, art, round(unit * 0.062), round(unit * 0.04), round(unit * 0.031))


def highlight_words(episode: Episode, h: Highlight) -> list[Word]:
    """The highlight's words with times; words without their own time share their turn's time evenly."""
    turns = episode.transcript.turns
    words: list[Word] = []
    for t in range(max(h.start.turn, 0), min(h.end.turn + 1, len(turns))):
        turn = turns[t]
        first = h.start.word if t == h.start.turn else 0
        last = h.end.word if t == h.end.turn else len(turn.words) - 1
        span_start = turn.start_ms or 0
        span_end = turn.end_ms if turn.end_ms is not None else span_start + 400 * len(turn.words)
        step = (span_end - span_start) / max(len(turn.words), 1)
        for i in range(max(first, 0), min(last + 1, len(turn.words))):
            w = turn.words[i]
            start = w.start_ms if w.start_ms is not None else round(span_start + i * step)
            end = w.end_ms if w.end_ms is not None else round(span_start + (i + 1) * step)
            words.append((w.text, start, max(end, start)))
    return words


def ass_text(text: str) -> str:
    """Transcript text made inert for ASS: no override blocks, no escapes, one line."""
    return " ".join(text.split()).replace("\\", "\u2216").replace("{", "(").replace("}", ")")


def ass_time(ms: int) -> str:
    cs = max(ms, 0) // 10
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def _pages(words: list[Word]) -> list[list[Word]]:
    """Words in pages of at most PAGE_WORDS, ending a page early after a sentence when it is half full."""
    pages: list[list[Word]] = [[]]
    for word in words:
        page = pages[-1]
        page.append(word)
        if len(page) >= PAGE_WORDS or (len(page) >= PAGE_WORDS // 2 and word[0][-1:] in ".?!"):
            pages.append([])
    return [p for p in pages if p]


def caption_script(
    words: list[Word], clip_start_ms: int, duration_ms: int, style: CaptionStyle, *, podcast: str, title: str,
    speaker: str,
) -> str:  # fmt: skip
    s = style
    text_x = s.margin + s.art + s.margin // 2
    header = (
        "[Script Info]\nScriptType: v4.00+\n"
        f"PlayResX: {s.width}\nPlayResY: {s.height}\nWrapStyle: 0\nScaledBorderAndShadow: yes\n\n"
        "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
        "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding\n"
        f"Style: Caption,{FONT},{s.caption_size},{WHITE},{WHITE},&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,0,0,5,"
        f"{s.margin},{s.margin},0,1\n"
        f"Style: Title,{FONT},{s.title_size},{WHITE},{WHITE},&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,0,0,7,"
        f"{text_x},{s.margin},0,1\n"
        f"Style: Small,{FONT},{s.small_size},{GREY},{GREY},&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,7,"
        f"{text_x},{s.margin},0,1\n"
        f"Style: Speaker,{FONT},{s.small_size},{ACCENT},{ACCENT},&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,0,0,7,"
        f"{s.margin},{s.margin},0,1\n\n"
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    )
    end = ass_time(duration_ms)
    lines = []
    top = s.margin + round(s.art * 0.08)
    if podcast:
        lines.append(f"Dialogue: 0,0:00:00.00,{end},Small,,0,0,0,,{{\\pos({text_x},{top})}}{ass_text(podcast)}")
    title_y = top + (round(s.small_size * 1.5) if podcast else 0)
    lines.append(f"Dialogue: 0,0:00:00.00,{end},Title,,0,0,0,,{{\\pos({text_x},{title_y})}}{ass_text(title)}")
    if speaker:
        speaker_y = s.margin + s.art + round(s.margin * 0.8)
        lines.append(f"Dialogue: 0,0:00:00.00,{end},Speaker,,0,0,0,,{{\\pos({s.margin},{speaker_y})}}"
                     f"{ass_text(speaker).upper()}")  # fmt: skip
    caption_y = round(s.height * 0.52)
    for page in _pages(words):
        texts = [ass_text(w[0]) for w in page]
        page_end = page[-1][2] - clip_start_ms
        for k, (_text, start, _end) in enumerate(page):
            on = max(start - clip_start_ms, 0)
            off = page[k + 1][1] - clip_start_ms if k + 1 < len(page) else max(page_end, on + 10)
            said = " ".join(texts[:k])
            now = f"{{\\c{ACCENT}\\fscx108\\fscy108}}{texts[k]}{{\\r}}"
            later = " ".join(texts[k + 1 :])
            body = " ".join(p for p in (said, now, f"{{\\c{DIM}}}{later}" if later else "") if p)
            lines.append(f"Dialogue: 1,{ass_time(on)},{ass_time(max(off, on + 10))},Caption,,0,0,0,,"
                         f"{{\\pos({s.width // 2},{caption_y})}}{body}")  # fmt: skip
    return header + "\n".join(lines) + "\n"
