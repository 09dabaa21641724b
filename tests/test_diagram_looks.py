"""How relation types look in one diagram: handed out per diagram, never alike up to 16 types,
the looks roles.yaml sets kept (and warned about when they clash), contrast in both modes."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sphinx_hubroles.core.diagram.colours import (
    DARK_PAGE,
    LIGHT_PAGE,
    MIN_CONTRAST,
    contrast,
    readable_on,
    similar,
)
from sphinx_hubroles.core.diagram.looks import GUARANTEED, PALETTE, SLOTS, alike, slot
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select
from sphinx_hubroles.core.loader import parse_roles


def vocabulary(count: int, own: dict[int, str] | None = None) -> str:
    """roles.yaml with `count` relation types t0, t1, ..., each from role `a` to role `b`;
    `own` adds lines (color, style) to some types."""
    own = own or {}
    relations = "".join(f"  t{i}:\n    label: type {i}\n{own.get(i, '')}" for i in range(count))
    targets = "".join(f"      t{i}: [b]\n" for i in range(count))
    return (f"relations:\n{relations}roles:\n  a:\n    name: A\n    summary: A.\n"
            f"    relations:\n{targets}  b:\n    name: B\n    summary: B.\n")


def model_of(text: str):
    return parse_roles(text.encode(), Path("roles.yaml"))


def distinct(looks) -> bool:
    return not any(alike(one, other) for one, other in itertools.combinations(looks, 2))


@pytest.mark.parametrize("count", range(1, GUARANTEED + 1))
def test_up_to_sixteen_types_never_look_alike(count):
    selection = select(model_of(vocabulary(count)), DiagramSpec())
    looks = [rel.look for rel in selection.relations]
    assert len(looks) == count and selection.problems == ()
    assert distinct(looks)
    # Apart without colour too: each pair of line and arrowhead is its own.
    assert len({(look.line, look.arrowhead) for look in looks}) == count
    # The first 8 each have a colour of their own, in light and in dark mode.
    assert len({look.colour for look in looks[:8]}) == min(count, 8)
    assert len({look.dark_colour for look in looks[:8]}) == min(count, 8)


def test_every_automatic_look_is_its_own():
    looks = [slot(k) for k in range(SLOTS)]
    assert distinct(looks)
    assert len({(look.line, look.arrowhead) for look in looks}) == SLOTS


def test_palette_has_contrast_on_both_pages_and_no_two_colours_close():
    for light, dark in PALETTE:
        assert contrast(light, LIGHT_PAGE) >= MIN_CONTRAST
        assert contrast(dark, DARK_PAGE) >= MIN_CONTRAST
        assert contrast(dark, "#131416") >= MIN_CONTRAST  # furo's dark page
    for mode in (0, 1):
        colours = [pair[mode] for pair in PALETTE]
        assert not any(similar(one, other) for one, other in itertools.combinations(colours, 2))


def test_looks_are_handed_out_to_the_types_a_diagram_draws():
    """A diagram of 4 types out of 20 draws them as the first 4 looks, whatever their place in
    the vocabulary: the issue's diagram filtered with :relations: clashed before."""
    model = model_of(vocabulary(20))
    selection = select(model, DiagramSpec(relations=("t1", "t7", "t13", "t19")))
    assert [rel.look for rel in selection.relations] == [slot(k) for k in range(4)]
    everything = select(model, DiagramSpec())
    assert everything.relations[7].look == slot(7)


def test_more_types_than_looks_warn():
    """Past 18 types the pairs of line and arrowhead repeat, but colour and line still keep
    types apart up to 24 (8 colours, 3 lines); the 25th is alike the first."""
    assert select(model_of(vocabulary(24)), DiagramSpec()).problems == ()
    selection = select(model_of(vocabulary(25)), DiagramSpec())
    assert selection.problems == (
        f"relation types 't0' and 't24' look alike in this roles-diagram: solid lines in "
        f"'{PALETTE[0][0]}', colours too close to tell apart; it draws 25 relation types, and "
        "only 16 are sure to look different: leave some out with :relations:",)


def test_own_looks_are_kept_and_the_others_keep_clear():
    # t2 takes the first automatic look's colour and line; the others must not share them.
    model = model_of(vocabulary(4, {2: f"    color: '{PALETTE[0][0]}'\n    style: solid\n",
                                    3: "    style: bold\n"}))
    looks = {rel.id: rel.look for rel in select(model, DiagramSpec()).relations}
    assert (looks["t2"].colour, looks["t2"].line) == (PALETTE[0][0], "solid")
    assert looks["t2"].dark_colour == PALETTE[0][0]  # 3.6:1 on the dark page: kept as is
    assert looks["t3"].line == "bold"
    assert distinct(looks.values())
    assert looks["t0"] != slot(0)  # slot 0 would be alike t2


def test_a_colour_without_dark_colour_is_lightened_for_dark_mode_only_as_needed():
    model = model_of(vocabulary(1, {0: "    color: '#6a3d9a'\n"}))
    look = select(model, DiagramSpec()).relations[0].look
    assert look.colour == "#6a3d9a" and contrast("#6a3d9a", DARK_PAGE) < MIN_CONTRAST
    assert look.dark_colour == readable_on("#6a3d9a", DARK_PAGE)
    assert MIN_CONTRAST <= contrast(look.dark_colour, DARK_PAGE) < MIN_CONTRAST + 0.5


def test_own_looks_that_clash_warn_in_the_diagrams_that_draw_both():
    model = model_of(vocabulary(3, {0: "    color: '#8c2d04'\n    style: dashed\n",
                                    2: "    color: '#8d2e05'\n    style: dashed\n"}))
    both = select(model, DiagramSpec())
    assert both.problems == (
        "relation types 't0' and 't2' look alike in this roles-diagram: dashed lines in "
        "'#8c2d04' and '#8d2e05', colours too close to tell apart; give one of them another "
        "color or style in roles.yaml",)
    assert both.relations[0].look.arrowhead != both.relations[2].look.arrowhead
    assert select(model, DiagramSpec(relations=("t0", "t1"))).problems == ()
