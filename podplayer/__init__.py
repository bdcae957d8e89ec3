"""podplayer: a desktop transcript player and annotator."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it
