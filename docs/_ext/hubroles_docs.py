"""Reference tables of the sphinx-hubroles documentation, generated from the package itself.

- ``hubroles-fields <table>`` renders one table of roles.yaml fields from
  ``sphinx_hubroles.core.fields`` (``top-level``, ``role``, ``relation``, ``group``,
  ``admonition``, ``item``, ``section``, ``relation-entry``);
  ``hubroles-field-kinds`` renders what each type of field holds.
- ``hubroles-config`` documents every ``hubroles_*`` config value the extension registers, with
  its real default and types, as Sphinx ``confval`` entries.
- ``hubroles-directive <name>`` documents a registered directive, its argument and every option
  of its ``option_spec``.
- ``hubroles-protocol-schema request|answer`` prints the JSON Schema of the MyST-MD plugin's
  requests or answers, from ``sphinx_hubroles.core.protocol``.
- ``hubroles-allowlist`` renders the node types, attributes and URI schemes that roles.yaml text
  may produce, from ``sphinx_hubroles.ext.allowlist``.

Descriptions that the code does not carry are written below. A config value or directive option
that has none makes the build warn (``hubroles-docs.undocumented``), so under ``-W`` a new
option cannot ship undocumented, and an option that no longer exists cannot stay documented.
"""

from __future__ import annotations

import textwrap
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives as rst_directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_hubroles.core import fields as F
from sphinx_hubroles.core.diagram.layout import AUTO_LABEL_ROLES
from sphinx_hubroles.ext import allowlist

logger = logging.getLogger(__name__)

TABLES = {
    "top-level": F.TOP_LEVEL,
    "role": F.ROLE_FIELDS,
    "relation": F.RELATION_FIELDS,
    "group": F.GROUP_FIELDS,
    "admonition": F.ADMONITION_FIELDS,
    "item": F.ITEM_FIELDS,
    "section": F.SECTION_FIELDS,
    "relation-entry": F.RELATION_ENTRY_FIELDS,
    "person": F.PERSON_FIELDS,
    "holder": F.HOLDER_FIELDS,
    "rotation": F.ROTATION_FIELDS,
    "slot": F.SLOT_FIELDS,
    "seats": F.SEATS_FIELDS,
}

# What an optional field means when it is left out, by the kind of value it holds.
ABSENT = {
    F.NAMES: "`[]`: none",
    F.INLINES: "`[]`: none",
    F.ADMONITIONS: "`[]`: none",
    F.RELATION_MAP: "`{}`: no relations",
    F.ITEMS: "`[]`: none",
    F.SECTIONS: "`[]`: none",
    F.STATUS: f"`{F.DEFAULT_STATUS}`",
    F.BOOLEAN: "`false`",
    F.HOLDERS: "`[]`: nobody named",
    F.ROTATION: "none: the role does not rotate",
    F.DAYS: "`0`",
    F.COLOUR: "none: each diagram chooses",
    F.LINE_STYLE: "none: each diagram chooses",
    F.SLOTS: "`[]`: none",
    F.SEATS: "none: not checked",
    F.COUNT: "none: not checked",
    F.SHARE: "none: not checked",
    F.PERSON_IDS: "`[]`: none",
    F.OWNERS_ALIAS: "the role's id, or its team's name",
}
ABSENT_MAPPING = "`{}`: none"
ABSENT_TEXT = "none: not shown"

