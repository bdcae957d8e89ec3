"""Source for a fresh interpreter in which faster-whisper cannot be imported (the extra is not installed)."""

BLOCK_FASTER_WHISPER = """
import importlib.abc, sys
class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "faster_whisper":
            raise ModuleNotFoundError(name)
        return None
sys.meta_path.insert(0, Blocked())
"""
