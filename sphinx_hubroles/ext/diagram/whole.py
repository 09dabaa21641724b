"""Whether the diagram cache still holds a rendering of every diagram, known without looking
for each one.

A build that ends with every diagram of the site drawn notes so in a small file beside the
cache: for which pages' diagrams (the domain's `diagrams_version`, new whenever a page is read
again or removed), drawn how (the format, the dot program and its arguments, the cache's
version), and a digest of the cache's files as they then were (name, size, times, inode of
each). A later build that finds the same note, and the files the same,
knows that no rendering was added, changed or taken out since, and need not digest every
diagram's DOT to look for its file: at 1,000 diagrams that was most of what a rebuild with
nothing changed cost beyond a hand-written handbook's (docs/reference/performance.md). Any
other case, and the build looks for each rendering (jobs.py: pages_without_pictures). The
note is made only when every file is settled (core/diagram/cache.py), so that a change in
the same tick of a coarse clock cannot hide behind unchanged times.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from ...core.diagram.cache import CACHE_VERSION, SETTLED_NS
from ...core.digests import text_digest

FILE_NAME = "hubroles-diagrams.whole"


def files_state(folder: Path) -> tuple[str, int] | None:
    """A digest of the name, size, times and inode of every file in `folder`, and the newest
    change time among them; None if the folder cannot be read."""
    try:
        with os.scandir(folder) as entries:
            stats = [(entry.name, entry.stat(follow_symlinks=False)) for entry in entries]
    except OSError:
        return None
    lines = sorted(f"{name} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino}"
                   for name, info in stats)
    newest = max((info.st_ctime_ns for _name, info in stats), default=0)
    return text_digest("\n".join(lines)), newest


def drawing(version: str, format: str, program: str, args: list[str]) -> str:
    """What a note is about: the diagrams of `version`, drawn in `format` by `program` with
    `args` (graphviz_dot and graphviz_dot_args) into entries of the cache's version."""
    return f"{version} {format} " + text_digest("\0".join((CACHE_VERSION, program, *args)))


def known_whole(doctreedir: str | os.PathLike, about: str, folder: Path) -> bool:
    """Whether a build noted the cache `folder` whole for `about` (drawing()), and its files
    are as they were then."""
    try:
        noted = Path(doctreedir, FILE_NAME).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return False
    state = files_state(folder)
    return state is not None and noted == f"{about} {state[0]}\n"


def note_whole(doctreedir: str | os.PathLike, about: str, folder: Path) -> None:
    """Note that `folder` holds a rendering of every diagram of `about` (drawing()), if its
    files are settled; else forget any note."""
    state = files_state(folder)
    if state is None or state[1] >= time.time_ns() - SETTLED_NS:
        forget_note(doctreedir)
        return
    path, text = Path(doctreedir, FILE_NAME), f"{about} {state[0]}\n"
    with contextlib.suppress(OSError):  # only a shortcut: without it, each is looked for
        if not path.is_file() or path.read_text(encoding="ascii") != text:
            path.write_text(text, encoding="ascii")


def forget_note(doctreedir: str | os.PathLike) -> None:
    """The cache is not known to hold every diagram: the next build looks for each."""
    with contextlib.suppress(OSError):
        Path(doctreedir, FILE_NAME).unlink(missing_ok=True)
