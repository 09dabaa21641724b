"""Browser tests: headless Debian Chromium driven by Playwright (the Python package only;
no downloaded browsers). Run them alone with `pytest -m browser`."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

# Debian and Ubuntu call it chromium or chromium-browser; HUBROLES_CHROMIUM names any other.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real headless Chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def serve():
    """`serve(folder)` serves a built site on 127.0.0.1 and returns its base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    """The installed Chromium; a missing one fails the tests (never skips them), saying how
    to get it."""
    named = os.environ.get("HUBROLES_CHROMIUM")
    found = named or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not found:
        pytest.fail("the browser tests need Chromium: `apt-get install chromium` on Debian, or "
                    "set HUBROLES_CHROMIUM to a Chromium or Chrome program", pytrace=False)
    return found


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(),
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