# Config values: what the code does not say about them. Keep one entry per `hubroles_*` value.
CONFIG_HELP = {
    "hubroles_file": """
        Path of the roles file, relative to the folder that holds `conf.py` (an absolute path
        works too). One file per project: every card, reference, glossary and diagram of the
        project reads it. The handbook you are reading sets `hubroles_file = "../roles.yaml"`,
        because its roles file sits at the repository root.
    """,
    "hubroles_role_terms": """
        When true, every role's `name` and `aliases` are also glossary terms: `` {term}`Hub
        Engineer` `` links to the role's card, with no glossary entry written by hand. Set it
        to `False` while a site still defines its role names in a hand-written `glossary`
        (see {doc}`/how-to/migrate`).
    """,
    "hubroles_label_prefixes": """
        Other label prefixes that name roles, as `roles:` does, for a handbook that wrote its
        own labels before it had roles.yaml: with `["role:"]`, `[Title](#role:x)`,
        `[Title](role:x)` and `` {ref}`role:x` `` name role `x` and go to its card, or to a
        hand-written `(role:x)=` label until the role has one; a typo is reported as for
        `roles:`, and a hand-written label that a card also makes is reported too. Each prefix
        ends with `:`; a prefix that cannot be one warns
        ({ref}`hubroles.ref <warning-hubroles-ref>`) and is left out. The MyST-MD plugin
        takes the same setting ({ref}`mystmd-settings`); `sphinx-hubroles check` takes it as
        `--label-prefix`. See {doc}`/how-to/mystmd`.
    """,
    "hubroles_dot_timeout": """
        Seconds that one run of Graphviz `dot` may take to lay out a `roles-diagram` before the
        build stops it, with every process it started, and reports an error at the diagram's
        `file:line`. The program itself is Sphinx's own `graphviz_dot` setting. Give a number
        above 0 and up to 86,400 (one day); any other value (`0`, `-1`, `float("inf")`, a string
        such as `"5"`) gets a {ref}`hubroles.diagram <warning-hubroles-diagram>` warning
        naming it, and the default is used.
    """,
}

# Documented ahead of the code that registers them (the diagram is being written).
PENDING: set[str] = set()

