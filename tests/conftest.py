"""Shared helpers: build small real Sphinx projects with real MyST and real Graphviz."""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

pytest_plugins = "sphinx.testing.fixtures"

FIXTURES = Path(__file__).parent / "fixtures"
# The environment of every process a test starts: deprecation warnings from sphinx_hubroles
# are errors there (sitecustomize/). PYTHONWARNINGS is set, empty, so that Sphinx does not
# add a filter of its own for its deprecations in front of that one.
SUBPROCESS_ENV = {
    **os.environ,
    "NO_COLOR": "1",
    "PYTHONWARNINGS": "",
    "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent / "sitecustomize"),
                                                os.environ.get("PYTHONPATH")])),
}
DEFAULT_CONF = 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
# The roles most test sites use: four roles in two groups, with relations, terms and aliases.
TEAM = (FIXTURES / "team.yaml").read_text(encoding="utf-8")


def cards_page(title: str, glossary: str | None = "Glossary") -> str:
    """A MyST page with the cards of TEAM's three related roles and, under the heading
    `glossary`, its `roles-glossary` (none when `glossary` is None)."""
    cards = "\n".join(f"```{{role-card}} {role_id}\n```\n" for role_id in (
        "community-representative", "hub-administrator", "hub-engineer"))
    page = f"# {title}\n\n{cards}"
    if glossary is not None:
        page += f"\n## {glossary}\n\n```{{roles-glossary}}\n```\n"
    return page


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    srcdir: Path
    outdir: Path
    # Of a build in this process (build_here): the pages Sphinx handed to its readers, and
    # those written in this process (with `-j`, others are written in worker processes).
    read: set[str] | None = None
    written: set[str] | None = None

    def html(self, page: str) -> str:
        return (self.outdir / page).read_text(encoding="utf-8")

    def previews(self) -> dict[str, str]:
        """The hover previews of the site (_static/hubroles-previews.js), by card anchor."""
        text = (self.outdir / "_static" / "hubroles-previews.js").read_text(encoding="utf-8")
        prefix = "window.hubrolesPreviews = "
        line = next(line for line in text.splitlines() if line.startswith(prefix))
        return json.loads(line[len(prefix):].rstrip(";"))

    def warnings(self) -> list[str]:
        """Warning and error lines, with the source folder cut off their locations."""
        prefix = str(self.srcdir) + os.sep
        return [line.replace(prefix, "") for line in self.stderr.splitlines()
                if "WARNING" in line or "ERROR" in line]


def write_project(srcdir: Path, files: dict[str, str]) -> Path:
    """Write a project; `conf.py` defaults to MyST plus sphinx_hubroles."""
    files = {"conf.py": DEFAULT_CONF, **files}
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return srcdir


def sphinx_build(srcdir: Path, *args: str, builder: str = "html",
                 outdir: Path | None = None) -> BuildResult:
    """Run the real `sphinx-build` in a subprocess, as a user or CI would."""
    outdir = outdir or srcdir / "_build" / builder
    command = [sys.executable, "-m", "sphinx", "-b", builder, *args, str(srcdir), str(outdir)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=srcdir,
                          env=SUBPROCESS_ENV)
    return BuildResult(done.returncode, done.stdout, done.stderr, srcdir, outdir)


def build_here(srcdir: Path, builder: str = "html", *, parallel: int = 0,
               builddir: Path | None = None, nitpicky: bool = False) -> BuildResult:
    """Build in this process with sphinx.testing's SphinxTestApp (Sphinx's `basic` theme),
    output in `builddir`/`builder` (by default `srcdir`/_build/`builder`): a fraction of the
    time a `sphinx-build` process takes, for tests that build again and again. Not for a
    build that stops on a bad roles.yaml, which ends with SystemExit before SphinxTestApp can
    clean up after itself."""
    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_escape_sequences

    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir or srcdir / "_build",
                        parallel=parallel, confoverrides={"nitpicky": True} if nitpicky else {})
    read: set[str] = set()
    written: set[str] = set()

    def note_written(_app, page: str, _template, _context, doctree) -> None:
        if doctree is not None:  # a page of the project, not the index or the search page
            written.add(page)

    try:
        app.connect("env-before-read-docs", lambda _app, _env, docnames: read.update(docnames))
        app.connect("html-page-context", note_written)
        app.build()
    finally:
        app.cleanup()
    return BuildResult(0, strip_escape_sequences(app.status.getvalue()),
                       strip_escape_sequences(app.warning.getvalue()), srcdir, app.outdir,
                       read, written)


T = TypeVar("T")
_built_once: dict[str, object] = {}


def built_once(tmp_path_factory, name: str, build: Callable[[Path], T]) -> T:
    """What `build(folder)` returns, built once per test run and shared by every test module
    that asks for `name` (a site several modules assert on). Under `pytest -n` the first worker
    to ask builds it, in a folder of the run's, while the others wait; they read its result
    back (a pickle). The sharing modules read the built site and never change it."""
    if name in _built_once:
        return _built_once[name]
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        result = build(tmp_path_factory.mktemp(name))
    else:
        # Each worker's base folder is inside the run's (pytest-xdist), shared by all workers.
        shared = tmp_path_factory.getbasetemp().parent / "built-once"
        shared.mkdir(exist_ok=True)
        with open(shared / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            done = shared / f"{name}.pickle"
            if done.exists():
                result = pickle.loads(done.read_bytes())
            else:
                # A folder of its own: a worker whose build failed may have left one behind.
                result = build(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=shared)))
                done.write_bytes(pickle.dumps(result))
    _built_once[name] = result
    return result


DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture(scope="session")
def docs_build(tmp_path_factory) -> BuildResult:
    """The real docs (the handbook) built as `nox -s docs` builds them, with -nW --keep-going;
    once per test run, for tests/test_handbook.py and the browser tests alike."""
    return built_once(tmp_path_factory, "docs", lambda folder: sphinx_build(
        DOCS, "-nW", "--keep-going", "-d", str(folder / "doctrees"), outdir=folder / "html"))


@pytest.fixture
def project(tmp_path):
    """`project(files)` writes a project into a fresh folder and returns its path."""

    def make(files: dict[str, str]) -> Path:
        return write_project(tmp_path / "src", files)

    return make


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "roles-for-the-service.md").read_text(encoding="utf-8")
