"""The options of the extension's directives, read one way for the build and for
`sphinx-hubroles check`.

Each directive has one table, option name -> converter, next to what the directive shows
(core/diagram/options.py, core/table.py, core/directory.py, core/glossary.py); DIRECTIVES
names them. A converter takes the text written after `:option:` (None when nothing is) and
returns the value, or raises ValueError with what to write instead. Adding an option is adding
a row to its directive's table.

The Sphinx directives do not hand their tables to docutils or MyST, which would each report a
bad value in their own words (an error that drops the directive in reStructuredText, a warning
that drops the option in MyST): they take every option as written (`written_options`) and read
it here, as `check` does, so both report the same problem at the same line, and both go on
without the option.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import messages
from .diagram import options as diagram
from .directory import PEOPLE_OPTIONS, ROTATION_OPTIONS
from .glossary import GLOSSARY_OPTIONS
from .table import OPTION_SPEC as TABLE_OPTIONS

Converter = Callable[[str | None], object]


@dataclass(frozen=True)
class DirectiveOptions:
    """One directive's options, and the warning subtype its option problems are logged with
    (the subtype of its other problems)."""

    table: Mapping[str, Converter]
    subtype: str


DIRECTIVES: dict[str, DirectiveOptions] = {
    "roles-diagram": DirectiveOptions(diagram.OPTION_SPEC, "diagram"),
    "roles-table": DirectiveOptions(TABLE_OPTIONS, "table"),
    "roles-people": DirectiveOptions(PEOPLE_OPTIONS, "people"),
    "roles-rotation": DirectiveOptions(ROTATION_OPTIONS, "people"),
    # Its role entries link to the roles' cards.
    "roles-glossary": DirectiveOptions(GLOSSARY_OPTIONS, "card"),
}


def read_options(directive: str, written: Mapping[str, str | None]
                 ) -> tuple[dict[str, object], list[str]]:
    """The values of the options written for `directive`, and a message for each option that
    is unknown or whose value is invalid (left out of the values, so that it takes its
    default)."""
    table = DIRECTIVES[directive].table
    values: dict[str, object] = {}
    problems: list[str] = []
    for name, text in written.items():
        convert = table.get(name)
        if convert is None:
            problems.append(messages.unknown_option(name, directive, table))
            continue
        try:
            values[name] = convert(text)
        except ValueError as error:
            problems.append(messages.invalid_option(name, directive, text, str(error)))
    return values, problems


def _as_written(argument: str | None) -> str | None:
    return argument


class _AnyOption(dict):
    """Every option name, known or not, taken as written (a mapping that docutils and MyST
    look options up in, as Sphinx's autodoc does with its own)."""

    def __missing__(self, name: str) -> Converter:
        return _as_written

    def __bool__(self) -> bool:
        return True


def written_options(directive: str) -> dict[str, Converter]:
    """The option_spec of the Sphinx directive `directive`: its options by name (for tools
    that list them), each taken as written, and any other name too, so that read_options
    judges them all."""
    return _AnyOption((name, _as_written) for name in DIRECTIVES[directive].table)
