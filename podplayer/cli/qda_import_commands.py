"""``podplayer import-qdpx`` and ``podplayer import-qdc``: REFI-QDA projects and codebooks in."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from podplayer.cli.common import open_library
from podplayer.store.repository import Library
from podplayer.usecases.refiqda_import import QdaImportReport, import_qdc, import_qdpx


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import-qdpx",
        help="import a REFI-QDA project: sources with transcripts as episodes, codings as highlights, codes as tags",
        description=(
            "Import a .qdpx project from NVivo, ATLAS.ti, MAXQDA, QualCoder or podplayer. Audio and text sources "
            "with transcripts become episodes (packed audio is copied beside the library, into Imported/), coded "
            "selections become highlights with their codes as tags and their notes, codes become tags with colours "
            "and descriptions. A source already in the library gets only the highlights it lacks. One transaction: "
            "bad input changes nothing."
        ),
    )
    p.add_argument("file", metavar="FILE", help="the .qdpx file")
    p.set_defaults(func=run_import_qdpx)
    p = sub.add_parser("import-qdc", help="import a REFI-QDA codebook (.qdc) as tags")
    p.add_argument("file", metavar="FILE", help="the .qdc file")
    p.set_defaults(func=run_import_qdc)


def _run(args: argparse.Namespace, use_case: Callable[[Library, Path], QdaImportReport]) -> int:
    library = open_library(args)
    try:
        report = use_case(library, Path(args.file))
    finally:
        library.close()
    for line in report.skipped:
        print(f"left out: {line}")
    print(report.summary())
    return 0


def run_import_qdpx(args: argparse.Namespace) -> int:
    return _run(args, import_qdpx)


def run_import_qdc(args: argparse.Namespace) -> int:
    return _run(args, import_qdc)
