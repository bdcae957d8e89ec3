"""Playback: the controller around QMediaPlayer, the player bar and the waveform."""
