"""Where a role's card is published, for `export --format ics`: each event links to it.

The base URL is `--base-url` if given, else the `html_baseurl` that the project's conf.py
sets (read as a plain string assignment, never run); the card's page is found by scanning
the pages as `check` does, and named as the `html` builder names it (`page.html#roles-id`)."""

from __future__ import annotations

import ast
import urllib.parse
from pathlib import Path

from ..core.files import UnusableFile, read_regular_file
from ..core.model import RolesFile
from ..core.names import card_anchor
from ..core.rules import first_cards
from .check import scan


def conf_baseurl(pages: Path) -> str | None:
    """`html_baseurl` of `pages`/conf.py when it is assigned a plain string there."""
    try:
        tree = ast.parse(read_regular_file(pages / "conf.py").decode("utf-8-sig"))
    except (UnusableFile, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    for node in tree.body:
        if (isinstance(node, ast.Assign) and any(isinstance(target, ast.Name)
                                                 and target.id == "html_baseurl"
                                                 for target in node.targets)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value or None
    return None


def card_url(model: RolesFile, role_id: str, pages: Path, base_url: str) -> str | None:
    """The URL of the role's card under `base_url`, or None if no page of `pages` has one."""
    where = first_cards(model, scan(model, [pages])).get(role_id)
    if where is None:
        return None
    page = Path(where.path).resolve().relative_to(pages.resolve()).with_suffix(".html")
    path = urllib.parse.quote(page.as_posix())  # a page's name may hold any character
    return f"{base_url.rstrip('/')}/{path}#{card_anchor(role_id)}"
