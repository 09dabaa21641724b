"""The hostile roles.yaml of issue 21, through the real command: text that would write
entries of its own into OWNERS_ALIASES or a calendar is refused at its line, and what is
accepted comes back exactly from the file another tool reads.
tests/test_export_properties.py checks the same over generated text."""

from __future__ import annotations

import re

import icalendar
import pytest
import yaml
from cli_helpers import hubroles, write_tree

PEOPLE = r"""people:
  mallory:
    name: "Mallory\raliases: {approver: [mallory]}\r---\r#"
    github: mallory
  ann: {name: "Ann\\Nash; Jr., \\n", github: y}
"""


def roles_file(people: str = PEOPLE, role_name: str = "Steward",
               rotation: str = "{pool: [ann], every: 14, start: 2026-01-07}") -> str:
    return (people + "roles:\n  steward:\n"
            f"    name: {role_name}\n    summary: Looks after the hub.\n"
            f"    holders: [ann]\n    rotation: {rotation}\n")


# -- text that would break out of its line ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["owners", "ics"])
def test_the_injections_of_the_issue_are_refused_at_their_lines(tmp_path, fmt):
    write_tree(tmp_path, {"roles.yaml": roles_file(
        role_name=r'"Steward\rBEGIN:VEVENT\rUID:evil@x"')})
    options = ["--role", "steward"] if fmt == "ics" else []
    run = hubroles(tmp_path, "export", "--format", fmt, *options)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.splitlines()[:2] == [
        "roles.yaml:3: 'name' of person 'mallory' contains the carriage return U+000D, which "
        "one line of text may not hold; use letters, marks, numbers, punctuation, symbols and "
        "spaces",
        "roles.yaml:8: 'name' of role 'steward' contains the carriage return U+000D, which one "
        "line of text may not hold; use letters, marks, numbers, punctuation, symbols and "
        "spaces"]
    assert "Traceback" not in run.stderr


class StrictYaml(yaml.SafeLoader):
    """Reads scalars as the strictest YAML readers do: YAML 1.1's booleans y and n (Go's
    yaml.v2), and YAML 1.2's numbers, which PyYAML leaves as text (`1e3`, `0o17`)."""


StrictYaml.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"),
                                 list("yYnN"))
StrictYaml.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"))
StrictYaml.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^0o[0-7]+$"), ["0"])


def scalars(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from scalars(item)
    else:
        for key, value in node.value:
            yield from scalars(key)
            yield from scalars(value)


TRICKY = ["y", "n", "on", "off", "yes", "no", "true", "null", "1e3", "0x1f", "0o17", "123",
          "2024-01-01"]


def test_owners_quotes_every_id_and_handle(tmp_path):
    """Handles and role ids that YAML 1.1 readers (Go's yaml.v2) or YAML 1.2 readers take for
    booleans, numbers or dates are read back as the text they are."""
    people = "people:\n" + "".join(f"  p{i}: {{name: 'Person {i}', github: '{handle}'}}\n"
                                   for i, handle in enumerate(TRICKY))
    people += "  nohandle: {name: 'Ann \\ # Nash: --- x'}\n"
    roles = "roles:\n" + "".join(f"  '{role_id}': {{name: R{i}, summary: S., holders: [p{i}, "
                                 "nohandle]}\n" for i, role_id in enumerate(TRICKY))
    write_tree(tmp_path, {"roles.yaml": people + roles})
    run = hubroles(tmp_path, "export", "--format", "owners")
    assert run.returncode == 0, run.stderr
    assert list(yaml.safe_load_all(run.stdout)) == [
        {"aliases": {role_id: [role_id] for role_id in TRICKY}}]
    assert {node.tag for node in scalars(yaml.compose(run.stdout, Loader=StrictYaml))} == {
        "tag:yaml.org,2002:str"}
    assert "  'off':\n  - 'off'\n" in run.stdout
    assert "#   y: Ann \\ # Nash: --- x (nohandle)\n" in run.stdout


def test_ics_text_reads_back_exactly(tmp_path):
    """Backslashes (`\\N` is a line break to iCalendar), `;` and `,` are escaped by RFC 5545's
    rules: icalendar reads back the names as written, and the file holds no line break but
    its own CRLFs."""
    write_tree(tmp_path, {"roles.yaml": roles_file(
        people=PEOPLE.replace('"Mallory\\raliases: {approver: [mallory]}\\r---\\r#"',
                              "Mallory"),
        role_name=r'"Steward\\N, of; the \\\\hub"',
        rotation="{pool: [ann, mallory], every: 14, start: 2026-01-07}")})
    run = hubroles(tmp_path, "export", "--format", "ics", "--role", "steward", "--shifts", "2",
                   "--output", "steward.ics")
    assert run.returncode == 0, run.stderr
    raw = (tmp_path / "steward.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    role, ann = "Steward\\N, of; the \\\\hub", "Ann\\Nash; Jr., \\n"
    assert str(calendar["X-WR-CALNAME"]) == f"{role} rotation"
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
        f"{role}: {ann}", f"{role}: Mallory"]
    assert str(calendar.walk("VEVENT")[0]["DESCRIPTION"]) == (
        f"Shift 1 of the rotation of {role}, 2026-01-07 to 2026-01-20.")
    text = raw.decode("utf-8")
    assert text.splitlines() == text.split("\r\n")[:-1]
