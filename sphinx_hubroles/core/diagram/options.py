"""The options of `roles-diagram` as converters from their written text, and the converters
the other directives' tables share. The build and `sphinx-hubroles check` both read a
directive's options with them (core/options.py), so both see the same diagram and report the
same bad value. A converter raises ValueError saying what to write instead."""

from __future__ import annotations

from collections.abc import Callable

from .layout import DIRECTIONS
from .selection import DiagramSpec

EDGE_LABELS = ("auto", "on", "off")
ON_OFF = ("on", "off")
SHOW_HIDE = ("show", "hide")
ALIGNS = ("left", "center", "right")


def id_list(argument: str | None) -> tuple[str, ...]:
    """'a, B,,a' -> ('a', 'b'): ids, lower-cased, once each, in the order written."""
    items = [item.strip().lower() for item in (argument or "").split(",")]
    return tuple(dict.fromkeys(item for item in items if item))


def one_id(argument: str | None) -> str:
    value = (argument or "").strip().lower()
    if not value:
        raise ValueError("give one id")
    return value


def whole_number(argument: str | None, least: int) -> int:
    """A whole number of at least `least`, written in ASCII digits."""
    value = (argument or "").strip()
    try:  # ASCII digits only: int() would take "٣", "1_000" and " +3"
        number = int(value) if value.isascii() and value.isdigit() else None
    except ValueError:  # more digits than Python turns into a number
        number = None
    if number is None or number < least:
        raise ValueError(f"use a whole number, {least} or more")
    return number


def depth(argument: str | None) -> int:
    return whole_number(argument, 0)


def text(argument: str | None) -> str:
    if argument is None or not argument.strip():
        raise ValueError("give a text")
    return argument


def choice(values: tuple[str, ...], upper: bool = False) -> Callable[[str | None], str]:
    """A converter for one of `values`, in either case."""

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        value = value.upper() if upper else value.lower()
        if value not in values:
            raise ValueError(f"use one of {', '.join(values)}")
        return value

    return convert


OPTION_SPEC: dict[str, Callable[[str | None], object]] = {
    "roles": id_list,
    "groups": id_list,
    "relations": id_list,
    "focus": one_id,
    "depth": depth,
    "context": choice(ON_OFF),
    "isolated": choice(SHOW_HIDE),
    "direction": choice(DIRECTIONS, upper=True),
    "edge-labels": choice(EDGE_LABELS),
    "caption": text,
    "alt": text,
    "name": text,
    "align": choice(ALIGNS),
    "status": id_list,
}


def diagram_spec(options: dict) -> DiagramSpec:
    """What the converted options choose to show."""
    return DiagramSpec(options.get("roles", ()), options.get("groups", ()),
                       options.get("relations", ()), options.get("focus"),
                       options.get("depth", 1),
                       status=options.get("status") or DiagramSpec.status,
                       context=options.get("context") == "on",
                       isolated=options.get("isolated"))
