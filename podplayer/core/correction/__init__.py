"""Correcting a transcript: the word diff (word_diff) and highlights following their words (highlights)."""
