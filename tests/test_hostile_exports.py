"""The hostile roles.yaml of issue 21, through the real command and real builds: text that
would write entries of its own into OWNERS_ALIASES or a calendar is refused at its line; what
is accepted comes back exactly from the file another tool reads; and the days and shifts of a
rotation stay within the calendar, each bound reported where it was written, never as a
traceback. tests/test_export_properties.py checks the same over generated text."""

from __future__ import annotations

import re
from datetime import date, timedelta

import icalendar
import pytest
import yaml
from cli_helpers import hubroles, write_tree
from conftest import sphinx_build

from sphinx_hubroles.core import fields as F
from sphinx_hubroles.core.model import Rotation

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


# -- the days and shifts of a rotation ---------------------------------------------------------


def test_the_bounds_leave_room_for_every_shift_a_schedule_shows():
    """The last day of the shift after the last one shown, from the latest start, with the
    longest shifts and overlaps, is still a date (9999-12-31 is the last)."""
    rotation = Rotation(("a", "b"), F.MAX_SHIFT_DAYS, F.LATEST_START, 1,
                        F.MAX_SHIFT_DAYS - 1)
    first = rotation.first_shift_on(F.LATEST_START)
    shifts = list(rotation.schedule(F.LATEST_START, F.MAX_SHIFTS))
    assert [shift.index for shift in shifts] == list(range(first, first + F.MAX_SHIFTS))
    assert rotation.shift(shifts[-1].index + 1).last + timedelta(days=1) < date.max


def test_the_schedule_is_made_one_shift_at_a_time_and_the_default_is_capped():
    rotation = Rotation(tuple(f"p{i}" for i in range(2_000)), 7, date(2026, 1, 7), 1)
    schedule = rotation.schedule()
    assert iter(schedule) is schedule  # a generator, not a list of every shift
    assert sum(1 for _shift in schedule) == F.MAX_SHIFTS


@pytest.mark.parametrize("options, message", [
    (["--from", "9999-12-31"], "argument --from: 9999-12-31 is after 2999-12-31, the latest "
     "day a schedule may start from, so that its days stay within the calendar"),
    (["--shifts", "1000000000"], "argument --shifts: 1,000,000,000 shifts are more than a "
     "schedule shows; ask for 1,000 at most"),
])
def test_export_ics_bounds_are_usage_errors(tmp_path, options, message):
    write_tree(tmp_path, {"roles.yaml": roles_file(people=PEOPLE.replace(
        '"Mallory\\raliases: {approver: [mallory]}\\r---\\r#"', "Mallory"))})
    run = hubroles(tmp_path, "export", "--format", "ics", "--role", "steward", *options)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines()[-1] == f"sphinx-hubroles export: error: {message}"


def test_the_latest_rotation_with_the_longest_shifts_exports_every_shift(tmp_path):
    write_tree(tmp_path, {"roles.yaml": roles_file(
        people="people:\n  ann: {name: Ann}\n  bo: {name: Bo}\n",
        rotation="{pool: [ann, bo], every: 1830, start: 2999-12-31, overlap: 1829}")})
    run = hubroles(tmp_path, "export", "--format", "ics", "--role", "steward", "--from",
                   "2999-12-31", "--shifts", "1000", "--output", "steward.ics")
    assert run.returncode == 0, run.stderr
    raw = (tmp_path / "steward.ics").read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert len(events) == 1000
    start = date(2999, 12, 31)
    assert (events[-1]["DTSTART"].dt, events[-1]["DTEND"].dt) == (
        start + timedelta(days=999 * 1830), start + timedelta(days=1000 * 1830 + 1829))


ROTATION_PAGES = {
    "index.md": "# Rotation\n\n```{roles-rotation} steward\n:from: 9999-12-31\n```\n\n"
                "```{roles-rotation} steward\n:shifts: 1000000000\n```\n",
    "other.rst": ":orphan:\n\nOther\n=====\n\n.. roles-rotation:: steward\n"
                 "   :from: 9999-12-31\n\n.. roles-rotation:: steward\n   :shifts: 1000000000\n",
}


