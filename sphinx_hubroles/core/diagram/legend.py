"""The legend of a diagram on the web: HTML text beside the picture, each relation type with a
small drawing of its edge (colour class, line style, arrowhead as dotsource.edge_style draws
them). Text at the page's size that wraps to the column, and no width taken from the picture.
"""

from __future__ import annotations

from html import escape

from .dotsource import EXTERNAL_LABEL, NODE_LINE, edge_style

# dot's own dash patterns, and arrowheads drawn at the end of a 44 x 12 sample.
DASHES = {"solid": "", "dashed": ' stroke-dasharray="5,2"', "dotted": ' stroke-dasharray="1,5"'}
TRIANGLE, DIAMOND = "33,2.5 43,6 33,9.5", "33,6 38,2.5 43,6 38,9.5"
ARROWHEADS = {
    "normal": f'<polygon points="{TRIANGLE}" fill="{{c}}" stroke="{{c}}"/>',
    "empty": f'<polygon points="{TRIANGLE}" fill="none" stroke="{{c}}"/>',
    "diamond": f'<polygon points="{DIAMOND}" fill="{{c}}" stroke="{{c}}"/>',
    "odiamond": f'<polygon points="{DIAMOND}" fill="none" stroke="{{c}}"/>',
    "dot": '<ellipse cx="39" cy="6" rx="3.5" ry="3.5" fill="{c}" stroke="{c}"/>',
    "vee": '<polygon points="33,2.5 43,6 33,9.5 37,6" fill="{c}" stroke="{c}"/>',
}


def sample_svg(style_index: int) -> str:
    style = edge_style(style_index)
    head = ARROWHEADS[style.arrowhead].format(c=style.colour)
    return (f'<svg class="hubroles-legend-svg" width="44" height="12" viewBox="0 0 44 12" '
            f'aria-hidden="true"><g class="{style.css_class}">'
            f'<path d="M1,6 H34" fill="none" stroke="{style.colour}" stroke-width="1.3"'
            f"{DASHES[style.line]}/>{head}</g></svg>")


# A small box with the dashed outline of an external role.
EXTERNAL_SAMPLE = (f'<svg class="hubroles-legend-svg" width="44" height="12" viewBox="0 0 44 12" '
                   f'aria-hidden="true"><rect class="hubroles-legend-external" x="2" y="1" '
                   f'width="40" height="10" rx="3" fill="none" stroke="{NODE_LINE}" '
                   f'stroke-width="1.3" stroke-dasharray="5,2"/></svg>')


def legend_html(entries: list[tuple[str, int]], external: bool = False) -> str:
    """The legend: each relation type's look, and the look of external roles if the diagram
    shows one."""
    items = "".join(f"<li>{sample_svg(style)} {escape(label)}</li>" for label, style in entries)
    if external:
        items += f"<li>{EXTERNAL_SAMPLE} {escape(EXTERNAL_LABEL)}</li>"
    return f'<ul class="hubroles-diagram-legend" aria-label="Legend">{items}</ul>\n'
