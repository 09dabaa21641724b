"""The synthetic handbook of benchmarks/scale.py, written three ways.

One seeded set of facts (N roles in groups of ten, each with a summary, 5 responsibilities and
about 2.5 typed relations; 20 glossary terms; P pages of prose with R role references and a few
term references each) becomes a Sphinx project in one of three variants:

  hand     hand-written MyST: a `(roles:x)=` label over a section per role, a `{glossary}`,
           and `{graphviz}` blocks (what the seed's authors would write by hand)
  needs    sphinx-needs: one need per role with typed links, `{need}` references, and
           `{needflow}` diagrams drawn by Graphviz
  hubroles sphinx-hubroles: roles.yaml, `{role-card}`, `{roles-glossary}`, `{roles-diagram}`

Pages are the same in all three: `index`, `glossary`, one page per group holding its roles,
the P pages in `pages/`, and `overview` with the full diagram when there is one.

Diagrams, by `diagrams`:
  none      no diagram at all (the "diagrams excluded" builds)
  full      one diagram of every role on `overview`
  focus     a diagram of each role and its neighbours, under the role
  all       both

The full diagram by hand comes in two forms (`full_style`): `styled`, the very DOT that
roles-diagram draws (groups as clusters, one colour, line and arrowhead per relation type, no
edge labels past 20 roles), and `labelled`, the plain digraph with a label on every edge that
people write by hand. sphinx-needs' needflow shows the relation of each edge by its name
(`:show_link_names:`) and colour.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

VARIANTS = ("hand", "needs", "hubroles")
DIAGRAMS = ("none", "full", "focus", "all")

WORDS = ("Hub", "Community", "Data", "Support", "Release", "Security", "Cloud", "Research",
         "Training", "Platform", "Incident", "Budget", "Outreach", "Quality", "Partner")
TITLES = ("Engineer", "Steward", "Lead", "Coordinator", "Administrator", "Manager",
          "Representative", "Champion", "Reviewer", "Officer")
FILLER = ("the hub", "users", "support tickets", "upgrades", "the cluster", "storage",
          "feedback", "deployments", "reviews", "access", "the budget", "reports", "training",
          "the community", "incidents", "releases")
# id, label, inverse (the order is the vocabulary's: it picks each type's look)
RELATIONS = (("oversees", "oversees", "overseen by"), ("supports", "supports", "supported by"),
             ("reports-to", "reports to", "receives reports from"),
             ("escalates-to", "escalates to", "handles escalations from"))
GROUP_SIZE = 10
TERMS = 20
TERM_REFS = 5  # per page, besides the R role references

PROBE = '''"""Benchmark probe: which pages a build reads and writes (appended to probe.log)."""
import os


def _note(kind, names):
    with open(os.path.join(os.path.dirname(__file__), "probe.log"), "a") as log:
        log.writelines(f"{kind} {name}\\n" for name in names)


def setup(app):
    app.connect("env-before-read-docs", lambda app, env, docnames: _note("read", docnames))
    app.connect("html-page-context", lambda app, page, *args: _note("write", [page]))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

# dot, through a wrapper that counts its runs (in dot.log); the same for all three variants.
DOT_WRAPPER = '''#!/bin/sh
echo run >> "$(dirname "$0")/dot.log"
exec {dot} "$@"
'''


@dataclass
class Role:
    id: str
    name: str
    group: int
    summary: str  # MyST, with one {term} reference
    responsibilities: list[str]
    relations: dict[str, list[str]] = field(default_factory=dict)  # relation id -> role ids

    @property
    def need_id(self) -> str:
        return self.id.upper().replace("-", "_")


@dataclass
class Handbook:
    roles: list[Role]
    groups: list[str]
    terms: list[tuple[str, str]]
    pages: int
    refs: int
    seed: int
    # Whether the hand-written glossary also has an entry for each role, as roles-glossary
    # does (and as the seed's handbook did, by hand); False for the figures measured so far.
    role_terms: bool = False

    def by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    def incoming(self, role_id: str) -> list[tuple[str, list[Role]]]:
        sources: dict[str, list[Role]] = {}
        for role in self.roles:
            for rel, targets in role.relations.items():
                if role_id in targets:
                    sources.setdefault(rel, []).append(role)
        return [(rel, sources[rel]) for rel, _, _ in RELATIONS if rel in sources]


def term_name(k: int) -> str:
    return f"{WORDS[k % len(WORDS)]} Concept {k:02d}"


def make_role(rng: random.Random, index: int, groups: int) -> Role:
    role_id = f"role-{index:04d}"
    name = f"{rng.choice(WORDS)} {rng.choice(TITLES)} {index:04d}"
    summary = (f"Looks after {rng.choice(FILLER)} and {rng.choice(FILLER)} for the "
               f"{{term}}`{term_name(rng.randrange(TERMS))}`.")
    duties = [f"{verb} {rng.choice(FILLER)} with **care**, and report on {rng.choice(FILLER)}."
              for verb in ("Plan", "Review", "Answer questions about", "Write up", "Improve")]
    return Role(role_id, name, index // GROUP_SIZE % groups, summary, duties)


def handbook(roles: int, pages: int = 200, refs: int = 20, seed: int = 1) -> Handbook:
    """The facts: `roles` roles, their relations (~2.5 per role), the terms and page count."""
    rng = random.Random(seed)
    groups = max(1, -(-roles // GROUP_SIZE))
    people = [make_role(rng, i, groups) for i in range(roles)]
    # A responsibility of each role links to another role, as a real one would.
    for role in people:
        other = rng.choice(people)
        role.responsibilities[1] = (f"Work with the [{other.name}](roles:{other.id}) on "
                                    f"{rng.choice(FILLER)}.")
    for _ in range(round(roles * 2.5)):
        source, target = rng.choice(people), rng.choice(people)
        if source is target:
            continue
        relation = rng.choice(RELATIONS)[0]
        chosen = source.relations.setdefault(relation, [])
        if target.id not in chosen:
            chosen.append(target.id)
    for role in people:  # vocabulary order within each role
        role.relations = {rel: role.relations[rel] for rel, _, _ in RELATIONS
                          if rel in role.relations}
    group_names = [f"{WORDS[g % len(WORDS)]} Team {g:03d}" for g in range(groups)]
    terms = [(term_name(k), f"The {term_name(k).lower()}: what {rng.choice(FILLER)} and "
              f"{rng.choice(FILLER)} share.") for k in range(TERMS)]
    return Handbook(people, group_names, terms, pages, refs, seed)


def added_role(book: Handbook, serial: int) -> Role:
    """A new role for the "add a role" rebuild: in the last group, supporting its first role."""
    group = book.roles[-1].group
    first = next(role for role in book.roles if role.group == group)
    role = Role(f"role-new-{serial}", f"Added Role {serial}", group,
                f"A role added for the benchmark, number {serial}, for the "
                f"{{term}}`{term_name(0)}`.",
                [f"Duty {k} of the added role." for k in range(5)],
                {"supports": [first.id]})
    return role


def group_doc(group: int) -> str:
    return f"roles/group-{group:03d}"


# --- roles.yaml ----------------------------------------------------------------------------

def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def roles_yaml(book: Handbook) -> str:
    lines = ["relations:"]
    for rel, label, inverse in RELATIONS:
        lines.append(f"  {rel}: {{label: {label}, inverse: {inverse}}}")
    lines.append("groups:")
    lines += [f"  group-{g:03d}: {{name: {name}}}" for g, name in enumerate(book.groups)]
    lines.append("roles:")
    for role in book.roles:
        lines += _role_yaml(role)
    lines.append("terms:")
    lines += [f"  {name}: {_yaml_str(definition)}" for name, definition in book.terms]
    return "\n".join(lines) + "\n"


def _role_yaml(role: Role) -> list[str]:
    lines = [f"  {role.id}:", f"    name: {role.name}", f"    group: group-{role.group:03d}",
             f"    summary: {_yaml_str(role.summary)}", "    responsibilities:"]
    lines += [f"      - {_yaml_str(text)}" for text in role.responsibilities]
    if role.relations:
        lines.append("    relations:")
        lines += [f"      {rel}: [{', '.join(targets)}]"
                  for rel, targets in role.relations.items()]
    return lines


# --- the pages shared by all variants ------------------------------------------------------

def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(words)).capitalize()


def role_ref(variant: str, role: Role, text: str | None) -> str:
    if variant == "needs":
        return f"{{need}}`{text} <{role.need_id}>`" if text else f"{{need}}`{role.need_id}`"
    return f"[{text}](roles:{role.id})" if text else f"[](roles:{role.id})"


def content_page(book: Handbook, variant: str, number: int) -> str:
    rng = random.Random(book.seed * 1000 + number)
    out = [f"# Page {number:03d}", ""]
    for k in range(book.refs):
        role = rng.choice(book.roles)
        ref = role_ref(variant, role, "the person in charge" if k % 2 else None)
        out.append(f"{_prose(rng, 8)} {ref} about {rng.choice(FILLER)}.")
        if k % 4 == 3:
            term = term_name(rng.randrange(TERMS))
            out.append(f"This is part of the {{term}}`{term}`.")
            out.append("")
    for _ in range(TERM_REFS - book.refs // 4):
        out.append(f"See also the {{term}}`{term_name(rng.randrange(TERMS))}`.")
        out.append("")
    out += ["## Details", "", _prose(rng, 40) + ".", "",
            *(f"- {_prose(rng, 6)}." for _ in range(4)), ""]
    return "\n".join(out) + "\n"


def glossary_page(book: Handbook, variant: str) -> str:
    if variant == "hubroles":
        return "# Glossary\n\n```{roles-glossary}\n```\n"
    terms = list(book.terms)
    if book.role_terms:
        terms += [(role.name, f"{role.summary} See [](roles:{role.id}).") for role in book.roles]
    entries = "\n".join(f"{name}\n  {definition}\n" for name, definition in terms)
    return f"# Glossary\n\n```{{glossary}}\n:sorted:\n\n{entries}```\n"


def index_page(book: Handbook, overview: bool) -> str:
    groups = [group_doc(g) for g in range(len(book.groups))]
    pages = [f"pages/page-{n:03d}" for n in range(book.pages)]
    entries = (["overview"] if overview else []) + ["glossary", *groups, *pages]
    return ("# Handbook\n\n```{toctree}\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n")


# --- one role, by hand and by sphinx-needs -------------------------------------------------

LABELS = {rel: (label, inverse) for rel, label, inverse in RELATIONS}


def _names(variant: str, roles: list[Role]) -> str:
    return ", ".join(role_ref(variant, role, role.name) for role in roles)


def hand_section(book: Handbook, role: Role, focus_dot: str | None) -> str:
    by_id = book.by_id()
    out = [f"(roles:{role.id})=", f"## {role.name}", "", role.summary, "",
           f":Group: {book.groups[role.group]}", "", "```{rubric} Responsibilities", "```", ""]
    out += [f"- {text}" for text in role.responsibilities] + [""]
    relations = [(LABELS[rel][0], [by_id[t] for t in targets])
                 for rel, targets in role.relations.items()]
    relations += [(LABELS[rel][1], sources) for rel, sources in book.incoming(role.id)]
    if relations:
        out += ["```{rubric} Relations", "```", ""]
        out += [f":{label[:1].upper() + label[1:]}: {_names('hand', roles)}"
                for label, roles in relations]
        out.append("")
    if focus_dot is not None:
        out += ["```{graphviz}", focus_dot, "```", ""]
    return "\n".join(out) + "\n"


def need_section(role: Role, focus: bool) -> str:
    out = [f"```{{teamrole}} {role.name}", f":id: {role.need_id}"]
    for rel, targets in role.relations.items():
        ids = ", ".join(t.upper().replace("-", "_") for t in targets)
        out.append(f":{rel.replace('-', '_')}: {ids}")
    out += ["", role.summary, "", "Responsibilities:", ""]
    out += [f"- {text}" for text in _need_duties(role)]
    out += ["```", ""]
    if focus:
        out += ["```{needflow}", ":engine: graphviz", f":root_id: {role.need_id}",
                ":root_depth: 1", ":show_link_names:", "```", ""]
    return "\n".join(out) + "\n"


def _need_duties(role: Role) -> list[str]:
    """Responsibilities, with role links in sphinx-needs' own form."""
    result = []
    for text in role.responsibilities:
        if "](roles:" in text:
            name, _, rest = text.partition("](roles:")
            target, _, tail = rest.partition(")")
            text = (f"{name.split('[')[0]}{{need}}`{name.split('[', 1)[1]} "
                    f"<{target.upper().replace('-', '_')}>`{tail}")
        result.append(text)
    return result


