"""dot's SVG made fit to sit inline in a page, and its placeholder links made the page's own.

The template (stored in the cache) is the same for every page: no XML prolog, no ids (two
diagrams on one page must not clash), no background, tooltips as <title> children (which
every browser shows, unlike xlink:title), `hubroles-href:<id>` links, each edge's dark-mode
colour as a CSS variable, and a least width at which its smallest text is MIN_TEXT_PX: the
page's CSS shrinks the picture to the column, but no further (the frame scrolls instead).
`fill_links` then puts each page's relative link to each card in place, or drops the link of a
role with no card.

dot's output is checked before use, as `graphviz_dot` may name any program: it must be UTF-8,
well-formed XML with an <svg> root, no DTD declarations (an entity bomb's home) and no deeper
nesting than MAX_DEPTH. Anything else raises NotSVG.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from .dotsource import DARK_CLASS, HREF_PLACEHOLDER, TOOLTIP_PLACEHOLDER
from .escape import shown_tooltip
from .layout import LABEL_PAD, MIN_TEXT_PX

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_SVG = f"{{{SVG_NS}}}"
_XLINK = f"{{{XLINK_NS}}}"

# The template's only <a> elements are role boxes (svg_template unwraps the others), and they
# never nest, so each one ends at the next </a>.
_ROLE_LINK = re.compile(r'<a xlink:href="' + re.escape(HREF_PLACEHOLDER) + r'([a-z0-9-]+)">'
                        r"(.*?)</a>", re.S)


# dot nests an <svg> about six levels deep; far deeper nesting would only exhaust the recursion
# of ElementTree's writer.
MAX_DEPTH = 100


class NotSVG(ValueError):
    """dot's output is not an SVG picture this module can use; the message says why."""


def svg_template(dot_svg: bytes) -> str:
    """dot's SVG as the cache keeps it; raises NotSVG for anything else."""
    root = _parse(dot_svg)
    for element in root.iter():
        element.attrib.pop("id", None)
    graph = root.find(f"{_SVG}g")
    if graph is not None:
        for child in list(graph):
            # The graph's own <title> (its DOT name) and the polygon painted behind it.
            if child.tag in (f"{_SVG}title", f"{_SVG}polygon"):
                graph.remove(child)
            else:
                break
    for group in list(root.iter(f"{_SVG}g")):
        _tooltip_to_title(group)
        _dark_colour_to_style(group)
        if "edge" in group.get("class", "").split():
            _unpad_label(group)
    least = least_width(root)
    if least is not None:
        root.set("style", f"min-width: {least}px")
    _plain_names(root)
    root.set("class", "hubroles-diagram-svg")
    return ET.tostring(root, encoding="unicode")


_DARK = re.compile(re.escape(DARK_CLASS) + r"([0-9a-f]{6})")


def _dark_colour_to_style(group: ET.Element) -> None:
    """dotsource.py writes an edge's dark-mode colour as a class (dot passes classes on, not
    styles); the page's CSS reads it as the variable --hubroles-dark."""
    classes = group.get("class", "").split()
    dark = [match for match in map(_DARK.fullmatch, classes) if match]
    if dark:
        group.set("class", " ".join(n for n in classes if not _DARK.fullmatch(n)))
        group.set("style", f"--hubroles-dark: #{dark[0].group(1)}")


def _unpad_label(edge: ET.Element) -> None:
    """The lines of an edge's label as the user wrote them, without the LABEL_PAD that kept
    room around them (dot centres each line, so the room stays)."""
    for text in edge.iter(f"{_SVG}text"):
        if text.text:
            text.text = text.text.removeprefix(LABEL_PAD).removesuffix(LABEL_PAD)


def least_width(root: ET.Element) -> int | None:
    """CSS pixels the picture needs for its smallest text to be MIN_TEXT_PX high: its viewBox
    width scaled by MIN_TEXT_PX over that text's font size. None without text or a viewBox."""
    sizes = [_number(text.get("font-size")) for text in root.iter(f"{_SVG}text")]
    sizes = [size for size in sizes if size]
    box = (root.get("viewBox") or "").replace(",", " ").split()
    width = _number(box[2]) if len(box) == 4 else None
    if not sizes or not width:
        return None
    return math.ceil(width * MIN_TEXT_PX / min(sizes))


