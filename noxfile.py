"""Developer sessions: `nox -s docs` builds the handbook, `nox -s tests` runs the tests,
`nox -s myst` builds the handbook with MyST-MD (mystmd) and the plugin, `nox -s bench`
compares build times with hand-written pages and sphinx-needs."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

DOCS_BUILD = ["docs", "docs/_build/html"]


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite against the newest Sphinx and MyST-Parser."""
    # The docs extra too: the handbook tests build the real docs with their theme.
    session.install("-e", ".[test,docs]")
    # Two workers (pytest-xdist): about half the time on two cores. Arguments go to pytest,
    # after ours: `nox -s tests -- tests/test_cards.py -n 0` runs one file in one process.
    session.run("pytest", "-n", "2", *session.posargs)


@nox.session(name="tests-oldest")
def tests_oldest(session: nox.Session) -> None:
    """Run the test suite against the oldest Sphinx and MyST-Parser we support."""
    session.install("-e", ".[test,docs]", "sphinx==8.1.*", "myst-parser==4.0.*")
    session.run("pytest", "-n", "2", *session.posargs)


# The MyST-MD tests, and the mystmd versions they run against in `nox -s mystmd`: the oldest
# supported (pyproject.toml's mystmd extra) and the newest.
MYSTMD_TESTS = ["tests/test_mystmd.py", "tests/test_mystmd_problems.py", "tests/test_protocol.py",
                "tests/test_mystmd_handbook.py", "tests/test_mystmd_start.py",
                "tests/test_label_prefixes.py",
                "tests/browser/test_mystmd_browser.py"]
OLDEST_MYSTMD = "1.9.0"


@nox.session
@nox.parametrize("mystmd", [OLDEST_MYSTMD, "newest"])
def mystmd(session: nox.Session, mystmd: str) -> None:
    """Run the MyST-MD tests against the oldest and the newest mystmd we support."""
    session.install("-e", ".[test,docs]")
    session.install(f"mystmd=={mystmd}" if mystmd != "newest" else "mystmd")
    session.run("pytest", *MYSTMD_TESTS, *session.posargs)


@nox.session
def myst(session: nox.Session) -> None:
    """Build the handbook as a MyST-MD project (myst.yml, with the plugin), offline: each
    page's AST, myst.xref.json and objects.inv, in _build/site."""
    session.install("-e", ".[mystmd]")
    session.run("myst", "build", "--site", "--strict", env={"NO_UPDATE_NOTIFIER": "1"})


@nox.session
def docs(session: nox.Session) -> None:
    """Build the handbook into docs/_build/html, failing on any warning."""
    session.install("-e", ".[docs]")
    session.run("sphinx-build", "-nW", "--keep-going", "-b", "html", *DOCS_BUILD)


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Serve the handbook and rebuild it when a page or roles.yaml changes."""
    session.install("-e", ".[docs]", "sphinx-autobuild")
    session.run("sphinx-autobuild", "--watch", "roles.yaml", "--watch", "sphinx_hubroles",
                "-n", *DOCS_BUILD, *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Build one synthetic handbook hand-written, with sphinx-needs and with sphinx-hubroles,
    and print the table of docs/reference/performance.md. Arguments go to the script:
    `nox -s bench -- --sizes 20,200`, `nox -s bench -- --quick` (a smoke run)."""
    session.install("-e", ".[docs]", "sphinx-needs")
    session.run("python", "benchmarks/scale.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff."""
    session.install("ruff")
    session.run("ruff", "check", "sphinx_hubroles", "tests", "docs", "benchmarks", "noxfile.py")
