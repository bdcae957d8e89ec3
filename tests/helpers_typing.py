"""Narrowing for tests: a value the test expects to be there, checked and typed as present."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    """``value``, failing the test when it is None (a stored row's id, the open episode, a found item)."""
    assert value is not None
    return value
