"""Paths that name something other than a regular file: /dev/zero, /dev/urandom, FIFOs,
symbolic links that loop or point nowhere, and a roles.yaml past the size limit.

The real sphinx-build and the real command run in subprocesses with a time limit and a memory
limit, so that a hang or a read that never ends fails the test instead of the machine. Generated
trees of such files go through the command's file discovery and the loader.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_helpers import CARDS, ROLES, write_tree
from conftest import BuildResult, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_hubroles.core import files
from sphinx_hubroles.core.files import MAX_FILE_BYTES, read_regular_file
from sphinx_hubroles.core.loader import load_roles
from sphinx_hubroles.core.problems import RolesFileError, RolesFileUnusable
from sphinx_hubroles.core.scan import scan_file, source_files
from sphinx_hubroles.core.scan.findings import Findings

TIMEOUT = 120  # seconds; a build that waits on a FIFO would wait for ever
MEMORY = 2 * 1024**3  # bytes of address space; reading /dev/zero took 5 GB in 6 s
MIB = 1024 * 1024


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def limited(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                          preexec_fn=_limit_memory,
                          env={**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore",
                               "COLUMNS": "100"})


def build(srcdir: Path) -> BuildResult:
    outdir = srcdir / "_build" / "html"
    done = limited([sys.executable, "-m", "sphinx", "-b", "html", str(srcdir), str(outdir)],
                   srcdir)
    return BuildResult(done.returncode, done.stdout, done.stderr, srcdir, outdir)


def hubroles(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return limited([sys.executable, "-m", "sphinx_hubroles", *args], cwd)


def big_roles_yaml(size: int) -> bytes:
    """A valid roles.yaml of `size` bytes: one role, then comment lines."""
    head = ROLES.encode()
    line = b"# " + b"x" * 1021 + b"\n"
    body = line * ((size - len(head)) // len(line))
    return head + body + b"#" * (size - len(head) - len(body) - 1) + b"\n"


def make(folder: Path, name: str, kind: str) -> str:
    """Put a file of `kind` at folder/name; returns what hubroles_file or --roles is set to."""
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to a fifo":
        os.mkfifo(folder / "pipe")
        path.symlink_to("pipe")
    elif kind == "loop":
        path.symlink_to(name)
    elif kind == "loop of two":
        path.symlink_to("other")
        (folder / "other").symlink_to(name)
    elif kind == "dangling link":
        path.symlink_to("missing.yaml")
    elif kind == "17 MiB":
        path.write_bytes(big_roles_yaml(17 * MIB))
    elif kind in ("/dev/zero", "/dev/urandom"):
        return kind
    else:
        raise AssertionError(kind)
    return name


FIFO = "is not a regular file (a FIFO)"
DEVICE = "is not a regular file (a character device)"
LOOP = "is a symbolic link in a loop"
KINDS = {
    # kind: (what the build says, what the command says)
    "/dev/zero": (f"{DEVICE}; give the path of a YAML file", DEVICE),
    "/dev/urandom": (f"{DEVICE}; give the path of a YAML file", DEVICE),
    "fifo": (f"{FIFO}; give the path of a YAML file", FIFO),
    "link to a fifo": (f"{FIFO}; give the path of a YAML file", FIFO),
    "loop": (f"{LOOP}; give the path of a YAML file", LOOP),
    "loop of two": (f"{LOOP}; give the path of a YAML file", LOOP),
    "dangling link": ("is a symbolic link to a missing file; give the path of a YAML file",
                      "is a symbolic link to a missing file"),
    "17 MiB": ("is 17 MiB; roles.yaml files are limited to 16 MiB", "is 17 MiB"),
}


# -- the build -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_build_refuses_what_is_not_a_regular_roles_yaml(tmp_path, kind):
    srcdir = write_project(tmp_path / "src", {"index.md": "# Roles\n"})
    path = make(srcdir, "roles.yaml", kind)
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_hubroles"]\n'
                                    f"hubroles_file = {path!r}\n", encoding="utf-8")
    result = build(srcdir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.warnings() == [
        f"ERROR: {path}: {KINDS[kind][0]} [hubroles.yaml]",
        f"ERROR: sphinx-hubroles stopped the build: fix {path} and build again "
        f"(hubroles_file = {path!r})"]
    assert not (result.outdir / "index.html").exists()


def test_a_roles_yaml_of_exactly_16_mib_builds(tmp_path):
    srcdir = write_project(tmp_path / "src", {"index.md": "# Roles\n"})
    (srcdir / "roles.yaml").write_bytes(big_roles_yaml(MAX_FILE_BYTES))
    result = build(srcdir)
    assert (result.returncode, result.warnings()) == (0, [])


# -- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_command_calls_such_a_roles_yaml_a_usage_error(tmp_path, kind, command):
    path = make(tmp_path, "roles.yaml", kind)
    run = hubroles(tmp_path, command, "--roles", path)
    advice = ("roles.yaml files are limited to 16 MiB" if kind == "17 MiB"
              else "give the path of roles.yaml with --roles PATH")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith("usage: sphinx-hubroles")
    assert run.stderr.splitlines()[-1] == (
        f"sphinx-hubroles {command}: error: {path}: {KINDS[kind][1]}; {advice}")


def special_tree(root: Path) -> Path:
    """A docs tree with a broken reference on a real page and on a page reached through a
    link, among links that point nowhere or loop, a FIFO and a device named like pages."""
    write_tree(root, {"roles.yaml": ROLES, **CARDS,
                      "page.md": "# Page\n\nSee [](roles:nobody).\n"})
    docs = root / "docs"
    docs.mkdir()
    (docs / "dangling.md").symlink_to("missing.md")
    (docs / "loop.md").symlink_to("loop.md")
    os.mkfifo(docs / "fifo.md")
    (docs / "pipe.rst").symlink_to("fifo.md")
    (docs / "zero.md").symlink_to("/dev/zero")
    (docs / "linked.md").symlink_to("../page.md")
    (docs / "folder.md").mkdir()
    return root


def test_check_skips_links_to_nothing_fifos_and_devices_with_a_note(tmp_path):
    run = hubroles(special_tree(tmp_path), "check")
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "docs/linked.md:3:8: unknown role 'nobody' in reference 'roles:nobody'",
        "page.md:3:8: unknown role 'nobody' in reference 'roles:nobody'"]
    assert run.stderr.splitlines() == [
        "docs/dangling.md: skipped: a symbolic link to a missing file",
        "docs/fifo.md: skipped: not a regular file (a FIFO)",
        "docs/loop.md: skipped: a symbolic link in a loop",
        "docs/pipe.rst: skipped: not a regular file (a FIFO)",
        "docs/zero.md: skipped: not a regular file (a character device)",
        "sphinx-hubroles: 2 problems in 4 files and roles.yaml"]


def test_skipped_files_do_not_change_the_exit_status(tmp_path):
    special_tree(tmp_path)
    (tmp_path / "page.md").write_text("# Page\n", encoding="utf-8")
    run = hubroles(tmp_path, "check")
    assert (run.returncode, run.stdout) == (0, "")
    assert run.stderr.splitlines()[-1] == "sphinx-hubroles: no problems in 4 files and roles.yaml"


@pytest.mark.parametrize("name, reason", [
    ("docs/fifo.md", "is not a regular file (a FIFO)"),
    ("docs/pipe.rst", "is not a regular file (a FIFO)"),
    ("docs/zero.md", "is not a regular file (a character device)"),
    ("docs/loop.md", "is a symbolic link in a loop"),
    ("docs/dangling.md", "is a symbolic link to a missing file"),
])
def test_such_a_page_named_on_the_command_line_is_a_usage_error(tmp_path, name, reason):
    run = hubroles(special_tree(tmp_path), "check", name)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines()[-1] == (
        f"sphinx-hubroles check: error: {name}: {reason}; give pages or folders to scan")


# -- reading at most the limit -------------------------------------------------------------------


def test_a_file_that_holds_more_than_its_size_says_is_read_no_further(monkeypatch):
    """Files in /proc say they hold 0 bytes; a file may grow after its size was read. Either
    way, one byte past the limit is read, and no more."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0 and len(status.read_bytes()) > 200
    with pytest.raises(Exception) as caught:
        read_regular_file(status, limit=100)
    assert (caught.value.kind, caught.value.reason) == ("too-big", "is more than 0.1 MiB")
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    with pytest.raises(RolesFileUnusable) as caught:
        load_roles(status)
    assert caught.value.lines() == [
        "/proc/self/status: is more than 0.1 MiB; roles.yaml files are limited to 0.1 MiB"]


