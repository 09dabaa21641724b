"""Scan MyST Markdown with MyST's own markdown-it parser, so that code blocks, inline code and
directives are recognised exactly as the Sphinx build recognises them."""

from __future__ import annotations

import re
import textwrap
from functools import cache

from markdown_it.token import Token

from ..names import TERM
from ..site import Reference, Site
from .findings import (
    HOLDERS_ROLE,
    LITERAL_DIRECTIVES,
    OWN_DIRECTIVES,
    Source,
    autolink_target,
    glossary_entries,
    holders_reference,
    label_kind,
    note_label,
    note_term,
    own_directive,
    split_target,
)
from .rst import scan_rst

REF_ROLES = {"ref", "std:ref"}
TERM_ROLES = {"term", "std:term"}
_DIRECTIVE = re.compile(r"^\{([^}\s]+)\}\s*(.*)$")
_OPTION = re.compile(r"^\s*:([\w-]+):\s*(.*)$")


@cache
def _parser():
    # Imported here: markdown-it is not needed for RST-only trees.
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    # colon_fence: `:::{role-card} x` is the common way to write directives in MyST. The other
    # extensions change nothing about where references, labels and cards are.
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)


def scan_myst(text: str, source: Source, line0: int, findings: Site) -> None:
    """Note everything in `text`, MyST whose first line is line `line0` (0-based) of `source`."""
    for token in _parser().parse(text):
        if token.map is None:
            continue
        start = line0 + token.map[0]
        if token.type == "inline":
            _inline(token, source, start, findings)
        elif token.type == "myst_target":
            label = token.content.strip()
            note_label(findings, label, source.at(start, label, 0, label))
        elif token.type in ("fence", "colon_fence"):
            _directive(token, source, start, findings)


def _inline(token: Token, source: Source, line0: int, findings: Site) -> None:
    content = token.content
    cursor = 0  # inline children come in source order; search each after the last
    link_end = None
    for child in token.children or []:
        if child.type == "code_inline":
            begin = content.find(child.markup, cursor)
            if begin >= 0:
                end = content.find(child.markup, begin + len(child.markup))
                cursor = end + len(child.markup) if end >= 0 else begin + len(child.markup)
        elif child.type == "myst_role":
            name = child.meta.get("name", "")
            begin = content.find("{" + name + "}", cursor)
            begin = cursor if begin < 0 else begin
            cursor = begin + len(name) + 2
            if name == HOLDERS_ROLE:
                at = content.find(child.content.strip(), cursor)
                holders_reference(child.content, source.at_offset(
                    line0, content, at if at >= 0 else begin, child.content.strip()), findings)
                continue
            kind = "ref" if name in REF_ROLES else TERM if name in TERM_ROLES else None
            target = split_target(child.content) if kind else None
            if kind == "ref" and target is not None:
                kind = label_kind(target, findings.label_prefixes)
            if target is None or kind is None:
                continue
            at = content.find(target, cursor)  # absent when the role spans lines
            where = source.at_offset(line0, content, at if at >= 0 else begin, target)
            findings.references.append(Reference(kind, target, where))
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            # `[text](#role:x)` names the label `role:x`, in MyST-Parser and in MyST-MD alike.
            label = href[1:] if href.startswith("#") and child.markup != "autolink" else href
            kind = label_kind(label, findings.label_prefixes)
            if kind is None:
                continue
            at = content.find(href, cursor)
            if at >= 0:
                link_end = at + len(href)
            where = source.at_offset(line0, content, at if at >= 0 else cursor, href)
            # The extension turns an autolink `<roles:x>` into a reference to 'roles:x',
            # lower-cased; a link keeps its target as written.
            target = (autolink_target(href, findings.label_prefixes)
                      if child.markup == "autolink" else label)
            findings.references.append(Reference(kind, target, where))
        elif child.type == "link_close" and link_end is not None:
            cursor, link_end = max(cursor, link_end), None


def _directive(token: Token, source: Source, line0: int, findings: Site) -> None:
    match = _DIRECTIVE.match(token.info.strip())
    if not match:
        return  # a code block
    name, argument = match.group(1).lower(), match.group(2)
    lines = token.content.splitlines()
    options, body = _split_options(lines)
    if "name" in options:
        name_line = next((i for i, line in enumerate(lines) if options["name"] in line), 0)
        note_label(findings, options["name"],
                   source.at(line0 + 1 + name_line, lines[name_line],
                             lines[name_line].find(options["name"]), options["name"]))
    body_line0 = line0 + 1 + body
    if name in LITERAL_DIRECTIVES:
        return
    if name in OWN_DIRECTIVES:
        # At the argument, as editors point at the id; at the directive if there is none.
        info, shown = token.info.strip(), argument.strip() or token.info.strip()
        own_directive(name, argument, options, source.at(line0, info, info.find(shown), shown),
                      findings)
        return
    if argument.strip():  # a title, or the body's first line: parsed as MyST either way
        scan_myst(argument, source, line0, findings)
    if name == "eval-rst":
        scan_rst("\n".join(lines[body:]), source, body_line0, findings)
    elif name == "glossary":
        _glossary(lines[body:], source, body_line0, findings)
    else:
        scan_myst("\n".join(lines[body:]), source, body_line0, findings)


def _split_options(lines: list[str]) -> tuple[dict[str, str], int]:
    """A directive's options (`:key: value` lines or a `---` YAML block) and where its body
    starts, as MyST reads them."""
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                for line in lines[1:index]:
                    key, _, value = line.partition(":")
                    options[key.strip()] = value.strip().strip("'\"")
                return options, index + 1
        return options, 0
    index = 0
    while index < len(lines):
        match = _OPTION.match(lines[index])
        if not match or lines[index].lstrip().startswith(":::"):
            break
        options[match.group(1)] = match.group(2)
        index += 1
    return options, index


def _glossary(lines: list[str], source: Source, line0: int, findings: Site) -> None:
    """Terms of a hand-written glossary; each definition is MyST again."""
    definition: list[tuple[int, str]] = []

    def flush() -> None:
        if definition:
            first = definition[0][0]
            block = textwrap.dedent("\n".join(lines[first:definition[-1][0] + 1]))
            scan_myst(block, source, line0 + first, findings)
            definition.clear()

    for index, term in glossary_entries(lines):
        if term is None:
            definition.append((index, lines[index]))
        else:
            flush()
            note_term(findings, term, source.at(line0 + index, lines[index],
                                                lines[index].find(term), term))
    flush()



def nul_link_target(text: str) -> bool:
    """Whether a link or image of MyST `text` has a target that MyST-Parser decodes to one
    holding a NUL character (`%00`), which it then hands to the file system, and which
    stops the build (ext/_compat.py). Directives' contents are looked through too."""
    if "%00" not in text:  # the only way to write one: roles.yaml refuses a NUL as such
        return False
    parser = _parser()
    for token in parser.parse(text):
        if token.type in ("fence", "colon_fence"):
            match = _DIRECTIVE.match(token.info.strip())
            if (match and match.group(1).lower() not in LITERAL_DIRECTIVES | {"eval-rst"}
                    and nul_link_target(token.content)):
                return True
        for child in token.children or ():
            target = child.attrGet("href") if child.type == "link_open" else (
                child.attrGet("src") if child.type == "image" else None)
            if target and "\0" in parser.normalizeLinkText(str(target)):
                return True
    return False
