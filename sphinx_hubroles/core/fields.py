"""The fields of roles.yaml, version 1: one table that the loader validates against and the
reference documentation is generated from, so the two cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

# What a field holds; the loader checks each kind, the docs explain each kind.
NAME = "name"  # one line of plain text, shown as is
INLINE = "inline"  # inline MyST
BLOCK = "block"  # block MyST: paragraphs, lists, directives
NAMES = "list of names"
INLINES = "list of inline MyST"
GROUP_ID = "group id"
ADMONITIONS = "list of admonitions"
RELATION_MAP = "relation id: list of role ids"
ADMONITION_KIND = "admonition kind"

ADMONITION_KINDS = ("note", "tip", "important", "warning", "caution", "danger")

# How a relation type's lines look in diagrams (core/diagram/looks.py, colours.py).
BOOLEAN = "boolean"
COLOUR = "colour"
LINE_STYLE = "line style"
LINE_STYLES = ("solid", "dashed", "dotted", "bold")

KIND_HELP = {
    NAME: "plain text on one line",
    INLINE: "inline MyST Markdown",
    BLOCK: "MyST Markdown, several paragraphs allowed",
    NAMES: "list of plain texts",
    INLINES: "list of inline MyST Markdown strings",
    GROUP_ID: "the id of a group declared under `groups`",
    ADMONITIONS: "list of mappings with `kind` and `text`",
    RELATION_MAP: "mapping of a declared relation id to a list of role ids",
    ADMONITION_KIND: "one of " + ", ".join(f"`{kind}`" for kind in ADMONITION_KINDS),
    BOOLEAN: "`true` or `false`",
    COLOUR: "a colour as `'#rrggbb'`, in quotes (YAML reads an unquoted `#` as a comment)",
    LINE_STYLE: "one of " + ", ".join(f"`{style}`" for style in LINE_STYLES),
}


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    required: bool
    help: str
    example: str


RELATION_FIELDS = (
    Field("label", NAME, True, "Shown on the source role's card and in the diagram legend.",
          "label: oversees"),
    Field("inverse", NAME, False, "Shown on the target role's card. Without it the target card "
          "shows the label followed by '(incoming)'.",
          "inverse: overseen by"),
    Field("hierarchy", BOOLEAN, False, "Whether this relation is the hierarchy of the roles, "
          "such as a ladder or a chain of oversight: diagrams draw its edges pointing down the "
          "page (the way of `:direction:`), and the other relations then move no role up or "
          "down.", "hierarchy: true"),
    Field("color", COLOUR, False, "The colour of its lines in diagrams, in light mode and in "
          "print. It needs a contrast of 3:1 against a white page.", "color: '#8c2d04'"),
    Field("dark-color", COLOUR, False, "The colour of its lines in dark mode. It needs a "
          "contrast of 3:1 against a dark page. Without it, dark mode uses `color`, made "
          "lighter where it needs to be.", "dark-color: '#fdae6b'"),
    Field("style", LINE_STYLE, False, "The line of its edges in diagrams. Without it, each "
          "diagram chooses one.", "style: dashed"),
)

GROUP_FIELDS = (
    Field("name", NAME, True, "The group's name, shown as a cluster in the diagram and on cards.",
          "name: Hub Community"),
    Field("description", BLOCK, False, "What the group is.",
          "description: People who use and look after one hub."),
)

ROLE_FIELDS = (
    Field("name", NAME, True, "The role's name: the card's title, the text of `[](roles:id)` "
          "links and a glossary term.", "name: Hub Engineer"),
    Field("aliases", NAMES, False, "Other spellings that are also glossary terms for the role.",
          "aliases: [Hub Engineers]"),
    Field("group", GROUP_ID, False, "The group the role belongs to.", "group: provider"),
    Field("summary", INLINE, True, "One or two sentences: what the role is for.",
          "summary: Operates the hub infrastructure."),
    Field("count", INLINE, False, "How many people hold the role.",
          "count: one or two per community"),
    Field("filled-by", INLINE, False, "Who usually fills the role.",
          "filled-by: a member of the hub's community"),
    Field("description", BLOCK, False, "Any prose that does not fit another field.",
          "description: |\n  Hub engineers also write open source code."),
    Field("responsibilities", INLINES, False, "What the role does, one item each.",
          "responsibilities:\n  - Perform major upgrades"),
    Field("see-also", INLINES, False, "Pointers elsewhere, usually links.",
          "see-also:\n  - \"[Admin guide](https://example.org)\""),
    Field("admonitions", ADMONITIONS, False, "Notes and warnings shown on the card.",
          "admonitions:\n  - kind: warning\n    text: Give this role to people you trust."),
    Field("relations", RELATION_MAP, False, "The role's relations to other roles (itself "
          "included).", "relations:\n  oversees: [hub-administrator]"),
)

ADMONITION_FIELDS = (
    Field("kind", ADMONITION_KIND, True, "The kind of admonition.", "kind: warning"),
    Field("text", BLOCK, True, "The admonition's text.", "text: Only trusted people."),
)

TOP_LEVEL = (
    Field("relations", "mapping of relation id to relation", False,
          "The relation vocabulary: every relation a role uses is declared here.",
          "relations:\n  oversees: {label: oversees, inverse: overseen by}"),
    Field("groups", "mapping of group id to group", False, "Groups of roles.",
          "groups:\n  community: {name: Hub Community}"),
    Field("roles", "mapping of role id to role", True, "The roles, in the order cards and "
          "diagrams list them.", "roles:\n  hub-engineer: {name: Hub Engineer, summary: ...}"),
    Field("terms", "mapping of term to block MyST", False, "Glossary terms and their "
          "definitions, rendered by `roles-glossary`.",
          "terms:\n  Hub Community: The people a hub serves."),
)

# The form of role, group and relation ids: they end up in URLs, anchors and DOT.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
