"""Downloads: progress, cancel, resume with Range, cut-offs, full disks, non-audio, safe names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from podplayer.core.feeds.download import download_file, partial_path
from podplayer.core.feeds.errors import DownloadError, FeedError
from podplayer.core.feeds.filenames import enclosure_filename
from podplayer.core.feeds.http import HttpClient
from podplayer.core.jobs import Cancelled, CancelToken
from tests.conftest import REPO
from tests.helpers_http import LocalServer

PAYLOAD = bytes(range(256)) * 8192  # 2 MiB, every byte position distinguishable


def test_download_reports_progress_and_renames_when_complete(server: LocalServer, client: HttpClient, tmp_path: Path) -> None:
    url = server.add("/ep.mp3", PAYLOAD, content_type="audio/mpeg")
    target = tmp_path / "ep.mp3"
    seen: list[tuple[float, float]] = []
    done = download_file(client, url, target, lambda d, t, m: seen.append((d, t)))
    assert target.read_bytes() == PAYLOAD and not partial_path(target).exists()
    assert done.size == len(PAYLOAD) and done.resumed_from == 0
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD)) and len(seen) >= 3
    assert all(b >= a for (a, _), (b, _) in zip(seen, seen[1:], strict=False))


def test_cut_off_download_keeps_the_partial_file_and_resumes_with_range(
    server: LocalServer, client: HttpClient, tmp_path: Path
) -> None:
    url = server.add("/ep.mp3", PAYLOAD, content_type="audio/mpeg", cut_after=700_000)
    target = tmp_path / "ep.mp3"
    with pytest.raises(DownloadError, match="cut off"):
        download_file(client, url, target)
    assert not target.exists()
    kept = partial_path(target).stat().st_size
    assert 0 < kept <= 700_000
    server.routes["/ep.mp3"].cut_after = None  # the server is fine again
    done = download_file(client, url, target)
    assert done.resumed_from == kept
    assert server.requests_for("/ep.mp3")[-1].headers.get("Range") == f"bytes={kept}-"
    assert target.read_bytes() == PAYLOAD


def test_server_ignoring_range_restarts_from_zero(server: LocalServer, client: HttpClient, tmp_path: Path) -> None:
    url = server.add("/ep.mp3", PAYLOAD, content_type="audio/mpeg", ranges=False)
    target = tmp_path / "ep.mp3"
    partial_path(target).write_bytes(b"stale bytes from somewhere else")
    download_file(client, url, target)
    assert target.read_bytes() == PAYLOAD


def test_cancel_leaves_only_the_partial_file(server: LocalServer, client: HttpClient, tmp_path: Path) -> None:
    url = server.add("/ep.mp3", PAYLOAD * 4, content_type="audio/mpeg")
    target = tmp_path / "ep.mp3"
    token = CancelToken()

    def progress(done: float, total: float, message: str = "") -> None:
        if done > 1_000_000:
            token.cancel()

    with pytest.raises(Cancelled):
        download_file(client, url, target, progress, token)
    assert not target.exists() and partial_path(target).exists()
    download_file(client, url, target)  # and it resumes later
    assert target.read_bytes() == PAYLOAD * 4


def test_disk_full_while_writing(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/ep.mp3", PAYLOAD, content_type="audio/mpeg")
    target = tmp_path / "ep.mp3"
    run = subprocess.run(
        [sys.executable, "-m", "tests.core.feeds.download_limit_worker", url, str(target), "300000"],
        cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert "disk is full" in result["error"] and "kept" in result["error"]
    assert result["target_exists"] is False
    assert 0 < result["partial_size"] <= 300_000
    with HttpClient() as client:  # room again: the download completes from where it stopped
        done = download_file(client, url, target)
    assert done.resumed_from == result["partial_size"] and target.read_bytes() == PAYLOAD


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "application/pdf", "image/jpeg"])
def test_non_audio_responses_are_refused_before_writing(
    server: LocalServer, client: HttpClient, tmp_path: Path, ctype: str
) -> None:
    url = server.add("/ep.mp3", b"<html>please log in</html>", content_type=ctype)
    target = tmp_path / "ep.mp3"
    with pytest.raises(DownloadError, match="not audio"):
        download_file(client, url, target)
    assert not target.exists() and not partial_path(target).exists()


def test_missing_enclosure_is_an_http_error(server: LocalServer, client: HttpClient, tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="HTTP 404"):
        download_file(client, server.url("/nothing.mp3"), tmp_path / "x.mp3")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://h/a.mp3", "ipfs://abc"])
def test_file_and_other_schemes_are_refused(client: HttpClient, tmp_path: Path, url: str) -> None:
    with pytest.raises(FeedError, match="refused"):
        download_file(client, url, tmp_path / "x.mp3")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "title", "mime", "expected"),
    [
        ("https://h/a/b/episode-12.mp3?x=1", "T", "audio/mpeg", "episode-12.mp3"),
        ("https://h/..%2F..%2Fetc%2Fpasswd", "Pass", "audio/mpeg", "passwd.mp3"),
        ("https://h/x/..%5C..%5Cboot.ini", "T", "audio/mpeg", "boot.mp3"),
        ("https://h/CON.mp3", "T", "audio/mpeg", None),
        ("https://h/download", "My: show/ep 1?", "audio/x-m4a", "My show ep 1.m4a"),
        ("https://h/.hidden.mp3", "T", "", "hidden.mp3"),
        ("https://h/%00nul.ogg", "T", "audio/ogg", "nul_.ogg"),  # NUL is a reserved name
    ],
)
def test_enclosure_names_are_sanitised(url: str, title: str, mime: str, expected: str | None) -> None:
    name = enclosure_filename(url, title, mime)
    assert "/" not in name and "\\" not in name and "\x00" not in name and not name.startswith((".", "-"))
    if expected is None:  # a reserved device name is renamed
        assert name.split(".")[0].upper() != "CON" and name.endswith(".mp3")
    else:
        assert name == expected
