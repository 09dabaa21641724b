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

from sphinx.util import logging

from ...core.diagram.render import DEFAULT_TIMEOUT, timeout_problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def setup_diagram(app: Sphinx) -> None:
    # Imported here: the command line uses selection.py and dotsource.py without Sphinx.
    from ..data import register_display
    from .directive import diagram_inputs, roles_diagram, setup_directive
    from .jobs import setup_jobs
    from .visitors import HANDLERS

    # For its `graphviz_dot` and `graphviz_dot_args`: the dot program is configured once.
    app.setup_extension("sphinx.ext.graphviz")
    app.add_config_value("hubroles_dot_timeout", DEFAULT_TIMEOUT, "", types=(int, float))
    app.connect("config-inited", check_timeout)
    register_display("diagram", diagram_inputs)
    app.add_node(roles_diagram, **HANDLERS)
    setup_directive(app)
    setup_jobs(app)
    app.add_css_file("hubroles-diagram.css")


def check_timeout(app: Sphinx, config: Config) -> None:
    """config-inited: a timeout that is not a positive, finite number of seconds is replaced by
    the default, with a warning (as Sphinx does for an html_logo that does not exist, say);
    -W makes that fail the build. Before Sphinx checks the types (priority 800), so a string
    gets this one warning rather than Sphinx's and then a crash."""
    problem = timeout_problem(config.hubroles_dot_timeout)
    if problem is not None:
        logger.warning("%s; the default, %d, is used", problem, DEFAULT_TIMEOUT,
                       type="hubroles", subtype="diagram")
        config.hubroles_dot_timeout = DEFAULT_TIMEOUT
