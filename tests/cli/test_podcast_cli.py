"""subscribe / podcasts / refresh / download / opml / episodes --json, against a local HTTP server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from podplayer.cli import main
from tests.helpers_audio import tone_file
from tests.helpers_http import LocalServer, serve_example_podcast


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tone_file(tmp_path_factory.mktemp("a") / "ep.mp3", ms=30_000)


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_subscribe_list_download_and_episodes_json(
    server: LocalServer, audio: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve_example_podcast(server, audio)
    db = ["--db", str(db_path)]
    sub = _json(capsys, [*db, "subscribe", url, "--json"])
    assert sub == {"id": 1, "title": "Podcasting 2.0 Namespace Example", "feed_url": url, "episodes": 3}
    [podcast] = _json(capsys, [*db, "podcasts", "--json"])
    assert (podcast["title"], podcast["episodes"], podcast["new"], podcast["error"]) == (
        "Podcasting 2.0 Namespace Example", 3, 0, None,
    )
    episodes = _json(capsys, [*db, "episodes", "--json"])
    assert isinstance(episodes, list) and len(episodes) == 3
    assert all(e["podcast"] == "Podcasting 2.0 Namespace Example" and e["downloaded"] is False for e in episodes)
    assert all(e["transcript"] is None and e["chapters"] == 0 for e in episodes)

    ep3 = next(e["id"] for e in episodes if e["title"].startswith("Episode 3"))
    assert main([*db, "download", str(ep3), "--language", "en", "--json"]) == 0
    captured = capsys.readouterr()
    [done] = json.loads(captured.out)
    assert done["transcript"] == "text" and done["timing"] == "estimated" and done["chapters"] > 0
    assert Path(done["audio_path"]).is_file()
    assert "%" in captured.err  # progress on stderr, never on stdout
    row = next(e for e in _json(capsys, [*db, "episodes", "--json"]) if e["id"] == ep3)
    assert row["downloaded"] is True and row["transcript"] == "text" and row["chapters"] == done["chapters"]

    # Feed episodes are episodes: highlight and search work on them.
    assert main([*db, "highlight", "add", str(ep3), "--from", "0", "--to", "3", "--tag", "intro"]) == 0
    assert capsys.readouterr().out.strip().isdigit()
    hits = _json(capsys, [*db, "search", "welcome", "--json"])
    assert isinstance(hits, list) and any(h["episode_id"] == ep3 for h in hits)

    reports = _json(capsys, [*db, "refresh", "--json"])
    assert reports == [{"id": 1, "title": "Podcasting 2.0 Namespace Example", "new": 0, "not_modified": True,
                        "moved_to": None, "error": None}]


def test_subscribe_refusals_are_one_line(server: LocalServer, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    html = server.add("/page", "<!doctype html><html><body>hi</body></html>", content_type="text/html")
    for url, words in [
        (html, "web page"),
        (server.url("/missing.xml"), "not found (HTTP 404)"),
        ("file:///etc/passwd", "refused"),
        (server.add("/empty.xml", b""), "empty body"),
    ]:
        assert main([*db, "subscribe", url]) == 1
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert _json(capsys, [*db, "podcasts", "--json"]) == []


def test_refresh_reports_failed_feeds_and_exits_1(
    server: LocalServer, audio: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    serve_example_podcast(server, audio)
    assert main([*db, "subscribe", server.url("/feed.xml")]) == 0
    server.add("/feed.xml", status=500)
    capsys.readouterr()
    assert main([*db, "refresh", "1"]) == 1
    err = capsys.readouterr().err
    assert "server error (HTTP 500)" in err and "Traceback" not in err
    assert main([*db, "refresh", "no such podcast"]) == 1
    assert "no podcast matches" in capsys.readouterr().err


def test_download_of_a_file_episode_and_bad_ids(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "download", "42"]) == 1
    assert "no episode matches" in capsys.readouterr().err


def test_opml_import_and_export(server: LocalServer, audio: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    url = serve_example_podcast(server, audio)
    opml = tmp_path / "subs.opml"
    opml.write_text(f'<opml version="1.0"><body><outline type="rss" text="Ex" xmlUrl="{url}"/></body></opml>')
    assert main([*db, "opml", "import", str(opml)]) == 0
    assert "Podcasting 2.0 Namespace Example" in capsys.readouterr().out
    out = tmp_path / "out.opml"
    assert main([*db, "opml", "export", "-o", str(out)]) == 0
    assert f'xmlUrl="{url}"' in out.read_text()
    assert main([*db, "opml", "export", "-o", str(out)]) == 1  # no overwrite without --force
    assert "--force" in capsys.readouterr().err
    bad = tmp_path / "bad.opml"
    bad.write_text("")
    assert main([*db, "opml", "import", str(bad)]) == 1
    assert "empty" in capsys.readouterr().err
    assert main([*db, "opml", "import", str(tmp_path / "nope.opml")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["subscribe"], ["download"], ["opml"], ["opml", "export"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    capsys.readouterr()
