"""How roles are named outside roles.yaml: the label that `roles:<id>` references target, and
the anchor of a role's card in a page. One home for both, so that the build, the command line
and the diagram never spell them differently."""

from __future__ import annotations

LABEL_PREFIX = "roles:"
ANCHOR_PREFIX = "roles-"


def role_label(role_id: str) -> str:
    """The cross-reference label of a role's card: 'roles:hub-engineer'."""
    return LABEL_PREFIX + role_id


def role_id_of(target: str) -> str | None:
    """The role id in a reference target such as 'roles:Hub-Engineer' (lower-cased, as Sphinx
    looks labels up), or None when the target is not a role label."""
    if target.lower().startswith(LABEL_PREFIX):
        return target[len(LABEL_PREFIX):].lower()
    return None


def card_anchor(role_id: str) -> str:
    """The HTML id of a role's card: 'roles-hub-engineer' (what docutils makes of the label)."""
    return ANCHOR_PREFIX + role_id
