"""The legend of a diagram on the web: HTML text beside the picture, each relation type
drawn in the diagram with a small sample of its edge (its look in this diagram: colour, line,
arrowhead, and in dark mode its dark colour, as the edges have). Text at the page's size that
wraps to the column, and no width taken from the picture.
"""

from __future__ import annotations

from html import escape

from .dotsource import BOLD_WIDTH, EXTERNAL_LABEL, LINE_WIDTH, NODE_LINE
from .looks import Look

# dot's own dash patterns, and arrowheads drawn at the end of a 44 x 12 sample.
DASHES = {"solid": "", "bold": "", "dashed": ' stroke-dasharray="5,2"',
          "dotted": ' stroke-dasharray="1,5"'}
TRIANGLE, DIAMOND = "33,2.5 43,6 33,9.5", "33,6 38,2.5 43,6 38,9.5"
ARROWHEADS = {
    "normal": f'<polygon points="{TRIANGLE}" fill="{{c}}" stroke="{{c}}"/>',
    "empty": f'<polygon points="{TRIANGLE}" fill="none" stroke="{{c}}"/>',
    "diamond": f'<polygon points="{DIAMOND}" fill="{{c}}" stroke="{{c}}"/>',
    "odiamond": f'<polygon points="{DIAMOND}" fill="none" stroke="{{c}}"/>',
    "dot": '<ellipse cx="39" cy="6" rx="3.5" ry="3.5" fill="{c}" stroke="{c}"/>',
    "vee": '<polygon points="33,2.5 43,6 33,9.5 37,6" fill="{c}" stroke="{c}"/>',
}


def sample_svg(look: Look) -> str:
    head = ARROWHEADS[look.arrowhead].format(c=look.colour)
    width = BOLD_WIDTH if look.line == "bold" else LINE_WIDTH
    return (f'<svg class="hubroles-legend-svg" width="44" height="12" viewBox="0 0 44 12" '
            f'aria-hidden="true"><g class="hubroles-look" '
            f'style="--hubroles-dark: {look.dark_colour}">'
            f'<path d="M1,6 H34" fill="none" stroke="{look.colour}" stroke-width="{width}"'
            f"{DASHES[look.line]}/>{head}</g></svg>")


# A small box with the dashed outline of an external role.
EXTERNAL_SAMPLE = (f'<svg class="hubroles-legend-svg" width="44" height="12" viewBox="0 0 44 12" '
                   f'aria-hidden="true"><rect class="hubroles-legend-external" x="2" y="1" '
                   f'width="40" height="10" rx="3" fill="none" stroke="{NODE_LINE}" '
                   f'stroke-width="1.3" stroke-dasharray="5,2"/></svg>')


def legend_html(entries: list[tuple[str, str, Look]], external: bool = False) -> str:
    """The legend: each relation type's look (entries: id, label, look), and the look of
    external roles if the diagram shows one. Each type's entry names its id, which is also the
    class of its arrows (`hubroles-relation-<id>`): the page's script makes it a button that
    hides and shows them."""
    items = "".join(f'<li data-hubroles-relation="{relation}">{sample_svg(look)} '
                    f"{escape(label)}</li>" for relation, label, look in entries)
    if external:
        items += f"<li>{EXTERNAL_SAMPLE} {escape(EXTERNAL_LABEL)}</li>"
    return f'<ul class="hubroles-diagram-legend" aria-label="Legend">{items}</ul>\n'