# Directives: a summary, the argument and each option. Keys must match the option_spec.
DIRECTIVE_HELP: dict[str, dict[str, Any]] = {
    "role-card": {
        "argument": "id",
        "summary": """
            Renders one role from roles.yaml as a titled section: its name (in the page's table
            of contents, with a permalink), then, in this order, the fields that are set: the
            summary; the facts (group, members of a body, how many, seats, usually filled by,
            who holds it and held it, its rotation, team, defined by, and the status if it is
            not active, with the role that replaces a retired one); the description; the
            requirements and responsibilities, sub-items as nested lists, numbered where
            roles.yaml writes `steps`; the sections, each under its title; the slots of a
            rotation by slot, as a table; the admonitions and see-also; and the outgoing and
            incoming relations (`kind-of` among them) as links to the other roles' cards, with
            their notes.

            It registers the label `roles:<id>`, so that `[text](roles:<id>)`, `[](roles:<id>)`,
            `` {ref}`roles:<id>` `` and `` :ref:`roles:<id>` `` link to it, and (unless
            {confval}`hubroles_role_terms` is off) the role's name and aliases as glossary terms.
            Each role gets one card in the whole project. An unknown id, or the id of a role
            documented elsewhere (`url`), warns at the directive's line
            ({ref}`hubroles.card <warning-hubroles-card>`) and renders nothing.
        """,
        "mystmd": """
            The same card, from the same code: a heading with the id `roles-<id>` (listed in
            `objects.inv` as `roles:<id>`), its level one below the page's heading above it;
            the facts and relations as definition lists; *Requirements*, *Responsibilities*
            and the other parts as bold lines (never headings of the page). The role's name
            and aliases lead to the card from `{term}`. Governance's parts too: `steps` as
            numbered lists, moves, seats, team (a link), a body's members, `kind-of`, and the
            slots of a rotation by slot as a table.
        """,
        "options": {},
    },
    "roles-diagram": {
        "argument": None,
        "summary": """
            Draws roles as boxes and relations as arrows, from roles.yaml: by default every
            role that is not retired, one frame per group, and each relation type with a look
            of its own in this diagram (colour, line and arrowhead), with a legend naming the
            types. Every box links to its role's card, from any page, and can be reached with
            the keyboard; a role documented elsewhere (`url`) has a dashed outline, which the
            legend explains, and links to its URL. Hovering over a box shows the role's
            summary, and over an arrow the relation as a sentence, with its note. A text
            version lists every role and states every relation as a sentence ("Community
            Representative surfaces requests to Hub Engineer: questions and requests, via
            support tickets"); the text and man builders print it, and LaTeX gets a PDF image.
            The diagram follows the theme's light and dark modes.

            Its text is never drawn smaller than 10 CSS pixels: a diagram wider than the
            column at that size starts there, and the reader pans and zooms it in place, with
            the mouse, a touch screen or the keyboard; hovering over or focusing a box
            highlights that role's relations, and the legend's entries hide and show relation
            types ({ref}`diagram-explore`). *Open full size* shows it over the whole window
            ({ref}`diagram-size`). Relation types declared `hierarchy: true` in roles.yaml point
            down the page ({ref}`diagram-hierarchy`).

            An unknown id or type in an option warns at the directive's line with the closest
            ids ({ref}`hubroles.diagram <warning-hubroles-diagram>`), and so do relation types
            whose looks, set in roles.yaml, cannot be told apart in this diagram. Graphviz's
            `dot` draws the diagram: Sphinx's `graphviz_dot` setting names the program, and
            {confval}`hubroles_dot_timeout` limits how long it may take.
        """,
        "mystmd": """
            A figure holding dot's SVG as an image, with the legend drawn in and every box a
            link to its card, and the text version under it, collapsed, whose role names link
            to the cards. Every option works (`:isolated:` included): `:caption:` is the
            figure's caption, `:name:` its label, `:align:` aligns the image. A body is drawn
            once, as its group's title, and `kind-of` as a relation, as in Sphinx. In the book
            theme the boxes are not clickable in place (a browser follows no link inside an
            image; {ref}`mystmd-diagrams` says why and what is); in `--md`, `--jats` and
            `--tex` exports the diagram is a figure with its image. No hover previews.
        """,
        "options": {
            "roles": ("id, id, ...", """
                Show only these roles. Arrows to and from roles that are not shown are left out.
            """),
            "groups": ("id, id, ...", """
                Show only the roles of these groups. With `:roles:`, shows both sets.
            """),
            "relations": ("id, id, ...", """
                Draw only these relation types, and only the roles that take part in one of
                them (`:isolated: show` keeps the others). Looks are handed out to the types a
                diagram draws, so a diagram of a few types never has two alike. With
                `:focus:`, the walk out from the focused role follows these types only, so the
                second ring of `:depth: 2` holds no roles reached through other relations.
            """),
            "isolated": ("show or hide", """
                The roles that no relation drawn in the diagram touches: `show` draws them as
                loose boxes, `hide` leaves them out. Default: `hide` with `:relations:`, `show`
                without. A focus diagram always shows its role, and nothing else unrelated.
                When hiding leaves no role at all, the diagram warns
                ({ref}`hubroles.diagram <warning-hubroles-diagram>`) and is left out.
            """),
            "focus": ("id", """
                Show this role and the roles related to it, in either direction, up to
                `:depth:` steps away, with the role itself highlighted: the natural picture on
                a role's own page. It draws the relations that lead away from the role, one
                step at a time (each arrow joins roles one step apart), and the role's
                relations to itself: at depth 1, exactly the role's own relations.
            """),
            "depth": ("N", """
                With `:focus:`, how many steps away from the focused role to go. Default: `1`.
            """),
            "context": ("on or off", """
                With `:focus:`, `on` also draws the relations among the other roles shown (at
                depth 1, among the focused role's neighbours). Default: `off`.
            """),
            "direction": ("TB, LR, RL or BT", """
                The direction in which relations point: top to bottom, left to right, right to
                left or bottom to top. Without it, a diagram that draws a hierarchy relation
                goes top to bottom, and any other goes top to bottom unless left to right fits
                the column where top to bottom does not.
            """),
            "edge-labels": ("auto, on or off", f"""
                Whether each arrow carries its relation's label; the legend names the types
                either way. `auto`, the default, labels the arrows of diagrams with up to
                {AUTO_LABEL_ROLES} roles when the labelled diagram fits the column.
            """),
            "caption": ("text", """
                A caption under the diagram, in the page's markup.
            """),
            "alt": ("text", """
                The short text alternative of the image. By default it counts the roles and
                relations and points to the text version.
            """),
            "name": ("label", """
                A label, so that `` {ref}`label` `` and `` {numref}`label` `` link to the diagram.
            """),
            "align": ("left, center or right", """
                The diagram's horizontal alignment.
            """),
            "status": ("status, status, ...", """
                The statuses of the roles to show, from `active`, `draft` and `retired`.
                Default: `active, draft`, so retired roles are left out. A role named in
                `:roles:` or `:focus:` is shown whatever its status; a retired role is drawn
                with "(retired)" after its name.
            """),
        },
    },
    "roles-table": {
        "argument": None,
        "summary": """
            An overview of roles from roles.yaml: one row per role, in file order, with the
            columns you choose. Each role's name links to its card, or to its URL for a role
            documented elsewhere. It is a real table in every builder (LaTeX gets a `longtable`
            that breaks across pages); with `:layout: cards` it is a grid of sphinx-design
            cards instead. Unknown ids, columns and statuses warn at the directive's line
            ({ref}`hubroles.table <warning-hubroles-table>`); a table with no known column is
            left out, with a warning.
        """,
        "mystmd": """
            A table (in a table container with `:caption:` or `:name:`). `:layout: cards` is
            mystmd's own grid of cards, with no sphinx-design. Every option works.
        """,
        "options": {
            "columns": ("column, column, ...", """
                The columns, in order, from `name`, `summary`, `group`, `count`, `filled-by`,
                `defined-by`, `requirements`, `responsibilities`, `status`, `relations`,
                `holders` (who holds the role now, as on its card: its own holders, its kinds'
                or members', or its rotation), `former-holders`, `rotation`, `seats`, `team` and
                `kind-of`. Default: `name, summary`. A cell of a field the role does not set
                is empty. Unknown columns are left out with a warning; at least one must be
                known, or the table is left out.
            """),
            "roles": ("id, id, ...", """
                Show only these roles (in file order), whatever their status.
            """),
            "groups": ("id, id, ...", """
                Show only the roles of these groups. With `:roles:`, shows both sets.
            """),
            "status": ("status, status, ...", """
                The statuses of the roles to show, from `active`, `draft` and `retired`.
                Default: `active, draft`.
            """),
            "layout": ("table or cards", """
                `table` (the default), or `cards`: one sphinx-design card per role, titled with
                the role's name, with the summary and the other columns as its fields. Cards
                need sphinx-design in the project's `extensions`
                (`extensions = [..., "sphinx_design", "sphinx_hubroles"]`); sphinx-hubroles
                does not load it for you. Without it the table is shown, with a
                {ref}`hubroles.table <warning-hubroles-table>` warning.
            """),
            "caption": ("text", """
                A caption: the table's title, in the page's markup.
            """),
            "name": ("label", """
                A label, so that `` {ref}`label` `` and `` {numref}`label` `` link to the table.
            """),
        },
    },
    "roles-people": {
        "argument": None,
        "summary": """
            The team directory: an entry for each person of roles.yaml's `people`, titled with
            their name, with their GitHub profile, page and affiliation when roles.yaml gives
            them, the roles they hold now, the roles they held (with dates), and the rotations
            they take turns in, each role a link to its card. Each entry is the target of
            `people:<id>` links (`[](people:ada)` shows the person's name), and is in the
            index and in `objects.inv`, for other projects. Without options it lists everyone
            in the registry.

            A person gets one entry in the whole project: a second directory that lists them
            warns ({ref}`hubroles.duplicate <warning-hubroles-duplicate>`), and links go to
            the first. A person's entry shows only what roles.yaml says of them:
            {doc}`/how-to/people`.
        """,
        "mystmd": """
            The same entries: headings with the ids `people-<id>` (the targets of
            `people:<id>` links), their facts as definition lists. Every option works: with
            `:no-index:` each entry is a bold line, not a heading, and nobody's target.
        """,
        "options": {
            "roles": ("id, id, ...", """
                List only the people who hold, held or take turns in these roles.
            """),
            "groups": ("id, id, ...", """
                List only the people who hold, held or take turns in the roles of these
                groups. With `:roles:`, both sets.
            """),
            "former": ("on or off", """
                Whether people who only held roles before (every holding has an `until`) are
                listed, and former holdings shown. Default: `on`.
            """),
            "no-index": ("", """
                A secondary directory, as Sphinx's own `:no-index:` makes a secondary
                description: it lists people (with their profile and roles) without being their
                entry. It registers no `people:<id>` label, no index entry and no heading in the
                table of contents, and never warns `hubroles.duplicate`; `people:<id>` links
                still go to the main directory. For a page that lists some of the team again,
                such as a committee's members.
            """),
        },
    },
    "roles-rotation": {
        "argument": "role id",
        "summary": """
            The schedule of a role's `rotation`, as a table: each shift's number, first and
            last day, the person who holds it, and the days it overlaps the next shift, with
            whom. Shifts are numbered from 1, as in the export: shift k is held by the pool's
            person (k − 1) mod n, from `start + (k − 1) × every` to
            `start + k × every + overlap − 1`. For a rotation by slot, the table lists the
            slots instead, numbered from 1: each one's first and last day, organization,
            holder (or the organization's people, one of whom fills it) and note. The table
            is the target of the schedule links of `role-holders`.

            The table depends only on roles.yaml and the options, never on the day of the
            build, so two builds give the same page. In HTML, a small script marks the shifts
            that include the reader's today, by the reader's own clock. A role with no rotation,
            or an unknown id, warns at the directive's line
            ({ref}`hubroles.people <warning-hubroles-people>`).
        """,
        "mystmd": """
            The same table, titled the same, shifts or slots. The role's first one has the
            label `rotation:<id>` (the target of `role-holders`' schedule links; mystmd lists it
            in `objects.inv`, Sphinx does not). No script marks the current shift: mystmd's
            themes run none of a plugin's. Every option works.
        """,
        "options": {
            "from": ("date", """
                Start with the first shift (or slot) that includes this day, such as
                `2026-12-02`, up to 2999-12-31, so that the schedule stays within the
                calendar. Default: the rotation's `start`.
            """),
            "shifts": ("N", """
                How many shifts (or slots) to show, up to 1,000. Default: twice the number of
                people in the pool, at most 1,000; every slot, for a rotation by slot. A
                `:from:` or `:shifts:` past its bound warns at the directive's line, and the
                table shows the default.
            """),
        },
    },
    "roles-glossary": {
        "argument": None,
        "summary": """
            Renders the `terms` of roles.yaml as a sorted Sphinx glossary, so that `{term}` links
            to them resolve with no glossary written by hand; and, among them, the roles that
            are not retired, so that a reader who browses the glossary finds "Steering
            Committee" too: each role's name, as a link to its card (or its URL), and its
            summary's plain words, as the hover previews show them ({ref}`outputs-hover`). In
            HTML, the summary of a role with a card comes from the previews file, by the same
            script, so that editing a summary writes no glossary page again; EPUB, LaTeX, text,
            man and Texinfo, and roles without a card, have it in the page. A role's name
            stays a term of its card, where `{term}` links to it lead; the glossary's entry
            only points there. Group names are not listed. Place it once per
            project.
        """,
        "mystmd": """
            mystmd's own glossary: `{term}` resolves to it as to a hand-written one, with the
            ids `term-<term>`. The roles' entries (`:role-names: on`), in the same sorted
            order, are definition lists between the glossary's blocks, since mystmd makes
            every entry of a glossary a term: they link to the cards, which define the roles'
            names, and show the summary's plain words, in the page. Every option works.
            mystmd's exporters (1.11) support no glossary, its own included.
        """,
        "options": {
            "role-names": ("on or off", """
                Whether the glossary lists the roles with the terms. Default: `on`. With `off`
                it lists roles.yaml's `terms` alone, as releases before 0.2 did.
            """),
        },
    },
}


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip()