def hubroles_section(role: Role, focus: bool) -> str:
    out = [f"```{{role-card}} {role.id}", "```", ""]
    if focus:
        out += ["```{roles-diagram}", f":focus: {role.id}", "```", ""]
    return "\n".join(out) + "\n"


# --- DOT for the hand-written {graphviz} blocks --------------------------------------------

def _model(root: Path):
    from sphinx_hubroles.core.loader import load_roles

    return load_roles(root / "roles.yaml")


def styled_dot(model, roles: list[Role], spec, *, page: str) -> str:
    """What roles-diagram draws for `spec`, with the links a writer would put in by hand
    (relative to `page`); labels laid out with newrank where dot 2.43 needs it, as a writer
    would do after dot's first "trouble in init_rank"."""
    from sphinx_hubroles.core.diagram.dotsource import HREF_PLACEHOLDER, to_dot
    from sphinx_hubroles.core.diagram.layout import layout_for
    from sphinx_hubroles.core.diagram.selection import select

    selection = select(model, spec)
    layout = layout_for(selection)
    if layout.edge_labels:
        layout = replace(layout, newrank=True)
    # Tooltips: the role's name (a writer would not copy every summary into the DOT).
    dot = to_dot(selection, {r.id: r.name for r in selection.roles}, layout)
    where = {role.id: group_doc(role.group) for role in roles}
    depth = page.count("/")
    for role in selection.roles:
        href = "../" * depth + f"{where[role.id]}.html#roles-{role.id}"
        dot = dot.replace(f'"{HREF_PLACEHOLDER}{role.id}"', f'"{href}"')
    return dot


