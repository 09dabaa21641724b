"""Answers to a front end's request (protocol.py): what every display of every page shows, and
every problem of the project, decided by the same code as the Sphinx build and `check`.

- `displays`: for each display, its view (views.py) as JSON, with the roles.yaml texts it
  shows, where links to each role and person go, which names are terms of which role, and,
  for a diagram, dot's SVG (drawn through the same cache as the Sphinx build's);
- `problems`: the rules' findings (rules.py) on the pages' references, labels, terms and
  displays, roles.yaml's own problems, and where a page says that roles.yaml has some.

Messages name files relative to the working folder, as `sphinx-hubroles check` does; the front
end runs the command in the project's folder. Pure Python: no Sphinx, no mystmd.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import messages, views
from .diagram import textversion
from .diagram.dotsource import HREF_PLACEHOLDER, role_tooltip, to_dot
from .diagram.layout import layout_for
from .diagram.options import diagram_spec
from .diagram.render import DotError, Job, Renderer
from .diagram.selection import select
from .diagram.svg import fill_links, fill_tooltips, standalone_svg, tooltip_roles
from .diagram.textversion import default_alt, text_version
from .diagram.timeout import DEFAULT_TIMEOUT
from .digests import text_digest
from .directory import directory_spec
from .facts import shown_holders
from .glossary import glossary_entries, role_names_shown
from .loader import load_roles
from .model import RolesFile
from .names import (
    PERSON,
    PERSON_PREFIX,
    ROLE,
    ROLE_PREFIXES,
    TERM,
    card_anchor,
    person_anchor,
    person_label,
    role_label,
    rotation_anchor,
    rotation_label,
)
from .options import DIRECTIVES, read_options
from .problems import ERROR, NOTE, RolesFileError, display_path
from .protocol import (
    PROTOCOL,
    DisplayRequest,
    PageRequest,
    Request,
    Texts,
    blocks_json,
    fields_json,
    inline_json,
    inlines_json,
    schedule_json,
)
from .rules import (
    Finding,
    external_roles,
    first_cards,
    first_entries,
    first_schedules,
    problems,
    role_terms_of,
)
from .scan import scan_roles_file, scan_roles_file_displays
from .scan.findings import holders_reference, own_directive
from .site import (
    Reference,
    Site,
    Where,
)
from .table import table_spec
from .viewparts import Fields

KINDS = {"role-card": "card", "roles-glossary": "glossary", "roles-diagram": "diagram",
         "roles-table": "table", "roles-people": "people", "roles-rotation": "rotation"}


@dataclass(frozen=True)
class Settings:
    """What the project sets (for mystmd, in myst.yml's `project: options:`)."""

    roles_file: Path
    role_terms: bool = True
    label_prefixes: tuple[str, ...] = ROLE_PREFIXES
    dot: str = "dot"
    dot_args: tuple[str, ...] = ()
    dot_timeout: float = DEFAULT_TIMEOUT
    cache: Path | None = None  # where diagrams are kept (and the front end may write)
    workers: int = 2


def answer(request: Request, settings: Settings, version: str,
           plain_text: Callable[[str], str],
           elsewhere: Callable[[RolesFile, tuple[str, ...]], Site] | None = None
           ) -> dict[str, Any]:
    """The answer to `request`. `plain_text(source)`: a MyST text's words, for tooltips.
    `elsewhere(model, pages)`: what the project's pages that the request does not hold make
    (cards, labels, terms, glossaries, directories), when a build reads only some pages (an
    export of one page): their targets count, their problems are not this build's."""
    base: dict[str, Any] = {"protocol": PROTOCOL, "version": version}
    try:
        model = load_roles(settings.roles_file, role_terms=settings.role_terms)
    except RolesFileError as error:
        shown = display_path(error.path)
        base.update(ok=False, roles_file=shown)
        if request.command == "problems":  # reported once per build, with the judgement
            base["problems"] = [problem_json(shown, problem.line, problem.column,
                                             problem.message, ERROR, "yaml")
                                for problem in error.problems]
            base["summary"] = summary(request, messages.roles_file_unusable(
                shown, len(error.problems)))
        return base
    base.update(ok=True, roles_file=display_path(model.path))
    site = site_of(model, request, settings)
    if elsewhere is not None and request.command == "problems":
        add_targets(site, elsewhere(model, tuple(page.file for page in request.pages)))
    if request.command == "displays":
        base.update(Displays(model, site, request, settings, plain_text).answer())
    else:
        base.update(judge(model, site, request, settings))
    return base


# -- the site the rules judge ---------------------------------------------------------------


def where(file: str, line: int | None, column: int | None = None) -> Where:
    """A place in a page: the page's absolute path (the front end's key), and its name as the
    working folder names it (for messages that point at another place)."""
    return Where(file, line, column, display_path(Path(file)))


def option_values(display: DisplayRequest) -> dict[str, object]:
    """The display's options read as the Sphinx directive and `check` read them
    (core/options.py): a bad one is left out (the rules report it, with the problems)."""
    if display.directive not in DIRECTIVES:  # role-card takes none
        return {}
    return read_options(display.directive, dict(display.options))[0]


def site_of(model: RolesFile, request: Request, settings: Settings) -> Site:
    site = Site(label_prefixes=settings.label_prefixes, has_sphinx_design=True)
    for page in request.pages:
        for display in page.displays:
            note_display(site, page, display)
        for reference in page.references:
            place = where(page.file, reference.line, reference.column)
            if reference.kind == "holders":
                holders_reference(reference.target, place, site)
                continue
            kind = {"role": ROLE, "term": TERM, "person": PERSON}[reference.kind]
            site.references.append(Reference(kind, reference.target, place))
        for label, line in page.labels:
            site.note_label(label, where(page.file, line))
        for term, line in page.terms:
            site.note_term(term, where(page.file, line))
    if request.command == "problems":
        site.roles_file = scan_roles_file(model, prefixes=settings.label_prefixes)
        site.roles_file_displays = scan_roles_file_displays(model)
    return site


def add_targets(site: Site, other: Site) -> None:
    """The targets of `other` (pages the build did not read) in `site`."""
    site.cards += other.cards
    site.glossaries += other.glossaries
    site.directories += other.directories
    site.tables += other.tables
    for label, place in other.labels.items():
        site.labels.setdefault(label, place)
    for key, entry in other.terms.items():
        site.terms.setdefault(key, entry)


def note_display(site: Site, page: PageRequest, display: DisplayRequest) -> None:
    """A display as `check` notes a directive it scans: its options read, their problems
    noted for the rules."""
    own_directive(display.directive, display.argument, dict(display.options),
                  where(page.file, display.line), site)


# -- problems -------------------------------------------------------------------------------


def problem_json(file: str, line: int | None, column: int | None, message: str,
                 level: str, subtype: str, type_: str = "hubroles") -> dict[str, Any]:
    """A problem for the front end: an error, or information (a note). What Sphinx reports as
    a warning is an error for mystmd: `myst build --strict` fails on errors alone, as
    `sphinx-build -W` fails on warnings."""
    return {"file": file, "line": line, "column": column, "message": message,
            "severity": "info" if level == NOTE else "error", "type": type_,
            "subtype": subtype}


def finding_json(finding: Finding) -> dict[str, Any]:
    return problem_json(finding.where.path, finding.where.line, finding.where.column,
                        finding.message, ERROR, finding.subtype, finding.type)


def summary(request: Request, message: str) -> dict[str, Any] | None:
    """Where a page says that roles.yaml has problems: the first display of the first page
    that has one (else the first page), so that `--strict` fails on a page."""
    pages = sorted(request.pages, key=lambda page: display_path(Path(page.file)))
    for page in pages:
        if page.displays:
            return {"file": page.file, "line": page.displays[0].line, "message": message}
    return {"file": pages[0].file, "line": 1, "message": message} if pages else None


def judge(model: RolesFile, site: Site, request: Request, settings: Settings) -> dict[str, Any]:
    shown = display_path(model.path)
    found = [problem_json(shown, notice.line, notice.column, notice.message, notice.level,
                          "yaml") for notice in model.notices]
    found += [finding_json(finding) for finding in problems(model, site, settings.role_terms)]
    pages = {page.file for page in request.pages}
    elsewhere = [problem for problem in found
                 if problem["file"] not in pages and problem["severity"] == "error"]
    return {"problems": found,
            "summary": summary(request, messages.roles_file_problems(shown, len(elsewhere)))
            if elsewhere else None}


# -- displays -------------------------------------------------------------------------------


@dataclass
class Displays:
    model: RolesFile
    site: Site
    request: Request
    settings: Settings
    plain_text: Callable[[str], str]
    texts: Texts = field(default_factory=Texts)

    def answer(self) -> dict[str, Any]:
        model, site = self.model, self.site
        self.cards = first_cards(model, site)
        self.entries = first_entries(model, site)
        self.schedules = first_schedules(model, site)
        self.renderer = (Renderer(self.settings.dot, self.settings.dot_args,
                                  self.settings.dot_timeout, self.settings.cache / "diagrams")
                         if self.settings.cache else None)
        self.diagrams: list[tuple[dict[str, Any], Job]] = []
        displays = [self.display(page, display) for page in self.request.pages
                    for display in page.displays]
        self.draw()
        urls = external_roles(model)
        return {
            "prefixes": {"role": list(self.settings.label_prefixes), "person": [PERSON_PREFIX]},
            "roles": {role.id: {"name": role.name,
                                "target": "card" if role.id in self.cards else
                                "url" if role.id in urls else None,
                                "url": urls.get(role.id), "identifier": role_label(role.id),
                                "html_id": card_anchor(role.id),
                                "schedule": {"identifier": rotation_label(role.id),
                                             "html_id": rotation_anchor(role.id)}
                                if role.id in self.schedules else None}
                      for role in model.roles.values()},
            "people": {person.id: {"name": person.name,
                                   "target": "entry" if person.id in self.entries else None,
                                   "identifier": person_label(person.id),
                                   "html_id": person_anchor(person.id)}
                       for person in model.people.values()},
            "role_terms": role_terms_of(model, self.cards) if self.settings.role_terms else {},
            # For every role: a `{role-holders}` may stand in roles.yaml's texts, which the
            # front end parses after asking.
            "holders": {role.id: self.holders(role.id) for role in model.roles.values()},
            "texts": self.texts.data,
            "cache": str(self.settings.cache) if self.settings.cache else None,
            "displays": displays,
        }

    def display(self, page: PageRequest, display: DisplayRequest) -> dict[str, Any]:
        result: dict[str, Any] = {"file": page.file, "line": display.line, "kind": "none"}
        options = option_values(display)
        here = where(page.file, display.line)
        argument = display.argument.strip().lower()
        kind = KINDS[display.directive]
        shown = getattr(self, kind)(argument, options, here)
        if shown is not None:
            job = shown.pop("job", None)
            result.update(kind=kind, **shown)
            if job is not None:
                self.diagrams.append((result, job))
        return result

    def card(self, role_id: str, options: dict, here: Where) -> dict[str, Any] | None:
        role = self.model.roles.get(role_id)
        if role is None or role.external:  # the rules report either
            return None
        view = views.card_view(self.model, role_id)
        # The role's first card is the target of its links; another one is reported.
        first = self.cards.get(role_id) == here
        return {"role": role_id, "name": view.name, "status": view.status,
                "identifier": role_label(role_id) if first else None,
                "html_id": card_anchor(role_id) if first else None,
                "body": blocks_json(view.body, self.texts)}

    def glossary(self, argument: str, options: dict, here: Where) -> dict[str, Any]:
        """roles.yaml's terms and, unless `:role-names: off`, the roles, sorted together: a
        role's entry links to its card and shows its summary's words (as in Sphinx)."""
        return {"entries": [
            {"name": entry.name,
             "term": self.texts.key(entry.term.definition, False) if entry.term else None,
             "role": entry.role.id if entry.role else None,
             "summary": self.plain_text(entry.role.summary.source) if entry.role else None}
            for entry in glossary_entries(self.model, role_names_shown(options))]}

    def table(self, argument: str, options: dict, here: Where) -> dict[str, Any] | None:
        view = views.table_view(self.model, table_spec(options))
        if not view.rows:  # the rules report it
            return None
        cards = []
        if options.get("layout") == "cards":
            for row in view.rows:
                title, body = view.grid_card(row)
                cards.append({"title": inline_json(title, self.texts),
                              "body": blocks_json(body, self.texts)})
        return {"layout": options.get("layout", "table"), "columns": list(view.columns),
                "headings": list(view.headings),
                "rows": [{"role": row.role_id,
                          "cells": [blocks_json(cell, self.texts) for cell in row.cells]}
                         for row in view.rows],
                "cards": cards}

    def people(self, argument: str, options: dict, here: Where) -> dict[str, Any]:
        """The entries; those of a directory with `:no-index:` are nobody's target."""
        spec = directory_spec(options)
        return {"no_index": spec.no_index, "entries": [
            {"person": entry.person_id, "name": entry.name,
             "identifier": person_label(entry.person_id) if first else None,
             "html_id": person_anchor(entry.person_id) if first else None,
             "facts": fields_json(Fields(entry.facts, "hubroles-person-facts"), self.texts)}
            for entry in views.directory_view(self.model, spec)
            for first in (not spec.no_index and self.entries.get(entry.person_id) == here,)]}

    def rotation(self, role_id: str, options: dict, here: Where) -> dict[str, Any] | None:
        """The schedule; the role's first is the target of its schedule links."""
        schedule = views.rotation_view(self.model, role_id, options.get("from"),
                                       options.get("shifts"))
        if schedule is None:  # the rules report it
            return None
        first = self.schedules.get(role_id) == here
        return {"role": role_id, "schedule": schedule_json(schedule, self.texts),
                "identifier": rotation_label(role_id) if first else None,
                "html_id": rotation_anchor(role_id) if first else None}

    def holders(self, role_id: str) -> dict[str, Any]:
        """What `{role-holders}` shows of a role, and whether it names holders."""
        content, held = shown_holders(self.model, role_id)
        return {"content": inlines_json(content, self.texts), "held": held}

    def diagram(self, argument: str, options: dict, here: Where) -> dict[str, Any] | None:
        selection = select(self.model, diagram_spec(options))
        if not selection.roles:  # the rules report it
            return None
        notes = {(source, relation, target): self.plain_text(note)
                 for source, relation, target, note in selection.notes}
        layout = layout_for(selection, options.get("direction"),
                            options.get("edge-labels", "auto"))
        # Links and tooltips as on the web, and the legend in the picture: the picture is an
        # image, in a page and in exports alike.
        dot = to_dot(selection, None, layout, notes, legend=True)
        roles, sentences = text_version(selection, notes)
        cards = [role.id for role in selection.roles if role.id in self.cards]
        shown = {"alt": options.get("alt") or default_alt(selection),
                 "words": {"title": textversion.TITLE, "roles": textversion.ROLES,
                           "relations": textversion.RELATIONS},
                 "align": options.get("align"),
                 "roles": [{"role": role_id, "name": name, "place": place}
                           for role_id, name, place in roles],
                 "sentences": list(sentences),
                 # The card of each role the picture links to, by page; the front end learns
                 # each page's address and puts it in the picture (fill_links).
                 "cards": {role_id: {"file": self.cards[role_id].path,
                                     "html_id": card_anchor(role_id)} for role_id in cards},
                 "svg": None, "key": None}
        if self.renderer is not None:  # drawn with the others (draw)
            shown["job"] = Job(dot, "svg")
        return shown

    def draw(self) -> None:
        """Render every diagram at once (the cache keeps them), then fill in each one's
        tooltips and every link that does not depend on a page's address."""
        if not self.diagrams:
            return
        jobs = list(dict.fromkeys(job for _shown, job in self.diagrams))
        failures = self.renderer.render_all(jobs, self.settings.workers)
        urls = external_roles(self.model)
        for shown, job in self.diagrams:
            try:
                if job in failures:
                    raise failures[job]
                template = self.renderer.render(job).decode("utf-8")
            except DotError as error:  # the text version stands in for the picture
                shown["problems"] = [problem_json(shown["file"], shown["line"], None,
                                                  str(error), ERROR, "diagram")]
                continue
            svg = fill_tooltips(template, self.tooltips(template))
            hrefs = {role_id: HREF_PLACEHOLDER + role_id for role_id in shown["cards"]}
            hrefs.update((role_id, url) for role_id, url in urls.items())
            shown["svg"] = standalone_svg(fill_links(svg, hrefs))
            shown["key"] = text_digest(shown["svg"])[:20]

    def tooltips(self, template: str) -> dict[str, str]:
        """As in the Sphinx build: a role with a card shows its name (the front end may show
        its card as a preview), one without its summary's words."""
        roles = self.model.roles
        return {role_id: (roles[role_id].name if role_id in self.cards else
                          role_tooltip(roles[role_id].name,
                                       self.plain_text(roles[role_id].summary.source)))
                for role_id in tooltip_roles(template) if role_id in roles}