def test_rotation_options_past_the_bounds_warn_at_the_directive(project):
    srcdir = project({"roles.yaml": roles_file(people="people:\n  ann: {name: Ann}\n"),
                      **ROTATION_PAGES})
    result = sphinx_build(srcdir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    late = "9999-12-31 is after 2999-12-31, the latest day a schedule may start from"
    many = "1,000,000,000 shifts are more than a schedule shows; ask for 1,000 at most"
    # Both markups report a bad option at the directive's line (core/options.py).
    assert [w.split(":")[:2] for w in result.warnings()] == [
        ["index.md", "3"], ["index.md", "7"], ["other.rst", "6"], ["other.rst", "9"]]
    assert (result.stderr.count(late), result.stderr.count(many)) == (2, 2)
    assert sphinx_build(srcdir, "-W", "-E").returncode == 1


def test_the_latest_rotation_builds(project):
    srcdir = project({
        "roles.yaml": roles_file(
            people="people:\n  ann: {name: Ann}\n  bo: {name: Bo}\n",
            rotation="{pool: [ann, bo], every: 1830, start: 2999-12-31, overlap: 1829}"),
        "index.md": "# Rotation\n\n```{roles-rotation} steward\n:from: 2999-12-31\n"
                    ":shifts: 3\n```\n\n```{role-card} steward\n```\n"})
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 0, result.stderr
    third = date(2999, 12, 31) + timedelta(days=2 * 1830)  # the third shift's first day
    assert f"hubroles-from-{third}" in result.html("index.html")


# -- the fields of a governance document (issue 23) --------------------------------------------


def test_owners_quotes_every_alias(tmp_path):
    """A role's own `owners-alias` and its team's name (`--alias team`) are aliases as a role's
    id is: quoted, so that no YAML reader takes `y`, `off` or `1e3` for anything but text."""
    aliases = [alias for alias in TRICKY if alias != "2024-01-01"] + ["2024-01-01"]
    people = "people:\n  ann: {name: Ann, github: ann}\n"
    roles = "roles:\n" + "".join(
        f"  r{i}: {{name: R{i}, summary: S., holders: [ann], owners-alias: '{alias}'}}\n"
        for i, alias in enumerate(aliases))
    roles += "  teamed: {name: T, summary: S., holders: [ann], team: '@org/1.5e3_x'}\n"
    write_tree(tmp_path, {"roles.yaml": people + roles})
    run = hubroles(tmp_path, "export", "--format", "owners", "--alias", "team")
    assert run.returncode == 0, run.stderr
    assert list(yaml.safe_load_all(run.stdout)) == [
        {"aliases": {**{alias: ["ann"] for alias in aliases}, "1.5e3_x": ["ann"]}}]
    assert {node.tag for node in scalars(yaml.compose(run.stdout, Loader=StrictYaml))} == {
        "tag:yaml.org,2002:str"}


SLOTS = r"""people:
  ann: {name: "Ann\\Nash; Jr., \\n", github: y}
  bo: {name: Bo}
roles:
  steward:
    name: Steward
    summary: Looks after the hub.
    rotation:
      slots:
        - {date: 2026-02-03, organization: "Org\\N; A, B", people: [ann, bo], person: ann,
           note: "release 2.1,\n  then \ue000 x"}
        - {date: 2026-03-03, person: bo}
"""


def test_slot_events_read_back_exactly_and_link_to_the_card(tmp_path):
    """A slot's event escapes its text as a shift's does; its note, which may go on over
    several lines, is put on one line, a character one line may not hold as U+FFFD; the URL
    of the card's page is percent-encoded."""
    write_tree(tmp_path, {"roles.yaml": SLOTS,
                          "steward duty é.md": "# Duty\n\n```{role-card} steward\n```\n"})
    run = hubroles(tmp_path, "export", "--format", "ics", "--role", "steward", "--base-url",
                   "https://example.org/hand/", "--output", "steward.ics")
    assert run.returncode == 0, run.stderr
    raw = (tmp_path / "steward.ics").read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    ann, org = "Ann\\Nash; Jr., \\n", "Org\\N; A, B"
    assert [(str(e["SUMMARY"]), str(e["DESCRIPTION"]), e["DTSTART"].dt, e["DTEND"].dt)
            for e in events] == [
        (f"Steward: {ann}", f"Slot 1 of the rotation of Steward, 2026-02-03 to 2026-03-02. It "
         f"belongs to {org}, filled by {ann}. release 2.1, then \ufffd x",
         date(2026, 2, 3), date(2026, 3, 3)),
        ("Steward: Bo", "Slot 2 of the rotation of Steward, from 2026-03-03, until the next "
         "slot. Held by Bo.", date(2026, 3, 3), date(2026, 3, 4))]
    assert {str(e["URL"]) for e in events} == {
        "https://example.org/hand/steward%20duty%20%C3%A9.html#roles-steward"}
    text = raw.decode("utf-8")
    assert text.splitlines() == text.split("\r\n")[:-1]


def test_an_event_link_is_a_web_address(tmp_path):
    write_tree(tmp_path, {"roles.yaml": SLOTS, "duty.md": "# Duty\n\n```{role-card} steward\n```\n",
                          "conf.py": "html_baseurl = 'javascript:alert(1)//'\n"})
    args = ("export", "--format", "ics", "--role", "steward")
    run = hubroles(tmp_path, *args, "--base-url", "javascript:alert(1)//")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines()[-1] == (
        "sphinx-hubroles export: error: --base-url 'javascript:alert(1)//' is not a web "
        "address; give the published site's, such as https://example.org/handbook/")
    run = hubroles(tmp_path, *args)
    assert run.returncode == 0, run.stderr
    assert not any("URL" in e for e in icalendar.Calendar.from_ical(run.stdout).walk("VEVENT"))
    assert "html_baseurl of conf.py is not a web address ('javascript:alert(1)//'); the " \
        "events carry no link" in run.stderr


def test_slots_stay_within_the_calendar(tmp_path):
    """Two slots on the calendar's first day export (the first lasts that day), and a slot
    after 2999-12-31, or a 1,001st slot, is refused at its line."""
    first = SLOTS.replace("2026-02-03", "0001-01-01").replace("2026-03-03", "0001-01-01")
    write_tree(tmp_path, {"roles.yaml": first})
    run = hubroles(tmp_path, "export", "--format", "ics", "--role", "steward")
    assert run.returncode == 0, run.stderr
    assert [(e["DTSTART"].dt, e["DTEND"].dt) for e in
            icalendar.Calendar.from_ical(run.stdout).walk("VEVENT")] == [
        (date(1, 1, 1), date(1, 1, 2)), (date(1, 1, 1), date(1, 1, 2))]
    write_tree(tmp_path, {"roles.yaml": SLOTS.replace("2026-03-03", "9999-12-31")})
    run = hubroles(tmp_path, "export", "--format", "ics", "--role", "steward")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.splitlines()[0] == (
        "roles.yaml:12: 'date' of a slot of 'rotation' of role 'steward': 9999-12-31 is after "
        "2999-12-31, the latest day a schedule may start from, so that its days stay within "
        "the calendar")
    many = SLOTS.split("      slots:\n")[0] + "      slots:\n" + "".join(
        "        - {date: 2026-01-01, person: bo}\n" for _ in range(F.MAX_SHIFTS + 1))
    write_tree(tmp_path, {"roles.yaml": many})
    run = hubroles(tmp_path, "check")
    assert run.returncode == 1
    assert run.lines[0] == "roles.yaml:9: " + (
        "'slots' of 'rotation' of role 'steward': 1,001 slots are more than a schedule shows; "
        "keep 1,000 at most")