# -- generated: chains of links to every kind of file ---------------------------------------------

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
TARGETS = ["roles", "page", "too big", "fifo", "device", "folder", "missing", "loop"]


@contextmanager
def no_hang(seconds: int = 10):
    """Fail, rather than wait for ever, if something opens a FIFO."""
    def fail(*_):
        raise AssertionError(f"still running after {seconds} s: something waits on a FIFO")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def place(folder: Path, name: str, target: str, links: int) -> Path:
    """`name` in `folder`: a file of kind `target`, or a chain of `links` symbolic links that
    ends at one (a loop's last link points back at its first; a loop of no links is a link to
    itself)."""
    first = folder / name
    chain = [first] + [folder / f"{name}.{i}" for i in range(1, links)]
    end = folder / f"{name}.end" if links else first
    if target == "roles":
        end.write_text(ROLES, encoding="utf-8")
    elif target == "page":
        end.write_text("# Page\n\n[](roles:nobody)\n", encoding="utf-8")
    elif target == "too big":  # sparse: its size is all that is read
        with open(end, "wb") as file:
            file.truncate(MAX_FILE_BYTES + 1)
    elif target == "fifo":
        os.mkfifo(end)
    elif target == "device":
        end.symlink_to("/dev/zero")
    elif target == "folder":
        end.mkdir()
    elif target == "loop" and not links:
        first.symlink_to(name)
    if links:
        last = first if target == "loop" else end
        for link, after in zip(chain, [*chain[1:], last], strict=True):
            link.symlink_to(after.name)
    return first


