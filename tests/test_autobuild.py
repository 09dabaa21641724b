"""`sphinx-autobuild`, as the docs-live session runs it (`--watch roles.yaml`), rebuilds the
site when roles.yaml changes, even though roles.yaml sits outside the source folder."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import SUBPROCESS_ENV, TEAM, write_project

PAGES = {
    # Like docs/conf.py: the roles live next to the source folder, not in it.
    "docs/conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                    'hubroles_file = "../roles.yaml"\n',
    "roles.yaml": TEAM,
    "docs/index.md": """
        # Team

        ```{toctree}
        links
        ```

        ```{role-card} hub-engineer
        ```
        """,
    "docs/links.md": "# Links\n\nAsk a [](roles:hub-engineer).\n",
}
PATIENCE = 120  # seconds; a generous bound for a slow CI machine, not a performance test


def wait_for(condition, what: str, server: subprocess.Popen, log: Path):
    """Poll `condition()` until it returns something true; fail after PATIENCE seconds."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"sphinx-autobuild exited while waiting for {what}:\n"
                                 + log.read_text())
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"no {what} within {PATIENCE} s:\n" + log.read_text())


def fetch(url: str) -> str | None:
    """The page, or None while it cannot be had whole: the server is not up yet, or the
    page is being written again while it is sent (IncompleteRead, on a busy machine)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return None


def test_editing_roles_yaml_rebuilds_the_served_site(tmp_path):
    root = write_project(tmp_path, PAGES)
    log = tmp_path / "autobuild.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "sphinx_autobuild", "--host", "127.0.0.1", "--port", "0",
             "--watch", str(root / "roles.yaml"), "-n", str(root / "docs"),
             str(tmp_path / "out")],
            stdout=output, stderr=subprocess.STDOUT, cwd=root, start_new_session=True,
            env=SUBPROCESS_ENV)
    try:
        base = wait_for(lambda: (re.findall(r"Serving on (http://127\.0\.0\.1:\d+)",
                                            log.read_text()) or [None])[0],
                        "server address", server, log)
        page = f"{base}/links.html"
        assert "Hub Engineer" in wait_for(lambda: fetch(page), "first build", server, log)

        (root / "roles.yaml").write_text(TEAM.replace("name: Hub Engineer",
                                                      "name: Platform Engineer"))
        wait_for(lambda: "Platform Engineer" in (fetch(page) or ""), "rebuilt page",
                 server, log)
        wait_for(lambda: "Platform Engineer" in (fetch(f"{base}/index.html") or ""),
                 "rebuilt index", server, log)
    finally:
        # Our own process group only (start_new_session): the server and its builds.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