def undocumented(message: str, directive: SphinxDirective) -> None:
    logger.warning(message, location=directive.get_location(), type="hubroles-docs",
                   subtype="undocumented")


class FieldTableDirective(SphinxDirective):
    """A table of the fields of one part of roles.yaml, from `sphinx_hubroles.core.fields`."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(F.__file__)
        table = self.arguments[0]
        if table not in TABLES:
            logger.warning("unknown field table %r; use one of %s", table, ", ".join(TABLES),
                           location=self.get_location())
            return []
        rows = []
        for field in TABLES[table]:
            if field.required:
                default = "**required**"
            elif field.kind.startswith("mapping"):
                default = ABSENT_MAPPING
            else:
                default = ABSENT.get(field.kind, ABSENT_TEXT)
            example = textwrap.indent(field.example, "     ")
            rows.append(
                f"* - (roles-yaml-{table}-{field.key})=\n"
                f"     `{field.key}`\n"
                f"   - {field.kind}\n"
                f"   - {default}\n"
                f"   - {field.help}\n\n"
                f"     ```yaml\n{example}\n     ```\n"
            )
        text = (
            "````{list-table}\n"
            ":header-rows: 1\n"
            ":class: hubroles-docs-fields\n"
            ":widths: 18 17 15 50\n"
            f":name: roles-yaml-{table}-fields\n\n"
            "* - Field\n   - Type\n   - Default\n   - Meaning and example\n"
            + "".join(rows)
            + "````\n"
        )
        return self.parse_text_to_nodes(text)


class FieldKindsDirective(SphinxDirective):
    """What each type named in the field tables holds, from `sphinx_hubroles.core.fields`."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(F.__file__)
        rows = "".join(f"* - {kind}\n   - {help_text[:1].upper() + help_text[1:]}.\n"
                       for kind, help_text in F.KIND_HELP.items())
        text = ("```{list-table}\n:header-rows: 1\n\n* - Type\n   - What it holds\n"
                + rows + "```\n")
        return self.parse_text_to_nodes(text)