def labelled_dot(book: Handbook) -> str:
    """The full diagram as written by hand: every role, every relation named on its edge."""
    out = ["digraph roles {", '  node [shape=box, style=rounded, fontname="Helvetica"];',
           '  edge [fontname="Helvetica", fontsize=10];']
    for role in book.roles:
        out.append(f'  "{role.id}" [label="{role.name}", '
                   f'URL="{group_doc(role.group)}.html#roles-{role.id}"];')
    for role in book.roles:
        for rel, targets in role.relations.items():
            for target in targets:
                out.append(f'  "{role.id}" -> "{target}" [label="{LABELS[rel][0]}"];')
    out.append("}")
    return "\n".join(out)


# --- writing a project ---------------------------------------------------------------------

CONF = {
    "hand": ['extensions = ["myst_parser", "sphinx.ext.graphviz", "bench_probe"]'],
    "needs": ['extensions = ["myst_parser", "sphinx_needs", "bench_probe"]',
              "needs_types = [dict(directive='teamrole', title='Role', prefix='R_', "
              "color='#f6f8fa', style='node')]",
              "needs_id_regex = '^[A-Z0-9_]+$'",
              "needs_flow_engine = 'graphviz'",
              "needs_links = {",
              *(f"    {rel.replace('-', '_')!r}: dict(outgoing={label!r}, incoming={inverse!r}, "
                f"style={colour + ', ' + line!r}),"
                for (rel, label, inverse), colour, line in zip(
                    RELATIONS, ("#0072b2", "#d55e00", "#009e73", "#b8327d"),
                    ("solid", "dashed", "dotted", "solid"), strict=True)),
              "}"],
    "hubroles": ['extensions = ["myst_parser", "sphinx_hubroles", "bench_probe"]'],
}


