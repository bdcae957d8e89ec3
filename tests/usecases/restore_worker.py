"""A separate process that restores an annotations file into a library, to be SIGKILLed part-way.

    python -m tests.usecases.restore_worker DB BACKUP.json

Prints "restoring" when the restore starts, "sql" before each statement it runs (tests/store/sigkill.py)
and "restored" after it returned.
"""

from __future__ import annotations

import sys
from pathlib import Path

from podplayer.core.export.annotations_json import read_annotations
from podplayer.store import Library
from podplayer.usecases.restore import restore_annotations
from tests.store.sigkill import report_statements


def main(db: str, backup: str) -> None:
    annotations = read_annotations(Path(backup))
    with Library(db) as library:
        report_statements()
        print("restoring", flush=True)
        restore_annotations(library, annotations)
        print("restored", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
