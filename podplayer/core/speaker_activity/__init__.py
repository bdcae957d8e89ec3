"""Who speaks when, moment by moment, two at once included: pyannote's segmentation-3.0 on onnxruntime.

The alignment uses it to start turns where the voice changes and to find short turns said over
someone else's; speaker labelling uses it to give words said in overlap to the voice saying them.
"""

from podplayer.core.speaker_activity.segmentation import (
    LOCAL_SPEAKERS,
    WINDOW_MS,
    Activity,
    Run,
    activities,
)

__all__ = ["LOCAL_SPEAKERS", "WINDOW_MS", "Activity", "Run", "activities"]
