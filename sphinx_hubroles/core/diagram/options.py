"""The options of `roles-diagram` as converters from their written text: the directive uses
them as its option_spec, and `sphinx-hubroles check` reads a scanned directive with them, so
both see the same diagram."""

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
        raise ValueError("argument required but none supplied")
    return value


def depth(argument: str | None) -> int:
    value = int((argument or "").strip())
    if value < 0:
        raise ValueError("negative value; must be positive or zero")
    return value


def text(argument: str | None) -> str:
    if argument is None or not argument.strip():
        raise ValueError("argument required but none supplied")
    return argument


def choice(values: tuple[str, ...], upper: bool = False) -> Callable[[str | None], str]:
    """A converter for one of `values`, in either case."""

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        value = value.upper() if upper else value.lower()
        if value not in values:
            raise ValueError(f"{argument!r} is not one of {', '.join(values)}")
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


def convert_options(written: dict[str, str]) -> dict | None:
    """Written option texts converted as the directive converts them; None if one is invalid
    or unknown (docutils reports those in the build, in its own words)."""
    try:
        return {key: OPTION_SPEC[key](value) for key, value in written.items()}
    except (KeyError, ValueError):
        return None
