"""Who holds each role, on pages: the team directory (`roles-people`), a rotation's schedule
(`roles-rotation`), and the holder facts of a card. What roles.yaml says of people, nothing
more: a person's entry shows their name, GitHub profile, page and affiliation, and roles."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core.directory import directory, directory_spec
from ..core.model import Holder, Role, RolesFile, Rotation
from ..core.names import person_anchor
from ..core.options import written_options
from .links import field, person_reference, role_reference
from .state import domain_of, note_display, read_directive_options

PERSON_CLASS = "hubroles-person"
SHIFT_CLASS = "hubroles-shift"


def role_link(role: Role, docname: str) -> addnodes.pending_xref:
    return role_reference(role.id, role.name, docname)


def person_link(model: RolesFile, person_id: str, docname: str) -> addnodes.pending_xref:
    return person_reference(person_id, model.people[person_id].name, docname)


def dates(holder: Holder) -> str:
    """'since 2024-03-01', '2024-03-01 to 2025-06-30', 'until 2025-06-30', or ''."""
    if holder.since and holder.until:
        return f"{holder.since} to {holder.until}"
    if holder.since:
        return f"since {holder.since}"
    return f"until {holder.until}" if holder.until else ""


def holder_facts(model: RolesFile, role: Role, docname: str, inline) -> list[nodes.field]:
    """A card's "Held by", "Formerly held by" and "Rotation" facts, when set. `inline`
    renders a note's MyST."""
    facts = []
    for label, holders in (("Held by", role.current_holders),
                           ("Formerly held by", role.former_holders)):
        if holders:
            facts.append(field(label, [holdings(model, holders, docname, inline)]))
    if role.rotation is not None:
        facts.append(field("Rotation", [rotation_text(model, role.rotation, docname)]))
    return facts


def holdings(model: RolesFile, holders: tuple[Holder, ...], docname: str,
             inline) -> nodes.paragraph:
    """'Ada Quill, Dee Marsh (2024-03-01 to 2025-06-30; interim)'."""
    paragraph = nodes.paragraph()
    for index, holder in enumerate(holders):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += person_link(model, holder.person, docname)
        details: list[nodes.Node] = [nodes.Text(dates(holder))] if dates(holder) else []
        if holder.note is not None:
            details += [nodes.Text("; ")] if details else []
            details += inline(holder.note)
        if details:
            paragraph += [nodes.Text(" ("), *details, nodes.Text(")")]
    return paragraph


def rotation_text(model: RolesFile, rotation: Rotation, docname: str) -> nodes.paragraph:
    """'every 14 days among Ada Quill, Bo Reyes and Cy Tan, from 2026-01-07; each shift
    overlaps the next by 7 days'."""
    paragraph = nodes.paragraph("", f"every {days(rotation.every)} among ")
    for index, person in enumerate(rotation.pool):
        if index:
            last = index == len(rotation.pool) - 1
            paragraph += nodes.Text(" and " if last else ", ")
        paragraph += person_link(model, person, docname)
    paragraph += nodes.Text(f", from {rotation.start}")
    if rotation.overlap:
        paragraph += nodes.Text(f"; each shift overlaps the next by {days(rotation.overlap)}")
    return paragraph


def days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


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
            section = self.entry_section(entry)
            noted.append((entry.person.id, section["ids"][0]))
            result += [addnodes.index(entries=[("single", entry.person.name,
                                                section["ids"][0], "main", None)]), section]
        domain.note_directory(self.env.docname, self.lineno, spec, tuple(noted))
        return result

    def entry_section(self, entry) -> nodes.section:
        """A person's entry. Which entry their label names in the standard domain is decided
        once every page is read (RolesDomain.register_targets)."""
        person, document = entry.person, self.state.document
        anchor = person_anchor(person.id)
        if anchor in document.ids:
            anchor = make_id(self.env, document, "people", person.id)
        section = nodes.section(ids=[anchor], classes=[PERSON_CLASS])
        section += nodes.title(person.name, person.name)
        self.set_source_info(section)
        document.set_id(section)
        facts = nodes.field_list(classes=["hubroles-person-facts"])
        if person.github:
            url = f"https://github.com/{person.github}"
            facts += field("GitHub", [nodes.paragraph("", "", nodes.reference(
                "", f"@{person.github}", refuri=url))])
        if person.url:
            facts += field("Web", [nodes.paragraph("", "", nodes.reference(
                "", person.url, refuri=person.url))])
        if person.affiliation:
            facts += field("Affiliation", [nodes.paragraph("", person.affiliation)])
        docname = self.env.docname
        for label_text, holdings_ in (("Holds", entry.holds), ("Held", entry.held)):
            if holdings_:
                facts += field(label_text, [roles_held(holdings_, docname)])
        if entry.pools:
            paragraph = nodes.paragraph()
            for index, role in enumerate(entry.pools):
                paragraph += [nodes.Text(", ")] if index else []
                paragraph += role_link(role, docname)
            facts += field("Takes turns as", [paragraph])
        if len(facts):
            section += facts
        return section


def roles_held(holdings_: tuple[tuple[Role, Holder], ...], docname: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for index, (role, holder) in enumerate(holdings_):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += role_link(role, docname)
        if dates(holder):
            paragraph += nodes.Text(f" ({dates(holder)})")
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
        domain.note_rotation(self.env.docname, self.lineno, role_id)
        role = model.roles.get(role_id)
        if role is None or role.rotation is None:
            return []  # the rules report it
        schedule = role.rotation.schedule(start, shifts)
        table = self.schedule_table(model, role, schedule)
        self.set_source_info(table)
        return [table]

    def schedule_table(self, model: RolesFile, role: Role, schedule) -> nodes.table:
        rotation, docname = role.rotation, self.env.docname
        headings = ["Shift", "From", "To", "Held by", "Overlaps the next shift"]
        table = nodes.table(classes=["hubroles-rotation"])
        title = f"Rotation of {role.name}: {days(rotation.every)} per shift"
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
