"""Run the real `sphinx-hubroles` command, as a user, CI or pre-commit would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

# The installed console script sits beside the interpreter of the test environment.
SCRIPT = shutil.which("sphinx-hubroles", path=str(Path(sys.executable).parent))
ENTRY_POINTS = {
    "module": [sys.executable, "-m", "sphinx_hubroles"],
    "script": [SCRIPT or "sphinx-hubroles"],
}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def hubroles(cwd: Path, *args: str, entry: str = "module") -> Run:
    done = subprocess.run(
        [*ENTRY_POINTS[entry], *args], cwd=cwd, capture_output=True, text=True,
        # A fixed width: argparse wraps help text to the terminal's.
        env={**os.environ, "COLUMNS": "100", "PYTHONWARNINGS": "ignore"},
    )
    return Run(done.returncode, done.stdout, done.stderr)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


ROLES = """\
relations:
  oversees: {label: oversees, inverse: overseen by}
roles:
  hub-engineer:
    name: Hub Engineer
    aliases: [Hub Engineers]
    summary: Operates the hub for the {term}`Hub Community`.
  hub-administrator:
    name: Hub Administrator
    summary: Supports users and asks a [](roles:hub-engineer) for help.
    relations:
      oversees: [hub-engineer]
terms:
  Hub Community: The people a hub serves.
"""

CONF = 'extensions = ["myst_parser", "sphinx_hubroles"]\nmyst_enable_extensions = ["colon_fence"]\n'

# The cards of GOOD, and the glossary of roles.yaml's terms, which the cards' texts use: the
# pages a tree needs for its roles to be shown without a problem.
ROLES_GLOSSARY = "# Terms\n\n```{roles-glossary}\n```\n"

# A small site in MyST and RST in which every reference resolves.
GOOD = {
    "conf.py": CONF,
    "roles.yaml": ROLES,
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        rst/page
        glossary
        ```

        Ask [a Hub Engineer](roles:hub-engineer) or [](roles:Hub-Administrator).
        {ref}`roles:hub-engineer` and {ref}`the admin <roles:hub-administrator>`.
        {term}`Hub Engineers` serve the {term}`hub community`; see {term}`Widget`.
        """,
    "cards.md": """
        # Cards

        ```{role-card} hub-engineer
        ```

        :::{role-card} hub-administrator
        :::
        """,
    "rst/page.rst": """
        A page in RST
        =============

        See :ref:`roles:hub-engineer`, :ref:`the admin <roles:hub-administrator>` and
        :term:`Hub Administrator`, :term:`the community <Hub Community>`, :term:`Gizmo`.

        .. glossary::

           Gizmo : a classifier
              A thing in a glossary written by hand.
        """,
    "glossary.md": """
        # Glossary

        ```{roles-glossary}
        ```

        ```{glossary}
        Widget
          Another thing in a glossary written by hand.
        ```
        """,
}

CARDS = {"cards.md": GOOD["cards.md"], "roles-glossary.md": ROLES_GLOSSARY}
