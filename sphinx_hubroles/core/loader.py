"""Load and validate roles.yaml into the model, reporting every problem at once with its line.

Pure Python: the Sphinx extension and the command line share this loader, so a problem reads
the same in both.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import fields as F
from .diagram.colours import (
    DARK_PAGE,
    LIGHT_PAGE,
    MIN_CONTRAST,
    contrast,
    is_hex_colour,
    readable_on,
)
from .files import read_roles_bytes
from .lines import breaks_in
from .model import (
    KIND_OF,
    KIND_OF_INVERSE,
    KIND_OF_LABEL,
    Admonition,
    Group,
    RelationType,
    Role,
    RolesFile,
    Term,
    Text,
)
from .people import PeopleFields
from .problems import (
    NOTE,
    Problem,
    Problems,
    RolesFileError,
    display_path,
    shown,
)
from .values import (
    ValueReader,
)
from .yamlsource import YMap, YScalar, YSeq, YValue, parse_yaml

# Fields of a role that only its card shows (roles-table has no column for them).
CARD_ONLY_FIELDS = ("description", "sections", "admonitions", "see-also")

# Byte order marks of encodings other than UTF-8. UTF-32-LE's starts with UTF-16-LE's, so the
# UTF-32 ones come first.
BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)


def load_roles(path: str | Path, *, role_terms: bool = True) -> RolesFile:
    """Read and validate roles.yaml; raise RolesFileError listing every problem.

    With `role_terms` (hubroles_role_terms), roles' names and aliases are glossary terms, so
    a term under `terms` may not repeat one."""
    path = Path(path)
    return parse_roles(read_roles_bytes(path), path, role_terms=role_terms)


def parse_roles(data: bytes, path: Path, *, role_terms: bool = True,
                shown_as: tuple[str, str] | None = None) -> RolesFile:
    """The model of roles.yaml's bytes `data`, read from `path`. Messages name the file
    as `shown_as` says (RolesFile.located, RolesFile.named), by default as the user would
    type it, relative to the working folder."""
    problems = Problems()
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            raise RolesFileError(path, [Problem(None, f"is saved as {encoding}; save it as "
                                                "UTF-8")])
    data = data.removeprefix(codecs.BOM_UTF8)  # tolerate a byte order mark
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = breaks_in(data[: error.start].decode("utf-8")) + 1
        raise RolesFileError(path, [Problem(line, "is not valid UTF-8 (byte "
                                            f"0x{data[error.start]:02x}); save it as UTF-8")]
                             ) from None
    with collector_paused():
        root = parse_yaml(text, problems)
        if root is None:
            raise RolesFileError(path, problems.items, problems.more)
        result = _Validator(path, problems, role_terms,
                                shown_as or (display_path(path),) * 2).run(root)
    if problems.items:
        # The warnings too: a folded list item is often what made the error.
        raise RolesFileError(path, problems.items + problems.notices, problems.more)
    result.notices.extend(sorted(problems.notices, key=lambda p: (p.line or 0, p.column or 0)))
    return result


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while roles.yaml loads, and then left as it
    was found (the host may have paused it itself).

    Loading makes a burst of objects that hold no cycles, and each burst sets off collections
    that walk every object of the host process: inside sphinx-build, with the environment of
    a 1,000-page handbook loaded, that doubled the load time of 1,000 roles
    (benchmarks/loader_scale.py --host-objects). Nothing is lost by the pause: what loading
    throws away is freed as usual, and cycles made meanwhile by other code wait for the next
    collection."""
    enabled = gc.isenabled()
    try:  # disabled inside: a Ctrl-C just after it still enables it again
        gc.disable()
        yield
    finally:
        if enabled:
            gc.enable()


def kind_cycles(kinds: dict[str, str]) -> list[list[str]]:
    """Each cycle of `kinds` (role id -> the role it is a kind of), from its role that comes
    first in `kinds`, in that order. Each role is walked once: following the chain from every
    role, asking a list of the roles seen, made a chain of 4,000 kinds take minutes."""
    order = {role_id: number for number, role_id in enumerate(kinds)}
    done: set[str] = set()
    cycles = []
    for start in kinds:
        path: dict[str, int] = {}  # the roles of this walk, in order
        role_id = start
        while role_id in kinds and role_id not in done and role_id not in path:
            path[role_id] = len(path)
            role_id = kinds[role_id]
        if role_id in path:  # the walk came back to one of its own roles: a cycle
            cycle = list(path)[path[role_id]:]
            first = min(range(len(cycle)), key=lambda index: order[cycle[index]])
            cycles.append(cycle[first:] + cycle[:first])
        done.update(path)
    return sorted(cycles, key=lambda cycle: order[cycle[0]])


