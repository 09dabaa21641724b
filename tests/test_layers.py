"""The package's layers: the core never imports Sphinx nor anything of the MyST-MD front end,
imports point from the Sphinx side, the MyST-MD side and the command line down to the core
only, nothing imports in a loop, the MyST-MD plugin holds no rule or message of its own, and no
private or deprecated Sphinx, docutils or MyST-Parser API is used outside the one compat
module."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import sphinx_hubroles

PACKAGE = Path(sphinx_hubroles.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The sphinx_hubroles modules a module imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    modules = {module_name(p) for p in MODULES}
    return {target for target in found if target in modules and target != name}


def test_the_core_never_imports_sphinx_nor_a_front_end():
    # In a fresh interpreter: import every core module, then look at what came with them.
    core = [module_name(p) for p in MODULES if module_name(p).startswith("sphinx_hubroles.core")]
    code = ("import sys\n" + "".join(f"import {name}\n" for name in core)
            + "print(sorted(m for m in sys.modules if m == 'sphinx' or m.startswith(("
              "'sphinx.', 'sphinx_hubroles.ext', 'sphinx_hubroles.mystmd', "
              "'sphinx_hubroles.cli'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# Words of core/messages.py (and of the rules' other messages) that a front end must get from
# the core's answers, never say itself.
MESSAGE_WORDS = ["did you mean", "unknown role", "in reference", "has no role-card",
                 "term not in glossary", "already has a role-card", "is retired", "unknown person",
                 "has no entry", "invalid value", "unknown option", "is written by hand",
                 "no roles to show"]


def test_the_mystmd_plugin_says_no_message_of_the_core():
    plugin = (PACKAGE / "mystmd" / "hubroles.mjs").read_text(encoding="utf-8").lower()
    assert [words for words in MESSAGE_WORDS if words in plugin] == []


def test_imports_point_down_only():
    layer = {"core": 0, "ext": 1, "mystmd": 1, "cli": 2}
    for path in MODULES:
        name = module_name(path)
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in layer:
            continue
        for target in imports_of(path):
            target_layer = target.split(".")[1] if target.count(".") else None
            if target_layer in layer and target_layer != parts[1]:
                assert layer[target_layer] < layer[parts[1]], f"{name} imports {target}"


def test_no_module_imports_in_a_loop():
    graph = {module_name(p): imports_of(p) for p in MODULES}
    graph = {name: {t for t in targets if t in graph} for name, targets in graph.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in graph[start]:
            if step == goal or (step not in seen and reaches(step, goal, seen | {step})):
                return True
        return False

    # A package's __init__ importing its own modules is not a loop of the code.
    loops = [name for name in graph if reaches(name, name, {name})
             and not name.endswith(("sphinx_hubroles", ".ext", ".core", ".cli"))]
    assert loops == []


PRIVATE = [
    re.compile(r"\._terms\b"),
    re.compile(r"\benv\.app\b"),
    re.compile(r"\bself\.app\b"),
    re.compile(r"\._(heading_offset|level_to_section|heading_slugs|app|builder_cls)\b"),
    re.compile(r"\b(temp_data|_domain_data)\b"),
]


def test_no_private_or_deprecated_upstream_api():
    found = []
    for path in MODULES:
        if path.name == "_compat.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if any(pattern.search(code) for pattern in PRIVATE):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == []


def test_the_host_process_is_left_as_it_was():
    """An extension runs inside someone else's process (sphinx-build, sphinx-autobuild, an
    IDE): only the loader touches the garbage collector, to pause it while roles.yaml loads,
    inside a `finally` that gives it back whatever happens (test_loader.py checks it);
    nothing tunes or freezes it. A freeze until build-finished once left the host's objects
    frozen after a Ctrl-C, which skips that event (test_builds.py builds in-process to check)."""
    found = [f"{path.relative_to(PACKAGE)}" for path in MODULES
             if re.search(r"^\s*(import\s[^\n]*\bgc\b|from gc import)|\bgc\.|"
                          r"__import__\(\s*[\"']gc",
                          path.read_text(encoding="utf-8"), re.M)]
    assert sorted(found) == ["core/loader.py"]
    calls = set(re.findall(r"\bgc\.(\w+)", (PACKAGE / "core/loader.py").read_text()))
    assert calls == {"isenabled", "disable", "enable"}


EMPTY_CONTAINERS = {"set", "dict", "list", "defaultdict", "OrderedDict", "WeakValueDictionary"}


def is_state(value: ast.expr | None, names: list[str]) -> bool:
    """A top-level value that code fills at run time: an empty container (constants are
    never empty), or a container bound to a name that is not a CONSTANT."""
    if isinstance(value, (ast.Dict, ast.List, ast.Set)) and not (
            value.keys if isinstance(value, ast.Dict) else value.elts):
        return True
    if isinstance(value, ast.Call) and getattr(value.func, "id", None) in EMPTY_CONTAINERS \
            and not value.args:
        return True
    containers = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    return isinstance(value, containers) and not all(n.isupper() for n in names)


def test_no_process_wide_state():
    """No module keeps mutable state at the top level (caches, registries, 'reported' sets):
    builds in one process, or in parallel, must not see each other's."""
    found = []
    for path in MODULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if names != ["__all__"] and is_state(node.value, names):
                    found.append(f"{path.relative_to(PACKAGE)}: {', '.join(names)}")
    assert found == []


def test_the_state_check_finds_what_the_first_release_had():
    """The check above finds the kinds of state the first release kept."""
    for source in ("_reported: set[str] = set()\n", "_parsers: dict[int, object] = {}\n",
                   "_DISPLAY_INPUTS: dict = {}\n"):
        node = ast.parse(source).body[0]
        assert is_state(node.value, [node.target.id]), source
    assert not is_state(ast.parse("KINDS = {'a': 1}\n").body[0].value, ["KINDS"])
