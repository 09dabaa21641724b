"""The rules: which cards, references, terms, hand-written targets and diagrams of a project are
problems, and in which words. The build (ext/domain.py) and `sphinx-hubroles check` both ask
this module, so they report the same problem at the same place in the same words.

A Site is judged against the roles.yaml model it was written for; roles.yaml's own problems are
the loader's (loader.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from . import messages
from .diagram.hierarchy import cycles, hierarchy_edges
from .diagram.selection import MAX_DRAWN, DiagramSpec, Selection, select
from .directory import directory
from .model import RolesFile
from .names import PERSON, TERM, person_id_of, person_label, role_id_of, role_label
from .problems import did_you_mean
from .site import Reference, Site, Where, in_roles_file, normalise
from .table import select_rows
from .tenure import move_problems, seat_problems, tenure_of

# "Did you mean" compares a word with every candidate; a site with thousands of broken
# references to thousands of roles would spend minutes on it, so suggestions stop after this
# many comparisons (as in loader.py); each distinct target is compared once.
SUGGESTION_BUDGET = 2_000_000


@dataclass(frozen=True)
class Finding:
    """One problem: where, what, and the warning type and subtype the build logs it with."""

    where: Where
    message: str
    type: str = "hubroles"
    subtype: str = "ref"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class Suggestions:
    """did_you_mean() with a budget, remembering each word's answer."""

    def __init__(self, budget: int = SUGGESTION_BUDGET) -> None:
        self.budget = budget
        self.known: dict[tuple[str, int], str] = {}

    def __call__(self, word: str, candidates: Collection[str]) -> str:
        key = (word, id(candidates))
        if key not in self.known:
            if len(candidates) > self.budget:
                return ""
            self.budget -= len(candidates)
            self.known[key] = did_you_mean(word, candidates)
        return self.known[key]


def first_cards(model: RolesFile, site: Site) -> dict[str, Where]:
    """role id -> its card: the first of the site in file and line order (a second card is a
    problem, and links go to the first)."""
    cards: dict[str, Where] = {}
    for card in sorted(site.cards, key=lambda c: c.where.sort_key()):
        role = model.roles.get(card.role_id)
        if role is not None and not role.external:
            cards.setdefault(card.role_id, card.where)
    return cards


def first_schedules(model: RolesFile, site: Site) -> dict[str, Where]:
    """role id -> its schedule: the first `roles-rotation` of a role that rotates, in file and
    line order (where links to the role's schedule go; without one, to its card)."""
    schedules: dict[str, Where] = {}
    for use in sorted(site.rotations, key=lambda r: r.where.sort_key()):
        role = model.roles.get(use.role_id)
        if role is not None and role.rotation is not None:
            schedules.setdefault(use.role_id, use.where)
    return schedules


def external_roles(model: RolesFile) -> dict[str, str]:
    """role id -> URL of the roles documented elsewhere: they need no card."""
    return {role.id: role.url for role in model.roles.values() if role.url}


def known_terms(model: RolesFile, site: Site, cards: dict[str, Where],
                role_terms: bool) -> dict[str, str]:
    """Every glossary term a `{term}` can name, lower-cased -> as written: the names and aliases
    of roles with a card (unless role terms are off), roles.yaml's terms once a
    `roles-glossary` shows them, terms written by hand, and other projects' terms."""
    terms = {name.lower(): name for name in site.external_terms}
    terms.update((key, name) for key, (name, _where) in site.terms.items())
    if site.glossaries:
        terms.update((name.lower(), name) for name in model.terms)
    if role_terms:
        for role_id in [*cards, *external_roles(model)]:
            terms.update((name.lower(), name) for name in model.roles[role_id].term_names)
    return terms


def role_terms_of(model: RolesFile, cards: dict[str, Where]) -> dict[str, str]:
    """Lower-cased role name or alias -> role id, for the roles whose names are terms: those
    with a card, and those documented elsewhere."""
    return {name.lower(): role_id for role_id in [*cards, *external_roles(model)]
            for name in model.roles[role_id].term_names}


