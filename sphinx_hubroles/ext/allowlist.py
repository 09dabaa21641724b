"""What MyST text from roles.yaml may become. (Interim: the blocklist of the first release,
until the allowlist lands.)"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

# Links with these schemes run code or smuggle content; they are shown as plain text.
UNSAFE_SCHEMES = {"javascript", "data", "vbscript"}
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# MyST's own hard break (a line ending in a backslash or two spaces): a <br /> for HTML and
# `\\` for LaTeX, kept as raw output (harmless whoever wrote them) instead of shown as text.
_HARD_BREAK = {("html", "<br />\n"), ("latex", "\\\\\n")}


def filter_field(root: nodes.Element) -> list[str]:
    """Disarm what `root` (one field's nodes) must not pass to the page; the messages to
    report."""
    _neutralise(root)
    return []


def is_unsafe_url(url: str) -> bool:
    """Whether a browser would run or open `url` as a javascript:, data: or vbscript: URL."""
    # Browsers ignore tabs and newlines anywhere in a URL, and controls and spaces around it
    # ("java\tscript:"); drop every one of them before reading the scheme.
    compact = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    scheme = _SCHEME_RE.match(compact)
    return scheme is not None and scheme.group(1).lower() in UNSAFE_SCHEMES


def _neutralise(document: nodes.Element) -> None:
    """Raw HTML, script links and <meta> tags from roles.yaml are shown as text or dropped,
    never passed through, however the text was written (MyST, or RST in `{eval-rst}`)."""
    for raw in list(document.findall(nodes.raw)):
        if (raw.get("format"), raw.astext()) not in _HARD_BREAK:
            raw.replace_self(nodes.Text(raw.astext()))
    # `.. meta::` in `{eval-rst}` would write <meta> tags (a refresh to another site) into
    # the head of the page that shows the text.
    for meta in list(document.findall(nodes.meta)):
        meta.parent.remove(meta)
    for node in list(document.findall(nodes.Element)):
        if isinstance(node, (nodes.reference, addnodes.download_reference)):
            if any(is_unsafe_url(node.get(key, "")) for key in ("refuri", "reftarget")):
                # {download}`x <javascript://%0a...>` would become an external link too.
                node.replace_self(nodes.inline("", "", *node.children))
        elif isinstance(node, nodes.image):
            if is_unsafe_url(node.get("uri", "")):
                node.replace_self(nodes.inline("", node.get("alt", "")))
        elif isinstance(node, nodes.target):
            if is_unsafe_url(node.get("refuri", "")):
                # `.. _name: javascript:...`: references to it stay unresolved.
                node.parent.remove(node)
        elif is_unsafe_url(node.get("refuri", "")):
            del node["refuri"]
