"""The synced transcript: model, delegate, view, wrapping and the find bar."""
