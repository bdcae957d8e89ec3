"""Opening a ``.qdpx`` safely: a zip within size limits whose references stay inside it.

Refused, each with one clear line and before anything is imported:
- a file that is not a zip, or a zip without ``project.qde``;
- a zip bomb: more than :data:`MAX_TOTAL_BYTES` unpacked in all, more than :data:`MAX_MEMBER_BYTES` in
  one text member, or a member packed more than :data:`MAX_RATIO` times (checked on the sizes the zip
  declares and again while reading, since a forged header can understate them);
- a reference that leaves the archive: ``internal://`` names must name a file in ``sources/``
  (no ``/``, ``\\``, ``..``), and text must come from inside the archive (never ``../x`` or an
  absolute path).

The XML is parsed by defusedxml with DTDs refused, so entity tricks (billion laughs, external
entities) never expand.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import TracebackType
from xml.etree.ElementTree import Element

from podplayer.core.model import PodplayerError

PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
INTERNAL = "internal://"
MAX_TOTAL_BYTES = 8 * 2**30  # audio included
MAX_MEMBER_BYTES = 256 * 2**20  # one XML or text member
MAX_RATIO = 200  # text compresses 5-20x; a bomb compresses thousands of times
_RATIO_FLOOR = 2**20  # small members may compress well without being bombs


class ProjectImportError(PodplayerError):
    """A REFI-QDA file that cannot be imported (the message names the file and the reason)."""


def parse_xml(data: bytes, where: str) -> Element:
    """Parse XML with defusedxml: entity declarations and DTDs are refused, never expanded."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=True)
        return root
    except DefusedXmlException:
        raise ProjectImportError(f"{where}: XML with a DTD or entity declarations is refused") from None
    except SafeET.ParseError as exc:
        raise ProjectImportError(f"{where}: not well-formed XML ({exc})") from None


class ProjectArchive:
    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise ProjectImportError(f"{path}: no such file")
        if not zipfile.is_zipfile(path):
            raise ProjectImportError(f"{path}: not a REFI-QDA project (.qdpx is a zip archive)")
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise ProjectImportError(f"{path}: damaged zip archive ({exc})") from None
        self._members = {info.filename: info for info in infos}
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            self.close()
            raise ProjectImportError(f"{path}: unpacks to {total / 2**30:.1f} GB, more than a project can hold (zip bomb?)")
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
                self.close()
                raise ProjectImportError(f"{path}: {info.filename} is packed {info.file_size // max(1, info.compress_size)}x (zip bomb?)")
        if PROJECT_FILE not in self._members:
            self.close()
            raise ProjectImportError(f"{path}: no {PROJECT_FILE} in the archive (not a REFI-QDA project)")

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ProjectArchive:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def project(self) -> Element:
        return parse_xml(self.read(PROJECT_FILE), f"{self.path}: {PROJECT_FILE}")

    def read(self, member: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """A member's bytes, refusing one that unpacks to more than ``limit`` (whatever its header says)."""
        info = self._members.get(member)
        if info is None:
            raise ProjectImportError(f"{self.path}: {member} is referred to but not in the archive")
        chunks: list[bytes] = []
        size = 0
        with self._zip.open(info) as fh:
            while chunk := fh.read(2**20):
                size += len(chunk)
                if size > limit:
                    raise ProjectImportError(f"{self.path}: {member} unpacks to more than {limit // 2**20} MB (zip bomb?)")
                chunks.append(chunk)
        return b"".join(chunks)

    def member_for(self, reference: str, what: str) -> str:
        """The archive member an ``internal://`` reference names; anything leaving the archive is refused."""
        if not reference.startswith(INTERNAL):
            raise ProjectImportError(
                f"{self.path}: {what} {reference!r} points outside the archive (only internal:// sources are read)"
            )
        name = reference[len(INTERNAL):]
        if not name or "/" in name or "\\" in name or ".." in name or name == ".":
            raise ProjectImportError(f"{self.path}: {what} {reference!r} points outside the archive")
        member = f"{SOURCES_DIR}/{name}"
        if member not in self._members:
            raise ProjectImportError(f"{self.path}: {what} {reference!r} is not in the archive")
        return member

    def same_content(self, member: str, path: Path) -> bool:
        """Whether the file at ``path`` holds exactly the member's bytes."""
        info = self._members[member]
        if not path.is_file() or path.stat().st_size != info.file_size:
            return False
        with self._zip.open(info) as fh, path.open("rb") as other:
            while chunk := fh.read(2**20):
                if other.read(len(chunk)) != chunk:
                    return False
        return True

    def extract(self, member: str, target: Path) -> None:
        """Copy a member (audio) to ``target``, stopping at the archive's total limit."""
        size = 0
        with self._zip.open(self._members[member]) as fh, target.open("wb") as out:
            while chunk := fh.read(2**20):
                size += len(chunk)
                if size > MAX_TOTAL_BYTES:
                    raise ProjectImportError(f"{self.path}: {member} unpacks to more than the archive declares (zip bomb?)")
                out.write(chunk)
