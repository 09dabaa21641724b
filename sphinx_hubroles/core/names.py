"""How roles and people are named outside roles.yaml: the labels that `roles:<id>` and
`people:<id>` references target, and the anchors of a role's card and of a person's entry in
the team directory. One home for them, so that the build, the command line and the diagram
never spell them differently."""

from __future__ import annotations

LABEL_PREFIX = "roles:"
# The label prefixes that name a role when a project adds none (hubroles_label_prefixes).
ROLE_PREFIXES = (LABEL_PREFIX,)
ANCHOR_PREFIX = "roles-"
PERSON_PREFIX = "people:"
PERSON_ANCHOR_PREFIX = "people-"
# The id of a role's schedule (`roles-rotation`): where `role-holders` links for a rotation.
ROTATION_ANCHOR_PREFIX = "rotation-"
# The label of a role's schedule in MyST-MD, where every target has one (Sphinx's schedules
# are targets of the hubroles domain alone).
ROTATION_LABEL_PREFIX = "rotation:"

# The kinds of reference a page holds (core/site.py: Reference).
ROLE = "role"  # a reference to a `roles:` label: MyST link, {ref}, :ref:, `<roles:x>`
TERM = "term"  # a {term} or :term: reference
PERSON = "person"  # a reference to a `people:` label, in the same forms as ROLE


def role_label(role_id: str) -> str:
    """The cross-reference label of a role's card: 'roles:hub-engineer'."""
    return LABEL_PREFIX + role_id


def role_id_of(target: str, prefixes: tuple[str, ...] = ROLE_PREFIXES) -> str | None:
    """The role id in a reference target such as 'roles:Hub-Engineer' (lower-cased, as Sphinx
    looks labels up), or None when the target is not a role label. `prefixes`: the label
    prefixes that name roles, `roles:` and those a project adds to keep its own spelling
    (role_prefixes)."""
    lowered = target.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix):
            return lowered[len(prefix):]
    return None


def role_prefixes(extra: list[str] | tuple[str, ...] = ()) -> tuple[str, ...]:
    """`roles:` and the other label prefixes a project names roles with (its
    hubroles_label_prefixes, such as ['role:'] for a handbook that wrote `(role:x)=` labels
    before it had roles.yaml), lower-cased, each once."""
    return tuple(dict.fromkeys([LABEL_PREFIX, *(prefix.lower() for prefix in extra)]))


def label_prefix_problem(prefix: object) -> str | None:
    """Why `prefix` cannot be one of hubroles_label_prefixes, or None if it can."""
    if not isinstance(prefix, str) or not prefix.endswith(":") or len(prefix) < 2 \
            or any(char.isspace() or char == "#" for char in prefix):
        return (f"{prefix!r} is not a label prefix: give text that ends with ':' and holds "
                "no white space or '#', such as 'role:'")
    if prefix.lower() == PERSON_PREFIX:
        return f"{prefix!r} names people, not roles"
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


def rotation_anchor(role_id: str) -> str:
    """The HTML id of a role's schedule: 'rotation-support-steward'."""
    return ROTATION_ANCHOR_PREFIX + role_id


def rotation_label(role_id: str) -> str:
    """The MyST-MD label of a role's schedule: 'rotation:support-steward'."""
    return ROTATION_LABEL_PREFIX + role_id