def _number(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def _parse(data: bytes) -> ET.Element:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotSVG(f"it is not UTF-8 (byte 0x{data[error.start]:02x} at offset "
                     f"{error.start})") from None
    try:
        _refuse_declarations(text)
        root = ET.fromstring(text)
    except (expat.ExpatError, ET.ParseError) as error:
        raise NotSVG(f"it is not well-formed XML ({error})") from None
    if root.tag != f"{_SVG}svg":
        raise NotSVG(f"its root element is <{root.tag.rpartition('}')[2]}>, not <svg>")
    _refuse_deep_nesting(root)
    return root


class _PrologRead(Exception):
    """The first element has started: the DTD, if any, is behind."""


def _refuse_declarations(text: str) -> None:
    """Refuse a DTD with an internal subset before ElementTree sees it: ElementTree expands
    the entities declared there, and a few nested ones make gigabytes. dot writes a DOCTYPE
    without declarations; expat reads no external DTD."""

    def doctype(name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            raise NotSVG("it has a DTD with declarations (such as entities), which dot never "
                         "writes")

    def first_element(name, attributes) -> None:
        raise _PrologRead

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = first_element
    try:
        parser.Parse(text, True)
    except _PrologRead:
        pass


def _refuse_deep_nesting(root: ET.Element) -> None:
    elements = [(root, 1)]
    while elements:
        element, depth = elements.pop()
        if depth > MAX_DEPTH:
            raise NotSVG(f"its elements are nested more than {MAX_DEPTH} levels deep")
        elements.extend((child, depth + 1) for child in element)


def _plain_names(root: ET.Element) -> None:
    """Write names as dot did (`svg`, `xlink:href`) rather than as ElementTree's `ns0:svg`;
    done here, without ElementTree's process-wide namespace registry."""
    for element in root.iter():
        element.tag = element.tag.replace(_SVG, "")
        for name in [n for n in element.attrib if n.startswith(_XLINK)]:
            element.set(name.replace(_XLINK, "xlink:"), element.attrib.pop(name))
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)


def _tooltip_to_title(group: ET.Element) -> None:
    """Move an <a xlink:title> inside `group` into the group's <title>; unwrap link-less <a>."""
    for wrapper in list(group.findall(f"{_SVG}g")):
        anchor = wrapper.find(f"{_SVG}a")
        if anchor is None or len(wrapper) != 1:
            continue
        tooltip = anchor.attrib.pop(f"{_XLINK}title", None)
        anchor.attrib.pop("target", None)
        title = group.find(f"{_SVG}title")
        if tooltip is not None and title is not None:
            title.text = tooltip
        index = list(group).index(wrapper)
        group.remove(wrapper)
        if f"{_XLINK}href" in anchor.attrib:
            group.insert(index, anchor)
        else:
            for offset, child in enumerate(anchor):
                group.insert(index + offset, child)


_ROLE_TOOLTIP = re.compile(r"<title>" + re.escape(TOOLTIP_PLACEHOLDER) + r"([a-z0-9-]+)</title>")


def tooltip_roles(template: str) -> list[str]:
    """The ids of the roles whose tooltips the template leaves to fill in."""
    return _ROLE_TOOLTIP.findall(template)


def fill_tooltips(template: str, tooltips: dict[str, str]) -> str:
    """The template with each role's tooltip placeholder replaced by `tooltips[role id]`, as
    dot would show it (one line, cut at TOOLTIP_LIMIT) and escaped as XML text."""

    def title(match: re.Match) -> str:
        text = shown_tooltip(tooltips.get(match.group(1), match.group(1)))
        return f"<title>{html.escape(text, quote=False)}</title>"

    return _ROLE_TOOLTIP.sub(title, template)


def fill_links(template: str, hrefs: dict[str, str]) -> str:
    """The template with each role's placeholder replaced by `hrefs[role id]`; roles missing
    from `hrefs` (no card anywhere) keep their box and tooltip but are not links."""

    def link(match: re.Match) -> str:
        href = hrefs.get(match.group(1))
        if href is None:  # a group, so that themes do not style the box as a link
            return f"<g>{match.group(2)}</g>"
        return f'<a xlink:href="{html.escape(href, quote=True)}">{match.group(2)}</a>'

    return _ROLE_LINK.sub(link, template)


def standalone_svg(svg: str) -> str:
    """A diagram's filled-in SVG as a file of its own: an image in a page or an export, or a
    page of its own in a browser. An XML declaration, and a white background, so that its
    dark text stays readable wherever it is shown (a page's dark mode does not reach into an
    image)."""
    start_tag_end = svg.index(">") + 1
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg[:start_tag_end]
            + '<rect width="100%" height="100%" fill="#ffffff"/>' + svg[start_tag_end:])
