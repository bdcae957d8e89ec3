"""A highlight as a captioned video: one MP4 (H.264 + AAC) per highlight, rendered entirely by ffmpeg.

What is drawn and by whom (no frame is drawn in Python):

- the background and the progress bar: ffmpeg's ``color`` sources, the bar slid over its track by
  ``overlay``'s per-frame ``x`` expression;
- the waveform: ffmpeg's ``showwaves`` filter on the highlight's own audio;
- the artwork: the episode's embedded cover (else podplayer's icon), scaled by ``scale``/``crop``;
- every text (podcast, episode title, speaker, the caption): an ASS subtitle file written here and
  rendered by libass (ffmpeg's ``subtitles`` filter). The caption shows a page of words at a time,
  the word being said emphasised (accent colour, bold, slightly larger), words said already in white,
  words to come dimmed: one ASS event per word, timed by the transcript's word timings.

The audio is the highlight padded on both sides (as audio clips are) with short fades. The file is
written under a temporary name and renamed when ffmpeg succeeds. A highlight longer than ten minutes
is refused; an ffmpeg without libx264, AAC or libass is named in one clear line.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from podplayer.core.atomic import staged_file
from podplayer.core.audio import check_audio_file, probe_duration_ms, require_tool
from podplayer.core.clock import format_clock
from podplayer.core.export.bundle import ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.clips import seek_options
from podplayer.core.export.cover import cover_file
from podplayer.core.export.errors import ExportError, TargetExistsError
from podplayer.core.export.filenames import clip_filename
from podplayer.core.export.video_captions import CaptionStyle, caption_script, highlight_words
from podplayer.core.jobs import Cancelled, CancelToken, Progress, no_progress
from podplayer.core.model import Episode, Highlight

SIZES: dict[str, tuple[int, int]] = {"1080x1080": (1080, 1080), "1920x1080": (1920, 1080), "1080x1920": (1080, 1920)}
MAX_VIDEO_MS = 10 * 60 * 1000
BACKGROUND = "0x151a21"
TRACK = "0x2b333f"
ACCENT = "0xf5b642"


@dataclass(frozen=True, slots=True)
class VideoOptions:
    size: tuple[int, int] = (1080, 1080)
    pad_ms: int = 500
    fade_ms: int = 250
    fps: int = 25
    force: bool = False


@dataclass(frozen=True, slots=True)
class VideoSpec:
    """One video to render: the audio stretch, its words and what frames it."""

    episode: Episode
    highlight: Highlight
    source: Path
    start_ms: int  # of the padded clip, in the episode's time
    duration_ms: int
    filename: str

    @property
    def speaker(self) -> str:
        return highlight_speaker(self.episode, self.highlight)


def parse_size(text: str) -> tuple[int, int]:
    if text not in SIZES:
        raise ExportError(f"--size must be one of {', '.join(SIZES)}, not {text!r}")
    return SIZES[text]


@cache
def _ffmpeg_features() -> tuple[frozenset[str], frozenset[str]]:
    """The encoders and filters this ffmpeg has (asked once)."""
    ffmpeg = require_tool("ffmpeg")

    def names(kind: str) -> frozenset[str]:
        out = subprocess.run([ffmpeg, "-hide_banner", f"-{kind}"], capture_output=True, text=True, check=False).stdout
        return frozenset(m.group(1) for m in re.finditer(r"^\s*[A-Z.|]{3,6}\s+(\S+)", out, re.M))

    return names("encoders"), names("filters")


def require_video_tools() -> None:
    """ExportError naming what this ffmpeg lacks to render a video (encoders, libass, showwaves)."""
    encoders, filters = _ffmpeg_features()
    missing = [label for name, label, have in [
        ("libx264", "the H.264 encoder libx264", encoders), ("aac", "the AAC encoder", encoders),
        ("subtitles", "libass (the subtitles filter)", filters), ("showwaves", "the showwaves filter", filters),
    ] if name not in have]  # fmt: skip
    if missing:
        raise ExportError(f"this ffmpeg lacks {' and '.join(missing)}, which video export needs; "
                          "install an ffmpeg built with them (Debian's ffmpeg package has all)")  # fmt: skip


def plan_videos(bundle: ExportBundle, options: VideoOptions) -> list[VideoSpec]:
    """What to render for every highlight; refuses untimed, audio-less or over-long highlights up front."""
    specs: list[VideoSpec] = []
    total = bundle.highlight_count
    width = max(3, len(str(total)))
    for item in bundle.items:
        ep = item.episode
        if not item.highlights:
            continue
        if not ep.audio_path:
            raise ExportError(f"episode {ep.title!r} has no audio file to make a video from")
        source = check_audio_file(ep.audio_path)
        duration = ep.duration_ms or probe_duration_ms(source)
        for h in item.highlights:
            start, end = highlight_span_ms(ep, h)
            if start is None or end is None:
                raise ExportError(f"episode {ep.title!r} has no timings; align it before making a video")
            if end - start > MAX_VIDEO_MS:
                raise ExportError(
                    f"the highlight at {format_clock(start)} is {format_clock(end - start)} long; "
                    f"a video holds at most {MAX_VIDEO_MS // 60000} minutes"
                )
            clip_start = max(0, start - options.pad_ms)
            clip_end = min(duration, end + options.pad_ms)
            if clip_end <= clip_start:
                raise ExportError(f"highlight at {format_clock(start)} lies outside the audio of {ep.title!r}")
            name = clip_filename(len(specs) + 1, highlight_speaker(ep, h), h.quote, "mp4", width=width)
            specs.append(VideoSpec(ep, h, source, clip_start, clip_end - clip_start, name))
    return specs


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def ffmpeg_command(spec: VideoSpec, options: VideoOptions, folder: Path, output: list[str]) -> list[str]:
    """The whole render as one ffmpeg command (ASS and cover written into ``folder``, its working dir)."""
    w, h = options.size
    unit = min(w, h)
    margin, art = round(unit * 0.055), round(unit * 0.2)
    style = CaptionStyle.for_size(w, h, margin, art)
    (folder / "captions.ass").write_text(
        caption_script(highlight_words(spec.episode, spec.highlight), spec.start_ms, spec.duration_ms, style,
                       podcast=spec.episode.transcript.metadata.get("podcast", ""), title=spec.episode.title,
                       speaker=spec.speaker),
        encoding="utf-8",
    )  # fmt: skip
    cover = cover_file(spec.source, folder)
    dur = _seconds(spec.duration_ms)
    fade = _seconds(min(options.fade_ms, spec.duration_ms // 2))
    out_fade = _seconds(max(0, spec.duration_ms - min(options.fade_ms, spec.duration_ms // 2)))
    wave_w, wave_h = w - 2 * margin, round(h * 0.13)
    wave_y = h - margin - 24 - wave_h - round(unit * 0.03)
    bar_y = h - margin - 8
    graph = ";".join([
        f"color=c={BACKGROUND}:s={w}x{h}:r={options.fps}:d={dur}[bg]",
        f"[1:v]scale={art}:{art}:force_original_aspect_ratio=increase,crop={art}:{art},format=rgba[art]",
        f"[bg][art]overlay={margin}:{margin}:eof_action=repeat[b1]",
        f"[0:a]afade=t=in:st=0:d={fade},afade=t=out:st={out_fade}:d={fade},asplit=2[aout][aviz]",
        f"[aviz]showwaves=s={wave_w}x{wave_h}:mode=cline:rate={options.fps}:colors={ACCENT}:scale=sqrt,"
        "format=rgba,colorchannelmixer=aa=0.85[wave]",
        f"[b1][wave]overlay={margin}:{wave_y}[b2]",
        f"color=c={TRACK}:s={wave_w}x8:r={options.fps}:d={dur}[track]",
        f"color=c={ACCENT}:s={wave_w}x8:r={options.fps}:d={dur}[bar]",
        # The bar slides in over the track; overlay clips it to the track's own small canvas.
        f"[track][bar]overlay=x='-{wave_w}+{wave_w}*t/{dur}':y=0[progress]",
        f"[b2][progress]overlay={margin}:{bar_y},subtitles=captions.ass[v]",
    ])  # fmt: skip
    return [
        require_tool("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        *seek_options(spec.source), "-ss", _seconds(spec.start_ms), "-t", dur, "-i", str(spec.source),
        "-loop", "1", "-framerate", str(options.fps), "-t", dur, "-i", str(cover),
        "-filter_complex", graph, *output,
    ]  # fmt: skip


def _video_output(target: Path, options: VideoOptions, dur_ms: int) -> list[str]:
    return [
        "-map", "[v]", "-map", "[aout]", "-c:v", "libx264", "-preset", "superfast", "-crf", "23", "-pix_fmt", "yuv420p", "-r", str(options.fps),
        "-c:a", "aac", "-b:a", "160k", "-t", _seconds(dur_ms), "-movflags", "+faststart",
        "-progress", "pipe:1", "-nostats", "-f", "mp4", str(target),
    ]  # fmt: skip


def _run(cmd: list[str], cwd: Path, cancel: CancelToken, on_time: Callable[[int], None], what: str) -> None:
    """Run ffmpeg, reporting its output time (ms) and killing it as soon as ``cancel`` is set."""
    with subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            if cancel.cancelled:
                proc.kill()
                proc.wait()
                raise Cancelled()
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.isdigit():
                on_time(int(value) // 1000)
        err = proc.stderr.read()
        proc.wait()
    if cancel.cancelled:
        raise Cancelled()
    if proc.returncode != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        raise ExportError(f"ffmpeg failed on {what}: {lines[-1] if lines else f'exit code {proc.returncode}'}")


def render_video(spec: VideoSpec, target: Path, options: VideoOptions, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> Path:  # fmt: skip
    """Render one video to ``target`` (through a temporary file renamed at the end)."""
    cancel = cancel or CancelToken()
    require_video_tools()
    with tempfile.TemporaryDirectory(prefix="podplayer-video-") as tmp, staged_file(target) as staged:
        cmd = ffmpeg_command(spec, options, Path(tmp), _video_output(staged, options, spec.duration_ms))
        _run(cmd, Path(tmp), cancel, lambda ms: progress(min(ms, spec.duration_ms), spec.duration_ms,
                                                          f"Rendering {target.name}"), target.name)  # fmt: skip
    return target


def render_frame(spec: VideoSpec, target: Path, options: VideoOptions, at_ms: int | None = None) -> Path:
    """One frame of the video as a PNG (a preview), by default from the middle of the highlight."""
    require_video_tools()
    at = spec.duration_ms // 2 if at_ms is None else max(0, min(at_ms, spec.duration_ms - 1))
    with tempfile.TemporaryDirectory(prefix="podplayer-frame-") as tmp, staged_file(target) as staged:
        # The picture to a PNG; the audio the graph also makes goes nowhere.
        output = ["-map", "[v]", "-ss", _seconds(at), "-frames:v", "1", "-f", "image2", "-c:v", "png", str(staged),
                  "-map", "[aout]", "-f", "null", "-"]  # fmt: skip
        cmd = ffmpeg_command(spec, options, Path(tmp), output)
        _run(cmd, Path(tmp), CancelToken(), lambda _ms: None, target.name)
    return target


def export_videos(bundle: ExportBundle, folder: Path, options: VideoOptions, progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> list[Path]:  # fmt: skip
    """Every highlight of ``bundle`` as an MP4 in ``folder``; existing files are kept unless ``force``."""
    require_video_tools()
    specs = plan_videos(bundle, options)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; video export writes into a folder")
    if not options.force:
        for spec in specs:
            if (folder / spec.filename).exists():
                raise TargetExistsError(str(folder / spec.filename))
    folder.mkdir(parents=True, exist_ok=True)
    total = sum(s.duration_ms for s in specs)
    written: list[Path] = []
    done = 0
    for spec in specs:
        def step(d: float, _t: float, message: str = "", base: int = done) -> None:
            progress(base + d, total, message)

        written.append(render_video(spec, folder / spec.filename, options, step, cancel))
        done += spec.duration_ms
    progress(total, total, f"Wrote {len(written)} videos")
    return written