def problems(model: RolesFile, site: Site, role_terms: bool = True,
             messages_of: Callable[[DiagramSpec, bool], list[str]] | None = None
             ) -> list[Finding]:
    """Every problem of `site`, in file and line order. `messages_of(spec, depth_given)` gives
    one diagram's diagram_messages (the build passes one that remembers its answers)."""
    suggest = Suggestions()
    cards = first_cards(model, site)
    found = card_problems(model, site, suggest)
    found += competing_targets(model, site, cards, role_terms)
    found += reference_problems(model, site, cards, role_terms, suggest)
    found += diagram_problems(model, site, messages_of)
    found += table_problems(model, site)
    found += entry_problems(model, site)
    found += rotation_problems(model, site, suggest)
    found += inline_holder_problems(model, site, suggest)
    found += hierarchy_problems(model)
    found += holder_problems(model)
    found += [Finding(problem.where, problem.message, subtype=problem.subtype)
              for problem in site.directive_problems]
    found += displays_in_roles_file(model, site)
    return sorted(found, key=lambda f: f.where.sort_key())


def listed(model: RolesFile, site: Site) -> list[tuple[str, Where]]:
    """(person id, where its directory stands) for every entry of every `roles-people`, in
    file and line order; a directory with `:no-index:` lists people without entries of its
    own (links go to the main directory)."""
    return [(entry.person.id, use.where)
            for use in sorted(site.directories, key=lambda d: d.where.sort_key())
            if not use.spec.no_index
            for entry in directory(model, use.spec)[0]]


def first_entries(model: RolesFile, site: Site) -> dict[str, Where]:
    """person id -> their entry in the team directory: the first, in file and line order."""
    entries: dict[str, Where] = {}
    for person_id, where in listed(model, site):
        entries.setdefault(person_id, where)
    return entries


def entry_problems(model: RolesFile, site: Site) -> list[Finding]:
    """A person listed by a second directory; a directory's unknown options."""
    found = [Finding(use.where, message, subtype="people") for use in site.directories
             for message in directory(model, use.spec)[1]]
    first: dict[str, Where] = {}
    for person_id, where in listed(model, site):
        if person_id in first and first[person_id] != where:
            found.append(Finding(where, messages.duplicate_entry(
                person_id, first[person_id].place), subtype="duplicate"))
        first.setdefault(person_id, where)
    return found


def rotation_problems(model: RolesFile, site: Site, suggest: Suggestions) -> list[Finding]:
    found = []
    for use in site.rotations:
        role = model.roles.get(use.role_id)
        if role is None:
            found.append(Finding(use.where, messages.unknown_rotation_role(
                use.role_id, suggest(use.role_id, model.roles)), subtype="people"))
        elif role.rotation is None:
            found.append(Finding(use.where, messages.role_without_rotation(use.role_id),
                                 subtype="people"))
    return found


def inline_holder_problems(model: RolesFile, site: Site,
                           suggest: Suggestions) -> list[Finding]:
    """A `role-holders` reference to an unknown role, a retired one, or one that nobody
    holds now."""
    found = []
    for use in site.holders:
        role = model.roles.get(use.role_id)
        if role is None:
            found.append(Finding(use.where, messages.unknown_holders_role(
                use.role_id, suggest(use.role_id, model.roles)), subtype="ref"))
        elif role.retired:
            found.append(Finding(use.where, messages.retired_role(role.id, role.replaced_by),
                                 subtype="retired"))
        elif not tenure_of(model).is_held(role.id):
            found.append(Finding(use.where, messages.role_without_holders(role.id),
                                 subtype="holders"))
    return found


def holder_problems(model: RolesFile) -> list[Finding]:
    """Roles whose current holders break their `seats`, and moves between roles whose dates
    do not meet, at their lines of roles.yaml."""
    return [Finding(in_roles_file(model, line), message, subtype="holders")
            for line, message in [*seat_problems(model, tenure_of(model)), *move_problems(model)]]


def card_problems(model: RolesFile, site: Site, suggest: Suggestions) -> list[Finding]:
    found = []
    first: dict[str, Where] = {}
    for card in sorted(site.cards, key=lambda c: c.where.sort_key()):
        role = model.roles.get(card.role_id)
        if role is None:
            found.append(Finding(card.where, messages.unknown_card_id(
                card.role_id, suggest(card.role_id, model.roles)), subtype="card"))
        elif role.external:
            found.append(Finding(card.where, messages.external_card(role.id, role.url),
                                 subtype="card"))
        elif card.role_id in first:
            found.append(Finding(card.where, messages.duplicate_card(
                card.role_id, first[card.role_id].place), subtype="duplicate"))
        else:
            first[card.role_id] = card.where
    return found


