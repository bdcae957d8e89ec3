"""Pronunciations: the CMU dictionary first, then sub-words, then spelling rules."""

from __future__ import annotations

from pathlib import Path

from podplayer.core.align.pronounce import cmudict, grapheme_phones, pronounce, write_dictionary


def test_dictionary_words_use_the_dictionary() -> None:
    assert pronounce("torch") == cmudict()["torch"]


def test_jargon_is_built_from_dictionary_sub_words() -> None:
    d = cmudict()
    assert "torchvision" not in d
    assert pronounce("torchvision") == f"{d['torch']} {d['vision']}"
    assert pronounce("torchserve") == f"{d['torch']} {d['serve']}"
    assert pronounce("pytorch").endswith(d["torch"])


def test_letters_possessives_and_archaic_forms() -> None:
    assert pronounce("a.") == "EY"
    assert pronounce("i.") == "AY"
    assert pronounce("pytorch's") == pronounce("pytorch") + " IH Z"
    assert pronounce("mak'st").endswith(" S T")


def test_unknown_words_get_spelling_rules() -> None:
    phones = pronounce("zqxblorf")
    assert phones == grapheme_phones("zqxblorf")
    assert phones.split()[0] == "Z"


def test_written_dictionary_holds_each_token_once(tmp_path: Path) -> None:
    path = tmp_path / "words.dict"
    entries = write_dictionary(["data", "data", "torchaudio", "a."], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert sorted(line.split(" ", 1)[0] for line in lines) == ["a.", "data", "torchaudio"]
    assert entries["torchaudio"].startswith(cmudict()["torch"])
