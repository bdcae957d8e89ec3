"""The ONNX models podplayer ships, loaded from package data into onnxruntime sessions on the CPU.

onnxruntime is imported only when a model is first used (it takes a noticeable moment to load).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import onnxruntime


def cpu_session(package: str, file_name: str, threads: int) -> onnxruntime.InferenceSession:
    """A session for the model ``file_name`` shipped in ``package``, on at most ``threads`` cores."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    model = resources.files(package).joinpath(file_name).read_bytes()
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