def competing_targets(model: RolesFile, site: Site, cards: dict[str, Where],
                      role_terms: bool) -> list[Finding]:
    """A label or glossary entry written by hand for something a card already makes."""
    found = []
    for role_id, card in cards.items():
        role = model.roles[role_id]
        for label in [prefix + role_id for prefix in site.label_prefixes]:
            hand_label = site.labels.get(label)
            if hand_label is not None:
                found.append(Finding(hand_label, messages.hand_label_and_card(
                    label, card.place), subtype="duplicate"))
        if role_terms:
            for name in role.term_names:
                hand_term = site.terms.get(name.lower())
                if hand_term is not None:
                    found.append(Finding(hand_term[1], messages.hand_term_and_card(
                        name, card.place), subtype="duplicate"))
    return found


def reference_problems(model: RolesFile, site: Site, cards: dict[str, Where],
                       role_terms: bool, suggest: Suggestions) -> list[Finding]:
    labels = {role_label(role_id) for role_id in cards}
    labels |= set(site.labels) | {label.lower() for label in site.external_labels}
    labels |= {role_label(role_id) for role_id in external_roles(model)}
    terms = known_terms(model, site, cards, role_terms)
    term_roles = role_terms_of(model, cards) if role_terms else {}
    term_names = sorted(set(terms.values()))
    found = []
    entries = {person_label(person) for person in first_entries(model, site)}
    for reference in [*site.references, *shown_roles_file_references(model, site, cards)]:
        if reference.kind == PERSON:
            found += person_problems(model, reference, entries, site.labels, suggest)
            continue
        if reference.kind == TERM:
            retired = retired_finding(model, term_roles.get(reference.target.lower()),
                                      reference)
            if retired is not None:
                found.append(retired)
            elif reference.target.lower() not in terms:
                found.append(Finding(reference.where, unknown_term_message(
                    model, reference.target, role_terms, suggest, term_names),
                    type="ref", subtype="term"))
            continue
        role_id = role_id_of(reference.target, site.label_prefixes)
        retired = retired_finding(model, role_id, reference)
        if retired is not None:
            found.append(retired)
            continue
        # A label written by hand in another spelling (`(role:x)=`) takes the reference too.
        if role_id is None or role_label(role_id) in labels \
                or normalise(reference.target) in labels:
            continue
        if role_id in model.roles:
            found.append(Finding(reference.where, messages.role_without_card(
                role_id, reference.target), subtype="card"))
        else:
            found.append(Finding(reference.where, messages.unknown_role(
                role_id, reference.target, suggest(role_id, model.roles)), subtype="ref"))
    return found


def unknown_term_message(model: RolesFile, term: str, role_terms: bool, suggest: Suggestions,
                         term_names: list[str]) -> str:
    """Why a `{term}` has no entry: a roles.yaml term with no `roles-glossary` on the site, a
    role's name with no card, or no such term at all (with the closest ones)."""
    key = term.lower()
    if any(name.lower() == key for name in model.terms):
        return messages.term_without_glossary(term)
    if role_terms:
        role = next((r for r in model.roles.values()
                     if key in (name.lower() for name in r.term_names)), None)
        if role is not None:
            return messages.role_term_without_card(term, role.id)
    return messages.unknown_term(term, suggest(term, term_names))


def person_problems(model: RolesFile, reference: Reference, entries: set[str],
                    labels: dict, suggest: Suggestions) -> list[Finding]:
    person_id = person_id_of(reference.target) or ""
    if person_label(person_id) in entries or person_label(person_id) in labels:
        return []
    if person_id in model.people:
        return [Finding(reference.where, messages.person_without_entry(
            person_id, reference.target), subtype="people")]
    return [Finding(reference.where, messages.unknown_person(
        person_id, reference.target, suggest(person_id, model.people)), subtype="ref")]


def retired_finding(model: RolesFile, role_id: str | None,
                    reference: Reference) -> Finding | None:
    """A reference to a retired role warns, wherever it leads: the reader should be sent to
    the role that does the work now. (Relations and diagrams, which the extension makes, do
    not: they mark the role as retired instead.)"""
    role = model.roles.get(role_id or "")
    if role is None or not role.retired:
        return None
    return Finding(reference.where, messages.retired_role(role.id, role.replaced_by),
                   subtype="retired")


