"""How each relation type looks in one diagram: its line's colour (light and dark mode), dash
pattern and arrowhead.

Looks are handed out per diagram, to the types it draws, so a diagram of 4 types out of a
vocabulary of 20 has no two alike. The automatic looks are 18 slots: each differs from every
other in its pair of dash pattern and arrowhead (so they stay apart without colour), and the
first 8 each have their own colour; slot k and k + 8 share a colour but not a dash pattern.
A type may set its own `color`, `dark-color` and `style` in roles.yaml: it keeps what it sets,
and takes an arrowhead (and what else it does not set) that no other type has; the automatic
types then keep clear of every pair of line and arrowhead taken, and of its colour on its line.

Two types "look alike" when their lines have the same dash pattern in colours too close to
tell apart (in light or in dark mode): the arrowheads alone, small as they are, do not count,
nor does a bold line's width (it counts as solid).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .colours import DARK_PAGE, readable_on, similar

# (light mode and print, dark mode): 3:1 or more against both pages (colours.py), and at
# least 29 apart (CIE76) within each mode. Okabe and Ito's blue, vermillion and reddish purple
# among them, darkened where white needed it.
PALETTE = (
    ("#0072b2", "#56b4e9"),  # blue
    ("#d55e00", "#ff8f4d"),  # vermillion
    ("#007d5a", "#3fd4a0"),  # green
    ("#b8327d", "#f08cc4"),  # reddish purple
    ("#6a3d9a", "#b79ce6"),  # violet
    ("#8c510a", "#e0b36a"),  # brown
    ("#525252", "#bdbdbd"),  # grey
    ("#6b7000", "#c9cf3a"),  # olive
)
AUTO_LINES = ("solid", "dashed", "dotted")
LINES = (*AUTO_LINES, "bold")  # `style` in roles.yaml may also ask for a bold line
ARROWHEADS = ("normal", "empty", "diamond", "odiamond", "dot", "vee")
SLOTS = len(AUTO_LINES) * len(ARROWHEADS)
# What the documentation promises: this many types in one diagram never look alike, however
# the vocabulary is ordered, as long as roles.yaml sets no colours or styles of its own.
GUARANTEED = 16


@dataclass(frozen=True)
class Look:
    colour: str  # light mode, PDF and PNG
    dark_colour: str
    line: str  # one of LINES
    arrowhead: str


def slot(k: int) -> Look:
    light, dark = PALETTE[k % len(PALETTE)]
    k %= SLOTS
    return Look(light, dark, AUTO_LINES[k % len(AUTO_LINES)],
                ARROWHEADS[k // len(AUTO_LINES)])


def stroke(look: Look) -> str:
    """The look's dash pattern: a bold line is solid, only wider, and not enough on its own."""
    return "solid" if look.line == "bold" else look.line


def pair(look: Look) -> tuple[str, str]:
    """What tells a look from the others without colour: its dash pattern and arrowhead."""
    return stroke(look), look.arrowhead


def alike(one: Look, other: Look) -> bool:
    return stroke(one) == stroke(other) and (similar(one.colour, other.colour)
                                             or similar(one.dark_colour, other.dark_colour))


def has_own_look(relation) -> bool:
    return bool(relation.color or relation.style)


def own_look(relation, base: Look) -> Look:
    """`base` with what roles.yaml sets for `relation` (a model.RelationType) in its place. A
    colour without `dark-color` is used in dark mode too, made lighter if it needs to be."""
    colour = relation.color or base.colour
    if relation.dark_color:
        dark = relation.dark_color
    elif relation.color:
        dark = readable_on(relation.color, DARK_PAGE)
    else:
        dark = base.dark_colour
    return Look(colour, dark, relation.style or base.line, base.arrowhead)


def assign_looks(relations: Sequence) -> tuple[dict[str, Look], list[str]]:
    """A look for each of `relations` (model.RelationType, in the order the diagram lists
    them), and a message for each type that cannot help looking like another."""
    looks: dict[str, Look] = {}
    problems: list[str] = []
    # Types with a look of their own first: they take it, and the automatic ones then keep
    # clear of every pair of line and arrowhead and every colour they took.
    for relation in sorted(relations, key=lambda r: not has_own_look(r)):
        look = _choose(candidates(relation), list(looks.values()))
        message = _clash(relations, relation, look, looks)
        if message:
            problems.append(message)
        looks[relation.id] = look
    return {relation.id: looks[relation.id] for relation in relations}, problems


