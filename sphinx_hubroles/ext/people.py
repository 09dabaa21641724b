"""Who holds each role, on pages: the team directory (`roles-people`) and a rotation's schedule
(`roles-rotation`), as core/views.py decides them. What roles.yaml says of people, nothing
more: a person's entry shows their name, GitHub profile, page and affiliation, and roles."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core.directory import directory_spec
from ..core.names import person_anchor, rotation_anchor
from ..core.options import written_options
from ..core.viewparts import Fields
from ..core.views import EntryView, directory_view, rotation_view
from .render import ViewRenderer
from .state import domain_of, note_display, read_directive_options

PERSON_CLASS = "hubroles-person"


class RolesPeopleDirective(SphinxDirective):
    """The team directory: an entry for each person (the target of `people:<id>` links), with
    their profile and the roles they hold and held."""

    has_content = False
    option_spec = written_options("roles-people")

    def run(self) -> list[nodes.Node]:
        self.options = read_directive_options(self, "roles-people")
        domain = domain_of(self.env)
        spec = directory_spec(self.options)
        note_display(self.env, "people", spec)
        result: list[nodes.Node] = []
        noted = []
        for entry in directory_view(domain.model, spec):  # problems: the rules' to report
            section = self.entry_section(entry, spec.no_index)
            if spec.no_index:  # a secondary directory: no target, no index entry
                result.append(section)
                continue
            noted.append((entry.person_id, section["ids"][0]))
            result += [addnodes.index(entries=[("single", entry.name,
                                                section["ids"][0], "main", None)]), section]
        domain.note_directory(self.env.docname, self.lineno, spec, tuple(noted))
        return result

    def entry_section(self, entry: EntryView, no_index: bool = False) -> nodes.Element:
        """A person's entry. Which entry their label names in the standard domain is decided
        once every page is read (RolesDomain.register_targets); one of a directory with
        `:no-index:` is never a target."""
        document = self.state.document
        if no_index:  # a secondary listing: no target, no entry in the table of contents
            section = nodes.container(classes=[PERSON_CLASS, "hubroles-person-secondary"])
            section += nodes.rubric(entry.name, entry.name)
            self.set_source_info(section)
            return self.entry_facts(section, entry)
        anchor = person_anchor(entry.person_id)
        if anchor in document.ids:
            anchor = make_id(self.env, document, "people", entry.person_id)
        section = nodes.section(ids=[anchor], classes=[PERSON_CLASS])
        section += nodes.title(entry.name, entry.name)
        self.set_source_info(section)
        document.set_id(section)
        return self.entry_facts(section, entry)

    def entry_facts(self, section: nodes.Element, entry: EntryView) -> nodes.Element:
        """The person's profile and roles, added to their entry (no roles.yaml text among
        them: no field renderer needed)."""
        if entry.facts:
            render = ViewRenderer(None, self.env.docname)
            section += render.field_list(Fields(entry.facts, "hubroles-person-facts"))
        return section


class RolesRotationDirective(SphinxDirective):
    """A rotation's schedule: each shift's dates, person and overlap with the next, or each
    slot's. It depends on roles.yaml and the options alone, never on the day of the build;
    the reader's browser marks the current shift by the reader's own clock."""

    required_arguments = 1
    has_content = False
    option_spec = written_options("roles-rotation")

    def run(self) -> list[nodes.Node]:
        self.options = read_directive_options(self, "roles-rotation")
        domain = domain_of(self.env)
        role_id = self.arguments[0].strip().lower()
        start, shifts = self.options.get("from"), self.options.get("shifts")
        note_display(self.env, "rotation", role_id, start, shifts)
        schedule = rotation_view(domain.model, role_id, start, shifts)
        if schedule is None:
            domain.note_rotation(self.env.docname, self.lineno, role_id, None)
            return []  # the rules report it
        # A slot's note is roles.yaml text; a shift holds none.
        fields = domain.field_renderer(self.state.document) if schedule.slots else None
        table = ViewRenderer(fields, self.env.docname).schedule(schedule)
        anchor = rotation_anchor(role_id)
        if anchor in self.state.document.ids:
            anchor = make_id(self.env, self.state.document, "rotation", role_id)
        table["ids"].append(anchor)
        self.state.document.set_id(table)
        domain.note_rotation(self.env.docname, self.lineno, role_id, anchor)
        self.set_source_info(table)
        return [table]
