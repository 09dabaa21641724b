"""Roles of a team, written once in roles.yaml: cards, references, glossary and diagram.

The package has three layers, with imports pointing down only:
- `core`: roles.yaml, its model, the rules that find problems, the diagram's DOT and rendering;
  plain Python that never imports Sphinx;
- `ext`: the Sphinx extension (domain, directives, transforms, visitors, static files);
- `cli`: the `sphinx-hubroles` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line imports this package; keep it from loading Sphinx
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from .ext import setup as setup_extension

    return setup_extension(app)