LOADER_SAYS = {
    "too big": ("too-big", "is 16.1 MiB"), "fifo": ("special", "is not a regular file (a FIFO)"),
    "device": ("special", "is not a regular file (a character device)"),
    "folder": ("folder", "is a folder"), "loop": ("loop", "is a symbolic link in a loop"),
}


@settings(max_examples=60, **SETTINGS)
@given(st.sampled_from(TARGETS), st.integers(0, 3))
def test_the_loader_on_every_kind_of_file_at_the_end_of_links(target, links):
    with tempfile.TemporaryDirectory() as folder, no_hang():
        path = place(Path(folder), "roles.yaml", target, links)
        if target == "roles":
            assert list(load_roles(path).roles) == ["hub-engineer", "hub-administrator"]
            return
        with pytest.raises(RolesFileError) as caught:
            load_roles(path)
        error = caught.value
        if target == "page":  # a regular file, read as YAML
            assert not isinstance(error, RolesFileUnusable)
            return
        assert isinstance(error, RolesFileUnusable)
        if target == "missing":
            assert (error.kind, error.reason) == ("missing", "not found" if not links else
                                                  "is a symbolic link to a missing file")
        else:
            assert (error.kind, error.reason) == LOADER_SAYS[target]


@settings(max_examples=40, **SETTINGS)
@given(st.lists(st.tuples(st.sampled_from([t for t in TARGETS if t != "too big"]),
                          st.integers(0, 2), st.sampled_from([".md", ".rst", ".txt"])),
                max_size=8))
def test_check_discovery_reads_regular_pages_and_skips_the_rest(entries):
    """Whatever a docs tree holds, discovery finds the pages by name, scanning reads the
    regular ones (through links too) and skips everything else with its reason, and nothing
    waits on a FIFO."""
    with tempfile.TemporaryDirectory() as folder, no_hang():
        root = Path(folder)
        read, with_reference, skipped = set(), set(), {}
        for index, (target, links, suffix) in enumerate(entries):
            path = place(root, f"p{index}{suffix}", target, links)
            if suffix == ".txt" or target == "folder" or (target == "missing" and not links):
                continue  # not a page by its name, a folder (walked), or nothing at all
            if target in ("roles", "page"):
                read.add(path)
                if suffix == ".md":  # both hold a MyST `[](roles:...)` reference
                    with_reference.add(path)
            elif target == "missing":
                skipped[path] = "a symbolic link to a missing file"
            else:
                skipped[path] = LOADER_SAYS[target][1].removeprefix("is ")
        findings = Findings()
        for path in source_files([root]):
            scan_file(path, findings)
        assert dict(findings.skipped) == skipped
        assert len(findings.skipped) == len(skipped)
        assert findings.files == len(read)
        assert {Path(ref.where.path) for ref in findings.references} == with_reference
