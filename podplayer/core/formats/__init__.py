"""Transcript readers and writers, one module per format, chosen by content (see detect.py).

CONTRACT STUB — public entry points used by the store, CLI and UI:

    read_transcript(path, fmt=None) -> Transcript        # raises TranscriptParseError
    parse_transcript(text, fmt=None, name="") -> Transcript
    write_transcript(transcript, path, fmt=None, words=False) -> None   # fmt from suffix if None
    FORMATS: names "srt", "vtt", "podcast-json", "whisper-json", "audacity", "podcast-html",
             "episode-page", "text", "md"
"""
