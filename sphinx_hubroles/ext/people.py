"""Who holds each role, on pages: the team directory (`roles-people`), a rotation's schedule
(`roles-rotation`), and the holder facts of a card. What roles.yaml says of people, nothing
more: a person's entry shows their name, GitHub profile, page and affiliation, and roles."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core import facts
from ..core.directory import directory, directory_spec
from ..core.model import Holder, Role, RolesFile
from ..core.names import ROTATION_ANCHOR_PREFIX, person_anchor
from ..core.options import written_options
from .links import field, paragraph_of, person_reference, role_reference
from .state import domain_of, note_display, read_directive_options

PERSON_CLASS = "hubroles-person"
SHIFT_CLASS = "hubroles-shift"
SLOT_WIDTHS = {"Slot": 5, "From": 11, "To": 11, "Organization": 16, "Held by": 22, "Note": 20}


def role_link(role: Role, docname: str) -> addnodes.pending_xref:
    return role_reference(role.id, role.name, docname)


def person_link(model: RolesFile, person_id: str, docname: str) -> addnodes.pending_xref:
    return person_reference(person_id, model.people[person_id].name, docname)


def dates(holder: Holder) -> str:
    """'since 2024-03-01', '2024-03-01 to 2025-06-30', 'until 2025-06-30', or ''."""
    return facts.dates(holder.since, holder.until)


def holder_facts(model: RolesFile, role: Role, docname: str, inline) -> list[nodes.field]:
    """A card's "Held by", "Formerly held by" and "Rotation" facts, when set, as
    core/facts.py words them. `inline` renders a note's MyST."""
    result = [field(label, [paragraph_of(line, inline, docname)])
              for label, line in facts.holder_lines(model, role)]
    if role.rotation is not None:
        result.append(field("Rotation", [paragraph_of(
            facts.rotation_lines(model, role.rotation), inline, docname)]))
    return result


def slot_table(model: RolesFile, role: Role, indexes: list[int], docname: str, inline,
               title: str) -> nodes.table:
    """A rotation's slots (core/facts.py: slot_table), each row marked with its days for the
    script that marks the reader's current slot."""
    data = facts.slot_table(model, role.rotation, indexes)
    table = nodes.table(classes=["hubroles-rotation", "hubroles-slots"])
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(data.headings))
    table += group
    group += [nodes.colspec(colwidth=SLOT_WIDTHS[heading]) for heading in data.headings]
    head = nodes.thead()
    head += row([nodes.paragraph("", text) for text in data.headings])
    group += head
    body = nodes.tbody()
    for cells, (first, last) in zip(data.rows, data.days, strict=True):
        classes = [SHIFT_CLASS, f"hubroles-from-{first}"]
        classes += [f"hubroles-to-{last}"] if last else []
        body += row([paragraph_of(cell, inline, docname) for cell in cells], classes)
    group += body
    return table


class RolesPeopleDirective(SphinxDirective):
    """The team directory: an entry for each person (the target of `people:<id>` links), with
    their profile and the roles they hold and held."""

    has_content = False
    option_spec = written_options("roles-people")

    def run(self) -> list[nodes.Node]:
        self.options = read_directive_options(self, "roles-people")
        domain = domain_of(self.env)
        model = domain.model
        spec = directory_spec(self.options)
        note_display(self.env, "people", spec)
        entries, _problems = directory(model, spec)  # the problems are the rules' to report
        result: list[nodes.Node] = []
        noted = []
        for entry in entries:
            section = self.entry_section(entry, spec.no_index)
            if spec.no_index:  # a secondary directory: no target, no index entry
                result.append(section)
                continue
            noted.append((entry.person.id, section["ids"][0]))
            result += [addnodes.index(entries=[("single", entry.person.name,
                                                section["ids"][0], "main", None)]), section]
        domain.note_directory(self.env.docname, self.lineno, spec, tuple(noted))
        return result

    def entry_section(self, entry, no_index: bool = False) -> nodes.Element:
        """A person's entry. Which entry their label names in the standard domain is decided
        once every page is read (RolesDomain.register_targets); one of a directory with
        `:no-index:` is never a target."""
        person, document = entry.person, self.state.document
        if no_index:  # a secondary listing: no target, no entry in the table of contents
            section = nodes.container(classes=[PERSON_CLASS, "hubroles-person-secondary"])
            section += nodes.rubric(person.name, person.name)
            self.set_source_info(section)
            return self.entry_facts(section, entry)
        anchor = person_anchor(person.id)
        if anchor in document.ids:
            anchor = make_id(self.env, document, "people", person.id)
        section = nodes.section(ids=[anchor], classes=[PERSON_CLASS])
        section += nodes.title(person.name, person.name)
        self.set_source_info(section)
        document.set_id(section)
        return self.entry_facts(section, entry)

    def entry_facts(self, section: nodes.Element, entry) -> nodes.Element:
        """The person's profile and roles, added to their entry."""
        person = entry.person
        fact_list = nodes.field_list(classes=["hubroles-person-facts"])
        if person.github:
            url = f"https://github.com/{person.github}"
            fact_list += field("GitHub", [nodes.paragraph("", "", nodes.reference(
                "", f"@{person.github}", refuri=url))])
        if person.url:
            fact_list += field("Web", [nodes.paragraph("", "", nodes.reference(
                "", person.url, refuri=person.url))])
        if person.affiliation:
            fact_list += field("Affiliation", [nodes.paragraph("", person.affiliation)])
        docname = self.env.docname
        for label_text, holdings_ in (("Holds", entry.holds), ("Held", entry.held)):
            if holdings_:
                fact_list += field(label_text, [roles_held(holdings_, docname)])
        if entry.pools:
            paragraph = nodes.paragraph()
            for index, role in enumerate(entry.pools):
                paragraph += [nodes.Text(", ")] if index else []
                paragraph += role_link(role, docname)
            fact_list += field("Takes turns as", [paragraph])
        if len(fact_list):
            section += fact_list
        return section


