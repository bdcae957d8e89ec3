"""Renaming codes in SQL: a code moves with everything below it in the codebook.

Renaming ``Work`` to ``Job`` renames ``Work/Stress`` to ``Job/Stress`` too, whether ``Work`` is a tag
of its own or only the parent of others; a name that already exists is a merge (the highlights of
the old code get the existing one), level by level.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update

from podplayer.core.codebook import SEPARATOR, is_within, normalize_tag
from podplayer.store.errors import LibraryError
from podplayer.store.highlight_io import tag_id
from podplayer.store.schema import TagRow


def rename_code(conn: Connection, old: str, new: str) -> None:
    new = normalize_tag(new)
    if not new:
        raise LibraryError("a tag name cannot be empty")
    old = normalize_tag(old)
    moving = [
        (tid, name) for tid, name in conn.execute(select(TagRow.id, TagRow.name)) if is_within(name, old)
    ]
    if not moving:
        raise LibraryError(f"no tag named {old!r}")
    if is_within(new, old) and new.casefold() != old.casefold():
        raise LibraryError(f"cannot move {old!r} inside itself")
    for old_id, name in sorted(moving, key=lambda m: m[1].count(SEPARATOR)):
        _rename_one(conn, old_id, new + name[len(old):])


def _rename_one(conn: Connection, old_id: int, new: str) -> None:
    new_id = tag_id(conn, new, create=False)
    if new_id is None or new_id == old_id:
        conn.execute(update(TagRow).where(TagRow.id == old_id).values(name=new))
        return
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
        "SELECT highlight_id, ? FROM highlight_tags WHERE tag_id = ? ORDER BY rowid",
        (new_id, old_id),
    )
    # The merged code keeps its own colour and description, and takes the old one's where it has none.
    conn.exec_driver_sql(
        "UPDATE tags SET color = CASE WHEN color = '' THEN (SELECT color FROM tags WHERE id = ?) ELSE color END, "
        "description = CASE WHEN description = '' THEN (SELECT description FROM tags WHERE id = ?) "
        "ELSE description END WHERE id = ?",
        (old_id, old_id, new_id),
    )
    conn.execute(delete(TagRow).where(TagRow.id == old_id))
