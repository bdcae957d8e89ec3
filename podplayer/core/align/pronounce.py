"""Pronunciations for spoken tokens: the CMU dictionary shipped with pocketsphinx, plus a fallback.

Words the dictionary lacks (names, jargon such as "pytorch" or "torchvision") are split into dictionary
sub-words ("torch" + "vision") where possible, and otherwise spelled out with simple grapheme rules.
The fallback is hand-written because no maintained, offline, pure-Python letter-to-sound package ships
an ARPAbet model small enough to bundle; a rough pronunciation is enough to *align* a known word.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from pocketsphinx import get_model_path

MODEL_DIR = Path(get_model_path()) / "en-us"
ACOUSTIC_MODEL = MODEL_DIR / "en-us"
CMUDICT = MODEL_DIR / "cmudict-en-us.dict"

# Spelled-out letters ("A I" in "AI"); the dictionary's "a" and "i" are the words, not the letters.
LETTERS = {
    "a": "EY", "b": "B IY", "c": "S IY", "d": "D IY", "e": "IY", "f": "EH F", "g": "JH IY",
    "h": "EY CH", "i": "AY", "j": "JH EY", "k": "K EY", "l": "EH L", "m": "EH M", "n": "EH N",
    "o": "OW", "p": "P IY", "q": "K Y UW", "r": "AA R", "s": "EH S", "t": "T IY", "u": "Y UW",
    "v": "V IY", "w": "D AH B AH L Y UW", "x": "EH K S", "y": "W AY", "z": "Z IY",
}  # fmt: skip

# Grapheme rules, longest spelling first within each starting letter (tried in this order).
GRAPHEMES: list[tuple[str, str]] = [
    ("tch", "CH"), ("igh", "AY"), ("sch", "S K"), ("ough", "AO"), ("tion", "SH AH N"),
    ("sion", "ZH AH N"), ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("ng", "NG"),
    ("ck", "K"), ("qu", "K W"), ("wh", "W"), ("gh", "G"), ("kn", "N"), ("wr", "R"),
    ("ee", "IY"), ("ea", "IY"), ("oo", "UW"), ("ou", "AW"), ("ow", "OW"), ("oa", "OW"),
    ("ai", "EY"), ("ay", "EY"), ("ei", "EY"), ("ey", "IY"), ("ie", "IY"), ("oi", "OY"),
    ("oy", "OY"), ("au", "AO"), ("aw", "AO"), ("ew", "UW"), ("ue", "UW"), ("er", "ER"),
    ("ir", "ER"), ("ur", "ER"), ("ar", "AA R"), ("or", "AO R"), ("ll", "L"), ("ss", "S"),
    ("tt", "T"), ("pp", "P"), ("ff", "F"), ("mm", "M"), ("nn", "N"), ("rr", "R"), ("dd", "D"),
    ("a", "AE"), ("b", "B"), ("c", "K"), ("d", "D"), ("e", "EH"), ("f", "F"), ("g", "G"),
    ("h", "HH"), ("i", "IH"), ("j", "JH"), ("k", "K"), ("l", "L"), ("m", "M"), ("n", "N"),
    ("o", "AA"), ("p", "P"), ("q", "K"), ("r", "R"), ("s", "S"), ("t", "T"), ("u", "AH"),
    ("v", "V"), ("w", "W"), ("x", "K S"), ("y", "IY"), ("z", "Z"),
]  # fmt: skip

_VOICELESS_END = ("P", "T", "K", "F", "TH")
_SIBILANT_END = ("S", "Z", "SH", "ZH", "CH", "JH")
_MIN_SUBWORD = 3  # shorter dictionary "words" ("py", "ic") are mostly abbreviations: not useful


@functools.cache
def cmudict() -> dict[str, str]:
    """Word -> its first pronunciation (space-separated phones) from the shipped CMU dictionary."""
    entries: dict[str, str] = {}
    with CMUDICT.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, phones = line.partition(" ")
            if "(" not in word and phones:
                entries.setdefault(word, phones.strip())
    return entries


def grapheme_phones(text: str) -> str:
    """A rough pronunciation from spelling alone (used when nothing better is known)."""
    letters = "".join(ch for ch in text.lower() if "a" <= ch <= "z")
    if len(letters) > 3 and letters.endswith("e") and letters[-2] not in "aeiou":
        letters = letters[:-1]  # silent final e
    phones: list[str] = []
    i = 0
    while i < len(letters):
        for spelling, sound in GRAPHEMES:
            if letters.startswith(spelling, i):
                if spelling == "y" and i == 0:
                    sound = "Y"
                elif spelling == "y" and i == len(letters) - 1 and len(letters) <= 3:
                    sound = "AY"  # "py", "my"
                phones.append(sound)
                i += len(spelling)
                break
        else:  # pragma: no cover - every lower-case letter has a rule
            i += 1
    return " ".join(phones) or "AH"


def _with_s(phones: str) -> str:
    last = phones.split()[-1]
    if last in _SIBILANT_END:
        return f"{phones} IH Z"
    return f"{phones} S" if last in _VOICELESS_END else f"{phones} Z"


def _compound_phones(word: str, dictionary: dict[str, str]) -> str | None:
    """Pronounce ``word`` as dictionary sub-words joined by short spelled fragments, if that covers it.

    Dynamic programming over split points: a dictionary piece costs 1, a spelled fragment costs
    2 plus its length, so "torchvision" -> "torch"+"vision" and "pytorch" -> "py"(spelled)+"torch".
    """
    n = len(word)
    # best[i] = (cost, phones of the pieces, dictionary pieces used) for the prefix word[:i]
    best: list[tuple[float, list[str], int] | None] = [None] * (n + 1)
    best[0] = (0.0, [], 0)
    for end in range(1, n + 1):
        for start in range(end):
            prev = best[start]
            if prev is None:
                continue
            piece = word[start:end]
            if len(piece) >= _MIN_SUBWORD and piece in dictionary:
                cost, phones, known = 1.0, dictionary[piece], 1
            elif len(piece) <= 3:
                cost, phones, known = 2.0 + len(piece), grapheme_phones(piece), 0
            else:
                continue
            current = best[end]
            if current is None or prev[0] + cost < current[0]:
                best[end] = (prev[0] + cost, [*prev[1], phones], prev[2] + known)
    found = best[n]
    if found is None or found[2] == 0:
        return None
    return " ".join(found[1])


def pronounce(token: str, dictionary: dict[str, str] | None = None) -> str:
    """Space-separated ARPAbet phones for one token (never fails)."""
    d = cmudict() if dictionary is None else dictionary
    if token in d:
        return d[token]
    if token.endswith(".") and token[:-1] in LETTERS:
        return LETTERS[token[:-1]]
    if token.endswith(".'s") and token[:-3] in LETTERS:
        return _with_s(LETTERS[token[:-3]])
    if token.endswith("'s") and len(token) > 2:
        return _with_s(pronounce(token[:-2], d))
    if token.endswith("s'") and len(token) > 2:
        return pronounce(token[:-1], d)
    if token.endswith("'st") and len(token) > 3:  # archaic "feed'st", "mak'st"
        return f"{pronounce(token[:-3], d)} S T"
    if token.endswith("'d") and len(token) > 2:
        return f"{pronounce(token[:-2], d)} D"
    bare = token.replace("'", "")
    if bare in d:
        return d[bare]
    return _compound_phones(bare, d) or grapheme_phones(bare)


def write_dictionary(tokens: Iterable[str], path: Path) -> dict[str, str]:
    """Write a pocketsphinx dictionary holding just ``tokens``; returns token -> phones."""
    d = cmudict()
    entries = {t: pronounce(t, d) for t in sorted(set(tokens))}
    with path.open("w", encoding="utf-8") as handle:
        for token, phones in entries.items():
            handle.write(f"{token} {phones}\n")
    return entries
