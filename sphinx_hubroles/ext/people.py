"""Who holds each role, on pages: the team directory (`roles-people`), a rotation's schedule
(`roles-rotation`), and the holder facts of a card. What roles.yaml says of people, nothing
more: a person's entry shows their name, GitHub profile, page and affiliation, and roles."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core.directory import PEOPLE_OPTIONS, ROTATION_OPTIONS, directory, directory_spec
from ..core.names import person_anchor, person_label
from ..core.views import EntryView, Fields, RotationView, entry_view, rotation_view
from .domain import RolesDomain
from .render import ViewRenderer
from .state import domain_of, note_display

PERSON_CLASS = "hubroles-person"
SHIFT_CLASS = "hubroles-shift"


class RolesPeopleDirective(SphinxDirective):
    """The team directory: an entry for each person (the target of `people:<id>` links), with
    their profile and the roles they hold and held."""

    has_content = False
    option_spec = PEOPLE_OPTIONS

    def run(self) -> list[nodes.Node]:
        domain = domain_of(self.env)
        model = domain.model
        spec = directory_spec(self.options)
        note_display(self.env, "people", spec)
        entries, _problems = directory(model, spec)  # the problems are the rules' to report
        result: list[nodes.Node] = []
        noted = []
        for entry in entries:
            section, registered = self.entry_section(domain, entry)
            noted.append((entry.person.id, section["ids"][0], registered))
            result += [addnodes.index(entries=[("single", entry.person.name,
                                                section["ids"][0], "main", None)]), section]
        domain.note_directory(self.env.docname, self.lineno, spec, tuple(noted))
        return result

    def entry_section(self, domain: RolesDomain, entry) -> tuple[nodes.section, bool]:
        view: EntryView = entry_view(entry)
        document = self.state.document
        anchor = person_anchor(view.person_id)
        if anchor in document.ids:
            anchor = make_id(self.env, document, "people", view.person_id)
        section = nodes.section(ids=[anchor], classes=[PERSON_CLASS])
        section += nodes.title(view.name, view.name)
        self.set_source_info(section)
        label = person_label(view.person_id)
        registered = not (label in document.nameids
                          or domain.knows_entry_elsewhere(self.env.docname, view.person_id))
        if registered:
            section["names"].append(label)
            document.note_explicit_target(section)
        else:
            document.set_id(section)
        if view.facts:  # no roles.yaml text among them: no field renderer needed
            render = ViewRenderer(None, self.env.docname)
            section += render.field_list(Fields(view.facts, "hubroles-person-facts"))
        return section, registered


class RolesRotationDirective(SphinxDirective):
    """A rotation's schedule: each shift's dates, person and overlap with the next. It
    depends on roles.yaml and the options alone, never on the day of the build; the reader's
    browser marks the current shift by the reader's own clock."""

    required_arguments = 1
    has_content = False
    option_spec = ROTATION_OPTIONS

    def run(self) -> list[nodes.Node]:
        domain = domain_of(self.env)
        model = domain.model
        role_id = self.arguments[0].strip().lower()
        start, shifts = self.options.get("from"), self.options.get("shifts")
        note_display(self.env, "rotation", role_id, start, shifts)
        domain.note_rotation(self.env.docname, self.lineno, role_id)
        view = rotation_view(model, role_id, start, shifts)
        if view is None:
            return []  # the rules report it
        table = self.schedule_table(view)
        self.set_source_info(table)
        return [table]

    def schedule_table(self, view: RotationView) -> nodes.table:
        render = ViewRenderer(None, self.env.docname)
        table = nodes.table(classes=["hubroles-rotation"])
        table += nodes.title(view.title, view.title)
        group = nodes.tgroup(cols=len(view.headings))
        table += group
        group += [nodes.colspec(colwidth=width) for width in (6, 12, 12, 20, 30)]
        head = nodes.thead()
        head += row([nodes.paragraph("", text) for text in view.headings])
        group += head
        body = nodes.tbody()
        for shift in view.rows:
            cells = [nodes.paragraph("", "", *render.inlines(cell)) for cell in shift.cells]
            # The days, for the script that marks the reader's current shift.
            body += row(cells, [SHIFT_CLASS, f"hubroles-from-{shift.first}",
                                f"hubroles-to-{shift.last}"])
        group += body
        return table


def row(cells: list[nodes.Node], classes: list[str] | None = None) -> nodes.row:
    result = nodes.row(classes=classes or [])
    for cell in cells:
        result += nodes.entry("", cell)
    return result
