"""What the text of one roles.yaml field may put into a page: an allowlist of node types.

MyST and `{eval-rst}` can run any role or directive of the project, and some write markup
that nothing escapes (an icon role that copies its argument into an `<svg>`, a Graphviz node's
URL into `<area href>`). So the nodes rendered from a field keep only the types in ALLOWLIST,
each with only the attributes that Sphinx's writers need, and links and images only with a
vetted URI. Anything else is dropped, whatever extension made it, and reported.

Types are matched exactly, not with isinstance: an extension's subclass of an allowed type
(sphinx-design's icon is an `inline`) brings its own writer and is not allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from ..core.problems import shown

Report = Callable[[str], None]

# Links and images may only use these schemes, or none (a relative URL or a #fragment).
# References to the project's own targets (`roles:x`, `{ref}`, `{term}`) are `pending_xref`
# nodes: Sphinx resolves them to the project's pages and never writes their target as a URL.
SAFE_SCHEMES = ("http", "https", "mailto", "ftp", "tel")
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# MyST's own hard break (a line ending in a backslash or two spaces): a <br /> for HTML and
# `\\` for LaTeX. No other raw output passes.
_HARD_BREAKS = {("html", "<br />\n"), ("latex", "\\\\\n")}
# A width or height: a number and a unit (letters, or %). The HTML writer puts it into a style.
_LENGTH_RE = re.compile(r"(\d+(\.\d*)?|\.\d+)\s*([a-z]{1,4}|%)?", re.I)

# In a row's attributes: any attribute named like `py:module` (a domain's context).
DOMAIN_CONTEXT = "<domain>:<name>"
# Every element keeps these (docutils expects them, and writers turn them into id= and class=).
BASIC_ATTRIBUTES = ("ids", "classes", "names", "dupnames", "backrefs")


@dataclass(frozen=True)
class Allowed:
    """One row of the allowlist: node types that roles.yaml text may produce, the attributes
    they keep besides BASIC_ATTRIBUTES, and the attribute that holds a URI to vet."""

    what: str
    types: tuple[type[nodes.Node], ...]
    attributes: tuple[str, ...] = ()
    uri: str | None = None


ALLOWLIST: tuple[Allowed, ...] = (
    Allowed("Paragraphs and inline text",
            (nodes.paragraph, nodes.Text, nodes.emphasis, nodes.strong, nodes.literal,
             nodes.inline, nodes.subscript, nodes.superscript, nodes.title_reference,
             nodes.abbreviation, addnodes.literal_emphasis, addnodes.literal_strong),
            ("language", "explanation")),
    Allowed("Lists: bullet, numbered, definition, field and option lists",
            (nodes.bullet_list, nodes.enumerated_list, nodes.list_item, nodes.definition_list,
             nodes.definition_list_item, nodes.term, nodes.classifier, nodes.definition,
             nodes.field_list, nodes.field, nodes.field_name, nodes.field_body,
             nodes.option_list, nodes.option_list_item, nodes.option_group, nodes.option,
             nodes.option_string, nodes.option_argument, nodes.description),
            ("bullet", "enumtype", "prefix", "suffix", "start", "delimiter")),
    Allowed("Code blocks", (nodes.literal_block, nodes.doctest_block),
            ("language", "linenos", "highlight_args", "force", "xml:space")),
    Allowed("Line blocks, block quotes and transitions",
            (nodes.line_block, nodes.line, nodes.block_quote, nodes.attribution,
             nodes.transition)),
    # A code block's caption is written as one when its container has `literal_block`.
    Allowed("Compounds and containers", (nodes.compound, nodes.container), ("literal_block",)),
    Allowed("Headings and rubrics", (nodes.section, nodes.title, nodes.rubric),
            ("heading-level",)),
    Allowed("Admonitions: all of docutils', the generic one and `seealso`",
            (nodes.admonition, nodes.attention, nodes.caution, nodes.danger, nodes.error,
             nodes.hint, nodes.important, nodes.note, nodes.tip, nodes.warning,
             addnodes.seealso),
            ("collapsible",)),
    Allowed("Tables",
            (nodes.table, nodes.tgroup, nodes.colspec, nodes.thead, nodes.tbody, nodes.row,
             nodes.entry),
            ("align", "width", "cols", "colwidth", "stub", "morecols", "morerows")),
    Allowed("Math", (nodes.math, nodes.math_block),
            ("docname", "number", "label", "nowrap", "no-wrap", "xml:space")),
    Allowed("Footnotes and citations",
            (nodes.footnote, nodes.footnote_reference, nodes.citation,
             nodes.citation_reference, nodes.label),
            ("auto", "refid", "refname")),
    Allowed("Substitutions", (nodes.substitution_definition, nodes.substitution_reference),
            ("ltrim", "rtrim", "refname")),
    Allowed("Comments (never written out)", (nodes.comment,), ("xml:space",)),
    # A pending_xref is a request to Sphinx, never written: what the resolvers read is kept,
    # with the domain context it was made in (`py:module`, `std:program`...).
    Allowed("Cross-references: `roles:x` links, `{ref}`, `{term}`, `{doc}`...",
            (addnodes.pending_xref,),
            ("refdomain", "reftype", "reftarget", "refexplicit", "refwarn", "refdoc",
             "reftargetid", "reflocalid", "refspecific", DOMAIN_CONTEXT)),
    Allowed("Index entries", (addnodes.index,), ("entries", "inline")),
    # `target` and `rel`: MyST's `myst_links_external_new_tab` sets them.
    Allowed("Links", (nodes.reference,),
            ("refuri", "refid", "refname", "name", "anonymous", "internal", "reftitle", "target",
             "rel"), uri="refuri"),
    Allowed("Downloads", (addnodes.download_reference,),
            ("reftarget", "refdomain", "reftype", "refexplicit", "refwarn", "refdoc"),
            uri="reftarget"),
    Allowed("Link targets", (nodes.target,), ("refuri", "refid", "refname", "anonymous"),
            uri="refuri"),
    Allowed("Images", (nodes.image,),
            ("uri", "alt", "title", "width", "height", "scale", "align", "loading"), uri="uri"),
    Allowed("Figures", (nodes.figure, nodes.caption, nodes.legend), ("align", "width")),
    Allowed("MyST's hard line break, and no other raw output", (nodes.raw,),
            ("format", "xml:space")),
    Allowed("Problems, so that errors still show", (nodes.problematic, nodes.system_message),
            ("refid", "level", "type", "source", "line")),
)

_RULES: dict[type, tuple[Allowed, frozenset[str]]] = {
    node_type: (row, frozenset(BASIC_ATTRIBUTES + row.attributes))
    for row in ALLOWLIST for node_type in row.types
}
_LENGTHS = {"width", "height"}

# What made a node that is dropped, when its type alone does not say it.
_MADE_BY = {
    "graphviz": "a graphviz directive",
    "sd_icon": "an icon role of sphinx-design, such as {octicon}",
    "fontawesome": "sphinx-design's {fa} role",
    "toctree": "a toctree directive",
    "only": "an only directive",
    "meta": "a meta directive",
    "pending": "a directive that docutils completes later, such as contents or target-notes",
    "versionmodified": "a versionadded, versionchanged or deprecated directive",
}
_NOT_ALLOWED = "not on the allowlist of what roles.yaml text may contain"


def filter_field(root: nodes.Element, report: Report) -> None:
    """Keep, below `root`, only allowed nodes, their needed attributes and vetted URIs.

    `root` holds the nodes rendered from one roles.yaml field; `report(message)` is called
    once for each node dropped (or replaced by its text), with a message that says what and
    why. One pass over the nodes.
    """
    children = root.children
    index = 0
    while index < len(children):
        child = children[index]
        if isinstance(child, nodes.Text):
            index += 1
            continue
        replacement = _vetted(child, root, report)
        if replacement is child:
            filter_field(child, report)
            index += 1
        else:
            # The replacement (text, or an inline holding the node's children) is looked at
            # in its turn, so the children are filtered too.
            root[index:index + 1] = replacement


def uri_scheme(url: str) -> str | None:
    """The scheme a browser reads in `url`, lower-cased, or None for a relative URL."""
    # Browsers ignore tabs and newlines anywhere in a URL, and controls and spaces around it
    # ("java\tscript:"); drop every one of them before reading the scheme.
    compact = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    scheme = _SCHEME_RE.match(compact)
    return scheme.group(1).lower() if scheme else None


def is_safe_uri(url: str) -> bool:
    scheme = uri_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def _vetted(node: nodes.Element, parent: nodes.Element,
            report: Report) -> nodes.Element | list[nodes.Node]:
    """`node` itself if it may stay (with its attributes pruned), else what replaces it."""
    rule = _RULES.get(type(node))
    if rule is None:
        return _not_allowed(node, parent, report)
    row, keep = rule
    if row.uri is not None and not is_safe_uri(node.get(row.uri, "")):
        return _without_unsafe_uri(node, node[row.uri], report)
    if type(node) is nodes.raw and (node.get("format"), node.astext()) not in _HARD_BREAKS:
        # Raw markup shows as the text written (documented), so nothing is lost to report.
        return [nodes.Text(node.astext())]
    attributes = node.attributes
    for name in [name for name in attributes if name not in keep]:
        if not (":" in name and DOMAIN_CONTEXT in keep):
            del attributes[name]
    for name in _LENGTHS.intersection(attributes):
        if not _LENGTH_RE.fullmatch(str(attributes[name])):
            del attributes[name]
    return node


def _not_allowed(node: nodes.Element, parent: nodes.Element, report: Report) -> list[nodes.Node]:
    """An inline node in running text leaves its words; anything else goes with its content."""
    name = type(node).__name__
    made_by = _MADE_BY.get(name)
    what = f"'{name}' node ({type(node).__module__}{', made by ' + made_by if made_by else ''})"
    words = node.astext()
    if words and (isinstance(node, nodes.Inline) or isinstance(parent, nodes.TextElement)):
        report(f"{what} dropped from roles.yaml text, its text kept: {_NOT_ALLOWED}")
        return [nodes.Text(words)]
    report(f"{what} dropped from roles.yaml text: {_NOT_ALLOWED}")
    return []


def _without_unsafe_uri(node: nodes.Element, uri: str, report: Report) -> list[nodes.Node]:
    why = (f"its URI scheme '{uri_scheme(uri)}' is not allowed (allowed: "
           f"{', '.join(SAFE_SCHEMES)}, and relative links)")
    quoted = f"'{shown(uri)}'"
    if isinstance(node, nodes.image):
        report(f"image {quoted} dropped from roles.yaml text, its alt text kept: {why}")
        return [nodes.inline("", node.get("alt", ""))]
    if isinstance(node, nodes.target):
        report(f"link target {quoted} dropped from roles.yaml text: {why}")
        return []
    kind = "download link" if isinstance(node, addnodes.download_reference) else "link"
    report(f"{kind} to {quoted} dropped from roles.yaml text, its text kept: {why}")
    return [nodes.inline("", "", *node.children)]
