"""`hubroles.json` at the root of the HTML output: the roles as data, for search and other tools.

Its content is exactly what `sphinx-hubroles export --format json` prints (export.py), so a
script can read the published site instead of the repository.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..core.export import to_json
from .state import roles_of

FILE_NAME = "hubroles.json"


def write_json(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write the file for html, dirhtml and singlehtml (not for EPUB and the
    help formats, whose packages list every file of their output folder)."""
    builder = app.builder
    if exception is not None or builder.format != "html" or builder.embedded:
        return
    path = Path(app.outdir, FILE_NAME)
    text = to_json(roles_of(app.env))
    # Unchanged content keeps its timestamp, for tools that copy only what changed.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
