"""The Sphinx side of sphinx-hubroles: everything it adds to a Sphinx build, wired here.

How roles.yaml becomes pages (docs/reference/architecture.md draws it):

1. builder-inited: state.py loads roles.yaml into the domain (domain.py), or stops the build.
2. Reading: the directives (cards.py, glossary.py, table.py, people.py, diagram/directive.py)
   render roles.yaml and note in the domain what each page shows; the domain's process_doc
   notes each page's references, hand-written labels and glossary terms.
3. env-updated: judging.py judges all pages' records with the rules (core/rules.py): which
   card, directory entry or URL each link goes to, and every problem, which state.py reports
   on every build; the chosen cards and entries become their labels' and terms' targets in
   the standard domain (judging.py: register_targets).
4. Writing: references.py hands role and person links to the domain, which resolves them from
   that judgement; diagram/jobs.py draws the diagrams with dot; the visitors write them;
   hover.py writes the previews file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset

from .. import __version__
from ..core.diagram.timeout import DEFAULT_TIMEOUT
from . import _compat, state
from .diagram.node import roles_diagram
from .domain import RolesDomain
from .lazy import directive, handler, post_transform, role, visitor

DIRECTIVES = {name: directive(path) for name, path in [
    ("role-card", "cards.RoleCardDirective"),
    ("roles-glossary", "glossary.RolesGlossaryDirective"),
    ("roles-diagram", "diagram.directive.RolesDiagramDirective"),
    ("roles-table", "table.RolesTableDirective"),
    ("roles-people", "people.RolesPeopleDirective"),
    ("roles-rotation", "people.RolesRotationDirective"),
]}
DIAGRAM_VISITORS = {
    "html": ("visit_html", "depart_html"),
    "latex": ("visit_latex", "depart_nothing"),
    "texinfo": ("visit_texinfo", "depart_nothing"),
    "text": ("visit_text_only", "depart_nothing"),
    "man": ("visit_text_only", "depart_nothing"),
}
POST_TRANSFORMS = [
    post_transform("diagram.directive.DiagramTextVersion", priority=5),
    post_transform("glossary.GlossarySummaries", priority=5),
    post_transform("references.RoleReferences", priority=8),
]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    # For its `graphviz_dot` and `graphviz_dot_args`: the dot program is configured once, for
    # {graphviz} blocks and role diagrams alike.
    app.setup_extension("sphinx.ext.graphviz")

    app.add_config_value("hubroles_file", "roles.yaml", "env", types=[str],
                         description="Path of roles.yaml, relative to the conf.py folder.")
    app.add_config_value("hubroles_role_terms", True, "env", types=[bool],
                         description="Make every role's name and aliases glossary terms.")
    app.add_config_value("hubroles_dot_timeout", DEFAULT_TIMEOUT, "", types=(int, float),
                         description="Seconds dot may take to draw one diagram.")
    app.add_config_value("hubroles_label_prefixes", [], "env", types=[list, tuple],
                         description="Other label prefixes that name a role's card, as "
                                     "roles: does, such as ['role:'].")

    app.add_domain(RolesDomain)
    # Directives, roles, transforms, visitors and handlers whose modules load on first use
    # (lazy.py): a build uses few of them, a rebuild with nothing changed none.
    for name, stand_in in DIRECTIVES.items():
        app.add_directive(name, stand_in)
    app.add_role("role-holders", role("holders.RoleHoldersRole"))
    app.add_node(roles_diagram, **{
        builder: (visitor(f"diagram.visitors.{visit}"), visitor(f"diagram.visitors.{depart}"))
        for builder, (visit, depart) in DIAGRAM_VISITORS.items()})
    # Post-transforms, in the order they run on a page being written:
    # 5: the diagrams' text versions, whose links to cards are then resolved, and the
    # summaries of a glossary's role entries; 8: links to roles, before MyST (9) and Sphinx
    # (10) try to resolve them;
    for transform in POST_TRANSFORMS:
        app.add_post_transform(transform)
    # 20: upstream bugs in resolved links (singlehtml, man), see _compat.py.
    app.add_post_transform(_compat.SingleHtmlAnchorFix)
    app.add_post_transform(_compat.ManPageLinkFix)

    # Before Sphinx checks config types (800): a string gets one clear warning, not a crash.
    app.connect("config-inited", handler("diagram.jobs.check_timeout"), priority=700)
    app.connect("builder-inited", state.load_model)
    app.connect("builder-inited", handler("diagram.jobs.start_build"))
    app.connect("builder-inited", copy_static_files)
    app.connect("builder-inited", handler("hover.note_builder"))
    app.connect("env-get-outdated", state.outdated_displays)
    app.connect("env-get-outdated", handler("diagram.jobs.pages_without_pictures"))
    # Pages are read against their own targets: those the last judgement registered go.
    app.connect("env-before-read-docs", state.withdraw_targets)
    # Judge, register the cards' and entries' targets in the standard domain, report.
    app.connect("env-updated", state.judge_and_report)
    # After the judgement, which says which roles have a card (and so a preview).
    app.connect("env-updated", handler("hover.note_previews"), priority=600)
    app.connect("env-updated", handler("jsonout.make_json"))
    app.connect("env-updated", handler("diagram.jobs.new_diagrams_version"))
    app.connect("env-get-updated", state.pages_with_changed_targets)
    app.connect("write-started", handler("diagram.jobs.render_before_writing"))
    app.connect("write-started", handler("hover.write_previews"))
    # After drawing, when the cache holds every file it will have in this build.
    app.connect("write-started", handler("diagram.jobs.keep_cache_out_of_epub"), priority=900)
    app.connect("build-finished", handler("jsonout.write_json"))
    app.connect("build-finished", handler("diagram.jobs.note_cache_whole"))
    app.connect("html-page-context", handler("diagram.visitors.add_explore_script"))

    app.add_css_file("hubroles.css")
    app.add_css_file("hubroles-diagram.css")
    app.add_js_file("hubroles-preview.js", loading_method="defer")
    app.add_js_file("hubroles-rotation.js", loading_method="defer")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 6,
    }


def copy_static_files(app: Sphinx) -> None:
    """Copy our CSS and JS into `_static/` before pages are written, so their links carry the
    files' checksums. Adding to `html_static_path` instead would change the project's
    configuration, and with it force a full rebuild every time."""
    if app.builder.format == "html":
        # force: after an upgrade of this package, its new files replace the old ones.
        copy_asset(Path(__file__).parent / "static", Path(app.outdir, "_static"), force=True)
