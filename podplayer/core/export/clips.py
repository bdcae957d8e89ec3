"""Audio clips of highlights: one file per highlight, plus an optional combined "best of" file.

Clips are cut by seeking: ``-ss``/``-t`` are *input* options, so ffmpeg jumps to the clip and decodes
only its seconds; the episode is never decoded whole. Several clips share one ffmpeg process (one
input per clip, same file, different seek), because starting ffmpeg costs about as much as encoding a
short clip; batches run on 2 worker threads (each drives its own ffmpeg process).

Fades use ffmpeg's ``afade`` filter in that same command rather than pydub: pydub would decode each
clip into Python memory and then call ffmpeg again to encode it, doubling the work for no gain.

All clips are written into a hidden staging folder inside the destination and moved to their final
names only when every clip succeeded, so a failure or a cancel leaves no partial result.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import COMM, ID3
from mutagen.mp3 import MP3, BitrateMode

from podplayer.core.audio import check_audio_file, probe_duration_ms, require_tool
from podplayer.core.export.bundle import ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.errors import ExportError, TargetExistsError
from podplayer.core.export.filenames import clip_filename, safe_name_part
from podplayer.core.jobs import Cancelled, CancelToken, Progress, no_progress

# Encoder arguments and ffmpeg muxer per clip format. mp3: VBR quality 5 (~100-130 kbps, transparent for
# speech) with LAME's algorithm quality 7 ("fast, ok quality"), which takes a third less CPU than the
# default 3 with no audible difference on spoken word.
CLIP_FORMATS: dict[str, tuple[list[str], str]] = {
    "mp3": (["-c:a", "libmp3lame", "-q:a", "5", "-compression_level", "7"], "mp3"),
    "m4a": (["-c:a", "aac", "-b:a", "96k"], "ipod"),
    "ogg": (["-c:a", "libvorbis", "-q:a", "4"], "ogg"),
    "wav": (["-c:a", "pcm_s16le"], "wav"),
}

_METADATA_UNSAFE = str.maketrans({c: " " for c in map(chr, range(32)) if c not in "\n\t"})


@dataclass(frozen=True, slots=True)
class ClipOptions:
    fmt: str = "mp3"
    pad_ms: int = 500
    fade_ms: int = 50
    combined: bool = False
    gap_ms: int = 1000
    workers: int = 2
    clips_per_process: int = 8
    force: bool = False


@dataclass(frozen=True, slots=True)
class ClipSpec:
    """One clip to cut: where from, how long, its file name and its tags."""

    source: Path
    start_ms: int
    duration_ms: int
    filename: str
    tags: dict[str, str] = field(default_factory=dict)
    # Demuxer options placed before this clip's ``-i`` (see :func:`seek_options`).
    input_options: tuple[str, ...] = ()


def seek_options(source: Path) -> tuple[str, ...]:
    """Input options that make seeking into ``source`` cheap without making it inexact.

    ffmpeg's exact seek in an mp3 reads every frame header from the start of the file, so each clip
    near the end of a 3-hour episode costs ~0.15 s of CPU. In a constant-bitrate mp3 the byte position
    of a time is plain arithmetic, and ``-fflags +fastseek`` uses it (measured off by at most one
    26 ms frame). A VBR mp3 would be seeked through its coarse Xing table of contents instead, so those
    keep the exact (slower) seek. Other containers index their frames and seek exactly anyway.
    """
    if source.suffix.lower() != ".mp3":
        return ()
    try:
        mode = MP3(source).info.bitrate_mode  # type: ignore[attr-defined]
    except MutagenError:
        return ()
    return ("-fflags", "+fastseek") if mode in (BitrateMode.CBR, BitrateMode.UNKNOWN) else ()


def _metadata_value(text: str, limit: int = 2000) -> str:
    return text.translate(_METADATA_UNSAFE).strip()[:limit]


def plan_clips(bundle: ExportBundle, options: ClipOptions) -> list[ClipSpec]:
    """Times, names and tags of every clip; fails early for missing audio or untimed highlights."""
    if options.fmt not in CLIP_FORMATS:
        raise ExportError(f"unknown clip format {options.fmt!r} (choose {', '.join(CLIP_FORMATS)})")
    if options.pad_ms < 0:
        raise ExportError("padding cannot be negative")
    total = bundle.highlight_count
    width = max(3, len(str(total)))
    specs: list[ClipSpec] = []
    index = 0
    for item in bundle.items:
        ep = item.episode
        if not item.highlights:
            continue
        if not ep.audio_path:
            raise ExportError(f"episode {ep.title!r} has no audio file to cut clips from")
        source = check_audio_file(ep.audio_path)
        input_options = seek_options(source)
        duration = ep.duration_ms or probe_duration_ms(source)
        timed = []
        for h in item.highlights:
            start, end = highlight_span_ms(ep, h)
            if start is None or end is None:
                raise ExportError(f"episode {ep.title!r} has no timings; align it before exporting clips")
            timed.append((start, end, h))
        for start, end, h in sorted(timed, key=lambda t: (t[0], t[1])):
            index += 1
            clip_start = max(0, start - options.pad_ms)
            clip_end = min(duration, end + options.pad_ms)
            if clip_end <= clip_start:
                raise ExportError(f"highlight at {start / 1000:.1f} s lies outside the audio of {ep.title!r}")
            speaker = highlight_speaker(ep, h)
            excerpt = " ".join(h.quote.split())
            tags = {
                "title": _metadata_value(excerpt if len(excerpt) <= 120 else excerpt[:119] + "…"),
                "artist": _metadata_value(speaker),
                "album": _metadata_value(ep.title),
                "comment": _metadata_value(h.note),
                "track": str(index),
            }
            specs.append(
                ClipSpec(
                    source,
                    clip_start,
                    clip_end - clip_start,
                    clip_filename(index, speaker, h.quote, options.fmt, width=width),
                    tags,
                    input_options,
                )
            )
    return specs


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def _output_args(spec: ClipSpec, input_index: int, options: ClipOptions, target: Path) -> list[str]:
    codec, muxer = CLIP_FORMATS[options.fmt]
    fade = min(options.fade_ms, spec.duration_ms // 2)
    args = ["-map", f"{input_index}:a:0", "-map_metadata", "-1"]
    if fade > 0:
        out_start = spec.duration_ms - fade
        args += ["-af", f"afade=t=in:st=0:d={_seconds(fade)},afade=t=out:st={_seconds(out_start)}:d={_seconds(fade)}"]
    for key, value in spec.tags.items():
        if value:
            args += ["-metadata", f"{key}={value}"]
    return args + codec + ["-f", muxer, "-y", str(target)]


def batch_command(specs: list[ClipSpec], folder: Path, options: ClipOptions) -> list[str]:
    """One ffmpeg command cutting several clips: one seeking input and one output per clip."""
    cmd = [require_tool("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error"]
    for spec in specs:
        cmd += [*spec.input_options, "-ss", _seconds(spec.start_ms), "-t", _seconds(spec.duration_ms), "-i", str(spec.source)]
    for i, spec in enumerate(specs):
        cmd += _output_args(spec, i, options, folder / spec.filename)
    return cmd


def _mp3_comment_frame(path: Path, comment: str) -> None:
    """Move the note into a real ID3 comment (COMM); ffmpeg's mp3 muxer writes it as TXXX:comment,
    which most players do not show as the comment."""
    tags = ID3(path)
    tags.delall("TXXX:comment")
    tags.add(COMM(encoding=3, lang="eng", desc="", text=[comment]))
    tags.save(path)


def run_ffmpeg(cmd: list[str], cancel: CancelToken, what: str) -> None:
    """Run ffmpeg, killing it as soon as ``cancel`` is set; a failure becomes one ExportError line."""
    with subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        while True:
            try:
                _, err = proc.communicate(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                if cancel.cancelled:
                    proc.kill()
                    proc.communicate()
                    raise Cancelled() from None
    if proc.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        raise ExportError(f"ffmpeg failed on {what}: {lines[-1] if lines else f'exit code {proc.returncode}'}")


def _batches(specs: list[ClipSpec], size: int) -> Iterable[list[ClipSpec]]:
    for i in range(0, len(specs), max(1, size)):
        yield specs[i : i + size]


def _cut_all(specs: list[ClipSpec], stage: Path, options: ClipOptions, progress: Progress, cancel: CancelToken) -> None:
    """Run the batches on the worker threads; the first failure (or a cancel) stops every ffmpeg."""
    total = len(specs)
    done = 0
    progress(0, total, "Cutting clips")
    stop = CancelToken()  # ours: set on the caller's cancel or on our own failure, never on the caller's

    def job(batch: list[ClipSpec]) -> int:
        stop.check()
        run_ffmpeg(batch_command(batch, stage, options), stop, batch[0].filename)
        if options.fmt == "mp3":
            for spec in batch:
                if spec.tags.get("comment"):
                    _mp3_comment_frame(stage / spec.filename, spec.tags["comment"])
        return len(batch)

    with ThreadPoolExecutor(max_workers=max(1, options.workers), thread_name_prefix="clips") as pool:
        pending: set[Future[int]] = {pool.submit(job, batch) for batch in _batches(specs, options.clips_per_process)}
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
                for fut in finished:
                    done += fut.result()  # re-raises the first failure
                if finished:
                    progress(done, total, f"Cut {done} of {total} clips")
                cancel.check()
        except BaseException:
            stop.cancel()
            for fut in pending:
                fut.cancel()
            raise


def _audio_layout(path: Path) -> tuple[str, str]:
    cmd = [
        require_tool("ffprobe"), "-v", "error", "-select_streams", "a:0",
        "-show_entries", "stream=sample_rate,channels", "-of", "csv=p=0", str(path),
    ]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip().split(",")
    if len(out) != 2:
        raise ExportError(f"cannot read the clip {path.name} back to join it")
    rate, channels = out
    return rate, "mono" if channels == "1" else "stereo"


def _concat_quote(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


def _combine(
    specs: list[ClipSpec], stage: Path, name: str, options: ClipOptions, cancel: CancelToken, album: str
) -> None:
    """Join the staged clips with a short silence between them (ffmpeg concat demuxer, re-encoded)."""
    codec, muxer = CLIP_FORMATS[options.fmt]
    ffmpeg = require_tool("ffmpeg")
    rate, layout = _audio_layout(stage / specs[0].filename)
    gap = stage / f".gap.{options.fmt}"
    run_ffmpeg(
        [ffmpeg, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", f"anullsrc=r={rate}:cl={layout}",
         "-t", _seconds(options.gap_ms), *codec, "-f", muxer, "-y", str(gap)],
        cancel, "the gap between clips",
    )  # fmt: skip
    listing = stage / ".concat.txt"
    lines = []
    for i, spec in enumerate(specs):
        if i and options.gap_ms > 0:
            lines.append(f"file {_concat_quote(gap)}")
        lines.append(f"file {_concat_quote(stage / spec.filename)}")
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_ffmpeg(
        [ffmpeg, "-nostdin", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing),
         "-map", "0:a:0", "-map_metadata", "-1", "-metadata", f"title={_metadata_value('Best of - ' + album)}",
         "-metadata", f"album={_metadata_value(album)}", *codec, "-f", muxer, "-y", str(stage / name)],
        cancel, "the combined file",
    )  # fmt: skip


def combined_filename(bundle: ExportBundle, fmt: str) -> str:
    return f"Best of - {safe_name_part(bundle.title or 'highlights', max_bytes=120, fallback='highlights')}.{fmt}"


def export_clips(
    bundle: ExportBundle,
    folder: Path,
    options: ClipOptions = ClipOptions(),
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Cut every highlight of ``bundle`` into ``folder``; returns the written files (clips, then combined).

    A job in the sense of :mod:`podplayer.core.jobs`: reports progress, stops on ``cancel``
    (raising :class:`Cancelled`) and leaves nothing behind when it fails or is cancelled.
    """
    cancel = cancel or CancelToken()
    specs = plan_clips(bundle, options)
    if not specs:
        raise ExportError("no highlights to export")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; clips need a folder")
    names = [s.filename for s in specs]
    if options.combined:
        names.append(combined_filename(bundle, options.fmt))
    if not options.force:
        for name in names:
            if (folder / name).exists():
                raise TargetExistsError(str(folder / name))
    folder.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".podplayer-clips-", dir=folder))
    try:
        _cut_all(specs, stage, options, progress, cancel)
        if options.combined:
            progress(len(specs), len(specs), "Joining clips")
            _combine(specs, stage, names[-1], options, cancel, bundle.title)
        cancel.check()
        written = []
        for name in names:
            target = folder / name
            if target.exists() and not options.force:  # appeared while we were cutting
                raise TargetExistsError(str(target))
            (stage / name).replace(target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(stage, ignore_errors=True)

