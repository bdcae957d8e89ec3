"""``python -m benchmarks [--only NAME]... [--list]``: run the benchmarks, print a table, write build/bench.json.

Every ``bench_*.py`` module runs in its own subprocess (``--child``), first its optional
``prepare(cache_dir)`` then its ``run(cache_dir)``, so each module's peak RSS is its own and a crash or
hang in one does not stop the rest. The exit code is 1 when a floor is missed, a figure is missing or
a benchmark failed, else 0.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import BENCH_DIR, DEFAULT_CACHE_DIR, FLOORS, PROJECT_DIR, RESULT_FILE, UNMEASURED, peak_rss_mb

# A module that takes longer than this (prepare and run each) is killed and reported as failed.
TIMEOUT_S = float(os.environ.get("PODPLAYER_BENCH_TIMEOUT", "3600"))


@dataclass
class ModuleOutcome:
    name: str
    figures: dict[str, float] = field(default_factory=dict)
    unmeasured: dict[str, str] = field(default_factory=dict)  # figure -> why it could not be measured
    seconds: float = 0.0
    peak_rss_mb: float | None = None
    error: str = ""


def discover() -> list[str]:
    """Benchmark names (``bench_player.py`` -> ``player``), sorted."""
    return sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))


# --- child side --------------------------------------------------------------------------------------


def run_child(name: str, phase: str, cache_dir: Path, result_file: Path) -> int:
    """Import ``benchmarks.bench_<name>`` and run one phase; write figures and peak RSS as JSON."""
    result: dict[str, Any] = {"figures": {}, "error": ""}
    code = 0
    isolate_user_dirs(result_file.parent)
    try:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        if phase == "prepare":
            prepare = getattr(module, "prepare", None)
            if prepare is not None:
                prepare(cache_dir)
        else:
            figures = module.run(cache_dir)
            result["figures"] = {str(k): float(v) for k, v in figures.items()}
    except BaseException as exc:  # report any failure, including SystemExit, to the parent
        traceback.print_exc()
        result["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        code = 1
    result["unmeasured"] = dict(UNMEASURED)
    result["peak_rss_mb"] = peak_rss_mb()
    result_file.write_text(json.dumps(result))
    return code


def isolate_user_dirs(root: Path) -> None:
    """Point settings, data and caches into ``root`` so a benchmark never touches the user's files."""
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        folder = root / var.lower()
        folder.mkdir(exist_ok=True)
        os.environ[var] = str(folder)
    os.environ.pop("PODPLAYER_DB", None)


# --- parent side --------------------------------------------------------------------------------------


def run_phase(name: str, phase: str, cache_dir: Path) -> tuple[dict[str, Any], float]:
    """Run one phase of one module in a subprocess; returns (its JSON result, wall seconds)."""
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-") as tmp:
        result_file = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", "benchmarks", "--child", name, "--phase", phase,
               "--cache-dir", str(cache_dir), "--result-file", str(result_file)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=PROJECT_DIR)
        try:
            returncode = proc.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return {"error": f"{phase} timed out after {TIMEOUT_S:.0f} s", "figures": {}}, TIMEOUT_S
        seconds = time.perf_counter() - start
        if result_file.exists():
            return json.loads(result_file.read_text()), seconds
        return {"error": f"{phase} process died (exit code {returncode})", "figures": {}}, seconds


def run_module(name: str, cache_dir: Path) -> ModuleOutcome:
    outcome = ModuleOutcome(name)
    print(f"== {name}: preparing data", flush=True)
    prepared, prep_seconds = run_phase(name, "prepare", cache_dir)
    if prepared.get("error"):
        outcome.error = f"prepare: {prepared['error']}"
        outcome.unmeasured = prepared.get("unmeasured", {})
        outcome.seconds = prep_seconds
        return outcome
    print(f"== {name}: running", flush=True)
    result, outcome.seconds = run_phase(name, "run", cache_dir)
    outcome.figures = result.get("figures", {})
    outcome.unmeasured = {**prepared.get("unmeasured", {}), **result.get("unmeasured", {})}
    outcome.peak_rss_mb = result.get("peak_rss_mb")
    outcome.error = result.get("error", "")
    return outcome


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_average_1m": os.getloadavg()[0],
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        info["memory_total_mb"] = round(psutil.virtual_memory().total / 2**20)
    except ImportError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR,
                                capture_output=True, text=True, check=False).stdout.strip()
        info["git_commit"] = commit
    except OSError:
        pass
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg:
        first = subprocess.run([ffmpeg, "-version"], capture_output=True, text=True, check=False).stdout
        info["ffmpeg"] = first.split("\n", 1)[0]
    return info


