"""Judging the pages once they are read: from every page's records (domain.py) to the rules'
Site (core/site.py), to the rules' decision of where each link goes and what is wrong
(core/rules.py), and to the standard domain's targets that follow from it.

Loaded by a build whose judgement is not the last build's (state.judge_and_report): a rebuild
with nothing changed imports none of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.names import PERSON, ROLE, person_label, role_label
from ..core.rules import (
    external_roles,
    first_cards,
    first_entries,
    first_schedules,
    known_terms,
    problems,
    role_terms_of,
)
from ..core.site import (
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
from .domain import PER_PAGE, SCHEDULE, SUMMARY, TOOLTIP, Judgement, RolesDomain


def judge_and_register(domain: RolesDomain, inputs: str, role_terms: bool,
                       external_labels: Iterable[str], external_terms: Iterable[str],
                       has_sphinx_design: bool | None) -> None:
    """env-updated, when the last build's judgement does not hold: judge, and make the
    cards and directory entries the targets of their labels and terms."""
    judge(domain, inputs, role_terms, external_labels, external_terms, has_sphinx_design)
    register_targets(domain, role_terms)


@dataclass(frozen=True)
class HandWritten:
    """Lower-cased label or term -> the pages that write it by hand; roles.yaml's terms,
    lower-cased."""

    labels: dict[str, set[str]]
    terms: dict[str, set[str]]
    roles_file_terms: set[str]


def pages_by_name(records: Iterator[tuple[str, list[tuple[str, int]]]]
                  ) -> dict[str, set[str]]:
    """Lower-cased name -> the pages of per-page (name, line) records that hold it."""
    pages: dict[str, set[str]] = {}
    for docname, names in records:
        for name, _line in names:
            pages.setdefault(name.lower(), set()).add(docname)
    return pages


def site_of(domain: RolesDomain, external_labels: Iterable[str] = (),
            external_terms: Iterable[str] = (), has_sphinx_design: bool | None = None) -> Site:
    """The pages' records as the rules' Site."""
    site = Site(external_labels=set(external_labels), external_terms=set(external_terms),
                has_sphinx_design=has_sphinx_design, label_prefixes=domain.prefixes)
    records = {name: dict(domain.page_records(name)) for name in PER_PAGE}
    paths: dict[str, tuple[str, str]] = {}  # docname -> its file: absolute, and as named

    def where(docname: str, line: int | None) -> Where:
        path, name = paths.get(docname) or paths.setdefault(docname, (
            str(domain.env.doc2path(docname)), str(domain.env.doc2path(docname, False))))
        return Where(path, line, name=name)

    for docname in sorted(domain.env.found_docs & records["cards"].keys()):
        site.cards += [CardUse(role_id, where(docname, line))
                       for role_id, line, _anchor in records["cards"][docname]]
    for docname, references in records["references"].items():
        site.references += [Reference(kind, target, where(docname, line))
                            for kind, target, line, checked in references if checked]
    for docname, labels in records["labels"].items():
        for label, line in labels:
            site.note_label(label, where(docname, line))
    for docname, terms in records["terms"].items():
        for term, line in terms:
            site.note_term(term, where(docname, line))
    for docname, lines in records["glossaries"].items():
        site.glossaries += [where(docname, line) for line in lines]
    for docname, diagrams in records["diagrams"].items():
        site.diagrams += [DiagramUse(spec, depth_given, where(docname, line))
                          for line, spec, depth_given, _dots in diagrams]
    for docname, tables in records["tables"].items():
        site.tables += [TableUse(spec, where(docname, line)) for line, spec in tables]
    for docname, directories in records["directories"].items():
        site.directories += [DirectoryUse(spec, where(docname, line))
                             for line, spec, _entries in directories]
    for docname, rotations in records["rotations"].items():
        site.rotations += [RotationUse(role_id, where(docname, line))
                           for line, role_id, _anchor in rotations]
    for docname, holders in records["holders"].items():
        site.holders += [HoldersUse(role_id, where(docname, line))
                         for line, role_id in holders]
    for docname, problems_ in records["problems"].items():
        site.directive_problems += [
            DirectiveProblem(message, subtype, where(docname, line) if path is None
                             else in_roles_file(domain.model, line))
            for path, line, subtype, message in problems_]
    # roles.yaml's own references, scanned when it changed (a rebuild with nothing
    # changed reuses the last judgement, and never gets here).
    from ..core.scan import scan_roles_file, scan_roles_file_displays

    if domain.kept("roles_file_references") is None:
        domain.keep("roles_file_references", scan_roles_file(
            domain.model, domain.kept("roles_file_texts"), domain.prefixes))
    site.roles_file = domain.kept("roles_file_references")
    site.roles_file_displays = scan_roles_file_displays(domain.model)
    return site


def judge(domain: RolesDomain, inputs: str, role_terms: bool,
          external_labels: Iterable[str] = (), external_terms: Iterable[str] = (),
          has_sphinx_design: bool | None = None) -> Judgement:
    """Decide, from every page's records, where links go and what the problems are; kept
    with the environment, with the `inputs` it was made from and its problems as the build
    reports them (state.judge_and_report)."""
    model = domain.model
    site = site_of(domain, external_labels, external_terms, has_sphinx_design)
    chosen = first_cards(model, site)
    anchors, entries = card_anchors(domain), entry_anchors(domain)
    schedules = rotation_anchors(domain)
    judgement = Judgement(
        cards={role_id: anchors[where.name, where.line] for role_id, where in chosen.items()},
        urls=external_roles(model),
        labels={label for label in site.labels} | set(site.external_labels),
        terms=known_terms(model, site, chosen, role_terms),
        people={person_id: entries[where.name, where.line, person_id]
                for person_id, where in first_entries(model, site).items()},
        schedules={role_id: schedules[where.name, where.line]
                   for role_id, where in first_schedules(model, site).items()},
    )
    if role_terms:
        judgement.role_terms = role_terms_of(model, chosen)
    domain.judgement = judgement
    domain.keep("judged", judgement)
    domain.data["judged_from"] = inputs
    found = problems(model, site, role_terms, messages_of=domain.diagram_messages)
    domain.data["findings"] = tuple((finding.message, finding.where.location, finding.type,
                                     finding.subtype) for finding in found)
    return judgement


def register_targets(domain: RolesDomain, role_terms: bool) -> None:
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

    A build that reuses the last judgement does not come here, and leaves the entries the
    last build put there (state.withdraw_targets left them too)."""
    if not domain.targets_withdrawn:
        domain.withdraw_targets()
    std = domain.env.domains.standard_domain
    registered: dict[tuple[str, object], tuple[tuple, tuple | None]] = {}

    def put(mapping: str, key: object, value: tuple) -> None:
        entries = getattr(std, mapping)
        registered[mapping, key] = (value, entries.get(key))
        entries[key] = value

    model, judgement = domain.model, domain.judgement
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
    domain.keep("registered", registered)


