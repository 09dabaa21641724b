"""Read YAML text into plain values that remember their line, safely.

PyYAML's constructors silently keep the last of duplicate keys, construct Python objects for
some tags and expand aliases without limit. So we only *compose* (parse into nodes) and build the
values ourselves: duplicates, tags, recursive aliases, alias bombs and very deep nesting become
problems with a line number, found in time and memory proportional to the size of the file.
Lines and columns are the editor's, not YAML's (core/lines.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .lines import YAML_BREAK, LineIndex
from .problems import Problem, Problems, shown

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"
# Stands in for a value that was already reported (a forbidden tag), so that checks of the
# mapping around it do not report it again as missing.
REPORTED = "reported"
SCALAR_TAGS = {
    STR: "text",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    NULL: "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}

# Aliases may expand a small file into billions of values ("billion laughs"), or one long text
# into gigabytes of pages (the "quadratic blowup"). Legitimate files reuse a few anchors, so
# generous caps on what aliases expand to refuse both. Each built value is kept once and
# aliases share it, so refusing costs time and memory proportional to the file, not to the
# expansion.
MAX_EXPANDED_ALIAS_VALUES = 100_000
MAX_EXPANDED_ALIAS_CHARS = 10_000_000
MAX_DEPTH = 100

# Characters that start YAML syntax when they start a value; text starting with one of them
# must be quoted. The hint is added to syntax errors found on a line whose value starts with one.
SPECIAL_STARTS = "[{*&!|>@`%?-\"'"
_LEADING_NEWLINES = re.compile("\n*")


@dataclass(slots=True)
class YScalar:
    value: str
    tag: str
    line: int
    # Where the text starts: for a `|` or `>` scalar, the first line after the indicator's
    # that is not blank (the blank ones start the value with "\n"s); else `line`.
    text_line: int
    block: bool = False  # a `|` or `>` scalar, whose text starts on a later line
    # For an empty value: what followed it on its line was a comment (`summary: #1 priority`)
    comment_follows: bool = False
    # For a plain value written over several lines: (line, column) of the first of its
    # continuation lines that starts with "- ", a list item that YAML folded into the text.
    folded_dash: tuple[int, int] | None = None
    # For a `|` text that a NEL, LS or PS breaks: the line of each of its lines, from
    # text_line on (Text.lines); None when they stand one after another.
    text_lines: tuple[int, ...] | None = None


@dataclass(slots=True)
class YSeq:
    items: list[YValue]
    line: int


@dataclass(slots=True)
class YMap:
    # key -> (line of the key, value), in file order
    items: dict[str, tuple[int, YValue]] = field(default_factory=dict)
    line: int = 0


YValue = YScalar | YSeq | YMap


def parse_yaml(text: str, problems: Problems) -> YValue | None:
    """Parse one YAML document into Y-values; None (with problems noted) if it cannot be read."""
    lines = LineIndex(text)
    node = _compose(text, lines, problems)
    if node is _FAILED:
        return None
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.value.strip()) or (
            isinstance(node, yaml.ScalarNode) and node.tag == NULL
            and node.value in ("~", "null", "Null", "NULL")):
        problems.add(Problem(None, "is empty; it needs at least a 'roles' mapping"))
        return None
    return _Builder(problems, lines).build(node)


_FAILED = object()


def _compose(text: str, lines: LineIndex, problems: Problems):
    """The document's node tree, composed from libyaml's events when PyYAML has libyaml (three
    times faster on large files). A file libyaml cannot read is read again by PyYAML's own
    parser, whose messages are clearer and the same on every installation. So is a file with
    a tab in it: PyYAML refuses tabs inside plain values that libyaml accepts, and a file must
    not load on one installation and fail on another (the only difference that comparing the
    two parsers on generated files has found)."""
    if _FastLoader is not None and "\t" not in text:
        loader = _FastLoader(text)
        try:
            return loader.get_single_node()
        except (yaml.YAMLError, _TooDeep, RecursionError):
            pass
        finally:
            loader.dispose()
    loader = None
    try:
        loader = _Loader(text)
        return loader.get_single_node()
    except yaml.reader.ReaderError as error:
        problems.add(_reader_problem(error, text, lines))
    except _TooDeep as error:
        problems.add(Problem(lines.line(error.mark), "lists and mappings are nested more than "
                             f"{MAX_DEPTH} levels deep here; roles.yaml needs only a few"))
    except yaml.MarkedYAMLError as error:
        problems.add(_syntax_problem(error, lines))
    except yaml.YAMLError as error:  # not expected: PyYAML's errors above carry a position
        problems.add(Problem(None, f"YAML error: {shown(str(error), 200)}"))
    except RecursionError:  # not expected: _Loader refuses deep nesting before Python does
        problems.add(Problem(None, f"is nested more than {MAX_DEPTH} levels deep"))
    finally:
        if loader is not None:
            loader.dispose()
    return _FAILED


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Alias:
    """An alias where it stands in the file; PyYAML would hand back the anchored node itself."""

    __slots__ = ("node", "anchor", "mark")

    def __init__(self, node: yaml.Node, anchor: str, mark: yaml.Mark) -> None:
        self.node = node
        self.anchor = anchor
        self.mark = mark


class _Composing:
    """Composes nodes only, remembering where each alias stands and refusing deep nesting
    before Python's recursion limit does."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor is None and not self.yaml_path_resolvers:
                # Most nodes: a scalar without an anchor, composed here in one call instead
                # of PyYAML's four (a tenth of the loading time of a large roles.yaml).
                self.get_event()
                tag = event.tag
                if tag is None or tag == "!":
                    tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
                return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                       style=event.style)
            return super().compose_node(parent, index)
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            return _Alias(node, event.anchor, event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Composing, yaml.SafeLoader):
    pass


