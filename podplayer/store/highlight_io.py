"""Highlights and tags in SQL: times derived from the current word timings, tags kept by name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from podplayer.core.codebook import SEPARATOR, normalize_tag
from podplayer.core.model import Highlight, WordRef
from podplayer.store.episode_io import as_utc, inserted_id, utcnow
from podplayer.store.errors import LibraryError
from podplayer.store.schema import HighlightRow, HighlightTagRow, TagRow

_TAG_SEP = "\x1f"

# Start time: the start word's start, else its turn's start. End time: the end word's end, else the
# end turn's end. Speaker: the start turn's speaker. A detached highlight (turn -1) keeps its own.
# Tags in the order they were attached.
_SELECT = f"""
SELECT h.id, h.episode_id, h.start_turn, h.start_word, h.end_turn, h.end_word, h.quote, h.prefix,
       h.suffix, h.color, h.note, h.created_at,
       CASE WHEN h.start_turn < 0 THEN h.detached_start_ms ELSE COALESCE(sw.start_ms, st.start_ms) END,
       CASE WHEN h.start_turn < 0 THEN h.detached_end_ms ELSE COALESCE(ew.end_ms, et.end_ms, ew.start_ms) END,
       CASE WHEN h.start_turn < 0 THEN h.detached_speaker ELSE sp.name END,
       (SELECT group_concat(name, char({ord(_TAG_SEP)})) FROM (
            SELECT tg.name AS name FROM highlight_tags ht JOIN tags tg ON tg.id = ht.tag_id
            WHERE ht.highlight_id = h.id ORDER BY ht.rowid))
FROM highlights h
LEFT JOIN turns st ON st.episode_id = h.episode_id AND st.position = h.start_turn
LEFT JOIN words sw ON sw.turn_id = st.id AND sw.position = h.start_word
LEFT JOIN turns et ON et.episode_id = h.episode_id AND et.position = h.end_turn
LEFT JOIN words ew ON ew.turn_id = et.id AND ew.position = h.end_word
LEFT JOIN speakers sp ON sp.id = st.speaker_id
"""
_ORDER = " ORDER BY h.episode_id, h.start_turn, h.start_word, h.id"
# The tag or any code below it in the codebook (core/codebook.py: "Work" takes in "Work/Stress").
_HAS_TAG = (
    " EXISTS (SELECT 1 FROM highlight_tags ht2 JOIN tags tg2 ON tg2.id = ht2.tag_id"
    " WHERE ht2.highlight_id = h.id AND (tg2.name = ? OR substr(tg2.name, 1, ?) = ? COLLATE NOCASE))"
)


def _from_row(row: Any) -> Highlight:
    (hid, episode_id, st, sw, et, ew, quote, prefix, suffix, color, note, created, start_ms, end_ms, speaker, tags) = row
    created_at = datetime.fromisoformat(created) if isinstance(created, str) else created
    return Highlight(
        start=WordRef(st, sw),
        end=WordRef(et, ew),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        color=color,
        tags=tags.split(_TAG_SEP) if tags else [],
        note=note,
        id=hid,
        episode_id=episode_id,
        created_at=as_utc(created_at),
        start_ms=start_ms,
        end_ms=end_ms,
        speaker=speaker or "",
    )


def select_highlights(
    conn: Connection, episode_id: int | None = None, tag: str | None = None, highlight_id: int | None = None
) -> list[Highlight]:
    clauses: list[str] = []
    params: list[Any] = []
    if episode_id is not None:
        clauses.append(" h.episode_id = ?")
        params.append(episode_id)
    if highlight_id is not None:
        clauses.append(" h.id = ?")
        params.append(highlight_id)
    if tag is not None:
        code = normalize_tag(tag)
        clauses.append(_HAS_TAG)
        params.extend((code, len(code) + 1, code + SEPARATOR))
    where = (" WHERE" + " AND".join(clauses)) if clauses else ""
    return [_from_row(r) for r in conn.exec_driver_sql(_SELECT + where + _ORDER, tuple(params))]


_CODINGS = f"""
SELECT h.id, h.episode_id, h.start_turn, h.start_word, h.end_turn, h.end_word, sp.name,
       (SELECT group_concat(tg.name, char({ord(_TAG_SEP)})) FROM highlight_tags ht JOIN tags tg ON tg.id = ht.tag_id
        WHERE ht.highlight_id = h.id)