def shown_roles(model: RolesFile, site: Site, cards: dict[str, Where]) -> set[str]:
    """The roles whose texts a page shows: those with a card, those documented elsewhere
    (their names and summaries are shown wherever they are linked), and the rows of tables."""
    shown = set(cards) | set(external_roles(model))
    for table in site.tables:
        shown.update(select_rows(model, table.spec).roles)
    return shown



def shown_roles_file_references(model: RolesFile, site: Site,
                                cards: dict[str, Where]) -> list[Reference]:
    """The references in the roles.yaml texts that a page shows: the texts of the roles shown
    (shown_roles), a relation's note when either of its roles is shown (both cards show it),
    and the terms' definitions once a `roles-glossary` shows them. (A text no page shows is
    not judged: a role may wait for its card. A glossary shows the roles' summaries as plain
    words, as diagram tooltips do, with no links to judge.)"""
    roles = shown_roles(model, site, cards)
    shown = []
    for (kind, key), references in site.roles_file.items():
        if ((kind == "role" and key in roles) or (kind == "term" and site.glossaries)
                or (kind == "note" and not roles.isdisjoint(key.split(" ")))):
            shown += references
    return shown


def diagram_problems(model: RolesFile, site: Site,
                     messages_of: Callable[[DiagramSpec, bool], list[str]] | None = None
                     ) -> list[Finding]:
    if messages_of is None:
        def messages_of(spec: DiagramSpec, depth_given: bool) -> list[str]:
            return diagram_messages(spec, depth_given, select(model, spec))
    return [Finding(use.where, message, subtype="diagram") for use in site.diagrams
            for message in messages_of(use.spec, use.depth_given)]


def displays_in_roles_file(model: RolesFile, site: Site) -> list[Finding]:
    """A `role-card` or `roles-glossary` inside roles.yaml text that a page shows (the text of
    a role with a card, a term's definition under a `roles-glossary`): the directive shows
    roles.yaml text itself, and a card inside its own role's description would show itself
    without end (so would a glossary inside a definition), so the build leaves each out
    (ext/cards.py, ext/glossary.py). Inline texts and texts no page shows run no directive."""
    carded = {card.role_id for card in site.cards
              if card.role_id in model.roles and not model.roles[card.role_id].external}
    return [Finding(where, messages.display_in_roles_file(directive), subtype="yaml")
            for (kind, key), displays in site.roles_file_displays.items()
            if (kind == "role" and key in carded) or (kind == "term" and site.glossaries)
            for directive, where in displays]


def table_problems(model: RolesFile, site: Site) -> list[Finding]:
    found = []
    for use in site.tables:
        rows = select_rows(model, use.spec)
        messages_ = list(rows.problems)
        if not rows.columns:
            messages_.append(messages.no_table_columns())
        if not rows.roles:
            messages_.append(messages.no_table_roles())
        if use.spec.layout == "cards" and site.has_sphinx_design is False:
            messages_.append(messages.cards_need_sphinx_design())
        found += [Finding(use.where, message, subtype="table") for message in messages_]
    return found


def diagram_messages(spec, depth_given: bool, selection: Selection) -> list[str]:
    """What is wrong with one diagram's options, in the order the directive finds it."""
    result = list(selection.problems)
    if depth_given and spec.focus is None:
        result.append(messages.depth_without_focus())
    if spec.context and spec.focus is None:
        result.append(messages.context_without_focus())
    if not selection.roles:
        result.append(messages.no_diagram_relations() if selection.isolated_left_out
                      else messages.no_diagram_roles())
    elif selection.too_large:
        result.append(messages.diagram_too_large(len(selection.roles), len(selection.edges),
                                                 MAX_DRAWN))
    return result


def hierarchy_problems(model: RolesFile) -> list[Finding]:
    """Each cycle of hierarchy relations, at the roles.yaml line of its last edge in the
    file (a warning: dot draws the diagram, with one of the cycle's edges reversed)."""
    found = []
    for cycle in cycles(hierarchy_edges(model)):
        lines = {edge: model.edge_lines.get((edge.source, edge.relation, edge.target))
                 for edge in cycle}
        last = max(cycle, key=lambda edge: lines[edge] or 0)
        sentences = [f"{model.roles[e.source].name} {model.relations[e.relation].label} "
                     f"{model.roles[e.target].name}" for e in cycle]
        found.append(Finding(in_roles_file(model, lines[last]),
                             messages.hierarchy_cycle(sentences), subtype="diagram"))
    return found