def candidates(relation) -> Iterator[Look]:
    """The looks `relation` may take, best first: the automatic slots, with what roles.yaml
    sets for it in place. For a type that sets some of its look, first the slots whose own line
    and colour agree with it, in order (the automatic types then lose the slot it resembles),
    then the solid ones from the last, then the others from the last (the automatic types,
    which take the first free slots, keep theirs). Then every colour of the palette on every
    line and arrowhead; then the slots past the 18th, which repeat the pairs of line and
    arrowhead in other colours."""
    def agrees(look: Look) -> bool:
        return ((not relation.style or look.line == relation.style)
                and (not relation.color or similar(look.colour, relation.color)))

    def preference(k: int) -> tuple:
        look = slot(k)
        if not has_own_look(relation) or agrees(look):
            return (0, k)
        return (1, look.line != "solid", -k)

    slots = (slot(k) for k in sorted(range(SLOTS), key=preference))
    others = (Look(light, dark, line, arrowhead) for line in AUTO_LINES
              for arrowhead in ARROWHEADS for light, dark in PALETTE)
    later = (slot(k) for k in range(SLOTS, SLOTS * len(PALETTE)))
    seen: set[Look] = set()
    for base in itertools.chain(slots, others, later):
        look = own_look(relation, base)
        if look not in seen:
            seen.add(look)
            yield look


def _choose(options: Iterator[Look], taken: list[Look]) -> Look:
    """The first of `options` that is apart from every look `taken` (its own pair of line and
    arrowhead, alike none); else the first alike none; else the first whose arrowhead differs
    from those it is alike; else the first."""
    pairs = {pair(look) for look in taken}
    tried = []
    for look in options:
        if pair(look) not in pairs and not _alike_any(look, taken):
            return look
        tried.append(look)
    return next((look for look in tried if not _alike_any(look, taken)),
                next((look for look in tried if not _same_any(look, taken)), tried[0]))


def _alike_any(look: Look, others: Iterable[Look]) -> bool:
    return any(alike(look, other) for other in others)


def _same_any(look: Look, others: Iterable[Look]) -> bool:
    return any(alike(look, other) and look.arrowhead == other.arrowhead for other in others)


def _clash(relations: Sequence, relation, look: Look, looks: dict[str, Look]) -> str | None:
    """The message for `relation` taking `look` beside `looks`, if it looks like one of them:
    alike, or (for a type whose look roles.yaml sets) told apart by colour alone."""
    twin = next((other for other, seen in looks.items() if alike(look, seen)), None)
    if twin is not None:
        return _alike_message(relations, twin, relation, look, looks[twin])
    by_hand = {r.id for r in relations if has_own_look(r)}
    twin = next((other for other, seen in looks.items()
                 if pair(seen) == pair(look) and by_hand & {other, relation.id}), None)
    if twin is not None:
        return (f"relation types '{twin}' and '{relation.id}' look alike in this "
                f"roles-diagram: {stroke(look)} lines with the same arrowhead, told apart by "
                "colour alone; give one of them another style in roles.yaml")
    return None


def _alike_message(relations: Sequence, first: str, second, look: Look, other: Look) -> str:
    colours = (f"'{other.colour}'" if other.colour == look.colour
               else f"'{other.colour}' and '{look.colour}'")
    text = (f"relation types '{first}' and '{second.id}' look alike in this roles-diagram: "
            f"{look.line} lines in {colours}, colours too close to tell apart")
    by_hand = [r for r in relations if r.id in (first, second.id) and has_own_look(r)]
    if by_hand:
        return text + "; give one of them another color or style in roles.yaml"
    return (text + f"; it draws {len(relations)} relation types, and only {GUARANTEED} are "
            "sure to look different: leave some out with :relations:")
