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
from sphinx_hubroles.core.diagram.looks import (
    GUARANTEED,
    PALETTE,
    SLOTS,
    alike,
    assign_looks,
    slot,
)
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.model import RelationType


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
    types apart up to 24 (8 colours, 3 lines); the 25th is alike one of the first, with
    another arrowhead."""
    assert select(model_of(vocabulary(24)), DiagramSpec()).problems == ()
    selection = select(model_of(vocabulary(25)), DiagramSpec())
    assert selection.problems == (
        f"relation types 't9' and 't24' look alike in this roles-diagram: solid lines in "
        f"'{PALETTE[1][0]}', colours too close to tell apart; it draws 25 relation types, and "
        "only 16 are sure to look different: leave some out with :relations:",)
    looks = {rel.id: rel.look for rel in selection.relations}
    assert looks["t9"].arrowhead != looks["t24"].arrowhead


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


# What a user may set on a type: every line style, colours of the palette and others (close to
# a palette colour, black, grey, pure red), and both together.
STYLES = ("solid", "dashed", "dotted", "bold")
COLOURS = (*(light for light, _dark in PALETTE), "#1f77b4", "#ff0000", "#000000", "#777777",
           "#e69f00")
CHOICES = ([{"style": style} for style in STYLES] + [{"color": colour} for colour in COLOURS]
           + [{"style": style, "color": colour} for style in STYLES for colour in COLOURS])


def types(count: int, own: dict[int, dict] | None = None) -> list[RelationType]:
    own = own or {}
    return [RelationType(f"t{i}", f"type {i}", None, 1, **own.get(i, {})) for i in range(count)]


def apart(one, other) -> bool:
    """Told apart: not alike, and without colour, by their pair of dash pattern and arrowhead
    (a bold line counts as solid)."""
    def dashes(look):
        return "solid" if look.line == "bold" else look.line

    return not alike(one, other) and (dashes(one), one.arrowhead) != (dashes(other),
                                                                       other.arrowhead)


def assert_apart(relations, choices) -> None:
    looks, problems = assign_looks(relations)
    assert problems == [], choices
    for (one, first), (other, second) in itertools.combinations(looks.items(), 2):
        assert apart(first, second), (choices, one, other, first, second)
    for relation in relations:  # what the user set is kept
        look = looks[relation.id]
        assert relation.style in (None, look.line) and relation.color in (None, look.colour)


@pytest.mark.parametrize("count", range(2, GUARANTEED + 1))
def test_a_users_style_colour_or_both_leave_every_pair_of_types_apart(count):
    """The issue's bug: a type with `style: dashed` made an automatic type dashed too, with
    the same arrowhead. One type of `count` sets a style, a colour or both (on each place
    when count is 16); every pair of types stays apart."""
    places = range(count) if count == GUARANTEED else (0, count - 1)
    for place in places:
        for choice in CHOICES:
            assert_apart(types(count, {place: choice}), choice)


def test_two_users_choices_leave_every_pair_of_sixteen_types_apart():
    """Two types of 16, at every pair of places, set looks that do not clash with each other
    (the same style, the same colour on different lines, both)."""
    pairs = [({"style": "dashed"}, {"style": "dashed"}),
             ({"color": "#ff0000"}, {"color": "#1f77b4"}),
             ({"color": "#d55e00"}, {"color": "#d55e00", "style": "dotted"}),
             ({"style": "dotted", "color": "#000000"}, {"style": "bold", "color": "#000000"})]
    for first, second in itertools.combinations(range(GUARANTEED), 2):
        for one, other in pairs:
            assert_apart(types(GUARANTEED, {first: one, second: other}), (first, second, one))


def test_the_issues_repro_gives_the_dashed_type_its_own_arrowhead():
    looks, problems = assign_looks([RelationType("a", "can become", None, 1),
                                    RelationType("b", "can move to", None, 1, style="dashed")])
    assert problems == []
    assert looks["b"].line == "dashed"
    assert apart(looks["a"], looks["b"])


def test_a_users_line_with_every_arrowhead_taken_warns():
    """Seven types that all set `style: dotted` can share a line only six ways: the seventh
    shares its pair of line and arrowhead with another, and colour alone tells them apart."""
    relations = types(7, {i: {"style": "dotted"} for i in range(7)})
    looks, problems = assign_looks(relations)
    assert len({(look.line, look.arrowhead) for look in looks.values()}) == 6
    assert problems == [
        "relation types 't5' and 't6' look alike in this roles-diagram: dotted lines with the "
        "same arrowhead, told apart by colour alone; give one of them another style in "
        "roles.yaml"]
