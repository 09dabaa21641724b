"""hubroles_dot_timeout: its default and its bounds, checked when the configuration is read,
apart from the drawing code (render.py), which a site without diagrams never loads."""

from __future__ import annotations

DEFAULT_TIMEOUT = 60
# Longer than any real layout; Python's subprocess cannot wait much past 24 days anyway.
MAX_TIMEOUT = 86_400


def timeout_problem(value: object) -> str | None:
    """Why `value` cannot be hubroles_dot_timeout, or None if it can."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and 0 < value <= MAX_TIMEOUT:  # false for nan
        return None
    return (f"hubroles_dot_timeout = {value!r} in conf.py is not a usable number of seconds: "
            f"give a positive number, at most {MAX_TIMEOUT:,} (one day)")
