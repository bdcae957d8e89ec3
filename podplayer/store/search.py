"""Full-text search over the library (SQLite FTS5), safe for any text a user types.

User input is never passed to FTS5 as query syntax. :func:`fts_query` rebuilds it from quoted
strings only: bare words become ``"word"``, a trailing ``*`` is kept as a prefix query, ``"a phrase"``
stays a phrase (an unbalanced quote runs to the end), a bare ``OR`` or ``NOT`` between two terms
stays an operator and a bare ``AND`` is dropped (terms are ANDed anyway). Everything else — ``NEAR(``, ``-``,
``:``, column filters — is just text inside quotes. A term with no letters or digits is dropped.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from podplayer.core.model import SearchHit

_BINARY_OPERATORS = ("OR", "NOT")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _quoted(term: str, prefix: bool) -> str | None:
    term = term.replace('"', " ").strip()
    if not any(ch.isalnum() for ch in term):
        return None
    return f'"{term}"' + ("*" if prefix else "")


def _terms(query: str) -> list[str]:
    """Split user text into FTS5 terms and the operators OR/NOT (still to be validated)."""
    out: list[str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            phrase = query[i + 1 : end]
            i = end + 1
            prefix = phrase.rstrip().endswith("*") or (i < n and query[i] == "*")
            if i < n and query[i] == "*":
                i += 1
            quoted = _quoted(phrase.rstrip().rstrip("*"), prefix)
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] != '"':
                j += 1
            word = query[i:j]
            i = j
            if word in _BINARY_OPERATORS:
                out.append(word)
                continue
            if word == "AND":
                continue
            quoted = _quoted(word.rstrip("*"), word.endswith("*"))
        if quoted:
            out.append(quoted)
    return out


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 MATCH expression for ``user_text``, or None when nothing searchable remains."""
    # Control characters (NUL ends an FTS5 string early) are never part of a word.
    user_text = _CONTROL.sub(" ", user_text)
    parts: list[str] = []
    for term in _terms(user_text):
        if term in _BINARY_OPERATORS:
            if parts and parts[-1] not in _BINARY_OPERATORS:
                parts.append(term)
            continue
        parts.append(term)
    while parts and parts[-1] in _BINARY_OPERATORS:
        parts.pop()
    return " ".join(parts) or None


# Ranking every match of a very common word is what makes FTS slow on a big library (bm25 for
# hundreds of thousands of turns). Above this many matching turns, only the most recently added
# ones (highest ids) are ranked; finding that window walks the index backwards and stops early.
RANK_WINDOW = 2000

_WINDOW_FLOOR = text(
    "SELECT rowid FROM turns_fts WHERE turns_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :window"
)

# ranked: best turns by bm25 (ids and scores only). shown: snippet and match-marked text for just
# those; CROSS JOIN keeps the FTS scan as the outer loop, so MATCH runs once (as the inner loop it
# would run once per hit, and a prefix query rebuilds its doclist on every run). The first matched word's index is the number of spaces before the marker, which gives
# its start time from the words table (falling back to the turn's start).
_TURN_HITS = text(
    """
    WITH ranked AS (
        SELECT rowid AS id, bm25(turns_fts) AS score FROM turns_fts
        WHERE turns_fts MATCH :q AND rowid >= :floor ORDER BY score LIMIT :limit
    ),
    shown AS MATERIALIZED (
        SELECT ranked.id, ranked.score,
               snippet(turns_fts, 0, '', '', '…', 16) AS context,
               highlight(turns_fts, 0, char(1), '') AS marked
        FROM turns_fts CROSS JOIN ranked ON turns_fts.rowid = ranked.id
        WHERE turns_fts MATCH :q AND turns_fts.rowid >= :floor
    ),
    placed AS (
        SELECT id, score, context, substr(marked, 1, max(instr(marked, char(1)) - 1, 0)) AS before FROM shown
    )
    SELECT shown.context, t.position, COALESCE(w.start_ms, t.start_ms), t.episode_id, e.title, s.name
    FROM placed AS shown JOIN turns t ON t.id = shown.id
    JOIN episodes e ON e.id = t.episode_id
    JOIN speakers s ON s.id = t.speaker_id
    LEFT JOIN words w ON w.turn_id = t.id
        AND w.position = length(shown.before) - length(replace(shown.before, ' ', ''))
    ORDER BY shown.score
    """
)

_HIGHLIGHT_HITS = text(
    """
    WITH hits AS (
        SELECT rowid AS hid, rank AS score,
               snippet(highlights_fts, -1, '', '', '…', 16) AS context
        FROM highlights_fts WHERE highlights_fts MATCH :q ORDER BY rank LIMIT :limit
    )
    SELECT hits.score, hits.context, h.id, h.episode_id, NULLIF(MAX(h.start_turn, -1), -1), e.title,
           CASE WHEN h.start_turn < 0 THEN h.detached_start_ms ELSE COALESCE(w.start_ms, t.start_ms) END,
           CASE WHEN h.start_turn < 0 THEN h.detached_speaker ELSE s.name END
    FROM hits JOIN highlights h ON h.id = hits.hid
    JOIN episodes e ON e.id = h.episode_id
    LEFT JOIN turns t ON t.episode_id = h.episode_id AND t.position = h.start_turn
    LEFT JOIN words w ON w.turn_id = t.id AND w.position = h.start_word
    LEFT JOIN speakers s ON s.id = t.speaker_id
    ORDER BY hits.score
    """
)

_NOTE_HITS = text(
    """
    WITH hits AS (
        SELECT rowid AS eid, rank AS score, snippet(episodes_fts, 0, '', '', '…', 16) AS context
        FROM episodes_fts WHERE episodes_fts MATCH :q ORDER BY rank LIMIT :limit
    )
    SELECT hits.score, hits.context, e.id, e.title FROM hits JOIN episodes e ON e.id = hits.eid
    ORDER BY hits.score
    """
)


def search_library(conn: Connection, user_text: str, limit: int = 100) -> list[SearchHit]:
    """At most ``limit`` hits: the user's own words first (episode notes, then highlight quotes and
    notes), then transcript turns; each kind best match first. bm25 scores from different FTS tables
    are not comparable, so kinds are not interleaved by score."""
    query = fts_query(user_text)
    if query is None or limit <= 0:
        return []
    turns: list[SearchHit] = []
    highlights: list[SearchHit] = []
    notes: list[SearchHit] = []
    params = {"q": query, "limit": limit}
    floor = conn.execute(_WINDOW_FLOOR, {"q": query, "window": RANK_WINDOW}).scalar() or 0
    for context, position, start, episode_id, title, speaker in conn.execute(_TURN_HITS, {**params, "floor": floor}):
        turns.append(SearchHit(episode_id, title, "turn", start, speaker, context, turn_index=position))
    for _score, context, hid, episode_id, start_turn, title, start, speaker in conn.execute(
        _HIGHLIGHT_HITS, params
    ):
        highlights.append(
            SearchHit(
                episode_id, title, "highlight", start, speaker or "", context, turn_index=start_turn, highlight_id=hid
            )
        )
    for _score, context, episode_id, title in conn.execute(_NOTE_HITS, params):
        notes.append(SearchHit(episode_id, title, "note", None, "", context))
    return (notes + highlights + turns)[:limit]
