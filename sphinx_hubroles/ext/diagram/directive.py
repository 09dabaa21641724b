"""The `roles-diagram` directive: what the diagram shows, its DOT, and its text alternative.

dot does not run here. The node carries the page-independent DOT; the diagrams of all pages are
rendered together before writing (jobs.py), and each page fills in its own links (visitors.py).
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...core.diagram.dotsource import DIRECTIONS, layout_for, to_dot
from ...core.diagram.plaintext import plain_text
from ...core.diagram.selection import DiagramSpec, Selection, select
from ...core.model import RolesFile
from ..cards import role_reference
from ..data import note_display, note_reference, roles_of

logger = logging.getLogger(__name__)

EDGE_LABELS = ("auto", "on", "off")
ALIGNS = ("left", "center", "right")


class roles_diagram(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A diagram; its children are the text alternative (made when the page is written, from
    the `hubroles_text` attribute).

    Attributes: `svg_dot` (with link placeholders and tooltips), `print_dot` (without, and
    with the legend in the picture, for PDF and PNG), `legend` ((label, style) per relation
    type, which HTML shows beside the SVG), `alt`, and `align` when given without a figure.
    """


# The text alternative's link to each card sits in an inline with this attribute (the role
# id); once Sphinx has resolved the link for the page being written, it is also the href of
# that role's box in the SVG. (An attribute on the pending_xref itself would not survive.)
ROLE_ATTRIBUTE = "hubroles_role"
# The text version, as data, until the page is written (DiagramTextVersion).
TEXT_ATTRIBUTE = "hubroles_text"


def id_list(argument: str | None) -> tuple[str, ...]:
    items = [item.strip().lower() for item in (argument or "").split(",")]
    return tuple(dict.fromkeys(item for item in items if item))


def one_id(argument: str | None) -> str:
    return directives.unchanged_required(argument).strip().lower()


def choice(values: tuple[str, ...], upper: bool = False):
    """An option converter for one of `values`, in either case."""

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        value = value.upper() if upper else value.lower()
        if value not in values:
            raise ValueError(f"{argument!r} is not one of {', '.join(values)}")
        return value

    return convert


direction = choice(DIRECTIONS, upper=True)
edge_labels = choice(EDGE_LABELS)
align = choice(ALIGNS)


def diagram_inputs(model: RolesFile, spec: DiagramSpec) -> Selection:
    """What a diagram shows, for data.py to tell when a page must be read again."""
    return select(model, spec)


class RolesDiagramDirective(SphinxDirective):
    has_content = False
    option_spec = {
        "roles": id_list,
        "groups": id_list,
        "relations": id_list,
        "focus": one_id,
        "depth": directives.nonnegative_int,
        "direction": direction,
        "edge-labels": edge_labels,
        "caption": directives.unchanged_required,
        "alt": directives.unchanged_required,
        "name": directives.unchanged_required,
        "align": align,
    }

    def run(self) -> list[nodes.Node]:
        options = self.options
        spec = DiagramSpec(options.get("roles", ()), options.get("groups", ()),
                           options.get("relations", ()), options.get("focus"),
                           options.get("depth", 1))
        note_display(self.env, "diagram", spec)
        selection = select(roles_of(self.env), spec)
        for problem in selection.problems:
            self.warn(problem)
        if "depth" in options and "focus" not in options:
            self.warn(":depth: has no effect without :focus: in roles-diagram")
        if not selection.roles:
            self.warn("roles-diagram has no roles to show; check :roles:, :groups: and "
                      "roles.yaml")
            return []

        tooltips = {role.id: plain_text(role.summary, self.env.myst_config)
                    for role in selection.roles}
        layout = (options.get("direction", "TB"), options.get("edge-labels", "auto"),
                  len(selection.roles))
        svg_dot = to_dot(selection, tooltips, layout_for(*layout))
        print_dot = to_dot(selection, {}, layout_for(*layout, web=False))
        alt = options.get("alt") or default_alt(selection)
        # support_smartquotes: the text version names roles exactly as the picture does.
        diagram = roles_diagram("", svg_dot=svg_dot, print_dot=print_dot, alt=alt,
                                legend=[(rel.label, rel.style) for rel in selection.relations],
                                support_smartquotes=False)
        self.set_source_info(diagram)
        # The text version as plain data; its nodes are made when the page is written.
        diagram[TEXT_ATTRIBUTE] = text_version(selection)
        for role in selection.roles:  # what the text version's links will point at
            note_reference(self.env, self.env.docname, ("label", f"roles:{role.id}"))
        self.env.hubroles_diagrams.setdefault(self.env.docname, []).append(
            (self.lineno, svg_dot, print_dot))

        if "caption" not in options and "name" not in options:
            if "align" in options:
                diagram["align"] = options["align"]
            return [diagram]
        # A figure, so that :name: works with {numref} as well as {ref}.
        figure = nodes.figure("", diagram, classes=["hubroles-diagram-figure"])
        self.set_source_info(figure)
        if "align" in options:
            figure["align"] = options["align"]
        if "caption" in options:
            inline, messages = self.parse_inline(options["caption"], lineno=self.lineno)
            caption = nodes.caption(options["caption"], "", *inline)
            self.set_source_info(caption)
            figure += caption
            figure += messages
        self.add_name(figure)
        return [figure]

    def warn(self, message: str) -> None:
        logger.warning(message, location=self.get_location(), type="hubroles",
                       subtype="diagram")


