"""Ctrl-C stops a `-j 2` build at once, whatever it is doing: reading pages in worker
processes, judging them, drawing diagrams (dot runs in process groups of its own, which a
terminal's Ctrl-C does not reach, so the build stops them itself), or writing pages. The signal
goes to the build's whole process group, as a terminal sends it, at each of those moments, and
from dot itself as it starts (when the build may not have noted the new process yet); nothing
of the build may be left running.

Two hangs were found this way (ext/diagram/jobs.py, core/diagram/render.py): a dot that a
thread started just as Ctrl-C came was not stopped, and the build waited for it up to
hubroles_dot_timeout; and a Ctrl-C that Python swallows while Sphinx forks a worker (ext/
_compat.py) left logging's lock taken, on which the drawing threads waited for ever. The
second cannot be timed from outside; its aftermath can be made, and is, last.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SUBPROCESS_ENV, write_project
from diagram_helpers import svg_elements

ROLES = """
relations:
  oversees: {label: oversees}
roles:
  a: {name: Role A, summary: The first role., relations: {oversees: [b]}}
  b: {name: Role B, summary: The second role.}
"""
# An extension of the test project: at the moment named by HUBROLES_TEST_MOMENT, the process
# that reaches it notes it in the marks file, then waits there for the test's Ctrl-C.
PROBE = """
import os, time

def reached(moment):
    if moment == os.environ.get("HUBROLES_TEST_MOMENT"):
        with open(os.environ["HUBROLES_TEST_MARKS"], "a") as marks:
            marks.write(f"{moment} {os.getpid()}\\n")
        time.sleep(60)