class _Validator(PeopleFields, ValueReader):
    """Reads the entries of roles.yaml (relations, groups, roles, terms; people in
    people.py) and checks what spans entries: relation targets, names, replacements."""

    def __init__(self, path: Path, problems: Problems, role_terms: bool,
                 shown_as: tuple[str, str]) -> None:
        super().__init__(problems)
        self.path = path
        self.shown_as = shown_as
        self.role_terms = role_terms
        # (target, line, role, relation): checked once every role id is known
        self.pending_targets: list[tuple[str, int, str, str]] = []
        # (role id, replacement, line of 'replaced-by'): checked once every role is read
        self.pending_replacements: list[tuple[str, str, int]] = []
        # (role named, line, what names it, the holding): 'moved-to' and 'moved-from'
        self.pending_moves: list[tuple[str, int, str, str]] = []
        # role id -> (group id, line of the group's 'role'): the bodies groups stand for
        self.bodies: dict[str, tuple[str, int]] = {}

    def run(self, root: YValue) -> RolesFile:
        roles_file = RolesFile(self.path, located=self.shown_as[0], named=self.shown_as[1])
        if not isinstance(root, YMap):
            self.problems.at(root.line, "must be a mapping with 'roles' (and optionally "
                             "'relations', 'groups', 'terms') at the top level")
            return roles_file
        top = self.mapping_fields(root, F.TOP_LEVEL, "the top level")
        # Ids written in the file, even those with problems: suggestions and references use
        # them, so one mistake is not reported again at every use.
        self.declared = {key: set(value.items) if isinstance(value, YMap) else set()
                         for key, (_line, value) in top.items()}
        self.declared.setdefault("groups", set())
        self.declared.setdefault("relations", set())
        self.declared.setdefault("roles", set())
        self.declared.setdefault("people", set())
        # People come before roles: holders and rotation pools name them.
        self.people_read = self.people(top.get("people"))
        roles_file.people.update(self.people_read)
        for key, parse in (("relations", self.relation_type), ("groups", self.group)):
            for item_id, line, value in self.id_mapping(top.get(key), f"'{key}'"):
                item = parse(item_id, line, value)
                if item is not None:
                    getattr(roles_file, key)[item_id] = item
        for role_id, line, value in self.id_mapping(top.get("roles"), "'roles'"):
            role = self.role(role_id, line, value, roles_file)
            if role is not None:
                roles_file.roles[role_id] = role
        self.check_role_targets()
        self.check_replacements(roles_file)
        self.check_moves()
        self.check_bodies(roles_file)
        self.check_kinds(top.get("roles"), roles_file)
        role_terms = self.check_unique_names(roles_file)
        seen_terms: dict[str, tuple[str, int]] = {}
        for key, (line, value) in self.items(top.get("terms"), "'terms'"):
            name = self.term_name(key, line, seen_terms)
            if name is not None and self.role_terms:
                name = self.not_a_role_term(name, line, role_terms)
            definition = self.text(value, f"the definition of term '{shown(key)}'", block=True)
            if name is not None and definition is not None:
                roles_file.terms[name] = Term(name, definition, line)
        self.note_edge_lines(top.get("roles"), roles_file)
        return roles_file

    def note_edge_lines(self, roles: tuple[int, YValue] | None, roles_file: RolesFile) -> None:
        """The line of each relation's target, for the problems the rules find about one
        relation (a cycle of hierarchy relations). Only the roles that loaded are read."""
        for role_id in roles_file.roles:
            role_node = roles[1].items[role_id][1]  # a role that loaded is a mapping
            if roles_file.roles[role_id].kind_of is not None:
                roles_file.edge_lines[role_id, KIND_OF, roles_file.roles[role_id].kind_of] = \
                    role_node.items["kind-of"][0]
            relations = role_node.items.get("relations")
            if relations is None or not isinstance(relations[1], YMap):
                continue
            for rel_id, (_line, targets) in relations[1].items.items():
                for item in targets.items if isinstance(targets, YSeq) else ():
                    target = _target_id(item)
                    if target is not None:
                        roles_file.edge_lines[role_id, rel_id, target] = item.line

    def term_name(self, key: str, line: int, seen: dict[str, tuple[str, int]]) -> str | None:
        """A term's name: one line of text, unique regardless of case (as Sphinx's terms)."""
        name = key.strip()
        if not name:
            self.problems.at(line, "a term under 'terms' has an empty name; give it one")
            return None
        if not self.good_characters(name, f"term '{shown(name)}'", line):
            return None
        if not self.one_line(key, f"term '{shown(name)}'", line):
            return None
        if name.lower() in seen:
            other, other_line = seen[name.lower()]
            self.problems.at(line, f"term '{shown(name)}' is term '{shown(other)}' (line "
                             f"{other_line}) again"
                             + (": glossary terms ignore case" if other != name else ""))
            return None
        seen[name.lower()] = (name, line)
        return name

    # -- entries ---------------------------------------------------------------------------

    def relation_type(self, rel_id: str, line: int, node: YValue) -> RelationType | None:
        if not self.is_mapping(node, f"relation '{rel_id}'"):
            return None
        values = self.simple_fields(node, F.RELATION_FIELDS, f"relation '{rel_id}'", line)
        look = self.relation_look(node, f"relation '{rel_id}'")
        if values.get("label") is None:
            return None
        return RelationType(rel_id, values["label"], values.get("inverse"), line,
                            hierarchy=bool(values.get("hierarchy")), **look)

    def relation_look(self, node: YMap, what: str) -> dict:
        """How the relation's lines look: 'color', 'dark-color', 'style' (as RelationType's
        keyword arguments; a value with a problem is left out)."""
        look: dict = {}
        for key, page, where, way in (("color", LIGHT_PAGE, "a white page", "darker"),
                                      ("dark-color", DARK_PAGE, "a dark page", "lighter")):
            if key in node.items:
                colour = self.colour(node.items[key][1], f"'{key}' of {what}", page,
                                     f"against {where}; lines need {MIN_CONTRAST:g}:1 to be "
                                     f"seen (WCAG 1.4.11): use a {way} colour, such as")
                if colour is not None:
                    look[key.replace("-", "_")] = colour
        if "style" in node.items:
            style = self.name(node.items["style"][1], f"'style' of {what}")
            if style is not None and style not in F.LINE_STYLES:
                self.problems.at(node.items["style"][0], f"'style' of {what} is "
                                 f"'{shown(style)}', which is not a line style"
                                 + (self.did_you_mean(style.lower(), F.LINE_STYLES) or
                                    "; use one of " + ", ".join(F.LINE_STYLES)))
            elif style is not None:
                look["style"] = style
        return look

    def colour(self, node: YValue, label: str, page: str, advice: str) -> str | None:
        """A '#rrggbb' colour with MIN_CONTRAST against `page`, lower-cased."""
        text = self.name(node, label)
        if text is None:
            return None
        if not is_hex_colour(text):
            short = re.fullmatch(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])", text)
            example = "#" + "".join(c * 2 for c in short.groups()) if short else "#0072b2"
            self.problems.at(node.line, f"{label} is '{shown(text)}', which is not a colour "
                             f"written '#rrggbb', such as '{example}' (colour names and CSS "
                             "functions do not draw the same in every output)")
            return None
        colour = text.lower()
        ratio = contrast(colour, page)
        if ratio < MIN_CONTRAST:
            self.problems.at(node.line, f"{label}, '{colour}', has a contrast of "
                             f"{ratio:.1f}:1 {advice} '{readable_on(colour, page)}'")
            return None
        return colour

    def group(self, group_id: str, line: int, node: YValue) -> Group | None:
        if not self.is_mapping(node, f"group '{group_id}'"):
            return None
        values = self.simple_fields(node, F.GROUP_FIELDS, f"group '{group_id}'", line)
        body = None
        if "role" in node.items:
            role_line, value = node.items["role"]
            body = self.name(value, f"'role' of group '{group_id}'")
            if body is not None and body in self.bodies:
                other = self.bodies[body]
                self.problems.at(role_line, f"group '{group_id}' names role '{shown(body)}' as "
                                 f"its body, and group '{other[0]}' does too (line {other[1]}); "
                                 "a role stands for one group")
                body = None
            elif body is not None:
                self.bodies[body] = (group_id, role_line)
        if values.get("name") is None:
            return None
        return Group(group_id, values["name"], values.get("description"), line, body)

    def role(self, role_id: str, line: int, node: YValue, roles_file: RolesFile) -> Role | None:
        what = f"role '{role_id}'"
        if not self.is_mapping(node, what):
            return None
        values = self.simple_fields(node, F.ROLE_FIELDS, what, line)
        group = self.body_group(role_id, node, self.role_group(node, roles_file, what), what)
        admonitions = self.admonitions(node, what)
        relations, notes = self.role_relations(node, roles_file, what)
        holders, rotation = self.holders(node, what), self.rotation(node, what)
        replaced_by = self.replaced_by(role_id, node, values.get("status"), what)
        kind_of = self.kind_of(role_id, node, what)
        seats, team = self.seats(node, what), self.team(node, what)
        owners_alias = self.owners_alias(node, what)
        if values.get("url"):
            self.fields_no_page_shows(node, what)
        if values.get("name") is None or values.get("summary") is None:
            return None
        return Role(
            id=role_id, name=values["name"], summary=values["summary"], line=line,
            aliases=values.get("aliases", ()), group=group,
            status=values.get("status") or F.DEFAULT_STATUS, replaced_by=replaced_by,
            url=values.get("url"), count=values.get("count"),
            filled_by=values.get("filled-by"), defined_by=values.get("defined-by"),
            description=values.get("description"),
            requirements=values.get("requirements", ()),
            responsibilities=values.get("responsibilities", ()),
            sections=values.get("sections", ()),
            see_also=values.get("see-also", ()), admonitions=admonitions, relations=relations,
            relation_notes=notes, holders=holders, rotation=rotation, kind_of=kind_of,
            seats=seats, team=team, owners_alias=owners_alias,
        )

    def body_group(self, role_id: str, node: YMap, group: str | None,
                   what: str) -> str | None:
        """The role's group: the one it names, or the one it stands for (a group's 'role'),
        which must be the same."""
        if role_id not in self.bodies:
            return group
        body_of, line = self.bodies[role_id]
        if group is not None and group != body_of:
            self.problems.at(node.items["group"][0], f"{what} names group '{group}', but it "
                             f"stands for group '{body_of}' ('role' of that group, line {line}); "
                             f"a body belongs to its own group: write 'group: {body_of}' or "
                             "leave 'group' out")
        return body_of if group is None or group == body_of else None

    def kind_of(self, role_id: str, node: YMap, what: str) -> str | None:
        """'kind-of': another role (checked once every role is read)."""
        if "kind-of" not in node.items:
            return None
        line, value = node.items["kind-of"]
        target = self.name(value, f"'kind-of' of {what}")
        if target is None:
            return None
        if target == role_id:
            self.problems.at(line, f"{what} cannot be a kind of itself; name the role it is a "
                             "kind of")
            return None
        self.pending_moves.append((target, line, f"'kind-of' of {what}", what))
        return target

    def fields_no_page_shows(self, node: YMap, what: str) -> None:
        """A note, not a problem: an external role has no card, so the fields only a card
        shows are carried by the exports alone."""
        for key in CARD_ONLY_FIELDS:
            if key in node.items:
                self.problems.notice(Problem(
                    node.items[key][0], f"{what} has a url, so it has no card to show its "
                    f"'{key}'; only the exports carry it", level=NOTE))

    def replaced_by(self, role_id: str, node: YMap, status: str | None,
                    what: str) -> str | None:
        """'replaced-by': only on a retired role; the role it names is checked once every
        role is read."""
        if "replaced-by" not in node.items:
            return None
        line, value = node.items["replaced-by"]
        target = self.name(value, f"'replaced-by' of {what}")
        if target is None:
            return None
        if status != "retired":
            self.problems.at(line, f"{what} has 'replaced-by' but is not retired; add "
                             "'status: retired', or remove 'replaced-by'")
            return None
        if target == role_id:
            self.problems.at(line, f"{what} cannot be replaced by itself; name the role that "
                             "does its work now")
            return None
        self.pending_replacements.append((role_id, target, line))
        return target

    def check_replacements(self, roles_file: RolesFile) -> None:
        declared = self.declared["roles"]
        for role_id, target, line in self.pending_replacements:
            if target not in declared:
                self.problems.at(line, f"'replaced-by' of role '{role_id}' names "
                                 f"'{shown(target)}', which is not a role under 'roles'"
                                 + self.did_you_mean(target, declared))
                continue
            replacement = roles_file.roles.get(target)
            if replacement is not None and replacement.retired:
                further = (f" (it is replaced by '{replacement.replaced_by}')"
                           if replacement.replaced_by else "")
                self.problems.at(line, f"'replaced-by' of role '{role_id}' names "
                                 f"'{target}', which is retired too{further}; name a role "
                                 "that is not retired")

    def check_moves(self) -> None:
        """The roles that 'moved-to', 'moved-from' and 'kind-of' name."""
        declared = self.declared["roles"]
        for target, line, label, what in self.pending_moves:
            if target not in declared:
                self.problems.at(line, f"{label} names '{shown(target)}', which is not a role "
                                 "under 'roles'" + self.did_you_mean(target, declared))
            elif label.startswith("'moved") and what.endswith(f"role '{target}'"):
                self.problems.at(line, f"{label} names the role itself; a move goes to or "
                                 "comes from another role")

    def check_bodies(self, roles_file: RolesFile) -> None:
        declared = self.declared["roles"]
        for role_id, (group_id, line) in self.bodies.items():
            if role_id not in declared:
                self.problems.at(line, f"'role' of group '{group_id}' names '{shown(role_id)}', "
                                 "which is not a role under 'roles'"
                                 + self.did_you_mean(role_id, declared))

    def check_kinds(self, roles: tuple[int, YValue] | None, roles_file: RolesFile) -> None:
        """No role is, through 'kind-of', a kind of itself; and 'kind-of' becomes a relation
        of the type KIND_OF, declared here when a role uses it."""
        kinds = {role.id: role.kind_of for role in roles_file.roles.values()
                 if role.kind_of in roles_file.roles}
        for cycle in kind_cycles(kinds):
            start = cycle[0]
            line = roles[1].items[start][1].items["kind-of"][0]
            self.problems.at(line, "these roles are each a kind of the next, and the last a "
                             "kind of the first: " + " → ".join([*cycle, start])
                             + "; remove one 'kind-of'")
        if kinds and roles is not None:
            first = min(roles[1].items[role_id][1].items["kind-of"][0] for role_id in kinds)
            roles_file.relations[KIND_OF] = RelationType(KIND_OF, KIND_OF_LABEL,
                                                         KIND_OF_INVERSE, first)

    def role_group(self, node: YMap, roles_file: RolesFile, what: str) -> str | None:
        if "group" not in node.items:
            return None
        group = self.name(node.items["group"][1], f"'group' of {what}")
        if group is not None and group not in roles_file.groups:
            if group in self.declared["groups"]:
                return None  # the group has a problem of its own, reported there
            self.problems.at(node.items["group"][0], f"{what} names group '{shown(group)}', "
                             "which is not declared under 'groups'"
                             + self.did_you_mean(group, self.declared["groups"]))
            return None
        return group

    def admonitions(self, node: YMap, what: str) -> tuple[Admonition, ...]:
        if "admonitions" not in node.items:
            return ()
        result = []
        label = f"'admonitions' of {what}"
        for item in self.seq(node.items["admonitions"][1], label):
            if not self.is_mapping(item, f"an item of {label}"):
                continue
            values = self.simple_fields(item, F.ADMONITION_FIELDS, f"an admonition of {what}")
            kind = None
            if "kind" in item.items:
                kind = self.name(item.items["kind"][1], f"'kind' of an admonition of {what}")
                if kind is not None and kind not in F.ADMONITION_KINDS:
                    self.problems.at(item.items["kind"][0], "unknown admonition kind "
                                     f"'{shown(kind)}'"
                                     + (self.did_you_mean(kind, F.ADMONITION_KINDS) or
                                        "; use one of " + ", ".join(F.ADMONITION_KINDS)))
                    kind = None
            if kind is not None and values.get("text") is not None:
                result.append(Admonition(kind, values["text"]))
        return tuple(result)

    def role_relations(self, node: YMap, roles_file: RolesFile, what: str):
        """(relation id, target ids) in file order, and (relation id, target, note) for the
        targets written as a mapping with a note."""
        if "relations" not in node.items:
            return (), ()
        result, notes = [], []
        for rel_id, (line, targets_node) in self.items(node.items["relations"],
                                                       f"'relations' of {what}"):
            if rel_id not in roles_file.relations:
                if rel_id not in self.declared["relations"]:
                    self.problems.at(line, f"{what} uses relation '{shown(rel_id)}', which "
                                     "is not declared under 'relations'"
                                     + self.did_you_mean(rel_id, self.declared["relations"]))
                continue
            # A dict, not a list: asking a list whether it holds each new target made a
            # relation of 40,000 targets take seconds (benchmarks/worst_case.py).
            targets: dict[str, None] = {}
            for item in self.seq(targets_node, f"'{rel_id}' of {what}"):
                target, note = self.relation_entry(item, rel_id, what)
                if target is None:
                    continue
                if target in targets:
                    self.problems.at(item.line, f"{what} lists '{shown(target)}' twice under "
                                     f"'{rel_id}'")
                    continue
                targets[target] = None
                if note is not None:
                    notes.append((rel_id, target, note))
                # Targets may be declared further down the file; checked once all are read.
                self.pending_targets.append((target, item.line, what, rel_id))
            result.append((rel_id, tuple(targets)))
        return tuple(result), tuple(notes)

    def relation_entry(self, item: YValue, rel_id: str,
                       what: str) -> tuple[str | None, Text | None]:
        """A target of a relation: a plain role id, or a mapping with 'role' and 'note'."""
        label = f"a target of '{rel_id}' of {what}"
        if not isinstance(item, YMap):
            return self.name(item, label), None
        values = self.mapping_fields(item, F.RELATION_ENTRY_FIELDS, label)
        target = self.name(values["role"][1], f"'role' of {label}") if "role" in values \
            else None
        note = (self.text(values["note"][1], f"'note' of {label}", block=False)
                if "note" in values else None)
        return target, note

    def check_role_targets(self) -> None:
        declared = self.declared["roles"]
        for target, line, what, rel_id in self.pending_targets:
            if target not in declared:
                self.problems.at(line, f"'{rel_id}' of {what} names '{shown(target)}', which "
                                 "is not a role under 'roles'"
                                 + self.did_you_mean(target, declared))

    def check_unique_names(self, roles_file: RolesFile) -> dict[str, tuple[Role, str]]:
        """Names and aliases are glossary terms: two roles may not share one. Returns each
        lower-cased name and alias with its role and what it is ('the name', 'an alias')."""
        owners: dict[str, tuple[Role, str]] = {}
        for role in roles_file.roles.values():
            for index, name in enumerate(role.term_names):
                other = owners.setdefault(name.lower(),
                                          (role, "an alias" if index else "the name"))[0]
                if other.id != role.id:
                    self.problems.at(role.line, f"role '{role.id}' has the name or alias "
                                     f"'{shown(name)}', which role '{other.id}' has too")
        return owners

    def not_a_role_term(self, name: str, line: int,
                        role_terms: dict[str, tuple[Role, str]]) -> str | None:
        """A term that repeats a role's name or alias would be defined twice in the glossary
        (once by the role's card); None, with a problem, if it does."""
        if name.lower() not in role_terms:
            return name
        role, what = role_terms[name.lower()]
        self.problems.at(line, f"term '{shown(name)}' is {what} of role '{role.id}' (line "
                         f"{role.line}), which is already a glossary term; remove the term or "
                         "rename it")
        return None




def _target_id(item: YValue) -> str | None:
    """The role id of a relation's target: the item itself, or its 'role'."""
    if isinstance(item, YMap):
        item = item.items.get("role", (0, None))[1]
    return item.value.strip() if isinstance(item, YScalar) else None
