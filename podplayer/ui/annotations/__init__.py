"""Highlights, bookmarks, tags, notes, speakers, library search and their undo commands."""
