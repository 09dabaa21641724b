"""The fields of roles.yaml, version 1: one table that the loader validates against and the
reference documentation is generated from, so the two cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
ITEMS = "list of items"
SECTIONS = "list of sections"
STATUS = "status"
ROLE_ID = "role id"
URL = "URL"
BOOLEAN = "boolean"
PERSON_ID = "person id"
PERSON_IDS = "list of person ids"
HOLDERS = "list of holders"
ROTATION = "rotation"
DATE = "date"
START_DATE = "first day"  # a date that a schedule counts days from
DAYS = "days"
GITHUB = "GitHub handle"
GITHUB_TEAM = "GitHub team"
OWNERS_ALIAS = "alias name or false"
SEATS = "seats"
SLOTS = "list of slots"
COUNT = "whole number"
SHARE = "whole number or share"

ADMONITION_KINDS = ("note", "tip", "important", "warning", "caution", "danger")
# A role's status: active (the default), draft (shown as such), retired (references warn).
STATUSES = ("active", "draft", "retired")
DEFAULT_STATUS = "active"
# Sub-items nest at most this many levels below a top-level item: a card's list and three
# levels of sub-items are the four levels of lists that LaTeX can typeset.
MAX_ITEM_DEPTH = 3
# The schemes an external role's `url` may use: a page elsewhere, never a script or a file.
URL_SCHEMES = ("http", "https")

# A rotation's schedule counts days forward from its start, or from the day asked for
# (`:from:`, `--from`), so these bounds keep every day a schedule can show, and the shift after
# its last, within the calendar (Python's dates and iCalendar end at 9999-12-31): the latest
# first day plus MAX_SHIFTS + 2 shifts of MAX_SHIFT_DAYS is in the year 8020.
LATEST_START = date(2999, 12, 31)
MAX_SHIFT_DAYS = 1_830  # five years: `every` and `overlap`
MAX_SHIFTS = 1_000  # shifts in one schedule: `:shifts:`, `--shifts` and the default

# How a relation type's lines look in diagrams (core/diagram/looks.py, colours.py).
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
    RELATION_MAP: "mapping of a declared relation id to a list of role ids, or of mappings "
                  "with `role` and `note`, or both mixed",
    ADMONITION_KIND: "one of " + ", ".join(f"`{kind}`" for kind in ADMONITION_KINDS),
    ITEMS: "list of inline MyST Markdown strings, or of mappings with `text` and `items` "
           f"(sub-items, nested at most {MAX_ITEM_DEPTH} levels deep), or both mixed; a "
           "mapping with `steps` and such a list for a numbered list",
    SECTIONS: "list of mappings with `title` and `text` or `items`",
    STATUS: "one of " + ", ".join(f"`{status}`" for status in STATUSES),
    ROLE_ID: "the id of a role under `roles`",
    URL: "an `http` or `https` URL",
    BOOLEAN: "`true` or `false`",
    PERSON_ID: "the id of a person declared under `people`",
    PERSON_IDS: "list of ids of people declared under `people`",
    HOLDERS: "list of person ids, or of mappings with `person` and optional `since`, "
             "`until`, `note`, `affiliation`, `moved-to` and `moved-from`",
    ROTATION: "mapping with `pool`, `every`, `start` and optional `overlap`, or with `slots`",
    DATE: "an ISO date, `2026-01-07`, quoted or not",
    START_DATE: f"an ISO date, `2026-01-07`, quoted or not, up to {LATEST_START}",
    DAYS: f"a whole number of days, up to {MAX_SHIFT_DAYS:,}",
    GITHUB: "a GitHub user name, without `@`",
    GITHUB_TEAM: "a GitHub team as `@org/team`, the `@` optional",
    OWNERS_ALIAS: "a name of letters, digits, `-` and `_`, or `false`",
    SEATS: "mapping with optional `min`, `max` and `per-affiliation`",
    SLOTS: "list of mappings with `date` and `person` or `organization`, "
           f"{MAX_SHIFTS:,} at most",
    COUNT: "a whole number, 0 or more",
    SHARE: "a whole number, 1 or more, or a share of the holders such as `1/4`",
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
    Field("role", ROLE_ID, False, "The role that stands for the group: the body that its "
          "members form, such as a committee. Diagrams draw the group's frame with that "
          "role's box as its title, once; the role's card lists the group's other roles as "
          "its members. The role belongs to the group, whether or not it says so.",
          "role: steering-committee"),
)

ROLE_FIELDS = (
    Field("name", NAME, True, "The role's name: the card's title, the text of `[](roles:id)` "
          "links and a glossary term.", "name: Hub Engineer"),
    Field("aliases", NAMES, False, "Other spellings that are also glossary terms for the role.",
          "aliases: [Hub Engineers]"),
    Field("group", GROUP_ID, False, "The group the role belongs to.", "group: provider"),
    Field("status", STATUS, False, "`active` (the default), `draft` (the card says so) or "
          "`retired` (the card says so, diagrams and tables leave the role out, and every "
          "reference to it warns `hubroles.retired`).", "status: retired"),
    Field("replaced-by", ROLE_ID, False, "Only with `status: retired`: the role that does its "
          "work now, which is not retired itself. The card and the warnings name it.",
          "status: retired\nreplaced-by: hub-administrator"),
    Field("url", URL, False, "Makes the role external: documented on another site, at this "
          "URL. It needs no card and may not have one; links to it, its glossary terms and "
          "its box in diagrams lead to the URL.",
          "url: https://example.org/team/support"),
    Field("summary", INLINE, True, "One or two sentences: what the role is for.",
          "summary: Operates the hub infrastructure."),
    Field("count", INLINE, False, "How many people hold the role.",
          "count: one or two per community"),
    Field("filled-by", INLINE, False, "Who usually fills the role.",
          "filled-by: a member of the hub's community"),
    Field("defined-by", INLINE, False, "Where the role is recorded or established, such as a "
          "file, a charter or an election.",
          "defined-by: the *reviewers* entry of an OWNERS file"),
    Field("description", BLOCK, False, "Any prose that does not fit another field. Headings in "
          "it are shown as rubrics, below the card's own title.",
          "description: |\n  Hub engineers also write open source code."),
    Field("requirements", ITEMS, False, "What it takes to hold the role: eligibility, "
          "experience, nomination. One item each, with sub-items if needed.",
          "requirements:\n  - Member for at least 3 months\n"
          "  - text: Primary reviewer for at least 5 PRs\n"
          "    items: [Reviewed at least 20 PRs]"),
    Field("responsibilities", ITEMS, False, "What the role does, one item each, with sub-items "
          "if needed.",
          "responsibilities:\n  - Perform major upgrades\n"
          "  - text: Review contributions\n    items: [Focus on correctness]"),
    Field("sections", SECTIONS, False, "Further named parts of the card, in order: term "
          "limits, elections, inactivity...",
          "sections:\n  - title: Inactivity\n    text: |\n"
          "      Reviewers who have not reviewed for a year move to emeritus."),
    Field("see-also", INLINES, False, "Pointers elsewhere, usually links.",
          "see-also:\n  - \"[Admin guide](https://example.org)\""),
    Field("admonitions", ADMONITIONS, False, "Notes and warnings shown on the card.",
          "admonitions:\n  - kind: warning\n    text: Give this role to people you trust."),
    Field("relations", RELATION_MAP, False, "The role's relations to other roles (itself "
          "included). A target with a `note` shows the note on both cards, in the diagram's "
          "text version and in its tooltip.",
          "relations:\n  oversees:\n    - hub-engineer\n    - role: hub-administrator\n"
          "      note: through the hub's admin panel"),
    Field("holders", HOLDERS, False, "Who holds the role now (no `until`) and who held it "
          "(`until` set), shown on the card and in the team directory.",
          "holders:\n  - ada\n  - {person: dee, since: 2024-03-01, until: 2025-06-30}"),
    Field("rotation", ROTATION, False, "The role rotates: through a pool of people, one shift "
          "of `every` days after another, or by dated `slots`. `roles-rotation` shows the "
          "schedule; while the role names no current holder, the rotation holds it.",
          "rotation: {pool: [ada, bo, cy], every: 14, start: 2026-01-07, overlap: 7}"),
    Field("kind-of", ROLE_ID, False, "The role this one is a kind of: a voting member is a kind "
          "of committee member. Both cards, tables and diagrams show it as a relation 'is a "
          "kind of' (inverse 'kinds'), and a role with kinds and no holders of its own is "
          "held by its kinds' holders.", "kind-of: hub-administrator"),
    Field("seats", SEATS, False, "How many may hold the role at once, and how many of them "
          "one affiliation may have: checked against the current holders by the build and "
          "`check` (`hubroles.holders`).",
          "seats: {min: 4, max: 9, per-affiliation: 1/4}"),
    Field("team", GITHUB_TEAM, False, "The role's team on GitHub, shown on the card as a link; "
          "`export --format owners --alias team` names the role's alias after it.",
          "team: \"@example-org/hub-engineers\""),
    Field("owners-alias", OWNERS_ALIAS, False, "The role's alias in `export --format owners`, "
          "instead of its id (or its team's name), or `false` to leave the role out, as an "
          "emeritus role would be.", "owners-alias: hub-eng"),
)

ITEM_FIELDS = (
    Field("text", INLINE, True, "The item itself.", "text: Review contributions"),
    Field("items", ITEMS, False, "Its sub-items, shown as a nested list; numbered when "
          "written as a mapping with `steps`.",
          "items:\n  - Focus on code quality"),
)

SECTION_FIELDS = (
    Field("title", NAME, True, "The section's title, shown as a heading of the card (not of "
          "the page: it stays out of the table of contents).", "title: Term limits"),
    Field("text", BLOCK, False, "The section's prose. A section has `text`, `items` or both.",
          "text: |\n  Members serve two-year terms."),
    Field("items", ITEMS, False, "The section's list, after its text.",
          "items:\n  - At most two terms in a row"),
)

RELATION_ENTRY_FIELDS = (
    Field("role", ROLE_ID, True, "The target role.", "role: member"),
    Field("note", INLINE, False, "A condition or detail of this one relation.",
          "note: two reviewers from different member companies"),
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
    Field("affiliation", NAME, False, "Where the person worked from during this holding, "
          "when it is not the person's own `affiliation` (which may have changed since): "
          "shown with the holding, and what `per-affiliation` of `seats` counts.",
          "affiliation: Example Org"),
    Field("moved-to", ROLE_ID, False, "The role the person went to when this holding ended "
          "(it has an `until`): emeritus status, a step up a ladder. Both roles' cards show "
          "it, and the other role's holding of the person must begin when this one ends.",
          "moved-to: emeritus-member"),
    Field("moved-from", ROLE_ID, False, "The role the person came from when this holding "
          "began (it has a `since`); the other role's holding of the person must end then.",
          "moved-from: reviewer"),
)

ROTATION_FIELDS = (
    Field("pool", PERSON_IDS, False, "The people who take turns, in order, each once. With "
          "`every` and `start`; a rotation has these three or `slots`.", "pool: [ada, bo, cy]"),
    Field("every", DAYS, False, "Days per shift.", "every: 14"),
    Field("start", START_DATE, False, "The first shift's first day; shifts follow the pool's "
          "order, and start again at its top.", "start: 2026-01-07"),
    Field("overlap", DAYS, False, "Days a shift overlaps the next, for a hand-over; shorter "
          "than `every`.", "overlap: 7"),
    Field("slots", SLOTS, False, "Dated turns, in date order, instead of `pool`, `every` and "
          "`start`: one per release, say, each held by a person or by an organization.",
          "slots:\n  - {date: 2026-02-03, organization: Example Org, people: [ada, cy], "
          "person: ada}\n  - {date: 2026-03-03, person: bo, note: release 2.1}"),
)

SLOT_FIELDS = (
    Field("date", START_DATE, True, "The slot's first day.", "date: 2026-02-03"),
    Field("until", START_DATE, False, "Its last day. Without it, a slot lasts until the day before "
          "the next slot, and the last slot until another is added.", "until: 2026-02-10"),
    Field("person", PERSON_ID, False, "Who holds the slot. A slot has a `person`, an "
          "`organization`, or both: the person then fills it for the organization.",
          "person: ada"),
    Field("organization", NAME, False, "The organization the slot belongs to.",
          "organization: Example Org"),
    Field("people", PERSON_IDS, False, "The organization's people, one of whom fills the slot "
          "(the `person`, if named, is one of them).", "people: [ada, cy]"),
    Field("note", INLINE, False, "A word about the slot, such as the release it is for.",
          "note: release 2.1"),
)

SEATS_FIELDS = (
    Field("min", COUNT, False, "The fewest current holders the role may have.", "min: 4"),
    Field("max", COUNT, False, "The most current holders the role may have; not below `min`.",
          "max: 9"),
    Field("per-affiliation", SHARE, False, "The most current holders that one affiliation "
          "may have: a number, or a share of the current holders ('1/4': a quarter, rounded "
          "down). A holder's affiliation is the holding's own, or the person's.",
          "per-affiliation: 2"),
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
# A team's slug, after its organization and a '/': letters, digits, '-' and '_'.
TEAM_SLUG_PATTERN = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_])?"
# An alias of `export --format owners`: a YAML key that needs no quotes in OWNERS_ALIASES.
OWNERS_ALIAS_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}"
# What names a role's alias in `export --format owners --alias`: its id, or its team's name.
OWNERS_ALIAS_BY = ("id", "team")
# A share of a role's holders, for `per-affiliation`: '1/4', '2/3'.
SHARE_PATTERN = r"([1-9][0-9]*)/([1-9][0-9]*)"

# The form of role, group and relation ids: they end up in URLs, anchors and DOT. The cap keeps
# them from making file names or link targets too long for the file system (MyST asks it
# about every link target it does not know).
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_ID_LENGTH = 100