REBUILD = {
    "env": "Changing it makes the next build read every page again.",
    "html": "Changing it makes the next build write every page again.",
    "": "Changing it rebuilds nothing.",
}


def _format_default(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    return repr(value)


class ConfigDirective(SphinxDirective):
    """A `confval` entry for every `hubroles_*` config value the extension registers."""

    def run(self) -> list[nodes.Node]:
        options = self.config._options  # name -> _Opt(default, rebuild, valid_types, ...)
        names = sorted(name for name in options if name.startswith("hubroles_"))
        parts = []
        for name in names:
            option = options[name]
            help_text = CONFIG_HELP.get(name) or getattr(option, "description", "")
            if not help_text:
                undocumented(f"config value {name!r} has no description; add one to "
                             "CONFIG_HELP in docs/_ext/hubroles_docs.py", self)
                continue
            types = sorted({t.__name__ for t in (option.valid_types or ())}) or [
                type(option.default).__name__]
            parts.append(
                f"````{{confval}} {name}\n"
                f":type: {' or '.join(f'`{t}`' for t in types)}\n"
                f":default: `{_format_default(option.default)}`\n\n"
                f"{dedent(help_text)}\n\n"
                f"{REBUILD.get(option.rebuild, '')}\n"
                "````\n"
            )
        for name in sorted(set(CONFIG_HELP) - set(names)):
            if name not in PENDING:
                undocumented(f"CONFIG_HELP documents {name!r}, which sphinx_hubroles does "
                             "not register", self)
        return self.parse_text_to_nodes("\n".join(parts))


class DirectiveDirective(SphinxDirective):
    """An `rst:directive` entry for a registered directive and each of its options."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        directive_class, _messages = rst_directives.directive(
            name, self.state.memo.language, self.state.document)
        if directive_class is None:
            undocumented(f"directive {name!r} is not registered", self)
            return []
        help_entry = DIRECTIVE_HELP.get(name)
        if help_entry is None:
            undocumented(f"directive {name!r} has no entry in DIRECTIVE_HELP", self)
            return []
        argument = help_entry["argument"]
        takes_argument = (directive_class.required_arguments
                          + directive_class.optional_arguments) > 0
        if takes_argument != (argument is not None):
            undocumented(f"directive {name!r}: DIRECTIVE_HELP says argument={argument!r}, "
                         "which does not match the directive class", self)
        signature = f".. {name}::" + (f" {argument}" if argument else "")
        text = [f"`````{{rst:directive}} {signature}\n", dedent(help_entry["summary"]), "\n"]
        if "mystmd" not in help_entry:
            undocumented(f"directive {name!r} has no MyST-MD note in DIRECTIVE_HELP", self)
        else:  # what differs in the MyST-MD plugin (docs/how-to/mystmd.md)
            text.append("\n**In MyST-MD:** " + " ".join(dedent(help_entry["mystmd"]).split())
                        + "\n")
        spec = dict(directive_class.option_spec or {})
        documented = help_entry["options"]
        for option in spec:
            if option not in documented:
                undocumented(f"option {option!r} of directive {name!r} has no description "
                             "in DIRECTIVE_HELP", self)
        for option, (value, help_text) in documented.items():
            if option not in spec:
                undocumented(f"DIRECTIVE_HELP documents option {option!r}, which directive "
                             f"{name!r} does not have", self)
                continue
            text.append(f"\n````{{rst:directive:option}} {option}: {value}\n"
                        f"{dedent(help_text)}\n````\n")
        if not spec:
            text.append("\nIt takes no options.\n")
        text.append("`````\n")
        return self.parse_text_to_nodes("\n".join(text))


class ProtocolSchemaDirective(SphinxDirective):
    """The JSON Schema of the MyST-MD plugin's requests or answers, from
    `sphinx_hubroles.core.protocol`."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        import json

        from sphinx_hubroles.core import protocol

        self.env.note_dependency(protocol.__file__)
        schemas = {"request": protocol.REQUEST_SCHEMA, "answer": protocol.ANSWER_SCHEMA}
        if self.arguments[0] not in schemas:
            undocumented(f"no protocol schema {self.arguments[0]!r}; request or answer", self)
            return []
        text = json.dumps(schemas[self.arguments[0]], indent=2)
        block = nodes.literal_block(text, text, language="json")
        self.set_source_info(block)
        return [block]


class AllowlistDirective(SphinxDirective):
    """The allowlist of roles.yaml text, from `sphinx_hubroles.ext.allowlist`."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(allowlist.__file__)
        rows = []
        for row in allowlist.ALLOWLIST:
            types = ", ".join(f"`{node_type.__name__}`" for node_type in row.types)
            attributes = ", ".join(
                "a domain's context, such as `py:module`" if name == allowlist.DOMAIN_CONTEXT
                else f"`{name}`" for name in row.attributes) or "none"
            if row.uri:
                attributes += f"; kept only if `{row.uri}` is a vetted URI"
            rows.append(f"* - {row.what}\n   - {types}\n   - {attributes}\n")
        text = ("```{list-table}\n:header-rows: 1\n:widths: 30 40 30\n"
                ":class: hubroles-docs-allowlist\n\n"
                "* - Content\n   - Node types\n   - Attributes kept, besides "
                + ", ".join(f"`{name}`" for name in allowlist.BASIC_ATTRIBUTES) + "\n"
                + "".join(rows) + "```\n")
        return self.parse_text_to_nodes(text)


class InlineExamplesDirective(SphinxDirective):
    """A two-column table: each line of the content as written, and as the build renders it.

    The same lines are shown and parsed, so an example can never disagree with its result. It
    works on MyST and reStructuredText pages alike: each is parsed as its own page's markup.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["hubroles-docs-examples"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=50)
        group += nodes.colspec(colwidth=50)
        head = nodes.thead()
        head += self.row([nodes.paragraph("", "You write")], [nodes.paragraph("", "Readers see")])
        group += head
        body = nodes.tbody()
        group += body
        for offset, line in enumerate(self.content):
            if not line.strip():
                continue
            lineno = self.content_offset + offset + 1
            rendered, messages = self.parse_inline(line.strip(), lineno=lineno)
            source = nodes.literal(line.strip(), line.strip())
            body += self.row([nodes.paragraph("", "", source)],
                             [nodes.paragraph("", "", *rendered), *messages])
        self.set_source_info(table)
        return [table]

    @staticmethod
    def row(*cells: list[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            row += nodes.entry("", *content)
        return row


class BlockExampleDirective(SphinxDirective):
    """The content shown as source, then rendered: one source for both."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        language = "rst" if self.env.doc2path(self.env.docname).suffix == ".rst" else "markdown"
        source = "\n".join(self.content)
        code = nodes.literal_block(source, source, language=language,
                                   classes=["hubroles-docs-source"])
        self.set_source_info(code)
        result = nodes.container("", *self.parse_content_to_nodes(),
                                 classes=["hubroles-docs-result"])
        return [code, result]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("hubroles-inline-examples", InlineExamplesDirective)
    app.add_directive("hubroles-example", BlockExampleDirective)
    app.add_directive("hubroles-fields", FieldTableDirective)
    app.add_directive("hubroles-field-kinds", FieldKindsDirective)
    app.add_directive("hubroles-config", ConfigDirective)
    app.add_directive("hubroles-directive", DirectiveDirective)
    app.add_directive("hubroles-allowlist", AllowlistDirective)
    app.add_directive("hubroles-protocol-schema", ProtocolSchemaDirective)
    app.add_css_file("hubroles-docs.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

