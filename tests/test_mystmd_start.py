"""`myst start`, the live preview of MyST-MD: when roles.yaml changes, mystmd rebuilds the site
without parsing the pages again, and the plugin must not show the card of the older roles.yaml;
a mistake made while it runs is reported, and its fix clears it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from mystmd_helpers import copy_myst_project, environment, program

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "mystmd"
PATIENCE = 120  # seconds; a generous bound for a slow CI machine, not a performance test


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, what: str, server: subprocess.Popen, log: Path):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"myst start exited while waiting for {what}:\n"
                                 + log.read_text())
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"no {what} within {PATIENCE} s:\n" + log.read_text())


def test_myst_start_shows_the_new_card_and_the_new_problem(tmp_path):
    root = copy_myst_project(EXAMPLE, tmp_path / "site")
    log = tmp_path / "start.log"
    team = root / "_build/site/content/team.json"
    with log.open("w") as output:
        server = subprocess.Popen(
            [program("myst"), "start", "--headless", "--server-port", str(free_port())],
            cwd=root, env=environment(), stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        wait_for(lambda: team.exists() and "Cuts the releases" in team.read_text(),
                 "first build", server, log)
        # mystmd watches the files once its content server is up.
        wait_for(lambda: "Content server started" in log.read_text(), "the server", server, log)
        time.sleep(3)
        roles = root / "roles.yaml"
        roles.write_text(roles.read_text().replace("Cuts the releases", "Cuts every release"))
        wait_for(lambda: "Cuts every release" in team.read_text(), "rebuild after roles.yaml",
                 server, log)
        assert "Cuts the releases" not in team.read_text()
        index = root / "index.md"
        index.write_text(index.read_text() + "\nAsk a [](roles:maintaner).\n")
        wait_for(lambda: "unknown role 'maintaner'" in log.read_text(), "the problem",
                 server, log)
        assert "did you mean 'maintainer'?" in log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
