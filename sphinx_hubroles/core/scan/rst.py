"""Scan reStructuredText line by line: explicit markup (directives, labels, comments), literal
blocks, then `:ref:` and `:term:` roles in what is left, with inline literals blanked out.

docutils' own parser would need the Sphinx directives registered to read a page; these few
rules are what decide where a reference can stand.
"""

from __future__ import annotations

import re

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

_EXPLICIT = re.compile(r"^(\s*)\.\.(?:\s+(.*))?$")
# docutils' directive name: words joined by single '-', '_', '.', '+' or ':'.
_DIRECTIVE = re.compile(r"((?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*)[ ]?::(?:\s+(.*))?$")
# `.. _name:` ends at the last colon followed by a space or the end of the line.
_TARGET = re.compile(r"_(`[^`]+`|(?:[^:\\]|\\.|:(?!\s|$))+):(?:\s+(.*))?$")
_OPTION = re.compile(r"^\s*:([\w-]+):\s*(.*)$")
_INLINE_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_ROLE_CONTENT = r"`((?:[^`\\]|\\.)+)`"
_ROLE = re.compile(r"(?<![\w`:]):(?:std:)?(ref|term|role-holders):" + _ROLE_CONTENT,
                   re.IGNORECASE)
_SUFFIX_ROLE = re.compile(_ROLE_CONTENT + r":(?:std:)?(ref|term|role-holders):(?![\w`])",
                          re.IGNORECASE)
# `text <roles:x>`_ : a hyperlink, which the extension turns into a reference to the card.
_EMBEDDED_URI = re.compile(r"`(?:[^`<\\]|\\.)*<((?:roles|people):[^>\s]+)>`__?",
                           re.IGNORECASE)


def scan_rst(text: str, source: Source, line0: int, findings: Site) -> None:
    """Note everything in `text`, RST whose first line is line `line0` (0-based) of `source`."""
    lines = text.splitlines()
    skipped = _explicit_markup(lines, source, line0, findings)
    block: list[int] = []
    for index in range(len(lines) + 1):
        if index < len(lines) and lines[index].strip() and not skipped[index]:
            block.append(index)
        elif block:
            _roles(lines, block, source, line0, findings)
            block = []


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the block indented deeper than `indent` that starts at `start`."""
    end = start
    for index in range(start, len(lines)):
        if lines[index].strip():
            if _indent(lines[index]) <= indent:
                break
            end = index + 1
    return end


def _explicit_markup(lines, source: Source, line0: int, findings: Site) -> list[bool]:
    """Note labels, cards and glossary terms; return which lines hold no markup to scan."""
    skipped = [False] * len(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        if skipped[index] or not line.strip():
            index += 1
            continue
        match = _EXPLICIT.match(line)
        end = _block_end(lines, index + 1, _indent(line))
        if match is None:
            # A paragraph ending in '::' introduces a literal block.
            if line.rstrip().endswith("::") and end > index + 1:
                skipped[index + 1:end] = [True] * (end - index - 1)
            index += 1
            continue
        rest = match.group(2) or ""
        directive, target = _DIRECTIVE.match(rest), _TARGET.match(rest)
        if directive:
            name, argument = directive.group(1).lower(), (directive.group(2) or "").strip()
            options, body = _options(lines, index + 1, end)
            if "name" in options:
                name_index = next((i for i in range(index + 1, body)
                                   if options["name"] in lines[i]), index)
                note_label(findings, options["name"], source.at(
                    line0 + name_index, lines[name_index],
                    lines[name_index].find(options["name"]), options["name"]))
            if name in LITERAL_DIRECTIVES:
                skipped[index:end] = [True] * (end - index)
            elif name in OWN_DIRECTIVES:
                shown = argument or line.strip()
                column = line.find(shown, line.find("::")) if argument else line.find("..")
                own_directive(name, argument, options,
                              source.at(line0 + index, line, column, shown), findings)
            elif name == "glossary":
                for offset, term in glossary_entries(lines[body:end]):
                    if term is not None:
                        term_line = lines[body + offset]
                        note_term(findings, term, source.at(
                            line0 + body + offset, term_line, term_line.find(term), term))
                        skipped[body + offset] = True
        elif target and not target.group(2):  # `.. _name: https://...` is a link, no label
            name = re.sub(r"\\(.)", r"\1", target.group(1).strip("`"))
            column = line.find(target.group(1))
            note_label(findings, name, source.at(line0 + index, line, column, name))
        elif not rest.startswith(("|", "[", "__")):  # not a substitution, footnote, citation
            skipped[index:end] = [True] * (end - index)  # a comment
            index = end
            continue
        index += 1
    return skipped


def _options(lines: list[str], start: int, end: int) -> tuple[dict[str, str], int]:
    options: dict[str, str] = {}
    index = start
    while index < end:
        match = _OPTION.match(lines[index])
        if not match:
            break
        options[match.group(1)] = match.group(2)
        index += 1
    return options, index


def _roles(lines: list[str], block: list[int], source: Source, line0: int,
           findings: Site) -> None:
    first = block[0]
    text = "\n".join(lines[first:block[-1] + 1])
    if ":" not in text:
        return
    # Blank out inline literals, keeping every offset where it was.
    masked = _INLINE_LITERAL.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    found = [(m.start(2), m.group(1), m.group(2)) for m in _ROLE.finditer(masked)]
    found += [(m.start(1), m.group(2), m.group(1)) for m in _SUFFIX_ROLE.finditer(masked)]
    found += [(m.start(1), "link", m.group(1)) for m in _EMBEDDED_URI.finditer(masked)]
    for start, name, content in sorted(found):
        kind = name.lower()
        if kind == "link":
            where = source.at_offset(line0 + first, text, start, content)
            findings.references.append(Reference(label_kind(content, findings.label_prefixes),
                                                 autolink_target(content, findings.label_prefixes),
                                                 where))
            continue
        if kind == HOLDERS_ROLE:
            at = text.find(content.strip(), start)
            holders_reference(content, source.at_offset(line0 + first, text, at, content),
                              findings)
            continue
        target = split_target(content)
        if target is None or (kind == "ref"
                              and label_kind(target, findings.label_prefixes) is None):
            continue
        at = text.find(target, start)
        where = source.at_offset(line0 + first, text, at if at >= 0 else start, target)
        findings.references.append(Reference(label_kind(target, findings.label_prefixes)
                                             if kind == "ref" else TERM,
                                             target, where))
