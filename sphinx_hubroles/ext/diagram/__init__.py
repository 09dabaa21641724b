"""`roles-diagram`: a Graphviz diagram of the roles and their relations, drawn from roles.yaml,
whose boxes link to the role cards.

- selection.py  what a diagram shows, from roles.yaml and the options (pure)
- dotsource.py  its DOT, with escape.py for user text and plaintext.py for tooltips (pure)
- render.py     running dot, the on-disk cache; svg.py makes dot's SVG a per-page template
- directive.py  the directive, its node and its text alternative
- jobs.py       the build's diagrams, rendered together before writing; error reporting
- visitors.py   HTML (inline SVG), LaTeX, Texinfo, text and man output
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_diagram(app: Sphinx) -> None:
    # Imported here: the command line uses selection.py and dotsource.py without Sphinx.
    from ..data import register_display
    from .directive import diagram_inputs, roles_diagram, setup_directive
    from .jobs import setup_jobs
    from .visitors import HANDLERS

    # For its `graphviz_dot` and `graphviz_dot_args`: the dot program is configured once.
    app.setup_extension("sphinx.ext.graphviz")
    app.add_config_value("hubroles_dot_timeout", 60, "", types=(int, float))
    register_display("diagram", diagram_inputs)
    app.add_node(roles_diagram, **HANDLERS)
    setup_directive(app)
    setup_jobs(app)
    app.add_css_file("hubroles-diagram.css")
