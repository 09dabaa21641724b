"""sphinx-hubroles for MyST-MD (mystmd, Jupyter Book 2): the JavaScript plugin that mystmd
loads (hubroles.mjs, with the directives it declares in directives.json), and the Python side
it calls: reading the project's myst.yml (project.py) and answering the plugin's requests
(serve.py) with the core's answers (core/answer.py).

The plugin turns directives, links and terms into requests and answers into MyST's AST; every
decision is the core's, as in the Sphinx build (docs/reference/protocol.md).
"""

from __future__ import annotations

from pathlib import Path

PLUGIN = Path(__file__).parent / "hubroles.mjs"
SPECS = Path(__file__).parent / "directives.json"
