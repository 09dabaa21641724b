"""Read YAML text into plain values that remember their line, safely.

PyYAML's constructors silently keep the last of duplicate keys, construct Python objects for
some tags and expand aliases without limit. So we only *compose* (parse into nodes) and build the
values ourselves: duplicates, tags and alias bombs become problems with a line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .problems import Problem, Problems

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"
# Stands in for a value that was already reported (a forbidden tag), so that checks of the
# mapping around it do not report it again as missing.
REPORTED = "reported"
SCALAR_TAGS = {
    STR: "text",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}

# Aliases may expand a small file into billions of values ("billion laughs"); legitimate files
# reuse a few anchors, so a generous cap on expanded values refuses bombs in well under a second.
MAX_EXPANDED_ALIAS_VALUES = 100_000
MAX_DEPTH = 100


@dataclass
class YScalar:
    value: str
    tag: str
    line: int
    block: bool = False  # a `|` or `>` scalar, whose text starts on the next line

    @property
    def text_line(self) -> int:
        return self.line + 1 if self.block else self.line


@dataclass
class YSeq:
    items: list[YValue]
    line: int


@dataclass
class YMap:
    # key -> (line of the key, value), in file order
    items: dict[str, tuple[int, YValue]] = field(default_factory=dict)
    line: int = 0


YValue = YScalar | YSeq | YMap


def parse_yaml(text: str, problems: Problems) -> YValue | None:
    """Parse one YAML document into Y-values; None (with problems noted) if it cannot be read."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        problems.add(_syntax_problem(error))
        return None
    except RecursionError:
        problems.add(Problem(None, f"is nested more than {MAX_DEPTH} levels deep"))
        return None
    except yaml.YAMLError as error:  # e.g. a control character in the stream
        problems.add(Problem(None, f"YAML error: {error}"))
        return None
    finally:
        loader.dispose()
    if node is None:
        problems.add(Problem(None, "is empty; it needs at least a 'roles' mapping"))
        return None
    return _Builder(problems).build(node)


def _syntax_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.context == "expected a single document in the stream":
        return Problem(mark.line + 1, "holds more than one YAML document (a second '---'); "
                       "keep everything in one document")
    what = error.problem or "cannot be parsed"
    if "'\\t'" in what:
        what += " (indent with spaces: YAML does not allow tabs for indentation)"
    if error.context:
        what = f"{what} ({error.context}"
        if error.context_mark and error.context_mark.line != mark.line:
            what += f" at line {error.context_mark.line + 1}"
        what += ")"
    return Problem(mark.line + 1, f"YAML syntax error at column {mark.column + 1}: {what}",
                   column=mark.column + 1)


class _Builder:
    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.seen: set[int] = set()
        self.expanded = 0
        self.refused_bomb = False

    def build(self, node: yaml.Node, depth: int = 0) -> YValue | None:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            self.problems.add(Problem(line, f"is nested more than {MAX_DEPTH} levels deep"))
            return None
        if id(node) in self.seen:  # an alias: count what it expands to
            self.expanded += 1
            if self.expanded > MAX_EXPANDED_ALIAS_VALUES:
                if not self.refused_bomb:
                    self.refused_bomb = True
                    self.problems.add(Problem(line, "aliases expand to more than "
                                              f"{MAX_EXPANDED_ALIAS_VALUES:,} values; "
                                              "roles.yaml refuses such alias bombs"))
                return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, line)
        if node.tag != (SEQ if isinstance(node, yaml.SequenceNode) else MAP):
            self.problems.add(_tag_problem(node, line))
            return None
        if isinstance(node, yaml.SequenceNode):
            items = [self.build(item, depth + 1) for item in node.value]
            return YSeq([item for item in items if item is not None], line)
        return self._mapping(node, line, depth)

    def _scalar(self, node: yaml.ScalarNode, line: int) -> YScalar | None:
        if node.tag not in SCALAR_TAGS:
            self.problems.add(_tag_problem(node, line))
            return None
        return YScalar(node.value, node.tag, line, block=node.style in ("|", ">"))

    def _mapping(self, node: yaml.MappingNode, line: int, depth: int) -> YMap:
        result = YMap(line=line)
        merges = []
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add(Problem(key_line, "a key must be plain text, not a list "
                                          "or mapping"))
                continue
            key = key_node.value
            if key in result.items:
                first = result.items[key][0]
                self.problems.add(Problem(key_line, f"duplicate key '{key}' (first at line "
                                          f"{first}); YAML keeps only one of them"))
                continue
            value = self.build(value_node, depth + 1)
            result.items[key] = (key_line, value or YScalar("", REPORTED, key_line))
        for value_node in merges:
            self._merge(result, value_node, depth)
        return result

    def _merge(self, result: YMap, value_node: yaml.Node, depth: int) -> None:
        """`<<: *anchor` merge keys: keys written in the mapping itself win."""
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            merged = self.build(source, depth + 1)
            if not isinstance(merged, YMap):
                self.problems.add(Problem(value_node.start_mark.line + 1,
                                          "'<<' merges mappings only"))
                continue
            for key, item in merged.items.items():
                result.items.setdefault(key, item)


def _tag_problem(node: yaml.Node, line: int) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(line, f"the YAML tag '{tag}' is not allowed: roles.yaml holds plain "
                   "text, lists and mappings only")
