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
PERSON_ID = "person id"
PERSON_IDS = "list of person ids"
HOLDERS = "list of holders"
ROTATION = "rotation"
DATE = "date"
DAYS = "days"
GITHUB = "GitHub handle"
URL = "URL"

ADMONITION_KINDS = ("note", "tip", "important", "warning", "caution", "danger")

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
    PERSON_ID: "the id of a person declared under `people`",
    PERSON_IDS: "list of ids of people declared under `people`",
    HOLDERS: "list of person ids, or of mappings with `person` and optional `since`, "
             "`until` and `note`",
    ROTATION: "mapping with `pool`, `every`, `start` and optional `overlap`",
    DATE: "an ISO date, `2026-01-07`, quoted or not",
    DAYS: "a whole number of days",
    GITHUB: "a GitHub user name, without `@`",
    URL: "an `http` or `https` URL",
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
    Field("holders", HOLDERS, False, "Who holds the role now (no `until`) and who held it "
          "(`until` set), shown on the card and in the team directory.",
          "holders:\n  - ada\n  - {person: dee, since: 2024-03-01, until: 2025-06-30}"),
    Field("rotation", ROTATION, False, "The role rotates through a pool of people, one shift "
          "after another; `roles-rotation` shows the schedule.",
          "rotation: {pool: [ada, bo, cy], every: 14, start: 2026-01-07, overlap: 7}"),
)

PERSON_FIELDS = (
    Field("name", NAME, True, "The person's name, as pages show it.", "name: Ada Quill"),
    Field("github", GITHUB, False, "Their GitHub user name: a link to their profile, and "
          "what `export --format owners` lists.", "github: adaq"),
    Field("url", URL, False, "A page about them.", "url: https://example.org/ada"),
    Field("affiliation", NAME, False, "Where they work or come from.",
          "affiliation: Example Org"),
)

HOLDER_FIELDS = (
    Field("person", PERSON_ID, True, "Who holds the role.", "person: dee"),
    Field("since", DATE, False, "When they started.", "since: 2024-03-01"),
    Field("until", DATE, False, "When they stopped: a former holder. Dates are never judged "
          "against today's: a holder without `until` is current until roles.yaml says "
          "otherwise.", "until: 2025-06-30"),
    Field("note", INLINE, False, "A word about this holding.", "note: interim"),
)

ROTATION_FIELDS = (
    Field("pool", PERSON_IDS, True, "The people who take turns, in order.",
          "pool: [ada, bo, cy]"),
    Field("every", DAYS, True, "Days per shift.", "every: 14"),
    Field("start", DATE, True, "The first shift's first day; shifts follow the pool's order, "
          "and start again at its top.", "start: 2026-01-07"),
    Field("overlap", DAYS, False, "Days a shift overlaps the next, for a hand-over; shorter "
          "than `every`.", "overlap: 7"),
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
    Field("people", "mapping of person id to person", False, "The people who hold roles, "
          "once each; `holders` and rotation pools name them by id.",
          "people:\n  ada: {name: Ada Quill, github: adaq}"),
)

# A GitHub user name: letters, digits and single hyphens, not at either end, 39 at most.
GITHUB_PATTERN = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"

# The form of role, group and relation ids: they end up in URLs, anchors and DOT. The cap keeps
# them from making file names or link targets too long for the file system (MyST asks it
# about every link target it does not know).
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_ID_LENGTH = 100
