"""Property tests of the exports (issue 21): whatever text roles.yaml holds in any field, the
loader refuses one-line text that holds a control character or a line or paragraph separator,
at its line, and what it accepts comes back exactly from each export, read by the consuming
tool's own parser: `owners` by PyYAML (and with the strictness of YAML 1.1 readers such as
Go's yaml.v2), `ics` by icalendar, `csv` by Python's csv module, `json` by json, and `dot` by
Graphviz itself (its SVG, read as XML).

The text comes from an alphabet dense in what these formats read as syntax: control
characters, every line and paragraph separator, backslashes and quotes, `#`, `:`, `---`,
YAML's indicators and iCalendar's `\\N`, `;` and `,`. Example counts keep each test under a
few seconds.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import icalendar
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_hostile_exports import StrictYaml, scalars

from sphinx_hubroles.core.diagram.dotsource import full_diagram_dot
from sphinx_hubroles.core.diagram.layout import LABEL_PAD
from sphinx_hubroles.core.export import to_csv, to_json
from sphinx_hubroles.core.holders import to_ics, to_owners
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.problems import RolesFileError
from sphinx_hubroles.core.values import BAD_CHAR_RE

SETTINGS = dict(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PATH = Path("roles.yaml")

# What one line of text may not hold, by Unicode category: control characters, the line and
# paragraph separators, surrogates, private-use and unassigned code points; and the byte
# order mark, which readers drop.
REFUSED = {"Cc", "Zl", "Zp", "Cs", "Co", "Cn"}
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
SYNTAX = ["\\", "\\N", "\\n", "\\;", "\\,", ";", ",", '"', "'", "#", " #", ":", ": ", "---",
          "...", "- ", "? ", "&a", "*a", "!x", "|", ">", "%", "@", "`", "{", "}", "[", "]",
          "~", "null", "y", "no", "on", "=1+2", "BEGIN:VEVENT", "END:VCALENDAR", "UID:x",
          "<b>", "&amp;", "->", "  ", "\u200d", "\u202e", "\u2060", "👩\u200d💻",
          "Zoë", "מנהל", "مه\u200cسا"]
BREAKERS = ["\t", "\r", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c",
            "\x00", "\x1b", "\x7f", "\x9b", "\ufeff", "\ue000", "\u0378"]
GOOD_CHARS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs", "Cf"],
                           exclude_characters="\ufeff")


def texts(breakers: bool) -> st.SearchStrategy[str]:
    """Text dense in syntax; with `breakers`, now and then a character a line may not hold."""
    parts = [st.sampled_from(SYNTAX), st.text(GOOD_CHARS, max_size=4)]
    if breakers:
        parts.append(st.sampled_from(BREAKERS))
    return st.lists(st.one_of(*parts), max_size=6).map("".join)


def refused(text: str) -> bool:
    """Whether one line of text is refused: a character of REFUSED once the spaces, tabs and
    line feeds around it are stripped."""
    return any(unicodedata.category(char) in REFUSED or char == "\ufeff"
               for char in text.strip(" \t\n"))


# Ids and handles that YAML readers take for something else when unquoted.
TRICKY_IDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "1e3",
              "0x1f", "0o17", "0b101", "123", "2024-01-01", "1-2"]
IDS = st.one_of(st.sampled_from(TRICKY_IDS), st.from_regex(r"[a-z0-9]{1,5}(-[a-z0-9]{1,3})?",
                                                           fullmatch=True))
HANDLES = st.one_of(st.sampled_from([*TRICKY_IDS, "Y", "N", "NO", "On", "TRUE", "Null", "~"]),
                    st.from_regex(r"[A-Za-z0-9]{1,6}", fullmatch=True)).filter(
                        lambda handle: handle != "~")


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar that holds exactly those characters."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == " " or (char.isprintable() and not char.isspace()):
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


@dataclass
class Source:
    """A roles.yaml written line by line, with the line and value of each text field."""

    lines: list[str] = field(default_factory=list)
    one_line: dict[int, str] = field(default_factory=dict)  # line -> one-line text written

    def add(self, line: str, text: str | None = None) -> None:
        self.lines.append(line)
        if text is not None:
            self.one_line[len(self.lines)] = text

    def data(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode()


@st.composite
def documents(draw, breakers: bool = True) -> tuple[Source, dict]:
    """A roles.yaml with arbitrary text in every one-line field, and what each export should
    give back. Suffixes keep names unique, as roles.yaml requires. With `breakers`, half the
    documents have characters a line may not hold in their one-line fields."""
    text = texts(breakers and draw(st.booleans()))
    people_ids = draw(st.lists(IDS, min_size=2, max_size=3, unique=True))
    role_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    handles = draw(st.lists(HANDLES, min_size=len(people_ids), max_size=len(people_ids),
                            unique_by=str.lower))
    src, want = Source(), {"roles": {}, "people": {}, "terms": {}}
    label, inverse, group = (draw(text) + " L", draw(text) + " I", draw(text) + " G")
    src.add("relations:")
    src.add("  rel:")
    src.add(f"    label: {quoted(label)}", label)
    src.add(f"    inverse: {quoted(inverse)}", inverse)
    src.add("groups:")
    src.add("  grp:")
    src.add(f"    name: {quoted(group)}", group)
    want.update(label=label.strip(), inverse=inverse.strip(), group=group.strip(),
                related=role_ids[0])  # every role's relation goes to the first
    src.add("people:")
    for index, (person, handle) in enumerate(zip(people_ids, handles, strict=True)):
        name, affiliation = draw(text) + f" P{index}", draw(text) + " O"
        with_handle = draw(st.booleans())
        src.add(f"  {quoted(person)}:")
        src.add(f"    name: {quoted(name)}", name)
        src.add(f"    affiliation: {quoted(affiliation)}", affiliation)
        if with_handle:
            src.add(f"    github: {quoted(handle)}")
        want["people"][person] = {"id": person, "name": name.strip(),
                                  "github": handle if with_handle else None, "url": None,
                                  "affiliation": affiliation.strip()}
    src.add("roles:")
    for index, role_id in enumerate(role_ids):
        name, alias, title = draw(text) + f" R{index}", draw(text) + f" A{index}", draw(text) + "T"
        summary = draw(texts(True).filter(lambda t: not BAD_CHAR_RE.search(t))) + " S"
        duty = draw(texts(True).filter(lambda t: not BAD_CHAR_RE.search(t))) + " D"
        holders = draw(st.lists(st.sampled_from(people_ids), max_size=2, unique=True))
        src.add(f"  {quoted(role_id)}:")
        src.add(f"    name: {quoted(name)}", name)
        src.add(f"    aliases: [{quoted(alias)}]", alias)
        src.add("    group: grp")
        src.add(f"    summary: {quoted(summary)}")
        src.add(f"    responsibilities: [{quoted(duty)}]")
        src.add("    sections:")
        src.add(f"      - title: {quoted(title)}", title)
        src.add("        text: x")
        src.add(f"    relations: {{rel: [{quoted(role_ids[0])}]}}")
        src.add(f"    holders: [{', '.join(map(quoted, holders))}]")
        src.add(f"    rotation: {{pool: [{', '.join(map(quoted, people_ids))}], every: 7, "
                "start: 2026-01-07, overlap: 2}")
        want["roles"][role_id] = {
            "name": name.strip(), "aliases": [alias.strip()], "summary": summary.strip(),
            "responsibilities": [duty.strip()], "title": title.strip(), "holders": holders}
    src.add("terms:")
    term, definition = draw(text) + " T", draw(texts(False)) + " D"
    src.add(f"  {quoted(term)}: {quoted(definition)}", term)
    want["terms"][term.strip()] = definition.strip("\n")  # a block's lines keep their spaces
    return src, want


def load(src: Source):
    """The model, or None once the refusal is checked: every one-line field that holds a
    character a line may not hold is reported at its line, and nothing else is."""
    try:
        model = parse_roles(src.data(), PATH)
    except RolesFileError as error:
        bad = {line for line, text in src.one_line.items() if refused(text)}
        assert bad, error
        assert {problem.line for problem in error.problems} == bad, error
        for problem in error.problems:
            assert re.search(r"U\+[0-9A-F]{4,6}|must fit on one line", problem.message), problem
        return None
    assert not any(refused(text) for text in src.one_line.values()), src.data()
    return model


@settings(max_examples=80, **SETTINGS)
@given(documents())
def test_one_line_fields_are_refused_at_their_line_or_export_exactly(doc):
    src, want = doc
    model = load(src)
    event("refused" if model is None else "exported")
    if model is None:
        return
    check_owners(model, want)
    check_json(model, want)
    check_csv(model, want)
    for role_id in want["roles"]:
        check_ics(model, want, role_id)


# -- owners -------------------------------------------------------------------------------------


def check_owners(model, want) -> None:
    text = to_owners(model)
    expected = {}
    unlisted = []
    for role_id, role in want["roles"].items():
        handles = [want["people"][p]["github"] for p in role["holders"]]
        if any(handles):
            expected[role_id] = [handle for handle in handles if handle]
        unlisted += [f"#   {role_id}: {want['people'][p]['name']} ({p})"
                     for p in role["holders"] if not want["people"][p]["github"]]
    documents = list(yaml.safe_load_all(text))
    assert documents == [{"aliases": expected}], text
    # No scalar is read as anything but text, by the strictest readers either.
    assert {node.tag for node in scalars(yaml.compose(text, Loader=StrictYaml))} == {
        "tag:yaml.org,2002:str"}
    # Whatever a reader takes for a line break, the comments stay comments.
    lines = text.splitlines()
    assert lines == text.split("\n")[:-1]
    comments = [line for line in lines if line.startswith("#")]
    assert comments[3:] == unlisted


# -- json and csv -------------------------------------------------------------------------------


def check_json(model, want) -> None:
    import json

    data = json.loads(to_json(model))
    assert data["relations"]["rel"]["label"] == want["label"]
    assert data["relations"]["rel"]["inverse"] == want["inverse"]
    assert data["groups"]["grp"]["name"] == want["group"]
    assert data["people"] == want["people"]
    assert data["terms"] == want["terms"]
    for role_id, role in want["roles"].items():
        got = data["roles"][role_id]
        assert (got["name"], got["aliases"], got["summary"], got["responsibilities"]) == (
            role["name"], role["aliases"], role["summary"], role["responsibilities"])
        assert got["sections"] == [{"title": role["title"], "text": "x", "items": []}]


def spreadsheet_text(cell: str) -> str:
    """The documented transformation: a `'` before a cell that would start a formula."""
    return "'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell


def check_csv(model, want) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(model), newline="")))
    assert rows[1:] == [
        [spreadsheet_text(cell) for cell in (role_id, role["name"], "grp", "active", "",
                                             role["summary"], "",
                                             "\n".join(role["responsibilities"]), "", "", "",
                                             "", holder_cell(want, role), "",
                                             f"rel: {want['related']}")]
        for role_id, role in want["roles"].items()]


def holder_cell(want, role) -> str:
    """The CSV's holders: each current holder's name and id on a line; the rotation holds a
    role that names nobody."""
    if not role["holders"]:
        return "by rotation"
    return "\n".join(f"{want['people'][p]['name']} ({p})" for p in role["holders"])


# -- ics ----------------------------------------------------------------------------------------

ICS_NAMES = {"BEGIN", "END", "VERSION", "PRODID", "X-WR-CALNAME", "UID", "DTSTAMP", "DTSTART",
             "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP"}


def check_ics(model, want, role_id: str, shifts: int = 4) -> None:
    role, people = want["roles"][role_id], want["people"]
    pool = list(people)
    raw = to_ics(model, role_id, shifts=shifts)
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]) == f"{role['name']} rotation"
    events = calendar.walk("VEVENT")
    expected = []
    for index in range(shifts):
        first = date(2026, 1, 7) + timedelta(days=7 * index)
        last = first + timedelta(days=8)
        following = people[pool[(index + 1) % len(pool)]]["name"]
        expected.append((
            f"{role['name']}: {people[pool[index % len(pool)]]['name']}",
            f"Shift {index + 1} of the rotation of {role['name']}, {first} to {last}. Overlaps "
            f"the next shift, {following}'s, from {first + timedelta(days=7)} to {last}.",
            first, last + timedelta(days=1)))
    assert [(str(e["SUMMARY"]), str(e["DESCRIPTION"]), e["DTSTART"].dt, e["DTEND"].dt)
            for e in events] == expected
    # Lines end in CRLF, and nothing else a reader may take for a line break (CR or LF
    # alone, NEL, U+2028, U+2029...) is in the file: split at any of them, the lines are the
    # same. Each is a property this export writes, or the folded rest of one (a space first).
    text = raw.decode("utf-8")
    assert not re.search(f"[{LINE_BREAKS}]", text.replace("\r\n", ""))
    lines = text.split("\r\n")
    assert lines[-1] == "" and text.splitlines() == lines[:-1]
    names = {re.split("[:;]", line)[0] for line in lines[:-1] if not line.startswith(" ")}
    assert names == ICS_NAMES
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == shifts


# -- a rotation by slot (issue 23) ------------------------------------------------------------


@st.composite
def slot_documents(draw) -> tuple[Source, list[tuple[str, str, str]]]:
    """A role whose rotation is by slot: each slot's organization one line of arbitrary text,
    held by a person whose name is one too, with a note of any MyST text; and, for each slot,
    (organization, person's name, note) as written."""
    text = texts(draw(st.booleans()))
    src, slots = Source(), []
    src.add("people:")
    count = draw(st.integers(1, 3))
    for index in range(count):
        name = draw(text) + f" P{index}"
        src.add(f"  p{index}: {{name: {quoted(name)}}}", name)
    src.add("roles:")
    src.add("  steward:")
    src.add("    name: Steward")
    src.add("    summary: S.")
    src.add("    rotation:")
    src.add("      slots:")
    for index in range(count):
        organization = draw(text) + " O"
        note = draw(texts(True).filter(lambda t: not BAD_CHAR_RE.search(t))) + " N"
        src.add(f"        - date: 2026-0{index + 1}-01")
        src.add(f"          organization: {quoted(organization)}", organization)
        src.add(f"          person: p{index}")
        src.add(f"          note: {quoted(note)}")
        slots.append((organization.strip(), f"P{index}", note.strip()))
    return src, slots


@settings(max_examples=60, **SETTINGS)
@given(slot_documents())
def test_slot_events_are_refused_at_their_line_or_read_back_exactly(doc):
    """What a slot's event says comes back exactly, its note put on one line (each run of
    white space a space, a character one line may not hold U+FFFD), or the organization or
    name that one line may not hold is refused at its line."""
    src, slots = doc
    model = load(src)
    event("refused" if model is None else "exported")
    if model is None:
        return
    raw = to_ics(model, "steward")
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    people = {person.id: person.name for person in model.people.values()}
    expected = []
    for index, (organization, person, note) in enumerate(slots):
        first = date(2026, index + 1, 1)
        days = (f"{first} to {date(2026, index + 2, 1) - timedelta(days=1)}"
                if index + 1 < len(slots) else f"from {first}, until the next slot")
        name = people[f"p{index}"]
        assert name.endswith(person)
        words = "".join("\ufffd" if refused(char) else char for char in " ".join(note.split()))
        expected.append((f"Steward: {name}", f"Slot {index + 1} of the rotation of Steward, "
                         f"{days}. It belongs to {organization}, filled by {name}. {words}"))
    assert [(str(e["SUMMARY"]), str(e["DESCRIPTION"])) for e in events] == expected
    text = raw.decode("utf-8")
    assert not re.search(f"[{LINE_BREAKS}]", text.replace("\r\n", ""))


# -- dot ----------------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def shown(text: str, limit: int = 200) -> str:
    """What a diagram shows of a text, as documented: one line, runs of white space one
    space, cut at 200 characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def drawn_texts(svg: ET.Element, css_class: str) -> list[str]:
    """The words dot drew in each group of `css_class`, a label's lines joined by spaces,
    each line without the en spaces that pad an edge's label (layout.LABEL_PAD)."""
    return [" ".join("".join(t.itertext()).removeprefix(LABEL_PAD).removesuffix(LABEL_PAD)
                     for t in g.iter(f"{SVG}text"))
            for g in svg.iter(f"{SVG}g") if css_class in g.get("class", "").split()]


@settings(max_examples=12, **SETTINGS)
@given(documents(breakers=False))
def test_dot_export_draws_exactly_the_names(doc):
    src, want = doc
    model = load(src)
    assert model is not None, "text the loader should accept"
    done = subprocess.run(["dot", "-Tsvg"], input=full_diagram_dot(model).encode(),
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    svg = ET.fromstring(done.stdout)
    assert sorted(drawn_texts(svg, "hubroles-role")) == sorted(
        shown(role["name"]) for role in want["roles"].values())
    assert drawn_texts(svg, "hubroles-group") == [shown(want["group"])]
    assert drawn_texts(svg, "hubroles-edge") == [shown(want["label"])] * len(want["roles"])
