"""The examples on docs/reference/cli.md are real: their files are written out, their
commands run, and the output must be the one the page shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from cli_helpers import hubroles, write_tree

PAGE = Path(__file__).parent.parent / "docs" / "reference" / "cli.md"

# ```{code-block} LANG  /  :caption: NAME  /  (blank)  /  body  /  ``` (three or more)
BLOCK = re.compile(r"^(`{3,})\{code-block\} \w+\n:caption: ([^\n]+)\n\n(.*?)^\1$",
                   re.MULTILINE | re.DOTALL)


def captioned_blocks() -> dict[str, str]:
    return {m.group(2): m.group(3) for m in BLOCK.finditer(PAGE.read_text(encoding="utf-8"))}


def test_the_check_example_gives_the_output_the_page_shows(tmp_path):
    blocks = captioned_blocks()
    write_tree(tmp_path, {name: blocks[name] for name in ("roles.yaml", "docs/team.md")})
    command, *shown = blocks["the output"].splitlines()
    assert command.startswith("$ sphinx-hubroles ")
    run = hubroles(tmp_path, *shlex.split(command)[2:], entry="script")
    assert run.returncode == 1
    assert run.lines + run.stderr.splitlines() == shown


def test_the_export_example_gives_the_output_the_page_shows(tmp_path):
    blocks = captioned_blocks()
    write_tree(tmp_path, {"roles.yaml": blocks["roles.yaml"]})
    command, *shown = blocks["the export"].splitlines()
    run = hubroles(tmp_path, *shlex.split(command)[2:], entry="script")
    assert (run.returncode, run.lines) == (0, shown)


def test_the_wrong_roles_example_gives_the_output_the_page_shows(tmp_path):
    command, *shown = captioned_blocks()["a wrong --roles"].splitlines()
    run = hubroles(tmp_path, *shlex.split(command)[2:], entry="script")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines() == shown
