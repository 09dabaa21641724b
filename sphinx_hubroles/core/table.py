"""What one `roles-table` shows: its options as converters from their written text (the
directive's option_spec, and what `sphinx-hubroles check` reads a scanned directive with), its
columns, and the roles it lists. Pure Python: no Sphinx."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .choosing import known_ids, shown_statuses
from .diagram.options import choice, id_list, text
from .model import RolesFile

# Column -> its heading, in the order the docs list them.
COLUMNS = {
    "name": "Role",
    "summary": "Summary",
    "group": "Group",
    "count": "How many",
    "filled-by": "Usually filled by",
    "defined-by": "Defined by",
    "requirements": "Requirements",
    "responsibilities": "Responsibilities",
    "status": "Status",
    "relations": "Relations",
    "holders": "Held by",
    "former-holders": "Formerly held by",
    "rotation": "Rotation",
    "seats": "Seats",
    "team": "Team",
    "kind-of": "Kind of",
}
DEFAULT_COLUMNS = ("name", "summary")
# The statuses shown when :status: is not given: retired roles are left out.
DEFAULT_STATUS = ("active", "draft")
LAYOUTS = ("table", "cards")

OPTION_SPEC: dict[str, Callable[[str | None], object]] = {
    "columns": id_list,
    "roles": id_list,
    "groups": id_list,
    "status": id_list,
    "layout": choice(LAYOUTS),
    "caption": text,
    "name": text,
}


@dataclass(frozen=True)
class TableSpec:
    """The options that choose what a table shows, normalised and hashable."""

    columns: tuple[str, ...] = DEFAULT_COLUMNS
    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    status: tuple[str, ...] = DEFAULT_STATUS
    layout: str = "table"


def table_spec(options: dict) -> TableSpec:
    """What the converted options choose to show."""
    return TableSpec(options.get("columns") or DEFAULT_COLUMNS, options.get("roles", ()),
                     options.get("groups", ()), options.get("status") or DEFAULT_STATUS,
                     options.get("layout", "table"))


@dataclass(frozen=True)
class TableRows:
    roles: tuple[str, ...]  # role ids, in file order
    columns: tuple[str, ...]  # the known columns, in the order written
    problems: tuple[str, ...]  # unknown ids, columns and statuses, as messages for the page


def select_rows(model: RolesFile, spec: TableSpec) -> TableRows:
    problems: list[str] = []
    columns = known_ids("columns", "column", "roles-table", spec.columns, COLUMNS, problems)
    named = known_ids("roles", "role", "roles-table", spec.roles, model.roles, problems)
    groups = set(known_ids("groups", "group", "roles-table", spec.groups, model.groups,
                           problems))
    statuses = shown_statuses(spec.status, "roles-table", problems)
    if spec.roles or spec.groups:
        chosen = set(named) | {r.id for r in model.roles.values() if r.group in groups}
    else:
        chosen = set(model.roles)
    # A role named in :roles: is shown whatever its status.
    rows = tuple(r.id for r in model.roles.values()
                 if r.id in chosen and (r.status in statuses or r.id in named))
    return TableRows(rows, tuple(columns), tuple(problems))