def default_alt(selection: Selection) -> str:
    roles, edges = len(selection.roles), len(selection.edges)
    return (f"Diagram of {roles} role{'s' * (roles != 1)} and {edges} "
            f"relation{'s' * (edges != 1)}; the text version lists them")


def text_version(selection: Selection) -> tuple[tuple[tuple[str, str, str], ...],
                                                 tuple[str, ...]]:
    """Every role (id, name, where it belongs) and every relation as a sentence."""
    names = {role.id: role.name for role in selection.roles}
    groups = dict(selection.groups)
    labels = {rel.id: rel.label for rel in selection.relations}
    roles = tuple((role.id, role.name, f" is in {groups[role.group]}." if role.group
                   else " is in no group.") for role in selection.roles)
    sentences = tuple(f"{names[source]} {labels[relation]} {names[target]}."
                      for source, relation, target in selection.edges)
    return roles, sentences


def text_alternative(env: BuildEnvironment, roles, sentences) -> list[nodes.Node]:
    """The text version's nodes. The roles link to their cards."""
    role_list = nodes.bullet_list(classes=["hubroles-diagram-roles"])
    for role_id, name, where in roles:
        link = nodes.inline("", "", role_reference(env, role_id, name),
                            classes=["hubroles-diagram-role"], **{ROLE_ATTRIBUTE: role_id})
        role_list += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(where)))
    result: list[nodes.Node] = [nodes.paragraph("", "Roles:"), role_list]
    if sentences:
        relations = nodes.bullet_list(classes=["hubroles-diagram-relations"])
        for sentence in sentences:
            relations += nodes.list_item("", nodes.paragraph(sentence, sentence))
        result += [nodes.paragraph("", "Relations:"), relations]
    return result


class DiagramTextVersion(SphinxPostTransform):
    """Put each diagram's text version in place, before its links are resolved (priority 10)
    and checked (8).

    Made here rather than by the directive: Sphinx keeps every page it has read in memory until
    it is written, and as nodes the text versions of a handbook's 1,000 focus diagrams took
    some 60 MiB; as data they take a few.
    """

    default_priority = 5

    def run(self, **kwargs) -> None:
        for diagram in self.document.findall(roles_diagram):
            if TEXT_ATTRIBUTE in diagram:
                diagram += text_alternative(self.env, *diagram[TEXT_ATTRIBUTE])
                del diagram[TEXT_ATTRIBUTE]


def setup_directive(app) -> None:
    app.add_directive("roles-diagram", RolesDiagramDirective)
    app.add_post_transform(DiagramTextVersion)
