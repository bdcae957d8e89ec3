"""Anchors found in recognised words, and pieces cut around them (no audio needed)."""

from __future__ import annotations

from podplayer.core.align.anchors import Anchor, find_anchors
from podplayer.core.align.pieces import CUT_LEAD_MS, Piece, PieceKind, join_failed, plan_pieces, split_at_runs

TEXT = [
    "when",
    "the",
    "weather",
    "turns",
    "cold",
    "the",
    "river",
    "freezes",
    "and",
    "the",
    "children",
    "skate",
    "on",
    "it",
    "until",
    "the",
    "spring",
    "thaw",
    "arrives",
    "and",
    "the",
    "ice",
    "breaks",
    "into",
    "large",
    "white",
    "plates",
    "that",
    "drift",
    "slowly",
    "down",
    "towards",
    "the",
    "sea",
]


def heard_at(words: list[str], start_ms: int, ms: int = 300) -> list[tuple[str, int, int]]:
    return [(w, start_ms + i * ms, start_ms + (i + 1) * ms - 20) for i, w in enumerate(words)]


def test_anchors_follow_the_text_and_skip_untranscribed_speech() -> None:
    first, second = TEXT[:15], TEXT[15:]
    chatter = [
        "buy",
        "now",
        "and",
        "save",
        "big",
        "on",
        "the",
        "best",
        "deals",
        "in",
        "town",
        "today",
        "only",
    ]
    heard = heard_at(first, 1000) + heard_at(chatter, 10_000) + heard_at(second, 40_000)
    anchors = find_anchors(heard, TEXT, [0] * len(TEXT))
    assert [a.token for a in anchors] == list(range(len(TEXT)))
    assert anchors[15].start_ms == 40_000


def test_a_single_chance_match_is_no_anchor() -> None:
    heard = heard_at(["river", "banana", "the", "sea", "mango"], 0)
    assert find_anchors(heard, TEXT, [0] * len(TEXT)) == []


def chain(first_token: int, count: int, start_ms: int, ms: int = 300) -> list[Anchor]:
    return [
        Anchor(first_token + i, start_ms + i * ms, start_ms + i * ms + ms - 250, run=count)
        for i in range(count)
    ]


def test_pieces_cover_every_token_once_and_respect_the_target_length() -> None:
    anchors = chain(0, 400, 500)
    pieces = plan_pieces(anchors, [i // 40 for i in range(400)], 121_000)
    assert pieces[0].first_token == 0 and pieces[-1].end_token == 400
    assert all(a.end_token == b.first_token for a, b in zip(pieces, pieces[1:], strict=False))
    assert all(p.kind is PieceKind.ALIGN for p in pieces)
    assert all(p.end_ms - p.start_ms <= 51_000 for p in pieces)
    assert len(pieces) >= 3


def test_untranscribed_audio_and_missing_audio_become_pieces_of_their_own() -> None:
    # 100 tokens, then 30 s of audio with no text, then 100 tokens, then 60 tokens the audio lacks
    # (turn 2, 200..260, whose audio is gone; turn 3 starts at 260 but recognition missed 4 words).
    turns = [0] * 100 + [1] * 100 + [2] * 60 + [3] * 50
    anchors = chain(0, 100, 0) + chain(100, 100, 60_000) + chain(264, 46, 90_500)
    pieces = plan_pieces(anchors, turns, 106_000)
    kinds = [(p.kind, p.first_token, p.end_token) for p in pieces if p.kind is not PieceKind.ALIGN]
    assert kinds == [(PieceKind.MISSING_AUDIO, 200, 260)]
    after = next(p for p in pieces if p.first_token == 260)
    assert after.kind is PieceKind.ALIGN and after.start_ms < 90_500
    extra = [p for p in pieces if p.kind is PieceKind.EXTRA_AUDIO]
    assert extra == []  # an anchored gap with no tokens needs no piece
    align = [p for p in pieces if p.kind is PieceKind.ALIGN]
    assert not any(p.start_ms < 59_000 < p.end_ms and p.start_ms < 40_000 for p in align)


def test_text_before_the_first_anchor_and_after_the_last_goes_where_speech_is() -> None:
    # 20 tokens recognition missed, then 100 heard from 30 s on, then 20 missed; the audio is 200 s,
    # speech runs from 26 s to 66 s: a silent opening and a long silent ending.
    anchors = chain(20, 100, 30_000)
    pieces = plan_pieces(anchors, [0] * 20 + [1] * 100 + [2] * 20, 200_000, speech=(26_000, 66_000))
    assert pieces[0].first_token == 0 and pieces[0].kind is PieceKind.ALIGN
    assert 25_000 <= pieces[0].start_ms <= 26_000
    assert pieces[-1].end_token == 140 and pieces[-1].kind is PieceKind.ALIGN
    assert 66_000 <= pieces[-1].end_ms <= 67_000
    # Without knowing where speech is, the silent edges are too long for their text: the words are
    # still aligned next to the speech recognition heard, never spread from the file's start.
    pieces = plan_pieces(anchors, [0] * 20 + [1] * 100 + [2] * 20, 200_000)
    first = next(p for p in pieces if p.first_token == 0)
    assert first.kind is PieceKind.ALIGN and first.start_ms > 15_000


def test_no_anchors_on_long_audio_is_not_force_aligned() -> None:
    assert plan_pieces([], [0] * 50, 600_000)[0].kind is PieceKind.EXTRA_AUDIO
    assert plan_pieces([], [0] * 50, 20_000)[0].kind is PieceKind.ALIGN


def test_failed_pieces_are_joined_with_a_neighbour_once() -> None:
    pieces = plan_pieces(chain(0, 400, 500), [i // 40 for i in range(400)], 121_000)
    assert len(pieces) >= 4
    last = len(pieces) - 1
    assert join_failed(pieces, {1}) == [(1, 2)]
    assert join_failed(pieces, {1, 2}) == [(1, 2)]  # 2 is already taken; it retries along with 1
    assert join_failed(pieces, {last}) == [(last - 1, last)]


def test_a_failed_piece_is_cut_where_each_anchor_run_begins() -> None:
    piece = Piece(1000, 20_000, 10, 40, PieceKind.ALIGN)
    run = [Anchor(t, 2000 + 300 * (t - 12), 2250 + 300 * (t - 12)) for t in (12, 13, 14)]
    later = [Anchor(t, 9000 + 300 * (t - 25), 9250 + 300 * (t - 25)) for t in (25, 26, 27)]
    outside = [Anchor(5, 500, 700), Anchor(45, 21_000, 21_300)]
    parts = split_at_runs(piece, [outside[0], *run, *later, outside[1]])
    assert [(p.first_token, p.end_token) for p in parts] == [(10, 12), (12, 25), (25, 40)]
    assert [p.start_ms for p in parts] == [1000, 2000 - CUT_LEAD_MS, 9000 - CUT_LEAD_MS]
    assert parts[-1].end_ms == 20_000 and all(p.kind is PieceKind.ALIGN for p in parts)
    # Every token and every moment of the piece belongs to exactly one part.
    assert all(
        a.end_ms == b.start_ms and a.end_token == b.first_token
        for a, b in zip(parts, parts[1:], strict=False)
    )
    assert split_at_runs(piece, outside) == [piece]