def roles_held(holdings_: tuple[tuple[Role, Holder], ...], docname: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for index, (role, holder) in enumerate(holdings_):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += role_link(role, docname)
        details = [text for text in (dates(holder), holder.affiliation and
                                     f"for {holder.affiliation}") if text]
        if details:
            paragraph += nodes.Text(f" ({'; '.join(details)})")
    return paragraph


class RolesRotationDirective(SphinxDirective):
    """A rotation's schedule: each shift's dates, person and overlap with the next. It
    depends on roles.yaml and the options alone, never on the day of the build; the reader's
    browser marks the current shift by the reader's own clock."""

    required_arguments = 1
    has_content = False
    option_spec = written_options("roles-rotation")

    def run(self) -> list[nodes.Node]:
        self.options = read_directive_options(self, "roles-rotation")
        domain = domain_of(self.env)
        model = domain.model
        role_id = self.arguments[0].strip().lower()
        start, shifts = self.options.get("from"), self.options.get("shifts")
        note_display(self.env, "rotation", role_id, start, shifts)
        role = model.roles.get(role_id)
        if role is None or role.rotation is None:
            domain.note_rotation(self.env.docname, self.lineno, role_id, None)
            return []  # the rules report it
        if role.rotation.by_slot:
            indexes = role.rotation.slots_from(start, shifts)
            renderer = domain.field_renderer(self.state.document)
            table = slot_table(model, role, indexes, self.env.docname, renderer.inline,
                               f"Rotation of {role.name}: by slot")
        else:
            table = self.schedule_table(model, role, role.rotation.schedule(start, shifts))
        anchor = ROTATION_ANCHOR_PREFIX + role_id
        if anchor in self.state.document.ids:
            anchor = make_id(self.env, self.state.document, "rotation", role_id)
        table["ids"].append(anchor)
        self.state.document.set_id(table)
        domain.note_rotation(self.env.docname, self.lineno, role_id, anchor)
        self.set_source_info(table)
        return [table]

    def schedule_table(self, model: RolesFile, role: Role, schedule) -> nodes.table:
        rotation, docname = role.rotation, self.env.docname
        headings = ["Shift", "From", "To", "Held by", "Overlaps the next shift"]
        table = nodes.table(classes=["hubroles-rotation"])
        title = f"Rotation of {role.name}: {facts.days(rotation.every)} per shift"
        table += nodes.title(title, title)
        group = nodes.tgroup(cols=len(headings))
        table += group
        group += [nodes.colspec(colwidth=width) for width in (6, 12, 12, 20, 30)]
        head = nodes.thead()
        head += row([nodes.paragraph("", text) for text in headings])
        group += head
        body = nodes.tbody()
        for shift in schedule:
            following = rotation.shift(shift.index + 1)
            if rotation.overlap:
                handover = nodes.paragraph("", f"{following.first} to {shift.last}, with ")
                handover += person_link(model, following.person, docname)
            else:
                handover = nodes.paragraph("", "none")
            cells = [nodes.paragraph("", str(shift.index + 1)),
                     nodes.paragraph("", str(shift.first)), nodes.paragraph("", str(shift.last)),
                     nodes.paragraph("", "", person_link(model, shift.person, docname)),
                     handover]
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
