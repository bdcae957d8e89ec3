"""``podplayer sync-check``: stretches as text or JSON, exit 0 when the transcript fits, 3 when not,
1 for bad input; the same check on a library episode; ``align`` corrects a shifted timed transcript."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.formats import write_transcript
from tests.core.align.ad_variants import Variant, demo_program, variants

# The demo's first eight turns (1:50) with a 12 s pre-roll and a 15 s ad after the fourth turn.
ADS = {-1: 12_000, 3: 15_000}


@pytest.fixture(scope="module")
def cuts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Variant]:
    folder = tmp_path_factory.mktemp("cli-ads")
    out = variants(demo_program()[:8], ADS, folder, ("original", "ads"))
    for name, variant in out.items():
        write_transcript(variant.transcript, folder / f"{name}.json")
    return out


def _json(cuts: dict[str, Variant], name: str) -> str:
    return str(cuts[name].audio.with_name(f"{name}.json"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_shifted_transcript_exits_3_with_the_ads_in_json(
    cuts: dict[str, Variant], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "sync-check", str(cuts["ads"].audio), _json(cuts, "ads"), "--json")
    assert code == 3
    data = json.loads(out)
    assert data["fits"] is False
    found = [(s["kind"], s["start"], s["end"], s["seconds"]) for s in data["stretches"]]
    truth = [(s.kind, s.start_ms / 1000, s.end_ms / 1000, s.seconds) for s in cuts["ads"].stretches]
    assert len(found) == len(truth) == 2
    for (kind, start, end, seconds), (t_kind, t_start, t_end, t_seconds) in zip(found, truth, strict=True):
        assert kind == t_kind == "inserted"
        assert abs(start - t_start) <= 1 and abs(end - t_end) <= 1 and abs(seconds - t_seconds) <= 1
    assert "likely an ad" in data["stretches"][1]["description"]
    assert "%" in err  # progress on stderr


@pytest.mark.slow
def test_text_output_and_exit_0_when_it_fits(
    cuts: dict[str, Variant], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "sync-check", str(cuts["original"].audio), _json(cuts, "original"))
    assert (code, out) == (0, "The transcript fits its audio.\n")
    code, out, _ = run(capsys, "sync-check", str(cuts["ads"].audio), _json(cuts, "ads"))
    assert code == 3
    first, second = out.splitlines()
    kind, span, seconds = first.split()[:3]
    assert (kind, span[:6]) == ("inserted", "0:00-0") and abs(float(seconds) - 12) <= 1
    assert second.startswith("inserted") and "Audio has 15 s that the transcript lacks at" in second


@pytest.mark.slow
def test_library_episode(
    cuts: dict[str, Variant], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    code, out, _ = run(
        capsys, "--db", db, "import", str(cuts["ads"].audio), _json(cuts, "ads"), "--title", "Ads"
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "sync-check", "Ads", "--json")
    assert code == 3
    assert [s["kind"] for s in json.loads(out)["stretches"]] == ["inserted", "inserted"]


def test_bad_input_is_one_line_and_exit_1(
    cuts: dict[str, Variant], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    untimed = tmp_path / "plain.txt"
    untimed.write_text("ALICE: hello there, this has no times.\n", encoding="utf-8")
    code, out, err = run(capsys, "sync-check", str(cuts["original"].audio), str(untimed))
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and "no times" in err
    code, _, err = run(capsys, "sync-check", str(untimed), _json(cuts, "original"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "plain.txt" in err
    code, _, err = run(capsys, "--db", str(tmp_path / "l.sqlite3"), "sync-check", "nothing")
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "sync-check", "a", "b", "c")
    assert code == 1 and "AUDIO TRANSCRIPT" in err


@pytest.mark.slow
def test_align_corrects_a_timed_transcript_for_another_cut(
    cuts: dict[str, Variant], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aligned.json"
    code, _, _ = run(capsys, "align", str(cuts["ads"].audio), _json(cuts, "ads"), "-o", str(out))
    assert code == 0
    starts = [round(s["startTime"] * 1000) for s in json.loads(out.read_text(encoding="utf-8"))["segments"]]
    errors = [abs(a - b) for a, b in zip(starts, cuts["ads"].true_starts, strict=True)]
    assert max(errors) <= 250, errors