def card_anchors(domain: RolesDomain) -> dict[tuple[str, int], tuple[str, str]]:
    """(page name, line) of each card -> (docname, anchor)."""
    return {(str(domain.env.doc2path(docname, False)), line): (docname, anchor)
            for docname, cards in domain.page_records("cards")
            for _role_id, line, anchor in cards}


def rotation_anchors(domain: RolesDomain) -> dict[tuple[str, int], tuple[str, str]]:
    """(page name, line) of each schedule shown -> (docname, anchor)."""
    return {(str(domain.env.doc2path(docname, False)), line): (docname, anchor)
            for docname, rotations in domain.page_records("rotations")
            for line, _role_id, anchor in rotations if anchor is not None}


def entry_anchors(domain: RolesDomain) -> dict[tuple[str, int, str], tuple[str, str]]:
    """(page name, line of the directory, person id) -> (docname, anchor)."""
    return {(str(domain.env.doc2path(docname, False)), line, person_id): (docname, anchor)
            for docname, directories in domain.page_records("directories")
            for line, _spec, entries in directories
            for person_id, anchor in entries}


def targets(domain: RolesDomain) -> dict[tuple[str, str], object]:
    """What every referenced role and term resolves to in this build: a page linking to
    one is written again when this changes (a renamed role changes the text of
    `[](roles:x)`, a moved card its href)."""
    judgement, model = domain.judgement, domain.model
    result: dict[tuple[str, str], object] = {}
    # The pages of each label and term written by hand, and roles.yaml's terms, found once:
    # looking through every page's for each reference took seconds on a site with
    # thousands of terms (benchmarks/worst_case.py).
    hand = HandWritten(pages_by_name(domain.page_records("labels")),
                       pages_by_name(domain.page_records("terms")),
                       {name.lower() for name in model.terms} if model else set())
    for kind, key in domain.referenced_keys():
        if kind == ROLE:
            result[kind, key] = role_target(domain, key, hand)
        elif kind == PERSON:
            entry = judgement.people.get(key)
            person = model.people.get(key)
            result[kind, key] = ((*entry, person.name) if entry and person
                                 else label_target(domain, person_label(key), hand))
        elif kind == SCHEDULE:
            result[kind, key] = judgement.schedules.get(key) or role_target(domain, key, hand)
        elif kind == SUMMARY:
            role = model.roles.get(key)
            in_previews = domain.previews and key in judgement.cards
            result[kind, key] = role and (None if in_previews
                                          else domain.plain_text(role.summary))
        elif kind == TOOLTIP:
            role = model.roles.get(key)
            result[kind, key] = role and (
                role.name, None if key in judgement.cards else domain.plain_text(role.summary))
        else:  # a role's name or alias links to its card (or URL), titled with the name
            role_id = judgement.role_terms.get(key)
            result[kind, key] = (role_target(domain, role_id, hand) if role_id
                                 else term_pages(domain, key, hand))
    return result


def role_target(domain: RolesDomain, role_id: str, hand: HandWritten) -> object:
    """Where links to a role go, and the name they show: its card, or its URL for a role
    documented elsewhere; else the label written by hand that takes them."""
    judgement, role = domain.judgement, domain.model.roles.get(role_id)
    if role is not None and role_id in judgement.cards:
        return (*judgement.cards[role_id], role.name)
    if role is not None and role_id in judgement.urls:
        return (judgement.urls[role_id], role.name)
    return label_target(domain, role_label(role_id), hand)


def label_target(domain: RolesDomain, label: str, hand: HandWritten) -> object:
    """The pages that write `label` by hand (a page linking to it is written again when
    the label moves, as for a term); else whether another project's inventory has it."""
    pages = tuple(sorted(hand.labels.get(label, ())))
    return pages or label in domain.judgement.labels


def term_pages(domain: RolesDomain, key: str, hand: HandWritten) -> tuple[str, ...]:
    """The pages that define a term other than a role's name."""
    pages = set(hand.terms.get(key, ()))
    if key in hand.roles_file_terms:
        pages |= set(domain.data["glossaries"])
    return tuple(sorted(pages))