FROM highlights h
LEFT JOIN turns st ON st.episode_id = h.episode_id AND st.position = h.start_turn
LEFT JOIN speakers sp ON sp.id = st.speaker_id
WHERE EXISTS (SELECT 1 FROM highlight_tags ht3 WHERE ht3.highlight_id = h.id)
"""


def select_codings(conn: Connection) -> list[Highlight]:
    """Every tagged highlight with only what the code report reads: word range, episode, speaker, tags
    (no quote, times or note, which the full query joins words for)."""
    return [
        Highlight(WordRef(st, sw), WordRef(et, ew), "", tags=tags.split(_TAG_SEP), id=hid, episode_id=eid,
                  speaker=speaker or "")
        for hid, eid, st, sw, et, ew, speaker, tags in conn.exec_driver_sql(_CODINGS)
    ]


def check_range(conn: Connection, episode_id: int, highlight: Highlight) -> None:
    """The word range must lie inside the episode's transcript and not run backwards (a detached
    highlight is on no word)."""
    if highlight.detached:
        return
    if highlight.end < highlight.start:
        raise LibraryError("a highlight must not end before it starts")
    for ref in (highlight.start, highlight.end):
        count = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM words w WHERE w.turn_id = t.id) FROM turns t "
            "WHERE t.episode_id = ? AND t.position = ?",
            (episode_id, ref.turn),
        ).scalar()
        if count is None or ref.word < 0 or ref.word >= max(count, 1):
            raise LibraryError(f"word {ref.turn}:{ref.word} is not in episode {episode_id}")


def _clean_tags(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        name = normalize_tag(name)
        if name:
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


def tag_id(conn: Connection, name: str, *, create: bool) -> int | None:
    found = conn.execute(select(TagRow.id).where(TagRow.name == name)).scalar()
    if found is not None or not create:
        return found
    return inserted_id(conn.execute(insert(TagRow).values(name=name, color="")))


def set_tags(conn: Connection, highlight_id: int, names: Iterable[str]) -> None:
    conn.execute(delete(HighlightTagRow).where(HighlightTagRow.highlight_id == highlight_id))
    for name in _clean_tags(names):
        tid = tag_id(conn, name, create=True)
        conn.execute(insert(HighlightTagRow).values(highlight_id=highlight_id, tag_id=tid))


def highlight_values(highlight: Highlight) -> dict[str, Any]:
    return {
        "start_turn": highlight.start.turn,
        "start_word": highlight.start.word,
        "end_turn": highlight.end.turn,
        "end_word": highlight.end.word,
        "quote": highlight.quote,
        "prefix": highlight.prefix,
        "suffix": highlight.suffix,
        "color": highlight.color,
        "note": highlight.note,
        "detached_start_ms": highlight.start_ms if highlight.detached else None,
        "detached_end_ms": highlight.end_ms if highlight.detached else None,
        "detached_speaker": highlight.speaker if highlight.detached else "",
    }


def insert_highlight(conn: Connection, episode_id: int, highlight: Highlight, *, keep_id: bool) -> int:
    check_range(conn, episode_id, highlight)
    now = utcnow()
    created = highlight.created_at.replace(tzinfo=None) if highlight.created_at else now
    values = highlight_values(highlight) | {"episode_id": episode_id, "created_at": created, "updated_at": now}
    if keep_id and highlight.id is not None:
        taken = conn.execute(select(HighlightRow.id).where(HighlightRow.id == highlight.id)).scalar()
        if taken is None:
            values["id"] = highlight.id
    new_id = inserted_id(conn.execute(insert(HighlightRow).values(**values)))
    set_tags(conn, new_id, highlight.tags)
    return new_id


def update_highlight_row(conn: Connection, highlight: Highlight) -> None:
    if highlight.id is None:
        raise LibraryError("cannot update a highlight that was never saved")
    episode_id = conn.execute(select(HighlightRow.episode_id).where(HighlightRow.id == highlight.id)).scalar()
    if episode_id is None:
        raise LibraryError(f"no highlight with id {highlight.id}")
    check_range(conn, episode_id, highlight)
    conn.execute(
        update(HighlightRow)
        .where(HighlightRow.id == highlight.id)
        .values(**highlight_values(highlight), updated_at=utcnow())
    )
    set_tags(conn, highlight.id, highlight.tags)
