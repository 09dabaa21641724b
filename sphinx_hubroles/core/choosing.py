"""Checks shared by the directives that choose roles (`roles-diagram`, `roles-table`): ids
and statuses that roles.yaml does not know become messages, with the closest ones."""

from __future__ import annotations

from collections.abc import Collection

from .fields import STATUSES
from .problems import did_you_mean


def known_ids(option: str, what: str, directive: str, ids: tuple[str, ...],
              known: Collection[str], problems: list[str]) -> list[str]:
    """The `ids` that are `known`; a problem for each other one, with the closest."""
    for item in ids:
        if item not in known:
            problems.append(f"unknown {what} '{item}' in :{option}: of {directive}"
                            + did_you_mean(item, known))
    return [item for item in ids if item in known]


def shown_statuses(status: tuple[str, ...], directive: str, problems: list[str]) -> set[str]:
    """The statuses of :status: that exist."""
    return set(known_ids("status", "status", directive, status, STATUSES, problems))
