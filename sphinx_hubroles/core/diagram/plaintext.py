"""Inline MyST from roles.yaml as plain text, for tooltips.

The text is tokenised by the project's own MyST markdown-it parser, not rendered to docutils
nodes: rendering would report the field's broken references a second time (the card already
reports them), and a tooltip needs only the words.

Raw HTML counts as words: the card shows it as text (markup.py never passes it through), and
the tooltip shows what the card shows. An image counts as its alt text. A link without text
of its own, `[](roles:x)`, shows what the card shows for it, the role's name, which the
caller gives (the words then depend on that name, as on the substitutions' values).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

_WORDS_OF = {"text", "code_inline", "math_inline", "myst_role", "html_inline", "image"}
_TARGET = re.compile(r"^(.*?)\s*<[^<>]*>$", re.S)  # `text <target>` in a role's content
_SPACE = re.compile(r"\s+")

class PlainText:
    """`plain_text(source)` with one project's MyST settings (building a parser costs
    milliseconds; the build keeps one of these per build)."""

    def __init__(self, config: MdParserConfig) -> None:
        self.config = config
        self.parser = create_md_parser(config, RendererHTML)

    def __call__(self, source: str, names: Callable[[str], str | None] | None = None,
                 _within: frozenset[str] = frozenset()) -> str:
        """The words of `source`. `names(target)` gives the text a page shows for a link
        that has none of its own, `[](roles:x)` or `{ref}`roles:x``: a role's or person's
        name (None: the link shows nothing here)."""
        words: list[str] = []
        link_starts: list[tuple[int, str]] = []  # (words so far, target) of open links
        for block in self.parser.parseInline(source):
            for token in block.children or ():
                if token.type in ("softbreak", "hardbreak"):
                    words.append(" ")
                elif token.type == "link_open":
                    link_starts.append((len(words), str(token.attrs.get("href", ""))))
                elif token.type == "link_close" and link_starts:
                    start, target = link_starts.pop()
                    if not "".join(words[start:]).strip():
                        words.append(self._name(target, names) or "")
                elif token.type == "myst_role":
                    match = _TARGET.match(token.content)
                    if match and match.group(1):
                        words.append(match.group(1))
                    elif token.meta.get("name") == "ref":
                        words.append(self._name(token.content.strip(), names) or token.content)
                    else:
                        words.append(token.content)
                elif token.type in _WORDS_OF:  # an image's content is its alt text
                    words.append(token.content)
                elif token.type == "substitution_inline":
                    words.append(self._substitution(token.content.strip(), names, _within))
        return _SPACE.sub(" ", "".join(words)).strip()

    @staticmethod
    def _name(target: str, names: Callable[[str], str | None] | None) -> str | None:
        return names(target) if names is not None else None

    def _substitution(self, key: str, names, within: frozenset[str]) -> str:
        """`{{ key }}` (MyST's substitution extension) as the card shows it when `key` is one
        of myst_substitutions; any other expression as written: the tooltip never evaluates
        Jinja (the card does, as MyST does on any page)."""
        if key in self.config.substitutions and key not in within:
            return self(str(self.config.substitutions[key]), names, within | {key})
        return f"{{{{ {key} }}}}"
