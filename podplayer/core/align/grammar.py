"""The forced-alignment grammar: the piece's tokens in order, with speech the transcript left out.

Publishers' transcripts are cleaner than the speech: they drop fillers ("um", "you know"), repeated
words and false starts. A strictly linear grammar must glue such speech onto a neighbouring word, so
a turn that opens with "um" would start at the "um". Here every boundary between two tokens carries
optional self-loops over *filler words* (common fillers, and a repeat of the word before or after),
each at a small probability, so the decoder absorbs untranscribed speech where it fits better than
stretching a transcript word over it. Filler entries are named with a leading "+" so they can never
collide with transcript tokens and are dropped with pocketsphinx's own noise words.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

# Words a speaker says that transcripts leave out, with their phones (ARPAbet, as in the CMU
# dictionary). Two-word fillers ("you know", "I mean") are loops over their words.
FILLER_PHONES: dict[str, str] = {
    "+filler+um": "AH M",
    "+filler+uh": "AH",
    "+filler+er": "ER",
    "+filler+mm": "M",
    "+filler+hmm": "HH M",
    "+filler+you": "Y UW",
    "+filler+know": "N OW",
    "+filler+i": "AY",
    "+filler+mean": "M IY N",
    "+filler+like": "L AY K",
    "+filler+so": "S OW",
    "+filler+well": "W EH L",
    "+filler+yeah": "Y AE",
}
REPEAT_PREFIX = "+again+"
# Probability of one filler word at a boundary. Small enough that a transcript word is never
# traded for a filler without clear acoustic evidence; measured on the generated conversations
# (tests/fixtures/conversation) together with the demo and the real-speech reading.
FILLER_PROB = 1e-4

# Probability of passing over a short turn that may have been said over another speaker (see
# overlap.py), per turn: the decoder says it in order wherever the audio there sounds like it at all.
SKIP_PROB = 0.05

# With the wider beam of a piece's last try (worker.WIDE_OPTIONS) the grammar ends on a pause word
# after the last token: without it pocketsphinx (5.0) then leaves out the last word whenever speech
# runs to the end of the piece's audio, and the piece fails anyway. Not with the default beam, which
# keeps that word: there a pause word at every piece's end moved four of the AMI meeting's
# backchannels further off.
END_WORD = "<sil>"

# (from, to, probability, word); without a word, an empty (epsilon) transition.
Transition = tuple[int, int, float, str] | tuple[int, int, float]


def repeat_word(token: str) -> str:
    """The dictionary name of a repetition of ``token`` (a false start or a repeated word)."""
    return f"{REPEAT_PREFIX}{token}"


def filler_entries(entries: Mapping[str, str]) -> dict[str, str]:
    """Dictionary entries the grammar needs besides the tokens: fillers and repeats of each token."""
    out = dict(FILLER_PHONES)
    out.update({repeat_word(token): phones for token, phones in entries.items()})
    return out


def alignment_transitions(
    tokens: Sequence[str],
    loose: Collection[int],
    optional: Collection[tuple[int, int]] = (),
    *,
    end_word: bool = False,
) -> list[Transition]:
    """FSG transitions: state k lies before token k; fillers loop on the states in ``loose``; each
    (first, end) in ``optional`` may be passed over; ``end_word``: an END_WORD closes the grammar
    (see :func:`final_state`).

    Fillers are offered only where speakers put them most: before a turn and at the phrase breaks
    the punctuation shows. Offering them between every two words costs ten times the decoding time
    for little gain, and a filler glued to a word inside a phrase moves no turn start.
    """
    transitions: list[Transition] = [(k, k + 1, 1.0, token) for k, token in enumerate(tokens)]
    for k in sorted(loose):
        transitions += [(k, k, FILLER_PROB, filler) for filler in FILLER_PHONES]
        if k < len(tokens):  # a false start or repeat comes before the word it repeats
            transitions.append((k, k, FILLER_PROB, repeat_word(tokens[k])))
    transitions += _passing_over(tokens, optional)
    if end_word:
        transitions.append((len(tokens), len(tokens) + 1, 1.0, END_WORD))
    return transitions


def final_state(tokens: Sequence[str], *, end_word: bool = False) -> int:
    """The final state of :func:`alignment_transitions`' grammar."""
    return len(tokens) + 1 if end_word else len(tokens)


def _passing_over(tokens: Sequence[str], optional: Collection[tuple[int, int]]) -> list[Transition]:
    """Transitions that pass over optional turns, each weighted SKIP_PROB per turn passed over.

    pocketsphinx (5.0) gives empty transitions no cost at all, so a plain epsilon would let the
    decoder drop any short turn for free. A pass-over is therefore the word before the turn said
    again on a transition that lands after it: the same path as the word alone, at SKIP_PROB. Runs
    of adjacent optional turns may be passed over from any of them to any later one.
    """
    out: list[Transition] = []
    spans = sorted(optional)
    for i, (first, _) in enumerate(spans):
        prob = 1.0
        for j in range(i, len(spans)):
            if j > i and spans[j][0] != spans[j - 1][1]:
                break
            prob *= SKIP_PROB
            if first == 0:  # no word before it: an empty transition (free, see above)
                out.append((first, spans[j][1], prob))
            else:
                out.append((first - 1, spans[j][1], prob, tokens[first - 1]))
    return out
