"""Turn displayed transcript words into the spoken tokens a pronouncing dictionary can look up.

Each transcript word becomes 0..n lower-case tokens ("67" -> "sixty seven", "AI" -> "a. i.",
"open-source" -> "open source", "5th" -> "fifth"); every token remembers the index of the word it came
from, so times found for tokens map back to the original words while the displayed text never changes.
Spelled-out letters get a trailing dot ("a.") so they are told apart from the words "a" and "i".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from num2words import num2words

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
# Dashes, slashes and other joiners that separate spoken words ("learning—essentially", "and/or").
_SPLITTERS = re.compile(r"[\u2010-\u2015\u2212\-/_+&@~=]")
_SPOKEN_SYMBOLS = {"&": "and", "+": "plus", "@": "at", "=": "equals", "%": "percent"}
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$|^\d*\.\d+$")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_DECADE = re.compile(r"^(\d{2,4})'?s$")  # 1990s, 90s, '80s
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_ACRONYM_PLURAL = re.compile(r"^([A-Z]{2,6})'?s$")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*'?")


@dataclass(frozen=True, slots=True)
class Token:
    """One spoken token and the index (in the flat word list) of the transcript word it came from."""

    text: str
    word_index: int


def letter_token(letter: str) -> str:
    """The token for a spelled-out letter ("a" -> "a.")."""
    return f"{letter.lower()}."


def _spell(letters: str) -> list[str]:
    return [letter_token(ch) for ch in letters if ch.isalpha()]


def _pluralise(words: list[str]) -> list[str]:
    """'nineteen ninety' -> 'nineteen nineties' (for decades like 1990s)."""
    if not words:
        return words
    last = words[-1]
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return [*words[:-1], last]


def _say(value: float, digits: str, to: str = "cardinal") -> str:
    """num2words, or digit by digit for numbers it cannot say (absurdly long ones)."""
    try:
        return str(num2words(value, to=to))
    except (OverflowError, ValueError, NotImplementedError):
        names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        return " ".join(
            names[int(ch)] if ch.isdigit() else "point" for ch in digits if ch.isdigit() or ch == "."
        )


def _number_words(text: str, as_year: bool) -> list[str]:
    """Spell a number; 4-digit numbers 1100..2099 read as years ("2016" -> "twenty sixteen")."""
    plain = text.replace(",", "")
    if "." in plain:
        spoken = _say(float(plain), plain)
    else:
        value = int(plain)
        is_year = as_year and "," not in text and len(plain) == 4 and 1100 <= value <= 2099
        spoken = _say(value, plain, "year" if is_year else "cardinal")
    return _split_spoken(spoken)


def _split_spoken(spoken: str) -> list[str]:
    return [w for w in re.split(r"[\s,\-]+", spoken.lower()) if w]


def _part_tokens(part: str) -> list[str]:
    """Tokens for one piece of a word, after dashes and slashes were split off."""
    prefix: list[str] = []
    suffix: list[str] = []
    # Accents are not in the dictionary: "café" -> "cafe".
    part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode("ascii")
    core = part.strip(".,;:!?\"'()[]{}<>«»*…")
    if core.startswith("$"):
        core = core[1:]
        suffix.append("dollars")
    if core.endswith("%"):
        core = core[:-1]
        suffix.insert(0, "percent")
    core = core.strip(".,;:!?\"'()[]{}<>«»*…")
    if not core:
        return prefix + suffix
    if _NUMBER.match(core):
        return prefix + _number_words(core, as_year=not suffix) + suffix
    if m := _ORDINAL.match(core.lower()):
        return prefix + _split_spoken(_say(int(m.group(1)), m.group(1), "ordinal")) + suffix
    if m := _DECADE.match(core):
        digits = m.group(1)
        value = int(digits)
        spoken = _say(value, digits, "year" if len(digits) == 4 else "cardinal")
        return prefix + _pluralise(_split_spoken(spoken)) + suffix
    if _ACRONYM.match(core):
        return prefix + _spell(core) + suffix
    if m := _ACRONYM_PLURAL.match(core):
        letters = _spell(m.group(1))
        return prefix + letters[:-1] + [letters[-1][:-1] + "'s"] + suffix
    # Digits glued to letters ("GPT4", "mp3"): read letters as a word, digits as a number.
    pieces = re.findall(r"\d+|[^\d]+", core)
    if len(pieces) > 1:
        out: list[str] = []
        for piece in pieces:
            out += _part_tokens(piece)
        return prefix + out + suffix
    words = _WORD.findall(core.lower())
    return prefix + [w.rstrip("'") if not w.endswith("s'") else w for w in words] + suffix


def word_tokens(word: str) -> list[str]:
    """The spoken tokens of one displayed word (possibly none, e.g. for a lone dash)."""
    text = unicodedata.normalize("NFKC", word).translate(_APOSTROPHES)
    for symbol, spoken in _SPOKEN_SYMBOLS.items():
        if text.strip(".,;:!?\"'()") == symbol:
            return [spoken]
    parts = [p for p in _SPLITTERS.split(text) if p]
    tokens: list[str] = []
    for part in parts:
        tokens += _part_tokens(part)
    return tokens


def normalize_words(words: Sequence[str]) -> list[Token]:
    """Tokens for a flat list of displayed words, each pointing back at its word's index."""
    tokens: list[Token] = []
    for index, word in enumerate(words):
        tokens += [Token(t, index) for t in word_tokens(word) if t]
    return tokens
