"""The rounds of forced alignment over an episode's pieces, in the worker processes.

The first round aligns every piece. A piece that fails gets two more chances: joined with a
neighbour (a failure is mostly a cut inside a word; the neighbour keeps its own result if the joined
piece fails too), then cut at every run of anchors and aligned in short stretches (crosstalk can
defeat a long piece while most stretches between anchors still align), so a bad stretch stays local.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.align.anchors import Anchor
from podplayer.core.align.pieces import Piece, PieceKind, join_failed, split_at_runs
from podplayer.core.align.process_pool import WorkerPool
from podplayer.core.align.worker import AlignPiece, InOrder, align_piece_in_order
from podplayer.core.jobs import CancelToken, Progress

Results = dict[int, InOrder | None]  # piece index -> timed tokens (None: failed)


@dataclass(frozen=True, slots=True)
class PieceRounds:
    """What every round needs: the workers, the tokens in order, where fillers may sit, the anchors."""

    pool: WorkerPool
    texts: list[str]
    breaks: frozenset[int]  # phrase starts (token indexes)
    anchors: list[Anchor]
    cancel: CancelToken
    optional: tuple[tuple[int, int], ...] = ()  # (first, end) tokens of turns that may be passed over

    def align(self, pieces: list[Piece], progress: Progress, first: float) -> Results:
        """Force-align every ALIGN piece; ``progress`` runs from ``first`` to 1 over the audio."""
        todo = [self._job(i, p) for i, p in enumerate(pieces) if p.kind is PieceKind.ALIGN]
        todo.sort(key=lambda p: p.start_ms - p.end_ms)  # longest first balances the workers
        done_ms = 0.0
        align_ms = max(1, sum(p.end_ms - p.start_ms for p in todo))

        def aligned_one(_: int, result: tuple[int, InOrder | None]) -> None:
            nonlocal done_ms
            piece = pieces[result[0]]
            done_ms += piece.end_ms - piece.start_ms
            progress(first + (1 - first) * done_ms / align_ms, 1.0, "Aligning words")

        return dict(self.pool.run(align_piece_in_order, todo, aligned_one, self.cancel))

    def retry_failed(self, pieces: list[Piece], results: Results) -> tuple[list[Piece], Results]:
        """The failed pieces joined with a neighbour, then what still fails cut at its anchor runs."""
        failed = {i for i, r in results.items() if r is None}
        if not failed:
            return pieces, results
        pairs = join_failed(pieces, failed)
        joined = [
            Piece(
                pieces[lo].start_ms,
                pieces[hi].end_ms,
                pieces[lo].first_token,
                pieces[hi].end_token,
                PieceKind.ALIGN,
            )
            for lo, hi in pairs
        ]
        retried = self._quietly(joined)
        starts = {lo: k for k, (lo, _) in enumerate(pairs)}
        skip: set[int] = set()
        out_pieces: list[Piece] = []
        out_results: Results = {}
        for i, piece in enumerate(pieces):
            if i in skip:
                continue
            if i in starts and retried[starts[i]] is not None:
                out_results[len(out_pieces)] = retried[starts[i]]
                out_pieces.append(joined[starts[i]])
                skip.add(pairs[starts[i]][1])
            else:
                out_results[len(out_pieces)] = results.get(i)
                out_pieces.append(piece)
        return self._split_failed(out_pieces, out_results)

    def _split_failed(self, pieces: list[Piece], results: Results) -> tuple[list[Piece], Results]:
        parts: dict[int, list[Piece]] = {}
        for i, piece in enumerate(pieces):
            if piece.kind is PieceKind.ALIGN and results.get(i) is None:
                cut = split_at_runs(piece, self.anchors)
                if len(cut) > 1:
                    parts[i] = cut
        if not parts:
            return pieces, results
        aligned = self._quietly([part for i in sorted(parts) for part in parts[i]])
        out_pieces: list[Piece] = []
        out_results: Results = {}
        k = 0
        for i, piece in enumerate(pieces):
            for part in parts.get(i, [piece]):
                out_results[len(out_pieces)] = aligned[k] if i in parts else results.get(i)
                k += i in parts
                out_pieces.append(part)
        return out_pieces, out_results

    def _quietly(self, pieces: list[Piece]) -> Results:
        """A quick second round, without progress: index in ``pieces`` -> result."""
        jobs = [self._job(k, p) for k, p in enumerate(pieces)]
        return dict(self.pool.run(align_piece_in_order, jobs, _no_progress, self.cancel))

    def _job(self, index: int, piece: Piece) -> AlignPiece:
        first, end = piece.first_token, piece.end_token
        # Fillers may sit at phrase starts and where a piece begins (its window can open on speech the
        # transcript left out), not at a piece's end: a loop there let the decoder swallow the next
        # piece's words as fillers and lost 30 % of the turn starts on a 3-hour episode.
        loose = tuple(k for k in range(end - first + 1) if k == 0 or first + k in self.breaks)
        optional = tuple((a - first, b - first) for a, b in self.optional if first <= a and b <= end)
        return AlignPiece(index, piece.start_ms, piece.end_ms, tuple(self.texts[first:end]), loose, optional)


def _no_progress(_: int, __: object) -> None:
    """Second rounds are quick: no progress of their own."""