if getattr(yaml, "__with_libyaml__", False):

    from yaml._yaml import CParser

    class _FastLoader(_Composing, yaml.composer.Composer, CParser,
                      yaml.resolver.Resolver):
        """libyaml's scanner and parser, with PyYAML's composer and the resolver of its
        SafeLoader (the same tags for the same text)."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None


def _reader_problem(error: yaml.reader.ReaderError, text: str, lines: LineIndex) -> Problem:
    """A character YAML does not allow anywhere in the file (a control character)."""
    position = max(0, min(error.position, len(text)))
    line, column = lines.position(position)
    char = error.character if isinstance(error.character, int) else 0
    message = (f"contains the character U+{char:04X} at column {column}, which YAML does not "
               "allow; remove it")
    if char == 0:  # UTF-16 without a byte order mark; UTF-32 has runs of three
        encoding = "UTF-32" if "\x00\x00\x00" in text else "UTF-16"
        message += f" (a file full of them is saved as {encoding}: save it as UTF-8)"
    return Problem(line, message, column=column)


def _syntax_problem(error: yaml.MarkedYAMLError, lines: LineIndex) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark is None:  # PyYAML always gives one; do not fail if it someday does not
        return Problem(None, f"YAML syntax error: {shown(str(error), 200)}")
    line, column = lines.line(mark), lines.column(mark)
    if error.context == "expected a single document in the stream":
        return Problem(line, "holds more than one YAML document (a second '---'); "
                       "keep everything in one document")
    context = error.context or ""
    anchor = re.fullmatch(r"found duplicate anchor '(.*)'; first occurrence", context)
    if anchor and error.context_mark is not None:
        return Problem(line, f"the anchor '&{shown(anchor.group(1))}' is defined twice (first "
                       f"at line {lines.line(error.context_mark)}); give each anchor its own name",
                       column=column)
    what = error.problem or "cannot be parsed"
    if "'\\t'" in what:
        before = lines.yaml_line_before(mark)
        what += (" (indent with spaces: YAML does not allow tabs for indentation)"
                 if not before.strip() else " (YAML does not allow a tab here: remove it or use "
                 "spaces)")
    if context:
        what = f"{what} ({context}"
        if error.context_mark and lines.line(error.context_mark) != line:
            what += f" at line {lines.line(error.context_mark)}"
        what += ")"
    what += _quoting_hint(error, lines)
    return Problem(line, f"YAML syntax error at column {column}: {what}", column=column)


def _quoting_hint(error: yaml.MarkedYAMLError, lines: LineIndex) -> str:
    """Most syntax errors in roles.yaml are text that YAML reads as syntax: say so."""
    problem, context = error.problem or "", error.context or ""
    if "escape" in problem and "double-quoted" in context:
        return ("; in double quotes a backslash starts an escape: write it as \\\\, or put "
                "the whole value in single quotes")
    mark = error.problem_mark
    # The line as YAML reads it: a NEL, LS or PS starts a line of YAML syntax.
    yaml_line = "" if mark is None else lines.yaml_line_before(mark) + lines.yaml_line_after(mark)
    if mark is not None and "quoted scalar" not in context \
            and "flow" not in context and not yaml_line.startswith("%"):
        start = _value_start(yaml_line)
        if start and start in SPECIAL_STARTS:
            if start in "\"'":
                other = "single" if start == '"' else "double"
                return (f"; a value that starts with {start} must also end with it: put the "
                        f"whole value in {other} quotes")
            return (f"; a value that starts with '{start}' is YAML syntax, not text: put "
                    "the whole value in quotes")
    if problem == "mapping values are not allowed here":
        if mark is not None and mark.column >= 1024:
            return "; a key may be at most 1024 characters long"
        return "; if the value holds ': ', put the whole value in quotes"
    if problem == "could not find expected ':'":
        return "; write a key as 'key: value', with a space after the ':'"
    if problem.startswith("expected <block end>, but found '<block"):
        return "; check the indentation of this line: it lines up with nothing above it"
    return ""


def _value_start(line: str) -> str:
    """The first character of the value on a `key: value` or `- value` line."""
    rest = line.lstrip(" ")
    while rest.startswith("- "):
        rest = rest[2:].lstrip(" ")
    key = re.match(r"[^\s\"'\[\]{}#&*!|>%@`,?:][^#]*?:(?: +|$)", rest)
    if key:
        rest = rest[key.end():]
    return rest[:1]


class _Builder:
    def __init__(self, problems: Problems, lines: LineIndex) -> None:
        self.problems = problems
        self.lines = lines
        # id(node) -> (value, values it holds, characters it holds); aliases share the value
        self.built: dict[int, tuple[YValue | None, int, int]] = {}
        self.building: set[int] = set()
        self.expanded_values = 0
        self.expanded_chars = 0
        self.refused_bomb = False

    def build(self, node: yaml.Node) -> YValue | None:
        return self._value(node)[0]

    def _value(self, node) -> tuple[YValue | None, int, int]:
        alias_line = None
        if isinstance(node, _Alias):
            alias_line, anchor, node = self.lines.line(node.mark), node.anchor, node.node
            if id(node) in self.building:
                self.problems.add(Problem(alias_line, f"the alias '*{shown(anchor)}' stands "
                                          "inside what it names; roles.yaml cannot hold "
                                          "recursive data"))
                return None, 1, 0
        key = id(node)
        if key not in self.built:
            self.building.add(key)
            try:
                self.built[key] = self._new(node)
            finally:
                self.building.discard(key)
            if alias_line is None:
                return self.built[key]
        # An alias, or a node merged in twice: count what it expands to.
        value, values, chars = self.built[key]
        self.expanded_values += values
        self.expanded_chars += chars
        if (self.expanded_values > MAX_EXPANDED_ALIAS_VALUES
                or self.expanded_chars > MAX_EXPANDED_ALIAS_CHARS):
            if not self.refused_bomb:
                self.refused_bomb = True
                what = (f"{MAX_EXPANDED_ALIAS_VALUES:,} values"
                        if self.expanded_values > MAX_EXPANDED_ALIAS_VALUES
                        else f"{MAX_EXPANDED_ALIAS_CHARS:,} characters of text")
                self.problems.add(Problem(alias_line or self.lines.line(node.start_mark),
                                          f"aliases expand to more than {what}; roles.yaml "
                                          "refuses such alias bombs"))
            return None, values, chars
        return value, values, chars

    def _new(self, node: yaml.Node) -> tuple[YValue | None, int, int]:
        line = self.lines.line(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, line), 1, len(node.value)
        if node.tag != (SEQ if isinstance(node, yaml.SequenceNode) else MAP):
            self.problems.add(_tag_problem(node, line))
            return None, 1, 0
        if isinstance(node, yaml.SequenceNode):
            items, values, chars = [], 1, 0
            for item_node in node.value:
                item, item_values, item_chars = self._value(item_node)
                values += item_values
                chars += item_chars
                if item is not None:
                    items.append(item)
            return YSeq(items, line), values, chars
        return self._mapping(node, line)

    def _scalar(self, node: yaml.ScalarNode, line: int) -> YScalar | None:
        if node.tag not in SCALAR_TAGS:
            self.problems.add(_tag_problem(node, line))
            return None
        comment_follows = False
        if node.tag == NULL and node.value == "":
            comment_follows = self.lines.yaml_line_after(node.start_mark).lstrip().startswith("#")
        block = node.style in ("|", ">")
        text_line, text_lines = line, None
        if block:  # YAML's lines after the indicator's: one "\n" in the value per blank one
            blank = _LEADING_NEWLINES.match(node.value).end()
            text_line = self.lines.line_of_yaml_line(node.start_mark.line + 1 + blank)
            text_lines = self._text_lines(node, blank)
        return YScalar(node.value, node.tag, line, text_line, block=block,
                       comment_follows=comment_follows, folded_dash=self._folded_dash(node),
                       text_lines=text_lines)

    def _text_lines(self, node: yaml.ScalarNode, blank: int) -> tuple[int, ...] | None:
        """The line of each line of a `|` value, from its first that is not blank, if a NEL,
        LS or PS breaks it. Each line break of a `|` value is one of YAML's: a "\n" (for
        "\n", "\r\n", "\r" or NEL) or the LS or PS itself. (A `>` value folds its breaks:
        its lines are placed by what they hold, core/scan/findings.py.)"""
        if node.style != "|" or not self.lines.yaml_only_between(node.start_mark.line,
                                                                  node.end_mark.line):
            return None
        yaml_line = node.start_mark.line + 1
        lines = []
        for part in node.value.split("\n"):
            lines.append(self.lines.line_of_yaml_line(yaml_line))
            yaml_line += 1 + part.count("\u2028") + part.count("\u2029")
        return tuple(lines[blank:])

    def _folded_dash(self, node: yaml.ScalarNode) -> tuple[int, int] | None:
        """Where a plain value continues with a line starting with "- ": an indented sub-item
        such as `  - Review code\n    - Focus on tests`, which YAML reads as the one text
        "Review code - Focus on tests"."""
        first, last = node.start_mark.line, node.end_mark.line
        if node.style or last <= first:
            return None
        text, end = self.lines.text, node.end_mark.index
        breaks = YAML_BREAK.finditer(text, node.start_mark.index, end)
        for yaml_line, line_break in enumerate(breaks, first + 1):
            following = YAML_BREAK.search(text, line_break.end(), end)
            line = text[line_break.end():following.start() if following else end]
            stripped = line.lstrip(" ")
            if stripped.startswith("- ") or stripped == "-":
                indent = len(line) - len(stripped)
                return self.lines.place(yaml_line, indent, line_break.end() + indent)
        return None

    def _mapping(self, node: yaml.MappingNode, line: int) -> tuple[YMap, int, int]:
        result = YMap(line=line)
        values, chars = 1, 0
        merges = []
        for key_node, value_node in node.value:
            key_line = self.lines.line(key_node.mark if isinstance(key_node, _Alias)
                                       else key_node.start_mark)
            if isinstance(key_node, _Alias):
                key_node = key_node.node
            if key_node.tag == MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add(Problem(key_line, "a key must be plain text, not a list "
                                          "or mapping"))
                continue
            if key_node.tag not in SCALAR_TAGS:
                self.problems.add(_tag_problem(key_node, key_line))
                continue
            key = key_node.value
            if key in result.items:
                first = result.items[key][0]
                self.problems.add(Problem(key_line, f"duplicate key '{shown(key)}' (first at "
                                          f"line {first}); YAML keeps only one of them"))
                continue
            value, value_values, value_chars = self._value(value_node)
            values += value_values
            chars += len(key) + value_chars
            result.items[key] = (key_line, value or YScalar("", REPORTED, key_line, key_line))
        for value_node in merges:
            merged_values, merged_chars = self._merge(result, value_node)
            values += merged_values
            chars += merged_chars
        return result, values, chars

    def _merge(self, result: YMap, value_node) -> tuple[int, int]:
        """`<<: *anchor` merge keys: keys written in the mapping itself win."""
        line = self.lines.line(value_node.mark if isinstance(value_node, _Alias)
                               else value_node.start_mark)
        target = value_node.node if isinstance(value_node, _Alias) else value_node
        if isinstance(target, yaml.SequenceNode) and target.tag == SEQ:
            sources = target.value
        else:
            sources = [value_node]
        values = chars = 0
        for source in sources:
            merged, merged_values, merged_chars = self._value(source)
            values += merged_values
            chars += merged_chars
            if merged is None:  # reported where it was read
                continue
            if not isinstance(merged, YMap):
                self.problems.add(Problem(line, "'<<' merges mappings only"))
                continue
            for key, item in merged.items.items():
                result.items.setdefault(key, item)
        return values, chars


def _tag_problem(node: yaml.Node, line: int) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    hint = ""
    if isinstance(node, yaml.ScalarNode) and node.tag.startswith("!") and not node.style:
        hint = f"; if `{shown(tag)}` is part of the text, put the whole value in quotes"
    return Problem(line, f"the YAML tag '{shown(tag)}' is not allowed: roles.yaml holds plain "
                   f"text, lists and mappings only{hint}")
