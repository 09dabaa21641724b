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
# Lengths as docutils' own directives accept them; the HTML writer puts them into a style.
_LENGTH_RE = re.compile(r"\d+(\.\d*)?(px|em|ex|rem|pt|pc|cm|mm|in|%)?|\.\d+[a-z%]*", re.I)

# In a row's attributes: any attribute named like `py:module` (a domain's context).
DOMAIN_CONTEXT = "<domain>:<name>"
# Every element keeps these (docutils expects them, and writers turn them into id= and class=).
BASIC_ATTRIBUTES = ("ids", "classes", "names", "dupnames", "backrefs")


@dataclass(frozen=True)
class Allowed:
    """One row of the allowlist: node types that roles.yaml text may produce, the attributes
    they keep besides BASIC_ATTRIBUTES, and the attribute that holds a URI to vet."""

    what: str
    types: tuple[type[nodes.Element], ...]
    attributes: tuple[str, ...] = ()
    uri: str | None = None


_INLINE_TEXT = (nodes.emphasis, nodes.strong, nodes.inline, nodes.subscript, nodes.superscript,
                nodes.title_reference, addnodes.literal_emphasis, addnodes.literal_strong)
_ADMONITIONS = (nodes.admonition, nodes.attention, nodes.caution, nodes.danger, nodes.error,
                nodes.hint, nodes.important, nodes.note, nodes.tip, nodes.warning,
                addnodes.seealso)

ALLOWLIST: tuple[Allowed, ...] = (
    Allowed("Paragraphs and inline text", (nodes.paragraph, *_INLINE_TEXT)),
    Allowed("Inline code", (nodes.literal,), ("language",)),
    Allowed("Abbreviations", (nodes.abbreviation,), ("explanation",)),
    Allowed("Bullet lists", (nodes.bullet_list,), ("bullet",)),
    Allowed("Numbered lists", (nodes.enumerated_list,), ("enumtype", "prefix", "suffix", "start")),
    Allowed("List items, definition lists and field lists",
            (nodes.list_item, nodes.definition_list, nodes.definition_list_item, nodes.term,
             nodes.classifier, nodes.definition, nodes.field_list, nodes.field,
             nodes.field_name, nodes.field_body)),
    Allowed("Option lists",
            (nodes.option_list, nodes.option_list_item, nodes.option_group, nodes.option,
             nodes.option_string, nodes.description)),
    Allowed("Option arguments", (nodes.option_argument,), ("delimiter",)),
    Allowed("Code blocks", (nodes.literal_block, nodes.doctest_block),
            ("language", "linenos", "highlight_args", "force", "xml:space")),
    Allowed("Line blocks, quotes and transitions",
            (nodes.line_block, nodes.line, nodes.block_quote, nodes.attribution,
             nodes.transition)),
    Allowed("Compounds", (nodes.compound,)),
    Allowed("Containers (a code block's caption needs `literal_block`)", (nodes.container,),
            ("literal_block",)),
    Allowed("Headings", (nodes.section, nodes.title)),
    Allowed("Rubrics", (nodes.rubric,), ("heading-level",)),
    Allowed("Admonitions (all of docutils', the generic one and `seealso`)", _ADMONITIONS,
            ("collapsible",)),
    Allowed("Tables", (nodes.table,), ("align", "width")),
    Allowed("Table parts", (nodes.tgroup,), ("cols",)),
    Allowed("Table parts", (nodes.colspec,), ("colwidth", "stub")),
    Allowed("Table parts", (nodes.thead, nodes.tbody, nodes.row)),
    Allowed("Table parts", (nodes.entry,), ("morecols", "morerows")),
    Allowed("Inline math", (nodes.math,)),
    Allowed("Math blocks", (nodes.math_block,),
            ("docname", "number", "label", "nowrap", "no-wrap", "xml:space")),
    Allowed("Footnotes and citations", (nodes.footnote, nodes.citation), ("auto",)),
    Allowed("Footnotes and citations", (nodes.footnote_reference, nodes.citation_reference),
            ("auto", "refid", "refname")),
    Allowed("Footnotes and citations", (nodes.label,)),
    Allowed("Substitutions", (nodes.substitution_definition,), ("ltrim", "rtrim")),
    Allowed("Substitutions", (nodes.substitution_reference,), ("refname",)),
    Allowed("Comments (never written out)", (nodes.comment,), ("xml:space",)),
    # A pending_xref is a request to Sphinx, never written: what the resolvers read is kept,
    # and the domain context it was made in (`py:module`, `std:program`...).
    Allowed("Cross-references (`roles:x`, `{ref}`, `{term}`, `{doc}`...)",
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
    Allowed("Figures", (nodes.figure,), ("align", "width")),
    Allowed("Figures", (nodes.caption, nodes.legend)),
    Allowed("MyST's hard line break, and no other raw output", (nodes.raw,),
            ("format", "xml:space")),
    Allowed("Problems, so that errors still show", (nodes.problematic,), ("refid",)),
    Allowed("Problems, so that errors still show", (nodes.system_message,),
            ("level", "type", "source", "line")),
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
