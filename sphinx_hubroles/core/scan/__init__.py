"""Find what a Sphinx build would judge, without building: role references, labels, cards,
diagrams and glossaries written in MyST and RST pages, and the references inside roles.yaml's
own text fields (myst.py and rst.py read the two markups; findings.py holds what they find).

Pure Python, no Sphinx import: `sphinx-hubroles check` must answer in well under a second.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..digests import text_digest
from ..files import UnusableFile, read_regular_file
from ..lines import editor_lines
from ..model import RolesFile, Text
from ..names import ROLE_PREFIXES
from ..site import Reference, Site, Where, in_roles_file
from .findings import (
    MYST_SUFFIXES,
    RST_SUFFIXES,
    SKIPPED_FOLDERS,
    Findings,
    Source,
    TextSource,
)
from .myst import scan_myst
from .rst import scan_rst

# -- files ------------------------------------------------------------------------------------


def source_files(paths: Iterable[Path], exclude: Iterable[str] = ()) -> list[Path]:
    """The MyST and RST files named or found under `paths`, sorted, without duplicates.

    Folders are walked recursively, skipping hidden folders, built sites, virtualenvs and
    paths that match an `exclude` glob (relative to the folder given)."""
    patterns = list(exclude)
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for file in _walk(path, patterns):
                found.setdefault(file)
        else:
            found.setdefault(path)
    return sorted(found, key=lambda p: str(p))


def _walk(root: Path, patterns: list[str]) -> Iterator[Path]:
    def excluded(relative: str) -> bool:
        return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)

    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name for name in subfolders
            if not name.startswith(".") and name not in SKIPPED_FOLDERS
            and not os.path.exists(here / name / "pyvenv.cfg")
            and not excluded((here / name).relative_to(root).as_posix())
        )
        for name in files:
            if name.endswith(MYST_SUFFIXES + RST_SUFFIXES):
                if not excluded((here / name).relative_to(root).as_posix()):
                    yield here / name


def is_source(path: Path) -> bool:
    return path.name.endswith(MYST_SUFFIXES + RST_SUFFIXES)


# Text without any of these cannot hold a reference (to a role, a person or a term), a label,
# a card, a team directory or a glossary entry, so it is not worth parsing.
# Lowercase, and compared with the lowercased text, as docutils and Sphinx compare role and
# directive names (five times faster than one case-insensitive regex: every text of roles.yaml
# is tested on every build).
_CLUES = ("roles:", "roles-", "people:", "people-", "term", "glossary", "role-card",
          "role-holders")


def has_clue(text: str) -> bool:
    lowered = text.lower()
    return any(clue in lowered for clue in _CLUES)


def scan_file(path: Path, findings: Findings) -> None:
    try:  # never opens a FIFO or device, which would hang or never end
        data = read_regular_file(path)
    except UnusableFile as problem:
        findings.skipped.append((path, problem.reason.removeprefix("is ")))
        return
    findings.files += 1
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        findings.unreadable.append((Source(path, "").where(line, column),
                                    "is not valid UTF-8 (byte "
                                    f"0x{data[error.start]:02x}); save it as UTF-8"))
        text = data.decode("utf-8", errors="replace")
    if not has_clue(text):
        return
    source = Source(path, text)
    if path.name.endswith(RST_SUFFIXES):
        scan_rst(text, source, 0, findings)
    else:
        scan_myst(text, source, 0, findings)


def scan_roles_file(model: RolesFile, memo: dict | None = None,
                    prefixes: tuple[str, ...] = ROLE_PREFIXES,
                    ) -> dict[tuple[str, str], list[Reference]]:
    """The references inside roles.yaml's text fields, placed at their line in roles.yaml, by
    the owner of the text: ('group', id), ('role', id) or ('term', name).

    `memo`, if given, holds the references an earlier scan found in each text: a text whose
    words, file lines and place are as they were is not parsed again (the build keeps the memo
    from one build to the next, so that adding a role parses little more than the new role's
    texts). It is left holding this file's texts alone."""
    memo = {} if memo is None else memo
    source = _roles_source(model)
    windows = _Windows(source)
    found: dict[tuple[str, str], list[Reference]] = {}
    used = set()
    for owner, text in model.texts():
        if not has_clue(text.source):  # most texts: no need for a key, let alone a parse
            continue
        # Another spelling of role labels finds other references in the same text.
        key = windows.memo_key(text.source, text.line) + "".join(prefixes[1:])
        used.add(key)
        if key not in memo:
            site = Site(label_prefixes=prefixes)
            scan_myst(text.source, _text_source(source, text), text.line - 1, site)
            memo[key] = site.references
        if memo[key]:
            found.setdefault(owner, []).extend(memo[key])
    for key in memo.keys() - used:
        del memo[key]
    return found


def scan_roles_file_displays(model: RolesFile) -> dict[tuple[str, str], list[tuple[str, Where]]]:
    """The `role-card`s and `roles-glossary`s written inside roles.yaml's block texts (where
    directives run), at their place in roles.yaml, by the text's owner. Few texts name either,
    so only those are parsed."""
    source: Source | None = None
    found: dict[tuple[str, str], list[tuple[str, Where]]] = {}
    for owner, text in model.texts():
        lowered = text.source.lower()
        if not text.block or ("role-card" not in lowered and "roles-glossary" not in lowered):
            continue
        source = source or _roles_source(model)
        site = Site()
        scan_myst(text.source, _text_source(source, text), text.line - 1, site)
        displays = [("role-card", card.where) for card in site.cards]
        displays += [("roles-glossary", where) for where in site.glossaries]
        if displays:
            found.setdefault(owner, []).extend(sorted(displays, key=lambda d: d[1].sort_key()))
    return found


class _Windows:
    """What a text's references depend on, as a memo key: its words, its line, and the file
    lines that Source.at may look at to place them (those of the text, and 50 more for a
    folded one), and the names the references' places give the file."""

    def __init__(self, source: Source) -> None:
        self.shown = f"{source.located}\0{source.shown}"
        self.joined = "\n".join(source.lines)
        # Where each line starts in `joined`, and where a line after the last would.
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in source.lines)]

    def memo_key(self, text: str, line: int) -> str:
        last = len(self.starts) - 1
        first, end = min(max(line - 1, 0), last), min(line + text.count("\n") + 50, last)
        window = self.joined[self.starts[first]:self.starts[max(first, end)]]
        parts = (self.shown, str(line), text, window)
        return text_digest("\0".join(parts))


def _text_source(source: Source, text: Text) -> Source:
    return source if text.lines is None else TextSource(source, text)


def _roles_source(model: RolesFile) -> Source:
    try:  # the loader read it a moment ago; a regular file, not one swapped for a FIFO
        text = read_regular_file(model.path).decode("utf-8-sig")
    except (UnusableFile, UnicodeDecodeError):
        text = ""
    where = in_roles_file(model, None)
    # roles.yaml's lines are the editor's, as the loader's are (core/lines.py).
    return Source(model.path, text, (where.path, where.name), editor_lines(text))
