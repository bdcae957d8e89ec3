"""Downloading one file: progress, cancel, resume (HTTP Range) and a partial file renamed when whole.

The bytes go to ``<target>.partial``; only a complete download is renamed to ``target``, so a crash,
a cancel, a cut connection or a full disk never leave a file that looks finished. The partial file
is kept: the next attempt asks for the rest with ``Range: bytes=N-`` and appends if the server
answers 206 (a 200 means it ignored the range: start over).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import httpx

from podplayer.core.feeds.errors import DownloadError, HttpError
from podplayer.core.feeds.http import HttpClient, status_message
from podplayer.core.jobs import CancelToken, Progress, no_progress

CHUNK_BYTES = 256 * 1024  # small enough that a cut connection loses little
PARTIAL_SUFFIX = ".partial"
# Content types that are certainly not an episode's audio.
NOT_AUDIO_PREFIXES = ("text/", "image/", "application/json", "application/xml", "application/pdf", "application/zip")


@dataclass(slots=True)
class Downloaded:
    path: Path
    size: int
    resumed_from: int  # bytes that were already on disk from an earlier attempt
    content_type: str
    moved_to: str | None  # the enclosure moved permanently


def partial_path(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL_SUFFIX)


def not_audio_type(content_type: str) -> str | None:
    """The bare media type when ``content_type`` (a header or a feed's ``type``) is certainly not
    audio, else None (unknown and missing types are given the benefit of the doubt)."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype.startswith(NOT_AUDIO_PREFIXES):
        return ctype
    return None


def download_file(
    client: HttpClient,
    url: str,
    target: Path,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    *,
    expected_size: int | None = None,
    check_audio: bool = True,
) -> Downloaded:
    """Download ``url`` to ``target`` (see the module docstring). Raises DownloadError/HttpError/Cancelled."""
    cancel = cancel or CancelToken()
    partial = partial_path(target)
    have = partial.stat().st_size if partial.exists() else 0
    headers = {"Range": f"bytes={have}-", "Accept-Encoding": "identity"} if have else {"Accept-Encoding": "identity"}
    with client.stream(url, headers, what="enclosure URL") as (response, moved_to):
        status = response.status_code
        if status == 416 and have:
            # The partial file already holds everything (or is stale): start over once.
            partial.unlink(missing_ok=True)
            return download_file(
                client, url, target, progress, cancel, expected_size=expected_size, check_audio=check_audio
            )
        if status >= 400:
            raise HttpError(status_message(str(response.url), status), status=status)
        content_type = response.headers.get("content-type", "")
        if check_audio and (problem := not_audio_type(content_type)):
            raise DownloadError(f"{url}: not audio (the server sent {problem}); nothing was saved")
        append = status == 206 and have > 0
        start = have if append else 0
        length = response.headers.get("content-length", "")
        total = start + int(length) if length.isdigit() else (expected_size or 0)
        done = start
        progress(done, total, "resuming" if append else "downloading")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(partial, "ab" if append else "wb") as fh:
                for chunk in response.iter_raw(CHUNK_BYTES):
                    cancel.check()
                    fh.write(chunk)
                    done += len(chunk)
                    progress(done, max(total, done), "downloading")
                fh.flush()
                os.fsync(fh.fileno())
        except httpx.HTTPError as exc:
            raise DownloadError(
                f"{url}: the download was cut off ({done:,} of {total or '?'} bytes); it resumes where it stopped"
            ) from exc
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                raise DownloadError(
                    f"{target.name}: the disk is full ({done:,} bytes written); "
                    "the partial download is kept and resumes when there is room"
                ) from exc
            raise DownloadError(f"{target.name}: cannot write the download ({exc.strerror or exc})") from exc
    if length.isdigit() and done < total:
        raise DownloadError(
            f"{url}: the download was cut off ({done:,} of {total:,} bytes); it resumes where it stopped"
        )
    if done == 0:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url}: the server sent an empty file")
    os.replace(partial, target)
    return Downloaded(target, done, start, content_type, moved_to)
