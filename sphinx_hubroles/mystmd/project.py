"""A MyST-MD project, as sphinx-hubroles reads it: its myst.yml (the folder it sits in is the
project's root), the settings it gives under `project: options:`, and its pages (the `toc`,
or every Markdown file of the folder, less `exclude`).

The settings have the names of the Sphinx configuration values, so that a team moving between
the engines keeps them: `hubroles_file` (roles.yaml's path, relative to myst.yml),
`hubroles_role_terms`, `hubroles_label_prefixes`, `hubroles_dot` and `hubroles_dot_timeout`.
mystmd keeps `project: options:` for templates and plugins and does not warn about them.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.answer import Settings
from ..core.diagram.timeout import timeout_problem
from ..core.files import UnusableFile, read_regular_file
from ..core.names import label_prefix_problem, role_prefixes
from ..core.scan.findings import SKIPPED_FOLDERS

MYST_FILE = "myst.yml"
PAGE_SUFFIXES = (".md", ".ipynb")
BUILD_FOLDER = "_build"
# The folder of the build where sphinx-hubroles keeps its diagrams and answers.
CACHE_FOLDER = "hubroles"


class ProjectError(Exception):
    """myst.yml cannot be read, or gives a setting that cannot be used; the message says why,
    naming the file."""


@dataclass
class MystProject:
    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def project(self) -> dict[str, Any]:
        project = self.config.get("project")
        return project if isinstance(project, dict) else {}

    @property
    def options(self) -> dict[str, Any]:
        options = self.project.get("options")
        return options if isinstance(options, dict) else {}

    def option(self, name: str, default: Any, check) -> Any:
        if name not in self.options:
            return default
        value = self.options[name]
        problem = check(value)
        if problem:
            raise ProjectError(f"{self.root / MYST_FILE}: project: options: {name}: {problem}")
        return value

    def settings(self) -> Settings:
        roles = self.option("hubroles_file", "roles.yaml", _text)
        prefixes = self.option("hubroles_label_prefixes", [], _prefixes)
        return Settings(
            roles_file=self.root / roles,
            role_terms=self.option("hubroles_role_terms", True, _boolean),
            label_prefixes=role_prefixes(prefixes),
            dot=self.option("hubroles_dot", "dot", _text),
            dot_timeout=self.option("hubroles_dot_timeout", Settings.dot_timeout,
                                    timeout_problem),
            cache=self.root / BUILD_FOLDER / CACHE_FOLDER,
            workers=max(1, min(4, os.cpu_count() or 1)),
        )

    def pages(self) -> list[Path]:
        """The project's pages: those its toc names (files, and files matching its patterns,
        at any depth), or every Markdown and notebook file of its folder; less those that match
        `exclude`, and never the build folder."""
        excluded = [pattern for pattern in self.project.get("exclude") or []
                    if isinstance(pattern, str)]
        toc = self.project.get("toc")
        if isinstance(toc, list) and toc:
            found = list(dict.fromkeys(self._toc_files(toc)))
        else:
            found = sorted(self._all_files())
        return [path for path in found if path.is_file() and not self._excluded(path, excluded)]

    def _toc_files(self, entries: list) -> list[Path]:
        files: list[Path] = []
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            if isinstance(entry.get("file"), str):
                files.append(self.root / entry["file"])
            if isinstance(entry.get("pattern"), str):
                files += sorted(path for path in self.root.glob(entry["pattern"])
                                if path.suffix in PAGE_SUFFIXES)
            if isinstance(entry.get("children"), list):
                files += self._toc_files(entry["children"])
        return files

    def _all_files(self) -> list[Path]:
        found = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = [name for name in subfolders
                             if not name.startswith(".") and name not in SKIPPED_FOLDERS]
            found += [Path(folder) / name for name in files if name.endswith(PAGE_SUFFIXES)]
        return found

    def _excluded(self, path: Path, patterns: list[str]) -> bool:
        relative = path.relative_to(self.root).as_posix()
        return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "give a text"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "give true or false"


def _prefixes(value: Any) -> str | None:
    if not isinstance(value, list):
        return "give a list of label prefixes, such as [role:]"
    return next((problem for problem in map(label_prefix_problem, value) if problem), None)


def find_project(start: Path) -> MystProject | None:
    """The MyST-MD project whose myst.yml is in `start` or a folder above it, if any (one
    with a `project:`: a myst.yml may describe a site of several projects)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MYST_FILE).is_file():
            project = load_project(folder)
            if project.project:
                return project
    return None


def load_project(root: Path) -> MystProject:
    path = root / MYST_FILE
    try:
        config = yaml.safe_load(read_regular_file(path, limit=1024 * 1024).decode("utf-8-sig"))
    except (UnusableFile, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        raise ProjectError(f"{path}: cannot be read: {reason}") from None
    return MystProject(root, config if isinstance(config, dict) else {})
