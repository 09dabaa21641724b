"""Colours of diagram lines: `#rrggbb` only (what dot, CSS, PDF and PNG all draw the same),
their contrast against the page (WCAG 1.4.11 asks 3:1 for the parts of a graphic one needs to
understand it), and whether two of them are too close to tell apart.
"""

from __future__ import annotations

import functools
import math
import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

# The pages a diagram is drawn on. Light: every supported theme's page is white. Dark: the
# lighter of furo's (#131416) and pydata-sphinx-theme's (#14181e) backgrounds.
LIGHT_PAGE = "#ffffff"
DARK_PAGE = "#14181e"
MIN_CONTRAST = 3.0

# Two line colours closer than this (CIE76 distance in L*a*b*) are hard to tell apart in a
# thin line. The built-in palette's closest pair is 29 apart.
SIMILAR = 20.0


def is_hex_colour(text: str) -> bool:
    return HEX_COLOUR.fullmatch(text) is not None


def _channels(colour: str) -> tuple[float, float, float]:
    """The linear sRGB channels of `#rrggbb`."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def luminance(colour: str) -> float:
    r, g, b = _channels(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@functools.lru_cache(maxsize=1024)  # a few dozen colours, compared again and again
def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = _channels(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def similar(one: str, other: str) -> bool:
    return math.dist(_lab(one), _lab(other)) < SIMILAR


def mix(colour: str, towards: str, share: float) -> str:
    """`colour` moved `share` (0 to 1) of the way to `towards`, in sRGB."""
    parts = [round(int(colour[i:i + 2], 16) * (1 - share) + int(towards[i:i + 2], 16) * share)
             for i in (1, 3, 5)]
    return "#" + "".join(f"{part:02x}" for part in parts)


@functools.lru_cache(maxsize=1024)
def readable_on(colour: str, page: str) -> str:
    """`colour` itself if it has MIN_CONTRAST against `page`, else the first mix of it towards
    black or white (whichever is farther from the page), in steps of 5%, that has."""
    away = "#000000" if luminance(page) > 0.5 else "#ffffff"
    for step in range(21):
        candidate = mix(colour, away, step / 20)
        if contrast(candidate, page) >= MIN_CONTRAST:
            return candidate
    return away
