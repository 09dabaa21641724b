"""How roles and people are named outside roles.yaml: the labels that `roles:<id>` and
`people:<id>` references target, and the anchors of a role's card and of a person's entry in
the team directory. One home for them, so that the build, the command line and the diagram
never spell them differently."""

from __future__ import annotations

LABEL_PREFIX = "roles:"
ANCHOR_PREFIX = "roles-"
PERSON_PREFIX = "people:"
PERSON_ANCHOR_PREFIX = "people-"
# The id of a role's schedule (`roles-rotation`): where `role-holders` links for a rotation.
ROTATION_ANCHOR_PREFIX = "rotation-"


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


def person_label(person_id: str) -> str:
    """The cross-reference label of a person's directory entry: 'people:ada'."""
    return PERSON_PREFIX + person_id


def person_id_of(target: str) -> str | None:
    """The person id in a reference target such as 'people:Ada', lower-cased, or None."""
    if target.lower().startswith(PERSON_PREFIX):
        return target[len(PERSON_PREFIX):].lower()
    return None


def person_anchor(person_id: str) -> str:
    """The HTML id of a person's directory entry: 'people-ada'."""
    return PERSON_ANCHOR_PREFIX + person_id
