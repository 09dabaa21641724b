"""roles.yaml's model kept from one build to the next, in the doctree folder.

The build a writer pays for most often is the one with nothing changed (sphinx-autobuild, CI
on every push); it reads roles.yaml's bytes and, when they and the settings are the ones the
model was made from, takes the warnings of the file from here, and the model too when it uses
it (a build that reads no page does not), instead of parsing the file again: at N = 1,000
roles a tenth of a second (docs/reference/performance.md).

The file is only a cache: one that is missing, unreadable or made by other code is ignored,
and the model is parsed as if it were not there.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.digests import digest
from ..core.problems import Problem

if TYPE_CHECKING:
    from ..core.model import RolesFile

FILE_NAME = "hubroles-model.pickle"
CORE = Path(__file__).resolve().parent.parent / "core"


@cache
def code_signature() -> bytes:
    """The size and time of every module of core/, which makes the model: an edited loader
    (a checkout, an editable install) gets a new cache even before the version changes."""
    stats = sorted((str(path), path.stat().st_size, path.stat().st_mtime_ns)
                   for path in CORE.rglob("*.py"))
    return repr(stats).encode("utf-8", "surrogatepass")


def key_of(source: str) -> bytes:
    """The cache's key of a model made from `source` (a digest of roles.yaml and the
    settings), by this code."""
    return digest(source.encode("ascii") + b"\0" + code_signature()).encode("ascii")


def cached_notices(doctreedir: str | os.PathLike, source: str) -> list[Problem] | None:
    """The warnings and notes of the model the last build made from `source`, or None. They
    are kept apart from the model, which cached_model unpickles only when the build uses it:
    a build that reads no page and has nothing new to judge never does."""
    try:
        with open(Path(doctreedir, FILE_NAME), "rb") as file:
            if file.readline().rstrip(b"\n") != key_of(source):
                return None
            notices = pickle.load(file)
    # Any failure (no file, a truncated one, one whose classes this code lacks) means "not
    # cached"; nothing a cache holds may stop a build.
    except Exception:  # noqa: BLE001
        return None
    return notices if isinstance(notices, list) else None


def cached_model(doctreedir: str | os.PathLike, source: str) -> RolesFile | None:
    """The model that the last build made from `source`, or None."""
    try:
        with open(Path(doctreedir, FILE_NAME), "rb") as file:
            if file.readline().rstrip(b"\n") != key_of(source):
                return None
            pickle.load(file)  # the notices
            model = pickle.load(file)
    except Exception:  # noqa: BLE001 (as cached_notices)
        return None
    from ..core.model import RolesFile  # loaded by the model's unpickling, if it is one

    return model if isinstance(model, RolesFile) else None


def keep_model(doctreedir: str | os.PathLike, source: str, model: RolesFile) -> None:
    """Keep `model`, made from `source`, for the next build: written whole or not at all."""
    folder = Path(doctreedir)
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=FILE_NAME, suffix=".tmp",
                                         delete=False) as file:
            temporary = file.name
            file.write(key_of(source) + b"\n")
            pickle.dump(model.notices, file, pickle.HIGHEST_PROTOCOL)
            pickle.dump(model, file, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / FILE_NAME)
    except (OSError, pickle.PicklingError):  # a read-only or full disk: the next build parses
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
