"""Reading the values of roles.yaml: texts, names, lists, items, statuses, URLs, mappings of
fields and ids, each checked and turned into the model's values, with a problem at its line
for anything else. The loader's validator (loader.py) reads every entry with these."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Collection

from . import fields as F
from .model import Item, Section, Steps, Text
from .problems import WARNING, Problem, Problems, did_you_mean, shown
from .scan.myst import nul_link_target
from .yamlsource import REPORTED, SCALAR_TAGS, STR, YMap, YScalar, YSeq, YValue

ID_RE = re.compile(F.ID_PATTERN)
# Characters that no page can show: controls other than tab and line breaks, unpaired
# surrogates and non-characters (double-quoted YAML escapes such as "\x1b" or "\ud800" can
# write them). An unpaired surrogate would even stop Sphinx from writing the page.
BAD_CHAR_RE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What one line of text (a name, an alias, a label, a title, a handle, an id given as a value)
# may hold, by Unicode category: letters, marks, numbers, punctuation, symbols, spaces, and
# format characters (the joiners of emoji and of Persian and Indic names, direction marks,
# zero-width spaces), none of which ends a line, except the byte order mark U+FEFF, which
# readers drop at the start of a text (icalendar's writer does). Everything else is refused:
# control characters (tab, CR, NEL...) and the line and paragraph separators, which end a line
# for YAML, iCalendar, JavaScript and other readers of the exports, surrogates, private-use
# code points and code points that the Unicode version of the running Python does not assign.
LINE_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
                             "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
                             "Zs", "Cf"})
BYTE_ORDER_MARK = "\ufeff"  # as a zero-width no-break space, U+2060 replaces it
# The refused characters that messages name in words; the others by their category.
CHARACTER_NAMES = {"\t": "the tab", "\r": "the carriage return", "\x85": "the next-line "
                   "character", "\u2028": "the line separator", "\u2029": "the paragraph "
                   "separator", BYTE_ORDER_MARK: "the byte order mark"}
CATEGORY_NAMES = {"Cc": "the control character", "Co": "the private-use character",
                  "Cs": "the unpaired surrogate", "Cn": "the unassigned code point"}
# Kinds read by `field_value`; the others have their own methods.
SIMPLE_KINDS = (F.NAME, F.INLINE, F.BLOCK, F.NAMES, F.INLINES, F.ITEMS, F.SECTIONS, F.STATUS,
                F.URL, F.BOOLEAN)
# Ids end up in URLs, anchors, file names and DOT: a 20,000-character id made dot fail.
MAX_ID_LENGTH = F.MAX_ID_LENGTH

# "Did you mean" compares a word with every candidate; in a file with thousands of roles and
# thousands of mistakes that would take minutes, so suggestions stop after this many
# comparisons (a file with a few mistakes gets every suggestion).
SUGGESTION_BUDGET = 200_000


class ValueReader:
    """Reads values for the validator; `problems` collects what is wrong with them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.suggestion_budget = SUGGESTION_BUDGET

    def items(self, value: tuple[int, YValue] | None, what: str):
        if value is None:
            return []
        line, node = value
        if is_reported(node):
            return []
        if not isinstance(node, YMap):
            self.problems.at(node.line, f"{what} must be a mapping, not {describe(node)}")
            return []
        return list(node.items.items())

    def id_mapping(self, value, what: str):
        """(id, line, value) for each entry of an id-keyed mapping with a valid id."""
        result = []
        for key, (line, node) in self.items(value, what):
            if len(key) > MAX_ID_LENGTH:
                self.problems.at(line, f"'{shown(key)}' is {len(key):,} characters long, "
                                 f"too long for an id in {what}: ids are limited to "
                                 f"{MAX_ID_LENGTH} characters")
                continue
            if not ID_RE.fullmatch(key):
                self.problems.at(line, f"'{shown(key)}' is not a valid id in {what}: use "
                                 "lower-case letters, digits and single '-' between them, "
                                 f"like '{suggest_id(key)}'")
                continue
            result.append((key, line, node))
        return result

    def mapping_fields(self, node: YMap, spec: tuple[F.Field, ...], where: str,
                       key_line: int | None = None) -> dict:
        """The known keys of `node`; unknown and missing required keys become problems.

        A missing key is reported at `key_line`, the line of the id the mapping belongs to."""
        known = {f.key for f in spec}
        for key, (line, _value) in node.items.items():
            if key not in known:
                self.problems.at(line, f"unknown key '{shown(key)}' in {where}"
                                 + (self.did_you_mean(key, known) or
                                    "; allowed keys: " + ", ".join(f.key for f in spec)))
        for f in spec:
            if f.required and f.key not in node.items:
                self.problems.at(key_line or node.line,
                                 f"{where} has no '{f.key}', which is required")
        return {key: item for key, item in node.items.items() if key in known}

    def scalar_text(self, node: YValue, what: str) -> YScalar | None:
        if not isinstance(node, YScalar):
            self.problems.at(node.line, f"{what} must be text, not {describe(node)}")
            return None
        if is_reported(node):
            return None
        if node.tag != STR:
            kind = SCALAR_TAGS[node.tag]
            if node.tag.endswith(":null") and node.value in ("", "~"):
                self.problems.at(node.line, f"{what} is empty; give it a value or remove it"
                                 + ("; a '#' after a space starts a YAML comment, so text "
                                    "starting with '#' must be in quotes"
                                    if node.comment_follows else ""))
            else:
                value = shown(node.value)
                self.problems.at(node.line, f"{what} must be text, but YAML reads "
                                 f"`{value}` as {kind}; put it in quotes: \"{value}\"")
            return None
        if not node.value.strip():
            self.problems.at(node.line, f"{what} is empty; give it a value or remove it")
            return None
        if not self.good_characters(node.value, what, node.text_line):
            return None
        return node

    def good_characters(self, text: str, what: str, line: int) -> bool:
        bad = BAD_CHAR_RE.search(text)
        if bad is None:
            return True
        char = bad.group()
        kind = {"Cc": "the control character", "Cs": "the unpaired surrogate"}.get(
            unicodedata.category(char), "the non-character")
        self.problems.at(line, f"{what} contains {kind} U+{ord(char):04X}, which no page can "
                         "show; remove it")
        return False

    def one_line(self, text: str, what: str, line: int) -> bool:
        """Whether `text` is one line of the characters a line may hold (LINE_CATEGORIES);
        a problem at `line` if not. The spaces, tabs and line feeds around it do not count:
        the value is stripped of them."""
        text = text.strip(" \t\n")
        if "\n" in text:
            self.problems.at(line, f"{what} must fit on one line")
            return False
        char = refused_in_line(text)
        if char is None:
            return True
        self.problems.at(line, f"{what} contains {described(char)}, which one line of text may "
                         "not hold; use letters, marks, numbers, punctuation, symbols and "
                         "spaces")
        return False

    def name(self, node: YValue, what: str) -> str | None:
        scalar = self.scalar_text(node, what)
        if scalar is None:
            return None
        if not self.one_line(scalar.value, what, scalar.line):
            return None
        return scalar.value.strip()

    def text(self, node: YValue, what: str, block: bool, item: bool = False) -> Text | None:
        scalar = self.scalar_text(node, what)
        if scalar is None:
            return None
        if nul_link_target(scalar.value):
            self.problems.at(scalar.text_line, f"{what} links to a target holding '%00', which "
                             "MyST-Parser turns into a NUL character that no file or page name "
                             "can hold; remove it")
            return None
        if scalar.folded_dash is not None:
            self.folded_list(scalar, what, item)
        if not block:
            return Text(scalar.value.strip(), scalar.text_line, lines=scalar.text_lines)
        # A `|` text starts below its blank lines (YScalar.text_line), cut here.
        return Text(scalar.value.lstrip("\n").rstrip("\n"), scalar.text_line, block=True,
                    lines=scalar.text_lines)

    def folded_list(self, scalar: YScalar, what: str, item: bool) -> None:
        """A warning, not an error: the text is usable, but probably not what was meant."""
        line, column = scalar.folded_dash
        folded = " ".join(scalar.value.split())
        advice = ("to make sub-items, write the item as 'text:' with 'items:'" if item else
                  "to keep the lines as a list, write the text as a block after '|'")
        self.problems.notice(Problem(
            line, f"{what} goes on over several lines, and this one starts with '- ': YAML "
            f"folds it into the text (\"{shown(folded, 60)}\"); {advice}, or put the whole "
            "text in quotes to keep the dash", column=column, level=WARNING))

    def seq(self, node: YValue, what: str) -> list[YValue]:
        if isinstance(node, YSeq):
            return node.items
        if is_reported(node):
            return []
        self.problems.at(node.line, f"{what} must be a list (one '- item' per line), "
                         f"not {describe(node)}")
        return []

    def field_value(self, f: F.Field, node: YValue, what: str):
        label = f"'{f.key}' of {what}"
        if f.kind == F.NAME:
            return self.name(node, label)
        if f.kind in (F.INLINE, F.BLOCK):
            return self.text(node, label, block=f.kind == F.BLOCK)
        if f.kind == F.NAMES:
            names = [self.name(item, f"an item of {label}") for item in self.seq(node, label)]
            return tuple(n for n in names if n is not None)
        if f.kind == F.INLINES:
            texts = [self.text(item, f"an item of {label}", block=False, item=True)
                     for item in self.seq(node, label)]
            return tuple(t for t in texts if t is not None)
        if f.kind == F.ITEMS:
            return self.item_list(node, label, 0)
        if f.kind == F.SECTIONS:
            return self.sections(node, label)
        if f.kind == F.STATUS:
            return self.status(node, label)
        if f.kind == F.URL:
            return self.web_url(node, label)
        if f.kind == F.BOOLEAN:
            return self.boolean(node, label)
        raise AssertionError(f"unhandled field kind {f.kind}")

    def item_list(self, node: YValue, label: str, depth: int) -> tuple[Item, ...]:
        """A list of items, each a string or a mapping with 'text' and sub-'items'; or a
        mapping with 'steps' and such a list, numbered (Steps). `label` names the field
        ("'requirements' of role 'x'") at every depth."""
        what = f"an item of {label}" if depth == 0 else f"a sub-item of {label}"
        if isinstance(node, YMap):
            steps = self.steps(node, what if depth else label)
            return Steps(self.items_of(steps, label, depth, what)) if steps is not None else ()
        return self.items_of(node, label, depth, what)

    def steps(self, node: YMap, label: str) -> YValue | None:
        """The list of a numbered list, written `{steps: [...]}`."""
        if "steps" not in node.items:
            close = next(((key, line) for key, (line, _value) in node.items.items()
                          if self.did_you_mean(key, ("steps",))), None)
            if close:
                self.problems.at(close[1], f"unknown key '{shown(close[0])}' in {label}; did "
                                 "you mean 'steps'?")
            else:
                self.problems.at(node.line, f"{label} must be a list (one '- item' per line), "
                                 "or 'steps:' and a list for a numbered one, not a mapping")
            return None
        for key, (line, _value) in node.items.items():
            if key != "steps":
                self.problems.at(line, f"unknown key '{shown(key)}' in {label}: a numbered "
                                 "list is a mapping with 'steps' alone")
        return node.items["steps"][1]

    def items_of(self, node: YValue, label: str, depth: int, what: str) -> tuple[Item, ...]:
        result = []
        for entry in self.seq(node, what if depth else label):
            if not isinstance(entry, YMap):
                text = self.text(entry, what, block=False, item=True)
                if text is not None:
                    result.append(Item(text))
                continue
            values = self.mapping_fields(entry, F.ITEM_FIELDS, what)
            text = (self.text(values["text"][1], f"'text' of {what}", block=False, item=True)
                    if "text" in values else None)
            items: tuple[Item, ...] = ()
            if "items" in values:
                line, sub = values["items"]
                if depth >= F.MAX_ITEM_DEPTH:
                    self.problems.at(line, f"sub-items of {label} nest more than "
                                     f"{F.MAX_ITEM_DEPTH} levels deep here; a card shows at "
                                     f"most {F.MAX_ITEM_DEPTH} levels of sub-items")
                else:
                    items = self.item_list(sub, label, depth + 1)
            if text is not None:
                result.append(Item(text, items))
        return tuple(result)

    def sections(self, node: YValue, label: str) -> tuple[Section, ...]:
        result = []
        for entry in self.seq(node, label):
            what = f"a section of {label}"
            if not self.is_mapping(entry, what):
                continue
            values = self.mapping_fields(entry, F.SECTION_FIELDS, what)
            title = self.name(values["title"][1], f"'title' of {what}") \
                if "title" in values else None
            where = f"section '{shown(title)}' of {label}" if title else what
            if "text" not in values and "items" not in values:
                self.problems.at(entry.line, f"{where} has neither 'text' nor 'items'; give it "
                                 "one of them, or both")
            text = (self.text(values["text"][1], f"'text' of {where}", block=True)
                    if "text" in values else None)
            items = (self.item_list(values["items"][1], f"'items' of {where}", 0)
                     if "items" in values else ())
            if title is not None and (text is not None or items):
                result.append(Section(title, text, items))
        return tuple(result)

    def status(self, node: YValue, label: str) -> str | None:
        status = self.name(node, label)
        if status is None or status in F.STATUSES:
            return status
        self.problems.at(node.line, f"{label} is '{shown(status)}', which is not a status"
                         + (self.did_you_mean(status.lower(), F.STATUSES) or
                            "; use one of " + ", ".join(F.STATUSES)))
        return None

    def web_url(self, node: YValue, label: str) -> str | None:
        url = self.name(node, label)
        if url is None:
            return None
        if not is_web_url(url):
            self.problems.at(node.line, f"{label} is '{shown(url)}', which is not an http or "
                             "https URL; write the whole address, like "
                             "'https://example.org/team/role'")
            return None
        return url

    def boolean(self, node: YValue, label: str) -> bool | None:
        if isinstance(node, YScalar) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on", "y")
        if is_reported(node):
            return None
        shown_value = shown(node.value) if isinstance(node, YScalar) else describe(node)
        self.problems.at(node.line, f"{label} must be true or false, not '{shown_value}'")
        return None

    def simple_fields(self, node: YMap, spec, what: str, key_line: int | None = None) -> dict:
        by_key = {f.key: f for f in spec if f.kind in SIMPLE_KINDS}
        fields = self.mapping_fields(node, spec, what, key_line)
        return {key: self.field_value(by_key[key], value, what)
                for key, (_line, value) in fields.items() if key in by_key}

    def did_you_mean(self, word: str, candidates: Collection[str]) -> str:
        """did_you_mean(), while the budget lasts and the problem will be shown."""
        if self.problems.full or len(candidates) > self.suggestion_budget:
            return ""
        self.suggestion_budget -= len(candidates)
        return did_you_mean(word, candidates)

    def is_mapping(self, node: YValue, what: str) -> bool:
        if isinstance(node, YMap):
            return True
        if is_reported(node):
            return False
        self.problems.at(node.line, f"{what} must be a mapping of fields, not {describe(node)}")
        return False


