"""The `hubroles` domain: the one owner of what sphinx-hubroles knows about each page.

Every page record is kept per page in the domain's data, so that Sphinx forgets a page's
records when it reads the page again (clear_doc) and combines the records of parallel readers
(merge_domaindata):

- cards      the `role-card`s a page shows: (role id, line, anchor)
- displays   what a page shows from roles.yaml (a card, the glossary, a diagram) and a digest
             of it, to read the page again when that changes (state.py)
- references the role and term references a page holds: (kind, target, line, checked); links
             that the extension makes itself, and those inside roles.yaml text, are not checked
             here (their text is judged in roles.yaml, at its own lines)
- labels     `roles:` labels written by hand: (label, line)
- terms      glossary terms written by hand: (term, line)
- glossaries the `roles-glossary` directives: line
- diagrams   the `roles-diagram`s: (line, DiagramSpec, depth given, (svg DOT, print DOT)),
             the DOT None for a diagram with nothing to show
- directories the `roles-people` directories: (line, DirectorySpec, ((person id, anchor),
             ...)); a directory with `:no-index:` has entries, whose anchors no label names
- rotations  the `roles-rotation` tables: (line, role id, anchor), the anchor None for a
             table not shown
- holders    the `role-holders` references: (line, role id)
- tables     the `roles-table`s: (line, TableSpec)
- problems   what those directives find wrong with themselves as they are read (an unknown
             option, an invalid value, a card inside its own text): (path, line, subtype,
             message), the path None for the page itself

After reading, `judge()` turns these records into the rules' Site (core/rules.py): which card
each role's links go to, which references and terms are known, and every problem, which the
build then reports; the same on every build, until it is fixed (state.py).
`register_targets()` then makes those cards and directory entries the targets of their labels
and terms in the standard domain (objects.inv), from every page's records: never while a page
is read, when other pages' records may be stale or not read yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..core.diagram.escape import shown_tooltip
from ..core.diagram.looks import assign_looks
from ..core.diagram.selection import DiagramSpec, Selection, diagram_inputs, select
from ..core.digests import text_digest
from ..core.model import RolesFile
from ..core.names import ROLE_PREFIXES, person_id_of, person_label, role_id_of, role_label
from ..core.rules import (
    Finding,
    diagram_messages,
    external_roles,
    first_cards,
    first_entries,
    first_schedules,
    known_terms,
    problems,
    role_terms_of,
)
from ..core.site import (
    PERSON,
    ROLE,
    TERM,
    CardUse,
    DiagramUse,
    DirectiveProblem,
    DirectoryUse,
    HoldersUse,
    Reference,
    RotationUse,
    Site,
    TableUse,
    Where,
    in_roles_file,
)
from ..core.table import TableSpec
from ._compat import single_fragment

if TYPE_CHECKING:  # loaded when first used (plain_text)
    from ..core.diagram.plaintext import PlainText

PER_PAGE = ("cards", "displays", "references", "labels", "terms", "glossaries", "diagrams",
            "directories", "rotations", "tables", "holders", "problems")

# The reference forms that can target a `roles:` label: MyST links, {ref} and :ref:.
LABEL_REFTYPES = {"myst", "ref"}
# Classes the extension gives its own output, to tell it from what a page wrote by hand.
CARD_CLASS = "hubroles-card"
GLOSSARY_CLASS = "hubroles-glossary"
PREVIEW_CLASS = "hubroles-preview"  # a link to a card: hover.py shows its preview
# A link to a role's schedule, its first `roles-rotation` (links.py: schedule_reference).
SCHEDULE = "schedule"
# A role's summary as plain words, in a glossary's entry for the role (glossary.py): filled in
# when the page is written, so that the page is written again, not read again, when the
# summary changes; unless the role has a card and the build writes the previews file, from
# which the reader's browser takes it.
SUMMARY = "summary"
# What a diagram shows of a role besides a link: its tooltip, filled in when the page is
# written (the name of a role with a card, the summary of one without). A page that shows it
# is written again when that changes.
TOOLTIP = "tooltip"
# On a MyST `[text](#label)` link that names a role or a person: the label, which MyST drops
# when it resolves the link to a label of the same page (ResolveAnchorIds, priority 879, after
# the domains read the page at 850). The link then still goes to the card, as the others do.
HASH_LABEL = "hubroles_label"


def reference_of(node: nodes.Element, prefixes: tuple[str, ...] = ROLE_PREFIXES
                 ) -> tuple[str, str] | None:
    """(ROLE, target), (PERSON, target) or (TERM, target) for a reference node that names a
    role's or a person's label or a glossary term, (SCHEDULE, role id) for a link to a role's
    schedule (links.py); None for any other node. `prefixes`: the label prefixes that name
    roles (names.role_prefixes)."""
    if isinstance(node, addnodes.pending_xref):
        if node.get("refdomain") == "hubroles" and node.get("reftype") == SCHEDULE:
            return SCHEDULE, node["reftarget"]
        if node.get("reftype") == "term":
            return TERM, node["reftarget"]
        if node.get("reftype") in LABEL_REFTYPES and node.get("refdomain") in (None, "", "std"):
            target = node.get("reftarget", "")
            if role_id_of(target, prefixes) is not None:
                return ROLE, target
            if person_id_of(target) is not None:
                return PERSON, target
    elif isinstance(node, nodes.reference):
        uri = node.get("refuri", "")
        if node.get("id_link") and HASH_LABEL in node:  # resolved to a label of its page
            target = node[HASH_LABEL]
            return (ROLE, target) if role_id_of(target, prefixes) is not None else (PERSON, target)
        if node.get("id_link") and uri.startswith("#"):
            # `[text](#roles:x)` while the page is read: MyST makes it a reference to the
            # label after the domains have read the page (ResolveAnchorIds, priority 879).
            target = uri[1:]
            if role_id_of(target, prefixes) is not None:
                return ROLE, target
            return (PERSON, target) if person_id_of(target) is not None else None
        # `<roles:x>`, which MyST makes a plain URL
        if role_id_of(uri, prefixes) is not None:
            return ROLE, role_label(role_id_of(uri, prefixes))
        if person_id_of(uri) is not None:
            return PERSON, person_label(person_id_of(uri))
    return None


def source_lines(path: str | None) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines() if path else []
    except (OSError, UnicodeDecodeError):
        return []


def written_at(lines: list[str], line: int | None, snippet: str) -> int | None:
    """The first line, from `line` on, that holds `snippet`; else `line`."""
    start = (line or 1) - 1
    return next((number + 1 for number in range(start, min(start + 1000, len(lines)))
                 if snippet in lines[number]), line)


def line_of(node: nodes.Node) -> int | None:
    """A node's line, or its nearest ancestor's (glossary terms carry none of their own)."""
    while node is not None and not node.line:
        node = node.parent
    return node.line if node is not None else None


def key_of(kind: str, target: str, prefixes: tuple[str, ...] = ROLE_PREFIXES
           ) -> tuple[str, str]:
    """What a reference depends on: ('role', id), ('person', id), ('term', lower-cased term)
    or ('tooltip', role id)."""
    if kind == ROLE:
        return ROLE, role_id_of(target, prefixes) or ""
    if kind == PERSON:
        return PERSON, person_id_of(target) or ""
    return kind, target.lower()


@dataclass(frozen=True)
class HandWritten:
    """Lower-cased label or term -> the pages that write it by hand; roles.yaml's terms,
    lower-cased."""

    labels: dict[str, set[str]]
    terms: dict[str, set[str]]
    roles_file_terms: set[str]


def pages_by_name(records: dict[str, list[tuple[str, int]]]) -> dict[str, set[str]]:
    """Lower-cased name -> the pages of per-page (name, line) records that hold it."""
    pages: dict[str, set[str]] = {}
    for docname, names in records.items():
        for name, _line in names:
            pages.setdefault(name.lower(), set()).add(docname)
    return pages


@dataclass
class Judgement:
    """What the rules decided for this build, read by the writers."""

    cards: dict[str, tuple[str, str]] = field(default_factory=dict)  # role id -> doc, anchor
    urls: dict[str, str] = field(default_factory=dict)  # role id -> URL, roles documented elsewhere
    labels: set[str] = field(default_factory=set)  # role labels resolved by Sphinx instead
    terms: dict[str, str] = field(default_factory=dict)  # known terms, lower-cased
    role_terms: dict[str, str] = field(default_factory=dict)  # lower-cased name -> role id
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> doc, anchor
    # role id -> (doc, anchor) of its first schedule (`roles-rotation`), in page order
    schedules: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)


class RolesDomain(Domain):
    name = "hubroles"
    label = "sphinx-hubroles"
    data_version = 13
    # Per page; the targets of the last build (state.py compares them with this one's); and
    # what the last build's model was made from, with the references found in roles.yaml's
    # texts (by owner, and by text for core/scan's memo), which a build with the same
    # roles.yaml need not look for again, and a build with an edited one only in new texts.
    # The same for what the diagrams are made from, with each diagram's messages (the rules'
    # diagram_messages): a build whose roles.yaml edit leaves them alone, such as a new
    # summary, need not ask every diagram again what it shows. And the diagram cache's entries
    # found whole, with their files' size, times and inode, which need no reading while those
    # stay the same (core/diagram/render.py: Renderer.cached). And the JSON of each part of
    # hubroles.json (core/export.py: to_json), with the digest of the file last made. And the
    # entries this build put into the standard domain, with those they covered
    # (register_targets).
    initial_data: ClassVar[dict[str, Any]] = {**{name: {} for name in PER_PAGE}, "targets": {},
                                              "source": "", "roles_file_references": None,
                                              "roles_file_texts": {}, "judged": None,
                                              "diagram_inputs": "", "diagram_messages": {},
                                              "plain_texts": {}, "plain_texts_for": "",
                                              "previews": {}, "made_by": "",
                                              "settled_renderings": {}, "json_parts": {},
                                              "json_digest": None, "registered": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Set by state.py at builder-inited and env-updated; not pickled with the data.
        self._model: RolesFile | None = None
        self._load_model: Callable[[], RolesFile] | None = None
        self.judgement = Judgement()
        self._selections: dict[DiagramSpec, Selection] = {}
        self._looks: dict[tuple[str, ...], tuple] = {}  # relation type ids -> assign_looks
        self.same_source = False  # whether the model is the last build's (use_model)
        self.same_diagrams = False  # whether every diagram shows what it showed last time
        self.pages_to_read = 0  # how many pages this build reads (state.withdraw_targets)
        # Whether this build's judgement is the last build's (judge): with the same model,
        # everything made from the two, such as the targets and the previews, is as it was.
        self.judgement_reused = False
        self.targets_withdrawn = False  # whether withdraw_targets ran in this build
        self.records_changed = False  # whether a page's records changed in this build
        self._paths: dict[str, tuple[str, str]] = {}  # docname -> its file, as where() gives it
        self._parser = None
        self._field_renderer: tuple[nodes.document, Any] | None = None  # field_renderer()
        self._plain_text: PlainText | None = None
        self._plain_checked = False  # whether the kept words suit this build's MyST settings
        self._plain_used: dict[str, tuple] = {}  # the words made or used in this build
        # (roles.yaml source digest, scan_roles_file_displays of it)
        self._roles_file_displays: tuple[str, dict] = ("", {})
        self.reported_diagrams: set[str] = set()  # failed drawings reported in this build
        self.drawn: set = set()  # diagram jobs found whole in the cache in this build (jobs.py)
        self.renderer = None  # the build's diagram Renderer (jobs.py)
        self.json_text: str | None = None  # this build's hubroles.json (jsonout.py)
        self.sphinx_design = False  # whether the project loads sphinx_design (state.py)
        self.previews = False  # whether this build writes the previews file (hover.py)
        # The label prefixes that name roles: `roles:` and hubroles_label_prefixes (state.py).
        self.prefixes: tuple[str, ...] = ROLE_PREFIXES

    # -- the model of this build ----------------------------------------------------------

    @property
    def model(self) -> RolesFile | None:
        """The model of roles.yaml: loaded when first used, if use_model was given a loader."""
        if self._model is None and self._load_model is not None:
            self._model, self._load_model = self._load_model(), None
        return self._model

    def use_model(self, model: RolesFile | Callable[[], RolesFile], source: str,
                  made_by: str) -> None:
        """Use `model`, made from `source` (a digest of roles.yaml and the settings) by
        `made_by` (the extension's version); or the model that function `model` loads when
        the build first uses it."""
        if isinstance(model, RolesFile):
            self._model, self._load_model = model, None
        else:
            self._model, self._load_model = None, model
        self.same_source = self.data["source"] == source
        if not self.same_source:
            self.data["source"], self.data["roles_file_references"] = source, None
        if self.data["made_by"] != made_by:  # another release may word texts otherwise
            self.data["made_by"], self.data["plain_texts"] = made_by, {}
        # The same source makes the same model, so the same diagrams: no need to say so again.
        self.same_diagrams = self.same_source
        if not self.same_diagrams:
            inputs = text_digest(repr((made_by, diagram_inputs(self.model))))
            self.same_diagrams = self.data["diagram_inputs"] == inputs
            if not self.same_diagrams:
                self.data["diagram_inputs"], self.data["diagram_messages"] = inputs, {}
        self._selections = {}
        self._looks = {}
        self._parser = None
        self._field_renderer = None
        self._plain_text = None
        self._plain_checked = False
        self._plain_used = {}

    def parser(self):
        """The markdown-it parser that renders roles.yaml fields, made once per build."""
        if self._parser is None:
            from .markup import markdown_parser

            self._parser = markdown_parser(self.env)
        return self._parser

    def field_renderer(self, document: nodes.document):
        """The renderer of roles.yaml fields for the page being read (`document`), made once
        per page: making one costs about ten milliseconds (markup.py), and a page may show
        dozens of cards. A directive inside roles.yaml text (`document` is then the
        renderer's own) gets the renderer that is rendering that text: a new one would set up
        the markdown-it renderer they share for another document, and what the text renders
        after the directive would go there, lost."""
        if self._field_renderer is not None and document is self._field_renderer[1].document:
            return self._field_renderer[1]
        if self._field_renderer is None or self._field_renderer[0] is not document:
            from .markup import FieldRenderer

            renderer = FieldRenderer(self.env, self.parser(), document.settings,
                                     str(self.model.path))
            self._field_renderer = (document, renderer)
        return self._field_renderer[1]

    def plain_text(self, text) -> str:
        """A roles.yaml text's words, for tooltips and hover previews.

        The words of the texts that the last build used are kept with the environment
        (hover.py), since most are the same: each with the names that its links without text
        showed (`[](roles:x)` shows the role's name), and all with the MyST settings they were
        made with (a substitution's value, say). A kept text is used again only while both
        are the same."""
        if not self._plain_checked:
            from .markup import myst_settings_key

            self._plain_checked = True
            settings = text_digest(myst_settings_key(self.env.myst_config))
            if self.data["plain_texts_for"] != settings:
                self.data["plain_texts_for"], self.data["plain_texts"] = settings, {}
        source = text.source
        known = self.data["plain_texts"].get(source)
        if known is None or any(self.link_name(target) != name for target, name in known[1]):
            if self._plain_text is None:
                from ..core.diagram.plaintext import PlainText

                self._plain_text = PlainText(self.env.myst_config)
            shown: list[tuple[str, str | None]] = []

            def names(target: str) -> str | None:
                shown.append((target, self.link_name(target)))
                return shown[-1][1]

            known = (self._plain_text(source, names), tuple(shown))
        self._plain_used[source] = known
        return known[0]

    def keep_plain_texts(self) -> None:
        """Keep the words of the texts this build used, and of those it uses until the
        environment is saved, for the next build (plain_text)."""
        self.data["plain_texts"] = self._plain_used

    def link_name(self, target: str) -> str | None:
        """What a page shows for a link without text of its own to `target`: a role's or a
        person's name (references.py), the target itself for an unknown one; None for a
        target of another kind."""
        role_id, person_id = role_id_of(target), person_id_of(target)
        if role_id is not None:
            role = self.model.roles.get(role_id)
            return role.name if role is not None else target
        if person_id is not None:
            person = self.model.people.get(person_id)
            return person.name if person is not None else target
        return None

    def select(self, model: RolesFile, spec: DiagramSpec) -> Selection:
        """What a diagram shows; asked by the directive, the rules and the display digests
        of every build, so each answer is kept for the build."""
        selection = self._selections.get(spec)
        if selection is None:
            selection = self._selections[spec] = select(model, spec, self.looks_for)
        return selection

    def looks_for(self, relations) -> tuple:
        """assign_looks, once per set of relation types drawn in this build."""
        key = tuple(relation.id for relation in relations)
        if key not in self._looks:
            self._looks[key] = assign_looks(relations)
        return self._looks[key]

    def diagram_messages(self, spec: DiagramSpec, depth_given: bool) -> list[str]:
        """The rules' diagram_messages for one diagram, kept with the environment while the
        diagrams' inputs stay the same."""
        kept = self.data["diagram_messages"]
        if (spec, depth_given) not in kept:
            kept[spec, depth_given] = tuple(
                diagram_messages(spec, depth_given, self.select(self.model, spec)))
        return list(kept[spec, depth_given])

    # -- page records ---------------------------------------------------------------------

    def records(self, name: str, docname: str) -> list:
        self.records_changed = True
        return self.data[name].setdefault(docname, [])

    def note_card(self, docname: str, role_id: str, line: int, anchor: str) -> None:
        self.records("cards", docname).append((role_id, line, anchor))

    def note_display(self, docname: str, key: tuple, digest: str) -> None:
        self.records_changed = True
        self.data["displays"].setdefault(docname, {})[key] = digest

    def note_glossary(self, docname: str, line: int) -> None:
        self.records("glossaries", docname).append(line)

    def note_diagram(self, docname: str, line: int, spec: DiagramSpec, depth_given: bool,
                     dots: tuple[str, str] | None) -> None:
        self.records("diagrams", docname).append((line, spec, depth_given, dots))

    def note_table(self, docname: str, line: int, spec: TableSpec) -> None:
        self.records("tables", docname).append((line, spec))

    def note_directory(self, docname: str, line: int, spec, entries: tuple) -> None:
        self.records("directories", docname).append((line, spec, entries))

    def note_rotation(self, docname: str, line: int, role_id: str,
                      anchor: str | None) -> None:
        self.records("rotations", docname).append((line, role_id, anchor))

    def note_holders(self, docname: str, line: int, role_id: str) -> None:
        self.records("holders", docname).append((line, role_id))

    def note_problems(self, docname: str, line: int, subtype: str, messages: list[str],
                      path: str | None = None) -> None:
        """Problems a directive of page `docname` found in itself, at `line` of the page (or
        of roles.yaml, `path`, when the directive stands in its text)."""
        if messages:
            self.records("problems", docname).extend(
                (path, line, subtype, message) for message in messages)

    def note_link(self, docname: str, kind: str, target: str) -> None:
        """A link the extension makes (a relation on a card, a diagram's box): the page is
        rewritten when its target changes, and nothing is reported about it."""
        self.records("references", docname).append((kind, target, None, False))

    def process_doc(self, env: BuildEnvironment, docname: str,
                    document: nodes.document) -> None:
        """Note the references, hand-written labels and glossary terms of a page just read."""
        roles_path = self.model.path if self.model is not None else None
        references = self.records("references", docname)
        lines: list[str] | None = None
        for node in document.findall(nodes.Element):
            found = reference_of(node, self.prefixes)
            if found is not None:
                kind, target = found
                checked = node.get("refwarn") is not False and node.source != str(roles_path)
                line = line_of(node)
                if node.get("id_link"):
                    node[HASH_LABEL] = target
                if node.get("id_link") and checked:
                    # MyST gives `[text](#label)` its paragraph's first line.
                    lines = source_lines(node.source) if lines is None else lines
                    line = written_at(lines, line, f"]({node['refuri']}")
                references.append((kind, target, line, checked))
            elif isinstance(node, addnodes.glossary) and GLOSSARY_CLASS not in node["classes"]:
                self.note_hand_terms(docname, node)
        self.note_hand_labels(docname, document)

    def note_hand_terms(self, docname: str, glossary: addnodes.glossary) -> None:
        """Glossary terms written by hand, at the line that writes them. Sphinx gives a term
        the line before it (RST) or none (MyST), and MyST a glossary a line past its start,
        so the term is looked for in the page's source, after the directive's first line."""
        lines = source_lines(glossary.source)
        at = min(glossary.line or 1, len(lines))
        while at > 0 and "glossary" not in lines[at - 1]:
            at -= 1
        for term in glossary.findall(nodes.term):
            name = term.astext()
            found = next((index for index in range(at, len(lines))
                          if lines[index].strip().startswith(name)), None)
            if found is not None:
                at = found + 1
            self.records("terms", docname).append(
                (name, found + 1 if found is not None else line_of(term)))

    def note_hand_labels(self, docname: str, document: nodes.document) -> None:
        """`roles:` and `people:` labels written by hand, `(roles:x)=` or `.. _roles:x:` (or
        in another spelling of hubroles_label_prefixes), at their own line rather than at the
        heading they name. The standard domain registers them as any label; one whose role has
        a card is covered by the card once every page is read (register_targets), and the
        rules report it."""
        prefixes = self.prefixes
        names = [name for name, explicit in document.nametypes.items()
                 if explicit and (role_id_of(name, prefixes) or person_id_of(name)) is not None]
        if not names:
            return
        target_lines = {target["refid"]: target.line for target in document.findall(nodes.target)
                        if "refid" in target and target.line}
        for name in names:
            anchor = document.nameids.get(name)
            node = document.ids.get(anchor) if anchor else None
            if node is not None:
                self.records("labels", docname).append(
                    (name, target_lines.get(anchor) or line_of(node)))

    def clear_doc(self, docname: str) -> None:
        self.records_changed = True
        for name in PER_PAGE:
            self.data[name].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.records_changed = True
        for name in PER_PAGE:
            for docname in docnames:
                if docname in otherdata[name]:
                    self.data[name][docname] = otherdata[name][docname]

    # -- after reading --------------------------------------------------------------------

    def site(self, external_labels: Iterable[str] = (), external_terms: Iterable[str] = (),
             has_sphinx_design: bool | None = None) -> Site:
        """The pages' records as the rules' Site."""
        site = Site(external_labels=set(external_labels), external_terms=set(external_terms),
                    has_sphinx_design=has_sphinx_design, label_prefixes=self.prefixes)
        for docname in sorted(self.env.found_docs & self.data["cards"].keys()):
            site.cards += [CardUse(role_id, self.where(docname, line))
                           for role_id, line, _anchor in self.data["cards"][docname]]
        for docname, references in self.data["references"].items():
            site.references += [Reference(kind, target, self.where(docname, line))
                                for kind, target, line, checked in references if checked]
        for docname, labels in self.data["labels"].items():
            for label, line in labels:
                site.note_label(label, self.where(docname, line))
        for docname, terms in self.data["terms"].items():
            for term, line in terms:
                site.note_term(term, self.where(docname, line))
        for docname, lines in self.data["glossaries"].items():
            site.glossaries += [self.where(docname, line) for line in lines]
        for docname, diagrams in self.data["diagrams"].items():
            site.diagrams += [DiagramUse(spec, depth_given, self.where(docname, line))
                              for line, spec, depth_given, _dots in diagrams]
        for docname, tables in self.data["tables"].items():
            site.tables += [TableUse(spec, self.where(docname, line)) for line, spec in tables]
        for docname, directories in self.data["directories"].items():
            site.directories += [DirectoryUse(spec, self.where(docname, line))
                                 for line, spec, _entries in directories]
        for docname, rotations in self.data["rotations"].items():
            site.rotations += [RotationUse(role_id, self.where(docname, line))
                               for line, role_id, _anchor in rotations]
        for docname, holders in self.data["holders"].items():
            site.holders += [HoldersUse(role_id, self.where(docname, line))
                             for line, role_id in holders]
        for docname, problems_ in self.data["problems"].items():
            site.directive_problems += [
                DirectiveProblem(message, subtype, self.where(docname, line) if path is None
                                 else in_roles_file(self.model, line))
                for path, line, subtype, message in problems_]
        # roles.yaml's own references, scanned when it changed (a rebuild with nothing
        # changed reuses the last judgement, and never gets here).
        from ..core.scan import scan_roles_file, scan_roles_file_displays

        if self.data["roles_file_references"] is None:
            self.data["roles_file_references"] = scan_roles_file(
                self.model, self.data["roles_file_texts"], self.prefixes)
        site.roles_file = self.data["roles_file_references"]
        if self._roles_file_displays[0] != self.data["source"]:
            self._roles_file_displays = (self.data["source"],
                                         scan_roles_file_displays(self.model))
        site.roles_file_displays = self._roles_file_displays[1]
        return site

    def where(self, docname: str, line: int | None) -> Where:
        path, name = self._paths.get(docname) or self._paths.setdefault(
            docname, (str(self.env.doc2path(docname)), str(self.env.doc2path(docname, False))))
        return Where(path, line, name=name)

    def judge(self, role_terms: bool, external_labels: Iterable[str] = (),
              external_terms: Iterable[str] = (),
              has_sphinx_design: bool | None = None) -> Judgement:
        """Decide, from every page's records, where links go and what the problems are.

        A build that read no page and has the last build's roles.yaml, settings and other
        projects' inventories gets the last build's judgement (kept with the environment)."""
        external_labels, external_terms = list(external_labels), list(external_terms)
        inputs = text_digest(repr((self.data["source"], role_terms, has_sphinx_design,
                                   sorted(external_labels), sorted(external_terms))))
        self.judgement_reused = not self.records_changed and self.data["judged"] is not None \
            and self.data["judged"][0] == inputs
        if self.judgement_reused:
            self.judgement = self.data["judged"][1]
            return self.judgement
        model = self.model
        site = self.site(external_labels, external_terms, has_sphinx_design)
        chosen = first_cards(model, site)
        anchors = self.card_anchors()
        entry_anchors = self.entry_anchors()
        schedule_anchors = self.rotation_anchors()
        judgement = Judgement(
            cards={role_id: anchors[where.name, where.line] for role_id, where in chosen.items()},
            urls=external_roles(model),
            labels={label for label in site.labels} | set(site.external_labels),
            terms=known_terms(model, site, chosen, role_terms),
            problems=problems(model, site, role_terms, messages_of=self.diagram_messages),
            people={person_id: entry_anchors[where.name, where.line, person_id]
                    for person_id, where in first_entries(model, site).items()},
            schedules={role_id: schedule_anchors[where.name, where.line]
                       for role_id, where in first_schedules(model, site).items()},
        )
        if role_terms:
            judgement.role_terms = role_terms_of(model, chosen)
        self.judgement = judgement
        self.data["judged"] = (inputs, judgement)
        return judgement

    # -- the standard domain's targets ---------------------------------------------------

    def register_targets(self, role_terms: bool) -> None:
        """env-updated, after the judgement: make each role's card (the first, in file and
        line order) the target of its label and glossary terms, and each person's first
        directory entry the target of theirs, in the standard domain, where `{ref}`, `{term}`
        and other projects (objects.inv) find them.

        Decided here, from every page's records, and not while a page is read: the pages read
        before it may be stale (an incremental build) or in another process (`-j`). Sphinx has
        no call that notes a target for a page other than the one being read, so the entries
        go into its public `labels`, `anonlabels` and `objects` mappings, as Sphinx's own
        autosectionlabel does. A label written by hand for a role with a card is covered (the
        rules report it); a term written by hand is not (the rules report that too).

        A build that read no page and judged as the last one did, from the same roles.yaml,
        leaves the entries the last build put there (state.withdraw_targets left them too)."""
        if not self.targets_withdrawn:
            if self.judgement_reused and self.same_source:
                return
            self.withdraw_targets()
        std = self.env.domains.standard_domain
        registered: dict[tuple[str, object], tuple[tuple, tuple | None]] = {}

        def put(mapping: str, key: object, value: tuple) -> None:
            entries = getattr(std, mapping)
            registered[mapping, key] = (value, entries.get(key))
            entries[key] = value

        model, judgement = self.model, self.judgement
        for role_id, (docname, anchor) in sorted(judgement.cards.items()):
            role = model.roles[role_id]
            put("labels", role.label, (docname, anchor, role.name))
            put("anonlabels", role.label, (docname, anchor))
            for name in role.term_names if role_terms else ():
                if ("term", name) not in std.objects:
                    put("objects", ("term", name), (docname, anchor))
        for person_id, (docname, anchor) in sorted(judgement.people.items()):
            label = person_label(person_id)
            put("labels", label, (docname, anchor, model.people[person_id].name))
            put("anonlabels", label, (docname, anchor))
        self.data["registered"] = registered

    def withdraw_targets(self) -> None:
        """env-before-read-docs: take out of the standard domain what register_targets put
        there, and put back what it covered (unless that page is gone), so that pages are read
        against the pages' own targets only, as in a clean build: a label written by hand is
        then no duplicate of a card's in Sphinx's eyes."""
        std = self.env.domains.standard_domain
        for (mapping, key), (ours, covered) in self.data["registered"].items():
            entries = getattr(std, mapping)
            if entries.get(key, ours) != ours:
                continue  # not ours any more
            if covered is not None and covered[0] in self.env.found_docs:
                entries[key] = covered
            else:
                entries.pop(key, None)
        self.data["registered"] = {}
        self.targets_withdrawn = True

    def card_anchors(self) -> dict[tuple[str, int], tuple[str, str]]:
        """(page name, line) of each card -> (docname, anchor)."""
        return {(str(self.env.doc2path(docname, False)), line): (docname, anchor)
                for docname, cards in self.data["cards"].items()
                for _role_id, line, anchor in cards}

    def rotation_anchors(self) -> dict[tuple[str, int], tuple[str, str]]:
        """(page name, line) of each schedule shown -> (docname, anchor)."""
        return {(str(self.env.doc2path(docname, False)), line): (docname, anchor)
                for docname, rotations in self.data["rotations"].items()
                for line, _role_id, anchor in rotations if anchor is not None}

    def entry_anchors(self) -> dict[tuple[str, int, str], tuple[str, str]]:
        """(page name, line of the directory, person id) -> (docname, anchor)."""
        return {(str(self.env.doc2path(docname, False)), line, person_id): (docname, anchor)
                for docname, directories in self.data["directories"].items()
                for line, _spec, entries in directories
                for person_id, anchor in entries}

    def targets(self) -> dict[tuple[str, str], object]:
        """What every referenced role and term resolves to in this build: a page linking to
        one is written again when this changes (a renamed role changes the text of
        `[](roles:x)`, a moved card its href)."""
        judgement, model = self.judgement, self.model
        result: dict[tuple[str, str], object] = {}
        # The pages of each label and term written by hand, and roles.yaml's terms, found once:
        # looking through every page's for each reference took seconds on a site with
        # thousands of terms (benchmarks/worst_case.py).
        hand = HandWritten(pages_by_name(self.data["labels"]),
                           pages_by_name(self.data["terms"]),
                           {name.lower() for name in model.terms} if model else set())
        for kind, key in self.referenced_keys():
            if kind == ROLE:
                result[kind, key] = self.role_target(key, hand)
            elif kind == PERSON:
                entry = judgement.people.get(key)
                person = model.people.get(key)
                result[kind, key] = ((*entry, person.name) if entry and person
                                     else self.label_target(person_label(key), hand))
            elif kind == SCHEDULE:
                result[kind, key] = judgement.schedules.get(key) or self.role_target(key, hand)
            elif kind == SUMMARY:
                role = model.roles.get(key)
                in_previews = self.previews and key in judgement.cards
                result[kind, key] = role and (None if in_previews
                                              else self.plain_text(role.summary))
            elif kind == TOOLTIP:
                role = model.roles.get(key)
                result[kind, key] = role and (
                    role.name, None if key in judgement.cards else self.plain_text(role.summary))
            else:  # a role's name or alias links to its card (or URL), titled with the name
                role_id = judgement.role_terms.get(key)
                result[kind, key] = (self.role_target(role_id, hand) if role_id
                                     else self.term_pages(key, hand))
        return result

    def role_target(self, role_id: str, hand: HandWritten) -> object:
        """Where links to a role go, and the name they show: its card, or its URL for a role
        documented elsewhere; else the label written by hand that takes them."""
        judgement, role = self.judgement, self.model.roles.get(role_id)
        if role is not None and role_id in judgement.cards:
            return (*judgement.cards[role_id], role.name)
        if role is not None and role_id in judgement.urls:
            return (judgement.urls[role_id], role.name)
        return self.label_target(role_label(role_id), hand)

    def label_target(self, label: str, hand: HandWritten) -> object:
        """The pages that write `label` by hand (a page linking to it is written again when
        the label moves, as for a term); else whether another project's inventory has it."""
        pages = tuple(sorted(hand.labels.get(label, ())))
        return pages or label in self.judgement.labels

    def term_pages(self, key: str, hand: HandWritten) -> tuple[str, ...]:
        """The pages that define a term other than a role's name."""
        pages = set(hand.terms.get(key, ()))
        if key in hand.roles_file_terms:
            pages |= set(self.data["glossaries"])
        return tuple(sorted(pages))

    def referenced_keys(self) -> set[tuple[str, str]]:
        return {key_of(kind, target, self.prefixes)
                for references in self.data["references"].values()
                for kind, target, _line, _checked in references}

    def pages_referencing(self, keys: set[tuple[str, str]]) -> Iterator[str]:
        for docname, references in self.data["references"].items():
            if any(key_of(kind, target, self.prefixes) in keys
                   for kind, target, _line, _checked in references):
                yield docname

    def diagram_dots(self) -> Iterator[tuple[str, int, str, str]]:
        """(docname, line, svg DOT, print DOT) of every diagram drawn, in page order."""
        for docname in sorted(self.data["diagrams"]):
            for line, _spec, _depth, dots in self.data["diagrams"][docname]:
                if dots is not None:
                    yield docname, line, *dots

    # -- resolving --------------------------------------------------------------------------

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """A link to a role's card or a person's directory entry (references.py made the
        reference, to one that exists)."""
        if typ == "role" and target in self.judgement.cards:
            place, name = self.judgement.cards[target], self.model.roles[target].name
        elif typ == SCHEDULE and target in self.judgement.schedules:
            place = self.judgement.schedules[target]
            name = f"Rotation of {self.model.roles[target].name}"
        elif typ == "person" and target in self.judgement.people:
            place, name = self.judgement.people[target], self.model.people[target].name
        else:
            return None
        title = node.get("reftitle") or shown_tooltip(name)
        reference = make_refnode(builder, fromdocname, *place, contnode, title)
        if builder.name == "singlehtml" and "refuri" in reference:
            reference["refuri"] = single_fragment(reference["refuri"])
        if typ == "role":
            reference["classes"].append(PREVIEW_CLASS)
        return reference

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        # MyST asks every domain about links nobody resolved; `roles:` links are resolved
        # before it asks (references.py), and the cards' targets are the standard domain's.
        return []
