"""Records kept with the environment as one pickled blob each, unpickled on first use.

Sphinx unpickles the whole environment at the start of every build. The extension's records
(every page's references, the targets and memos of the last judgement) are a few hundred
thousand small tuples and strings at N = 1,000 roles, and unpickling them, with the garbage
collector's passes over each new object, took 40 ms of a rebuild that changes nothing and
uses none of them (docs/reference/performance.md). Packed, each is one bytes object until a
build asks for it, and is pickled again only if it was.
"""

from __future__ import annotations

import pickle
from typing import Any


class Packed:
    """A value that is pickled as a blob of its own pickle, and unpickled on first `.value`."""

    __slots__ = ("_value", "_blob")

    def __init__(self, value: Any) -> None:
        self._value = value
        self._blob: bytes | None = None

    @property
    def value(self) -> Any:
        """The value; from here on, the caller may change it in place."""
        if self._blob is not None:
            self._value, self._blob = pickle.loads(self._blob), None
        return self._value

    def __getstate__(self) -> bytes:
        # A value never asked for is saved as it came: not unpickled, not pickled again.
        if self._blob is not None:
            return self._blob
        return pickle.dumps(self._value, pickle.HIGHEST_PROTOCOL)

    def __setstate__(self, blob: bytes) -> None:
        self._value, self._blob = None, blob

    def __repr__(self) -> str:
        return "Packed(<not unpickled>)" if self._blob is not None else f"Packed({self._value!r})"