def refused_in_line(text: str) -> str | None:
    """The first character of `text` that one line of text may not hold, or None."""
    if text.isascii() and text.isprintable():  # most names: nothing to look up
        return None
    for char in text:
        if unicodedata.category(char) not in LINE_CATEGORIES or char == BYTE_ORDER_MARK:
            return char
    return None


def described(char: str) -> str:
    """'the carriage return U+000D', 'the private-use character U+E000', 'the unassigned
    code point U+0378'; with the character's Unicode name when it has one."""
    if char in CHARACTER_NAMES:
        return f"{CHARACTER_NAMES[char]} U+{ord(char):04X}"
    words = CATEGORY_NAMES.get(unicodedata.category(char), "the character")
    name = unicodedata.name(char, "")  # control characters have none
    return f"{words} U+{ord(char):04X}" + (f" ({name})" if name else "")


def is_web_url(url: str) -> bool:
    """An http or https URL with a host and no white space: a page elsewhere."""
    if any(char.isspace() for char in url):
        return False
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # "http://[::1": a bracket left open
        return False
    return parts.scheme.lower() in F.URL_SCHEMES and bool(parts.netloc)


def is_reported(node: YValue) -> bool:
    """A value whose problem was reported where it was read (a forbidden tag)."""
    return isinstance(node, YScalar) and node.tag == REPORTED


def describe(node: YValue) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return SCALAR_TAGS.get(node.tag, "a value")


def suggest_id(key: str) -> str:
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_key.lower())) or "my-role"
