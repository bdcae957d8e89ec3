"""Sharing a highlight: the quote card painter and the Share dialog (a video or a card)."""
