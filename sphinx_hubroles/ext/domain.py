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

After reading, judging.py turns these records into the rules' Site (core/rules.py): which
card each role's links go to, which references and terms are known, and every problem, which
the build then reports; the same on every build, until it is fixed (state.py). It then makes
those cards and directory entries the targets of their labels and terms in the standard
domain (objects.inv), from every page's records: never while a page is read, when other
pages' records may be stale or not read yet.

Each page's records, and what the last judgement kept, are saved packed (packed.py): a build
that reads no page and judges nothing does not unpickle them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..core.digests import text_digest
from ..core.names import (
    PERSON,
    ROLE,
    ROLE_PREFIXES,
    TERM,
    person_id_of,
    person_label,
    role_id_of,
    role_label,
)
from ._compat import single_fragment
from .packed import Packed

# Loaded when first used: a rebuild with nothing changed reads, judges and draws nothing.
if TYPE_CHECKING:
    from ..core.diagram.plaintext import PlainText
    from ..core.diagram.selection import DiagramSpec, Selection
    from ..core.model import RolesFile
    from ..core.table import TableSpec

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


@dataclass
class Judgement:
    """What the rules decided for this build, read by the writers (the problems they found
    are kept apart, as the build reports them: the domain's `findings`)."""

    cards: dict[str, tuple[str, str]] = field(default_factory=dict)  # role id -> doc, anchor
    urls: dict[str, str] = field(default_factory=dict)  # role id -> URL, roles documented elsewhere
    labels: set[str] = field(default_factory=set)  # role labels resolved by Sphinx instead
    terms: dict[str, str] = field(default_factory=dict)  # known terms, lower-cased
    role_terms: dict[str, str] = field(default_factory=dict)  # lower-cased name -> role id
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> doc, anchor
    # role id -> (doc, anchor) of its first schedule (`roles-rotation`), in page order
    schedules: dict[str, tuple[str, str]] = field(default_factory=dict)