def write_site(root: Path, book: Handbook, variant: str, diagrams: str = "none",
               full_style: str = "styled", dot: str = "/usr/bin/dot") -> Path:
    """Write the project of `variant` into `root` (emptied first)."""
    assert variant in VARIANTS and diagrams in DIAGRAMS and full_style in ("styled", "labelled")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    full = diagrams in ("full", "all")
    focus = diagrams in ("focus", "all")
    (root / "bench_probe.py").write_text(PROBE)
    wrapper = root / "dot-wrapper"
    wrapper.write_text(DOT_WRAPPER.format(dot=dot))
    wrapper.chmod(0o755)
    conf = [
        "import sys, os",
        "sys.path.insert(0, os.path.dirname(__file__))",
        *CONF[variant],
        'myst_enable_extensions = ["fieldlist"]',
        'exclude_patterns = ["_build"]',
        f"graphviz_dot = {str(wrapper)!r}",
        'graphviz_output_format = "svg"',
        "suppress_warnings = ['config.cache']",
    ]
    (root / "conf.py").write_text("\n".join(conf) + "\n")
    (root / "roles.yaml").write_text(roles_yaml(book))  # the hand variants use it for DOT only
    _write(root / "index.md", index_page(book, full))
    _write(root / "glossary.md", glossary_page(book, variant))
    for number in range(book.pages):
        _write(root / f"pages/page-{number:03d}.md", content_page(book, variant, number))
    model = _model(root) if variant == "hand" and (full or focus) else None
    for group in range(len(book.groups)):
        write_group(root, book, variant, group, focus, model)
    if full:
        _write(root / "overview.md", overview_page(book, variant, full_style, model))
    if variant != "hubroles":
        (root / "roles.yaml").unlink()
    return root