def setup(app):
    app.connect("source-read", lambda app, docname, source: docname == "other"
                and reached("reading"))
    app.connect("env-updated", lambda app, env: reached("judging"))
    app.connect("html-page-context", lambda app, pagename, *args: pagename == "other"
                and reached("writing"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""
# A dot that never ends, and leaves a child of its own behind; each notes its pid and its
# child's. With STOP_FIRST, it sends the build's group the Ctrl-C as soon as it starts.
FAKE_DOT = """#!/bin/sh
{stop_first}echo "dot $$" >> "{marks}"
sleep 100 &
echo "child $!" >> "{marks}"
exec sleep 102
"""
STOP_FIRST = 'kill -INT -"$(cat "{pgid}")"\n'


def project(root: Path, dot: str) -> tuple[Path, Path]:
    marks = root / "marks"
    fake = root / "bin" / "fake-dot"
    fake.parent.mkdir(parents=True)
    fake.write_text(FAKE_DOT.format(marks=marks, stop_first=STOP_FIRST.format(
        pgid=root / "pgid") if dot == "stops-the-build" else ""))
    fake.chmod(0o755)
    graphviz_dot = "dot" if dot == "real" else str(fake)
    src = write_project(root / "src", {
        "conf.py": 'import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n'
                   'extensions = ["myst_parser", "sphinx_hubroles", "probe"]\n'
                   f'graphviz_dot = {graphviz_dot!r}\n',
        "probe.py": PROBE,
        "roles.yaml": ROLES,
        # Three diagrams for two dot processes: one waits for a free one.
        "index.md": "# Roles\n\n```{roles-diagram}\n```\n\n```{toctree}\nother\n```\n",
        "other.md": "# Other\n\n```{roles-diagram}\n:focus: a\n```\n\n"
                    "```{roles-diagram}\n:focus: b\n```\n",
    })
    return src, marks


def still_running(pid: int) -> bool:
    """Alive and not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def group_members(pgid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and still_running(int(entry.name)):
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                found.append(int(entry.name))
    return found


def marks_of(path: Path) -> list[tuple[str, int]]:
    text = path.read_text() if path.exists() else ""
    return [(name, int(pid)) for name, pid in (line.split() for line in text.splitlines())]


# moment -> (the dot, the marks to wait for before Ctrl-C; None: dot sends it itself)
MOMENTS = {
    "reading": ("fake", ["reading"]),  # in a -j reader process; the main one waits for it
    "judging": ("fake", ["judging"]),  # env-updated, in the main process
    "drawing": ("fake", ["dot", "dot"]),  # both dot processes running, a third diagram queued
    "dot-starting": ("stops-the-build", None),  # dot's group just made
    "writing": ("real", ["writing"]),  # in a -j writer process, the diagrams drawn
}


def interrupt(root: Path, moment: str) -> dict:
    """Build with -j 2, send Ctrl-C at `moment`, and say what happened."""
    dot, wait_for = MOMENTS[moment]
    src, marks = project(root, dot)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "2", str(src),
               str(src / "_build" / "html")]
    env = {**SUBPROCESS_ENV, "HUBROLES_TEST_MOMENT": moment, "HUBROLES_TEST_MARKS": str(marks)}
    # A session of its own, standing for the terminal's foreground process group.
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, start_new_session=True, env=env)
    (root / "pgid").write_text(str(build.pid))
    result = {"moment": moment}
    try:
        deadline = time.monotonic() + 90
        while wait_for is not None and sorted(name for name, _pid in marks_of(marks)
                                              if name in wait_for) != sorted(wait_for):
            assert build.poll() is None, build.stderr.read()
            assert time.monotonic() < deadline, f"{moment} was never reached"
            time.sleep(0.05)
        time.sleep(0.2)  # settled there
        signalled = time.monotonic()
        if wait_for is not None:
            os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C does
        result["stderr"] = build.communicate(timeout=60)[1]
        result["stopped after"] = time.monotonic() - signalled
        result["returncode"] = build.returncode
        time.sleep(0.1)  # a process killed a moment ago may not be reaped yet
        result["left running"] = group_members(build.pid) + [
            pid for _name, pid in marks_of(marks) if still_running(pid)]
        result["dots started"] = sum(name == "dot" for name, _pid in marks_of(marks))
        return result
    finally:  # whatever the outcome, nothing of this test's is left behind
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.communicate()
        for pid in group_members(build.pid) + [pid for _name, pid in marks_of(marks)]:
            if still_running(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory) -> dict[str, dict]:
    """Every moment at once: each build waits in a probe or in dot most of the time."""
    with ThreadPoolExecutor(len(MOMENTS)) as pool:
        results = pool.map(lambda moment: interrupt(tmp_path_factory.mktemp(moment), moment),
                           MOMENTS)
        return {result["moment"]: result for result in results}


@pytest.mark.parametrize("moment", MOMENTS)
def test_ctrl_c_stops_the_build_at_once(interrupted, moment):
    result = interrupted[moment]
    assert result["stopped after"] < 15, result["stderr"]
    assert result["returncode"] == 2 and "Interrupted!" in result["stderr"], result["stderr"]
    assert result["left running"] == []


def test_no_dot_starts_after_ctrl_c(interrupted):
    # Two ran when Ctrl-C came; the third diagram's was never started.
    assert interrupted["drawing"]["dots started"] == 2


LOST_CTRL_C = """
import logging

def setup(app):
    # What Python leaves when a Ctrl-C lands in logging's after-fork handler: the module's
    # lock taken by the main thread, for good.
    app.connect("write-started", lambda app, builder: logging._acquireLock(), priority=1)
    app.connect("build-finished", lambda app, exception: logging._releaseLock())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def test_a_lost_ctrl_c_does_not_hang_the_drawing(project):
    """The drawing threads do not log (the main thread logs for them): with logging's lock
    taken for good, the build draws its diagrams and ends."""
    src = project({
        "conf.py": 'import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n'
                   'extensions = ["myst_parser", "sphinx_hubroles", "lost"]\n',
        "lost.py": LOST_CTRL_C, "roles.yaml": ROLES,
        "index.md": "# Roles\n\n```{roles-diagram}\n```\n\n```{roles-diagram}\n:focus: b\n"
                    "```\n"})
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "2", "-v", str(src),
               str(src / "_build" / "html")]
    build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=SUBPROCESS_ENV)
    try:
        stdout, stderr = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
            build.communicate()
    assert build.returncode == 0, stderr
    assert stdout.count("hubroles: running ") == 2  # logged, by the main thread
    assert len(svg_elements((src / "_build" / "html" / "index.html").read_text())) == 2
