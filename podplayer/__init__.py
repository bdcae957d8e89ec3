"""podplayer: a desktop transcript player and annotator."""

__version__ = "0.1.0"
