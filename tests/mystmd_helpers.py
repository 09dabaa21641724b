"""Build real MyST-MD projects (mystmd's `myst`, or `jupyter-book`) with the plugin, offline.

The book theme cannot be downloaded offline, so each project gets a local placeholder site
template (a folder holding only a template.yml): `myst build --site` then writes every page's
AST (`_build/site/content/<page>.json`), `myst.xref.json` and `objects.inv`, which the tests
read. Each project is built once per test module (mystmd builds take seconds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from conftest import SUBPROCESS_ENV

from sphinx_hubroles.mystmd import PLUGIN

BIN = Path(sys.executable).parent
TEMPLATE = "jtex: v1\ntitle: placeholder\n"
# Where a test may have the plugin's requests and answers recorded (HUBROLES_PYTHON).
RECORDER = Path(__file__).parent / "mystmd_recorder.py"


def program(name: str) -> str:
    """`myst` or `jupyter-book`, from this Python's environment (or PATH)."""
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def environment(**extra: str) -> dict[str, str]:
    return {**SUBPROCESS_ENV, "NO_UPDATE_NOTIFIER": "1", "CI": "1",
            "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]), **extra}


def offline_config(text: str) -> str:
    """A myst.yml made to build offline here: the plugin of this checkout (by absolute path)
    and the placeholder template."""
    config = yaml.safe_load(text)
    config["project"]["plugins"] = [str(PLUGIN)]
    config["site"] = {**(config.get("site") or {}), "template": "./_template"}
    return yaml.safe_dump(config, sort_keys=False)


def write_myst_project(root: Path, files: dict[str, str]) -> Path:
    """Write a project: `files` by name (dedented); myst.yml is made offline-ready."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text).lstrip("\n")
        path.write_text(offline_config(text) if name == "myst.yml" else text, encoding="utf-8")
    (root / "_template").mkdir(exist_ok=True)
    (root / "_template" / "template.yml").write_text(TEMPLATE, encoding="utf-8")
    return root


def copy_myst_project(source: Path, root: Path) -> Path:
    files = {path.relative_to(source).as_posix(): path.read_text(encoding="utf-8")
             for path in source.rglob("*") if path.is_file() and "_build" not in path.parts}
    return write_myst_project(root, files)


def myst_config(pages: list[str], options: dict | None = None) -> str:
    project = {"title": "Test", "plugins": [str(PLUGIN)],
               "toc": [{"file": page} for page in pages]}
    if options:
        project["options"] = options
    return yaml.safe_dump({"version": 1, "project": project}, sort_keys=False)


@dataclass
class MystRun:
    returncode: int
    stdout: str
    stderr: str
    root: Path

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def errors(self) -> list[str]:
        """The lines that report errors, once each (mystmd repeats them in its summary)."""
        lines = [line.strip() for line in self.output.splitlines() if "⛔" in line]
        return list(dict.fromkeys(re.sub(r"^⛔️?\s*", "", line) for line in lines
                                  if not line.startswith("- ")))

    def page(self, name: str) -> dict:
        """A page's AST, after every transform."""
        return json.loads((self.root / "_build/site/content" / f"{name}.json")
                          .read_text(encoding="utf-8"))["mdast"]

    def xref(self) -> dict:
        return json.loads((self.root / "_build/site/myst.xref.json").read_text(encoding="utf-8"))

    def inventory(self) -> dict[str, tuple[str, str, str]]:
        """objects.inv: name -> (domain:role, uri, display name)."""
        return read_inventory((self.root / "_build/site/objects.inv").read_bytes())


def read_inventory(data: bytes) -> dict[str, tuple[str, str, str]]:
    start = 0
    for _ in range(4):
        start = data.index(b"\n", start) + 1
    entries = {}
    for line in zlib.decompress(data[start:]).decode("utf-8").splitlines():
        match = re.match(r"(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)", line)
        if match:
            name, role, _priority, uri, shown = match.groups()
            entries[name] = (role, uri, shown)
    return entries


def myst_build(root: Path, *args: str, name: str = "myst", env: dict | None = None,
               timeout: int = 600) -> MystRun:
    done = subprocess.run([program(name), "build", *args], cwd=root, capture_output=True,
                          text=True, env=environment(**(env or {})), timeout=timeout)
    return MystRun(done.returncode, done.stdout, done.stderr, root)


def nodes(tree: dict, node_type: str | None = None, **attributes) -> list[dict]:
    """Every node of `node_type` (any, if None) whose attributes have the given values."""
    found = []

    def walk(node: dict) -> None:
        if (node_type is None or node.get("type") == node_type) and all(
                node.get(key) == value for key, value in attributes.items()):
            found.append(node)
        for child in node.get("children", ()):
            walk(child)

    walk(tree)
    return found


def text(node: dict) -> str:
    if "value" in node and isinstance(node["value"], str):
        return node["value"]
    return "".join(text(child) for child in node.get("children", ()))


def without_keys(value):
    """A page's AST without the random `key` mystmd gives each node on every build."""
    if isinstance(value, dict):
        return {name: without_keys(item) for name, item in value.items() if name != "key"}
    if isinstance(value, list):
        return [without_keys(item) for item in value]
    return value