def write_group(root: Path, book: Handbook, variant: str, group: int, focus: bool,
                model=None) -> None:
    from sphinx_hubroles.core.diagram.selection import DiagramSpec

    page = group_doc(group)
    sections = []
    for role in book.roles:
        if role.group != group:
            continue
        if variant == "hand":
            dot = (styled_dot(model, book.roles, DiagramSpec(focus=role.id), page=page)
                   if focus else None)
            sections.append(hand_section(book, role, dot))
        elif variant == "needs":
            sections.append(need_section(role, focus))
        else:
            sections.append(hubroles_section(role, focus))
    _write(root / f"{page}.md", f"# {book.groups[group]}\n\n" + "\n".join(sections))


def overview_page(book: Handbook, variant: str, full_style: str, model=None) -> str:
    from sphinx_hubroles.core.diagram.selection import DiagramSpec

    if variant == "hubroles":
        block = "```{roles-diagram}\n```"
    elif variant == "needs":
        block = "```{needflow}\n:engine: graphviz\n:show_link_names:\n```"
    elif full_style == "labelled":
        block = f"```{{graphviz}}\n{labelled_dot(book)}\n```"
    else:
        dot = styled_dot(model, book.roles, DiagramSpec(), page="overview")
        block = f"```{{graphviz}}\n{dot}\n```"
    return f"# Overview\n\nEvery role and how they work together.\n\n{block}\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- the edits of the incremental rebuilds -------------------------------------------------

def edit_summary(root: Path, book: Handbook, variant: str, role: Role, serial: int) -> None:
    """Change one role's summary (link text and name unchanged), as a writer would."""
    old = role.summary
    # Each edit differs from the last one: rewriting the same text would change nothing.
    new = re.sub(r"^Looks( \(edit \d+\))? after", f"Looks (edit {serial}) after", old)
    assert new != old
    if variant == "hubroles":
        path = root / "roles.yaml"
        text = path.read_text()
        path.write_text(text.replace(_yaml_str(old), _yaml_str(new), 1))
    else:
        path = root / f"{group_doc(role.group)}.md"
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))
    role.summary = new
    if variant == "hand" and book.role_terms:  # the role's glossary entry says it again
        _write(root / "glossary.md", glossary_page(book, variant))


def add_role(root: Path, book: Handbook, variant: str, serial: int, diagrams: str,
             full_style: str = "styled") -> Role:
    """Add a role to the last group (and, by hand, everything that must show it)."""
    role = added_role(book, serial)
    book.roles.append(role)
    focus = diagrams in ("focus", "all")
    if variant == "hubroles":
        path = root / "roles.yaml"
        text = path.read_text()
        head, _, terms = text.partition("\nterms:\n")
        path.write_text(head + "\n" + "\n".join(_role_yaml(role)) + "\nterms:\n" + terms)
    model = _model_for(root, book) if variant == "hand" and diagrams != "none" else None
    # The group's page gains the role; by hand, the role it supports lists it too, and the
    # focus diagrams of both change.
    write_group(root, book, variant, role.group, focus, model)
    if variant == "hand" and diagrams in ("full", "all"):
        _write(root / "overview.md", overview_page(book, variant, full_style, model))
    if variant == "hand" and book.role_terms:
        _write(root / "glossary.md", glossary_page(book, variant))
    return role


def _model_for(root: Path, book: Handbook):
    """The model of the book as it now is (the hand variants keep no roles.yaml)."""
    import tempfile

    from sphinx_hubroles.core.loader import load_roles

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "roles.yaml")
        path.write_text(roles_yaml(book))
        return load_roles(path)