class RolesDomain(Domain):
    name = "hubroles"
    label = "sphinx-hubroles"
    data_version = 17
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
    # Kept packed (packed.py): what only a build that reads a page or has another roles.yaml
    # uses, not unpickled by a build that changes nothing.
    initial_data: ClassVar[dict[str, Any]] = {
        **{name: {} for name in PER_PAGE},  # docname -> Packed(records)
        **{name: Packed(value) for name, value in [
            ("targets", {}), ("roles_file_references", None), ("roles_file_texts", {}),
            ("judged", None), ("diagram_messages", {}), ("plain_texts", {}), ("previews", {}),
            ("settled_renderings", {}), ("json_parts", {}), ("registered", {})]},
        # What the last judgement was made from, and the problems it found, as (message,
        # location, type, subtype): reported again by a build that reuses it.
        "judged_from": "", "findings": (),
        "source": "", "diagram_inputs": "", "plain_texts_for": "", "made_by": "",
        # (roles.yaml's source digest, the digest of the hubroles.json made from it)
        "json_digest": ("", None),
        # New whenever a page is read again or removed: which diagrams the cache was noted
        # to hold (diagram/whole.py).
        "diagrams_version": ""}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Set by state.py at builder-inited and env-updated; not pickled with the data.
        self._model: RolesFile | None = None
        self._load_model: Callable[[], RolesFile] | None = None
        self._judgement: Judgement | None = None
        self._selections: dict[DiagramSpec, Selection] = {}
        self._looks: dict[tuple[str, ...], tuple] = {}  # relation type ids -> assign_looks
        self.same_source = False  # whether the model is the last build's (use_model)
        self.same_diagrams = False  # whether every diagram shows what it showed last time
        self.pages_read: set[str] = set()  # the pages this build reads (state.withdraw_targets)
        # Whether this build's judgement is the last build's (judge): with the same model,
        # everything made from the two, such as the targets and the previews, is as it was.
        self.judgement_reused = False
        self.targets_withdrawn = False  # whether withdraw_targets ran in this build
        self.records_changed = False  # whether a page's records changed in this build
        self._parser = None
        self._field_renderer: tuple[nodes.document, Any] | None = None  # field_renderer()
        self._plain_text: PlainText | None = None
        self._plain_checked = False  # whether the kept words suit this build's MyST settings
        self._plain_used: dict[str, tuple] = {}  # the words made or used in this build
        self.reported_diagrams: set[str] = set()  # failed drawings reported in this build
        self.drawn: set = set()  # diagram jobs found whole in the cache in this build (jobs.py)
        self.renderer = None  # the build's diagram Renderer (jobs.py)
        # Whether the cache holds every diagram's rendering, and whether the last build's
        # note (diagram/whole.py) said so when this build started (jobs.py).
        self.cache_whole = self.cache_noted = False
        self.json_text: str | None = None  # this build's hubroles.json (jsonout.py)
        self.sphinx_design = False  # whether the project loads sphinx_design (state.py)
        self.previews = False  # whether this build writes the previews file (hover.py)
        # The label prefixes that name roles: `roles:` and hubroles_label_prefixes (state.py).
        self.prefixes: tuple[str, ...] = ROLE_PREFIXES

    # -- what the environment keeps ------------------------------------------------------

    def kept(self, name: str) -> Any:
        """One of the records kept packed with the environment (initial_data)."""
        return self.data[name].value

    def keep(self, name: str, value: Any) -> None:
        self.data[name] = Packed(value)

    def page_records(self, name: str, docnames: Set[str] | None = None
                     ) -> Iterator[tuple[str, Any]]:
        """(docname, records) of every page (or of `docnames`) that has records of kind
        `name` (PER_PAGE)."""
        return ((docname, packed.value) for docname, packed in self.data[name].items()
                if docnames is None or docname in docnames)

    @property
    def judgement(self) -> Judgement:
        """This build's judgement (judging.py), or the last build's while it holds."""
        if self._judgement is None:
            self._judgement = self.kept("judged") or Judgement()
        return self._judgement

    @judgement.setter
    def judgement(self, judgement: Judgement) -> None:
        self._judgement = judgement

    def reuse_last_judgement(self, inputs: str) -> bool:
        """Take the last build's judgement if it holds for this build: no page's records
        changed, and it was made from the same `inputs` (roles.yaml, settings, other
        projects' targets). Whether it did."""
        self.judgement_reused = not self.records_changed and self.data["judged_from"] == inputs
        return self.judgement_reused

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
        if callable(model):
            self._model, self._load_model = None, model
        else:
            self._model, self._load_model = model, None
        self.same_source = self.data["source"] == source
        if not self.same_source:
            self.data["source"] = source
            self.keep("roles_file_references", None)
        if self.data["made_by"] != made_by:  # another release may word texts otherwise
            self.data["made_by"] = made_by
            self.keep("plain_texts", {})
        # The same source makes the same model, so the same diagrams: no need to say so again.
        self.same_diagrams = self.same_source
        if not self.same_diagrams:
            from ..core.diagram.selection import diagram_inputs

            inputs = text_digest(repr((made_by, diagram_inputs(self.model))))
            self.same_diagrams = self.data["diagram_inputs"] == inputs
            if not self.same_diagrams:
                self.data["diagram_inputs"] = inputs
                self.keep("diagram_messages", {})
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
                self.data["plain_texts_for"] = settings
                self.keep("plain_texts", {})
        source = text.source
        known = self.kept("plain_texts").get(source)
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
        self.keep("plain_texts", self._plain_used)

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
            from ..core.diagram.selection import select

            selection = self._selections[spec] = select(model, spec, self.looks_for)
        return selection

    def looks_for(self, relations) -> tuple:
        """assign_looks, once per set of relation types drawn in this build."""
        key = tuple(relation.id for relation in relations)
        if key not in self._looks:
            from ..core.diagram.looks import assign_looks

            self._looks[key] = assign_looks(relations)
        return self._looks[key]

    def diagram_messages(self, spec: DiagramSpec, depth_given: bool) -> list[str]:
        """The rules' diagram_messages for one diagram, kept with the environment while the
        diagrams' inputs stay the same."""
        kept = self.kept("diagram_messages")
        if (spec, depth_given) not in kept:
            from ..core.rules import diagram_messages

            kept[spec, depth_given] = tuple(
                diagram_messages(spec, depth_given, self.select(self.model, spec)))
        return list(kept[spec, depth_given])

    # -- page records ---------------------------------------------------------------------

    def records(self, name: str, docname: str) -> list:
        self.records_changed = True
        return self.data[name].setdefault(docname, Packed([])).value

    def note_card(self, docname: str, role_id: str, line: int, anchor: str) -> None:
        self.records("cards", docname).append((role_id, line, anchor))

    def note_display(self, docname: str, key: tuple, digest: str) -> None:
        self.records_changed = True
        self.data["displays"].setdefault(docname, Packed({})).value[key] = digest

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

    # -- after reading (judging.py decides from these records) ---------------------------

    def withdraw_targets(self) -> None:
        """env-before-read-docs: take out of the standard domain what register_targets put
        there, and put back what it covered (unless that page is gone), so that pages are read
        against the pages' own targets only, as in a clean build: a label written by hand is
        then no duplicate of a card's in Sphinx's eyes."""
        std = self.env.domains.standard_domain
        for (mapping, key), (ours, covered) in self.kept("registered").items():
            entries = getattr(std, mapping)
            if entries.get(key, ours) != ours:
                continue  # not ours any more
            if covered is not None and covered[0] in self.env.found_docs:
                entries[key] = covered
            else:
                entries.pop(key, None)
        self.keep("registered", {})
        self.targets_withdrawn = True

    def referenced_keys(self) -> set[tuple[str, str]]:
        return {key_of(kind, target, self.prefixes)
                for _docname, references in self.page_records("references")
                for kind, target, _line, _checked in references}

    def pages_referencing(self, keys: set[tuple[str, str]]) -> Iterator[str]:
        for docname, references in self.page_records("references"):
            if any(key_of(kind, target, self.prefixes) in keys
                   for kind, target, _line, _checked in references):
                yield docname

    def diagram_dots(self, docnames: Set[str] | None = None
                     ) -> Iterator[tuple[str, int, str, str]]:
        """(docname, line, svg DOT, print DOT) of every diagram drawn (or of those of
        `docnames`), in page order."""
        for docname, diagrams in sorted(self.page_records("diagrams", docnames)):
            for line, _spec, _depth, dots in diagrams:
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
        from ..core.diagram.escape import shown_tooltip

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
