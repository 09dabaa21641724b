"""Inline MyST from roles.yaml as plain text, for tooltips.

The text is tokenised by the project's own MyST markdown-it parser, not rendered to docutils
nodes: rendering would report the field's broken references a second time (the card already
reports them), and a tooltip needs only the words.

Raw HTML counts as words: the card shows it as text (markup.py never passes it through), and
the tooltip shows what the card shows. An image counts as its alt text.
"""

from __future__ import annotations

import re

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

_WORDS_OF = {"text", "code_inline", "math_inline", "myst_role", "html_inline", "image"}
_TARGET = re.compile(r"^(.*?)\s*<[^<>]*>$", re.S)  # `text <target>` in a role's content
_SPACE = re.compile(r"\s+")

_parsers: dict[int, tuple[MdParserConfig, object]] = {}


def _parser(config: MdParserConfig):
    cached = _parsers.get(id(config))
    if cached is None or cached[0] is not config:
        cached = _parsers[id(config)] = (config, create_md_parser(config, RendererHTML))
    return cached[1]


def plain_text(source: str, config: MdParserConfig, _within: frozenset[str] = frozenset()) -> str:
    words: list[str] = []
    for block in _parser(config).parseInline(source):
        for token in block.children or ():
            if token.type in ("softbreak", "hardbreak"):
                words.append(" ")
            elif token.type == "myst_role":
                match = _TARGET.match(token.content)
                words.append(match.group(1) if match and match.group(1) else token.content)
            elif token.type in _WORDS_OF:  # an image's content is its alt text
                words.append(token.content)
            elif token.type == "substitution_inline":
                words.append(_substitution(token.content.strip(), config, _within))
    return _SPACE.sub(" ", "".join(words)).strip()


def _substitution(key: str, config: MdParserConfig, within: frozenset[str]) -> str:
    """`{{ key }}` (MyST's substitution extension) as the card shows it when `key` is one of
    myst_substitutions; any other expression as written: the tooltip never evaluates Jinja
    (the card does, as MyST does on any page)."""
    if key in config.substitutions and key not in within:
        return plain_text(str(config.substitutions[key]), config, within | {key})
    return f"{{{{ {key} }}}}"
