"""Reading a file that a user named, safely: regular files only, and no more than a limit.

A path in a repository or in conf.py can name anything: a FIFO, whose reader waits for a writer
that never comes; /dev/zero or /dev/urandom, which never end; a symbolic link that points
nowhere or back at itself. Such a path gets a reason, never a hang, a traceback or all the
machine's memory.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from pathlib import Path

from .problems import Problem, RolesFileError, RolesFileUnusable

MIB = 1024 * 1024

# Opening does not wait for a FIFO's writer (should a FIFO replace the file after it was
# checked) and does not make a terminal the process's controlling terminal. On a regular
# file, O_NONBLOCK changes nothing.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnusableFile(Exception):
    """The path names no file that can be read: `reason` says why, as the end of a sentence
    whose subject is the file ("is a folder", "is not a regular file (a FIFO)")."""

    def __init__(self, reason: str, *, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        # missing, folder, loop, special, too-big or unreadable: callers word some differently
        self.kind = kind


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path`, symbolic links followed; UnusableFile if it is
    anything else or holds more than `limit` bytes. Checked before opening, so that nothing
    else is ever opened, and again on the open file, in case it was replaced in between."""
    _check(_stat(path), limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _stat_error(path, error) from None
    with open(fd, "rb") as file:
        _check(os.fstat(fd), limit)
        # One byte past the limit tells a file that grew since (or whose size was not known,
        # as in /proc) from one that just fits.
        data = file.read() if limit is None else file.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise UnusableFile(f"is more than {size(limit)}", kind="too-big")
    return data


def why_unusable(path: Path) -> UnusableFile | None:
    """Why `path` cannot be read as a file, without opening it; None for a regular file."""
    try:
        _check(_stat(path), None)
    except UnusableFile as problem:
        return problem
    return None


def size(count: int) -> str:
    """A size in MiB, rounded up, so that a file just past a limit never looks like it."""
    mib = math.ceil(count * 10 / MIB) / 10
    return f"{mib:g} MiB"


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as error:
        raise _stat_error(path, error) from None


def _stat_error(path: Path, error: OSError) -> UnusableFile:
    is_link = os.path.islink(path)
    if error.errno == errno.ELOOP:
        return UnusableFile("is a symbolic link in a loop", kind="loop")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        if is_link:
            return UnusableFile("is a symbolic link to a missing file", kind="missing")
        return UnusableFile("not found", kind="missing")
    return UnusableFile(f"cannot be read: {error.strerror}", kind="unreadable")


def _check(status: os.stat_result, limit: int | None) -> None:
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise UnusableFile("is a folder", kind="folder")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise UnusableFile(f"is not a regular file ({kind})", kind="special")
    if limit is not None and status.st_size > limit:
        raise UnusableFile(f"is {size(status.st_size)}", kind="too-big")


# The largest roles.yaml read: a file of 10,000 roles takes 3.1 MB, and /dev/zero must not
# take all the memory there is.
MAX_FILE_BYTES = 16 * 1024 * 1024


def read_roles_bytes(path: Path) -> bytes:
    """The bytes of roles.yaml; RolesFileUnusable when `path` names no regular file of at most
    MAX_FILE_BYTES (a FIFO or /dev/zero would hang or fill the memory)."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except UnusableFile as problem:
        if problem.kind == "unreadable":  # the file is there: a problem like any other
            raise RolesFileError(path, [Problem(None, problem.reason)]) from None
        raise RolesFileUnusable(path, _unusable_message(problem), problem.reason,
                                problem.kind) from None


def _unusable_message(problem: UnusableFile) -> str:
    if problem.kind == "too-big":
        return f"{problem.reason}; roles.yaml files are limited to {size(MAX_FILE_BYTES)}"
    if problem.reason == "not found":
        return "not found: there is no such file"
    if problem.kind == "folder":
        return "is a folder, not a YAML file"
    return f"{problem.reason}; give the path of a YAML file"