def status_of(name: str, value: float | None, unmeasured: dict[str, str] | None = None) -> str:
    floor = FLOORS.get(name)
    if value is None:
        return "not measured" if unmeasured and name in unmeasured else "missing"
    if floor is None:
        return "-"
    ok = floor.passes(value)
    if floor.report_only:
        return "ok (report)" if ok else "over (report)"
    return "pass" if ok else "FAIL"


def print_table(figures: dict[str, float], expected: list[str], unmeasured: dict[str, str]) -> list[str]:
    """Print name/value/floor/status; returns the names that fail or are missing (report-only excluded).

    A figure that could not be measured here (its data is absent) is listed with the reason, not failed.
    """
    names = list(dict.fromkeys([*expected, *figures, *unmeasured]))
    width = max([len(n) for n in names] + [6])
    print()
    print(f"{'figure':<{width}}  {'value':>12}  {'floor':>8}  status")
    print(f"{'-' * width}  {'-' * 12}  {'-' * 8}  {'-' * 13}")
    bad: list[str] = []
    for name in names:
        value = figures.get(name)
        status = status_of(name, value, unmeasured)
        shown = f"{value:12.4g}" if value is not None else f"{'—':>12}"
        floor = str(FLOORS[name]) if name in FLOORS else ""
        print(f"{name:<{width}}  {shown}  {floor:>8}  {status}")
        if status in ("FAIL", "missing"):
            bad.append(name)
    reasons: dict[str, list[str]] = {}
    for name, reason in unmeasured.items():
        if name not in figures:
            reasons.setdefault(reason, []).append(name)
    for reason, skipped in reasons.items():
        print(f"\nnot measured, {reason}:\n  " + ", ".join(skipped))
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this benchmark (e.g. player, search; repeatable)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and floors, then exit")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=RESULT_FILE, help="where to write the JSON results")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=["prepare", "run"], default="run", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        return run_child(args.child, args.phase, args.cache_dir, args.result_file)

    available = discover()
    if args.list:
        print("benchmarks: " + ", ".join(available))
        print("floors:")
        for name, floor in FLOORS.items():
            print(f"  {name:<34} {floor}{'  (report only)' if floor.report_only else ''}")
        return 0

    selected = available
    if args.only:
        wanted = [n.removeprefix("bench_").removesuffix(".py") for n in args.only]
        unknown = [n for n in wanted if n not in available]
        if unknown:
            parser.error(f"unknown benchmark {', '.join(unknown)} (have: {', '.join(available)})")
        selected = wanted

    args.cache_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    outcomes = [run_module(name, args.cache_dir) for name in selected]

    figures: dict[str, float] = {}
    unmeasured: dict[str, str] = {}
    for outcome in outcomes:
        figures.update(outcome.figures)
        unmeasured.update(outcome.unmeasured)
    # A full run expects every floor's figure; a partial run only those it produced.
    expected = list(FLOORS) if not args.only else []
    bad = print_table(figures, expected, unmeasured)

    print()
    for outcome in outcomes:
        rss = f"{outcome.peak_rss_mb:.0f} MiB peak" if outcome.peak_rss_mb is not None else "no RSS"
        state = f"ERROR {outcome.error}" if outcome.error else "ok"
        print(f"{outcome.name:<12} {outcome.seconds:7.1f} s  {rss:>14}  {state}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "started_at": started.isoformat(timespec="seconds"),
        "figures": figures,
        "floors": {name: {"limit": f.limit, "at_most": f.at_most, "report_only": f.report_only}
                   for name, f in FLOORS.items()},
        "status": {name: status_of(name, figures.get(name), unmeasured)
                   for name in dict.fromkeys([*expected, *figures, *unmeasured])},
        "not_measured": unmeasured,
        "benchmarks": {o.name: {"seconds": round(o.seconds, 2), "peak_rss_mb": o.peak_rss_mb,
                                "error": o.error} for o in outcomes},
        "machine": machine_info(),
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.output}")
    return 1 if bad or any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
