"""The Sphinx side of sphinx-hubroles."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__


def setup(app: Sphinx) -> dict[str, Any]:
    from .cards import setup_cards
    from .data import setup_data
    from .diagram import setup_diagram
    from .glossary import setup_glossary
    from .hover import setup_hover
    from .jsonout import setup_jsonout
    from .references import setup_references

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    setup_data(app)
    setup_cards(app)
    setup_glossary(app)
    setup_references(app)
    setup_diagram(app)
    setup_hover(app)
    setup_jsonout(app)
    app.add_css_file("hubroles.css")
    app.connect("builder-inited", copy_static_files)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }


def copy_static_files(app: Sphinx) -> None:
    """Copy our CSS and JS into `_static/` before pages are written, so their links carry the
    files' checksums. Adding to `html_static_path` instead would change the project's
    configuration, and with it force a full rebuild every time."""
    from pathlib import Path

    from sphinx.util.fileutil import copy_asset

    if app.builder.format == "html":
        # force: after an upgrade of this package, its new files replace the old ones.
        copy_asset(Path(__file__).parent / "static", Path(app.outdir, "_static"), force=True)
