"""Sphinx configuration of the sphinx-hubroles documentation and the handbook it showcases."""

from __future__ import annotations

import sys
from pathlib import Path

import sphinx_hubroles

# Local helpers that generate reference tables from the package itself (docs/_ext/).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-hubroles"
author = "sphinx-hubroles developers"
copyright = "sphinx-hubroles developers"
release = version = sphinx_hubroles.__version__

extensions = [
    "myst_parser",
    "sphinx_design",  # the front page's grid of cards
    "sphinx_hubroles",
    "hubroles_docs",
]

# The handbook's roles live at the repository root, next to this folder.
hubroles_file = "../roles.yaml"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]
nitpicky = True

html_theme = "pydata_sphinx_theme"
html_title = "sphinx-hubroles"
html_static_path = ["_static"]
html_theme_options = {
    # Everything is served from the built site: no analytics, no version switcher to fetch.
    "navbar_end": ["theme-switcher", "navbar-icon-links"],
    "navigation_with_keys": False,
    "show_toc_level": 2,
    # The overview's diagram gets the whole width of the page.
    "secondary_sidebar_items": {"**": ["page-toc", "sourcelink"], "handbook/index": []},
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_context = {"default_mode": "auto"}
