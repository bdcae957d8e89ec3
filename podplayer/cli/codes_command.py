"""``podplayer codes``: the codebook as a tree with the code report; ``--describe`` writes a memo."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from podplayer.cli.common import open_library, print_json, print_table
from podplayer.core.code_report import CodeReport
from podplayer.core.codebook import tag_tree, walk_tree
from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.model import Tag


def register(sub: Any) -> None:
    p = sub.add_parser(
        "codes",
        help="the codebook (tags as a tree) with counts per code, episode and speaker, and co-occurrence",
        description=(
            "Show every code (tag; 'Theme/Subtheme' nests) with its description, how many highlights carry it "
            "(and it or a code below it), in how many episodes and by how many speakers, then the codes that "
            "meet on the same or overlapping highlights."
        ),
    )
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    p.add_argument("--csv", metavar="FILE", help="write the report as one CSV table (measure, code, by, count)")
    p.add_argument("--force", action="store_true", help="overwrite the --csv file")
    p.add_argument("--describe", nargs=2, metavar=("CODE", "TEXT"), help="set a code's description (creates it)")
    p.set_defaults(func=run_codes)


def run_codes(args: argparse.Namespace) -> int:
    library = open_library(args)
    try:
        if args.describe:
            code, text = args.describe
            library.set_tag_description(code, text)
            print(f"described {code!r}")
            return 0
        report = library.code_report()
        tags = library.tags()
    finally:
        library.close()
    if args.csv:
        out = Path(args.csv).expanduser()
        write_text_atomic(out, report.to_csv(), force=args.force)
        print(f"wrote {out}")
    elif args.json:
        print_json(report.to_dict())
    else:
        _print_report(report, tags)
    return 0


def _print_report(report: CodeReport, tags: list[Tag]) -> None:
    if not report.codes:
        print("no codes yet (tag a highlight: podplayer highlight add EPISODE --from S --to S --tag Theme/Sub)")
        return
    rows_by_name = {r.code.casefold(): r for r in report.codes}
    rows: list[list[str]] = []
    for depth, node in walk_tree(tag_tree(tags)):
        r = rows_by_name[node.name.casefold()]
        counts = [str(r.highlights), str(r.with_subcodes), str(r.episodes), str(r.speakers)]
        rows.append(["  " * depth + node.label, *counts, r.description])
    print_table(rows, ["code", "highlights", "with subcodes", "episodes", "speakers", "description"], right={1, 2, 3, 4})
    pairs = sorted(report.cooccurrence.items(), key=lambda item: (-item[1], item[0]))
    if pairs:
        print()
        print_table([[a, b, str(n)] for (a, b), n in pairs], ["code", "meets code", "times"], right={2})
