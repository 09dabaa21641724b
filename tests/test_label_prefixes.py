"""A team's own label spelling (hubroles_label_prefixes): a handbook that writes `(role:x)=`
labels and `[Title](#role:x)` links adopts roles.yaml without rewriting them, in Sphinx and in
MyST-MD alike, and `check` judges them the same way. Also: `[text](#roles:x)` links are judged
like the other forms (a broken one used to vanish without a warning)."""

from __future__ import annotations

import re

import pytest
from cli_helpers import hubroles, write_tree
from conftest import TEAM, sphinx_build
from mystmd_helpers import myst_build, myst_config, nodes, text, write_myst_project

PAGES = {
    "cards.md": """
        # Cards

        ```{role-card} hub-engineer
        ```
        """,
    "handbook.md": """
        # Handbook

        Ask the [engineers](#role:hub-engineer) or [the admins](#role:hub-administrator).
        A typo: [who?](#role:hub-enginer).
        An [older link](#roles:hub-enginer).

        (role:hub-administrator)=
        ## Hub administrators, still written by hand

        They help the users.

        (role:hub-engineer)=
        ## Hub engineers, written by hand before the card
        """,
}
EXPECTED = {
    "handbook.md:4: unknown role 'hub-enginer' in reference 'role:hub-enginer'; did you mean "
    "'hub-engineer'?",
    "handbook.md:5: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you mean "
    "'hub-engineer'?",
    "handbook.md:12: label 'role:hub-engineer' is written by hand here, and the role-card at "
    "cards.md:3 makes it too; remove the hand-written label",
}


def test_sphinx_takes_the_other_spelling(tmp_path):
    write_tree(tmp_path, {
        "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                   'hubroles_label_prefixes = ["role:"]\n',
        "roles.yaml": TEAM,
        "index.md": "# Home\n\n```{toctree}\ncards\nhandbook\n```\n",
        **PAGES,
    })
    result = sphinx_build(tmp_path)
    found = {line.replace(" WARNING:", "").rsplit(" [", 1)[0] for line in result.warnings()
             if "[hubroles." in line and "roles.yaml" not in line}
    assert found == EXPECTED
    html = result.html("handbook.html")
    assert re.search(r'href="cards.html#roles-hub-engineer"[^>]*><span>engineers', html)
    assert 'href="#role-hub-administrator">the admins</a>' in html  # by hand, same page
    assert '<span class="xref myst">who?</span>' in html  # its text, no link
    # check says the same, told the same prefix.
    checked = {re.sub(r"^(\S+?:\d+):\d+:", r"\1:", line)
               for line in hubroles(tmp_path, "check", "--label-prefix", "role:").lines
               if not line.startswith("roles.yaml")}
    assert checked == EXPECTED


def test_without_the_setting_a_broken_hash_link_is_reported_too(tmp_path):
    write_tree(tmp_path, {"conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n',
                          "roles.yaml": TEAM, "index.md": "# Home\n\n[x](#roles:hub-enginer)\n"})
    result = sphinx_build(tmp_path)
    assert ("index.md:3: WARNING: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; "
            "did you mean 'hub-engineer'? [hubroles.ref]") in result.warnings()


@pytest.fixture(scope="module")
def mystmd_site(tmp_path_factory):
    root = write_myst_project(tmp_path_factory.mktemp("prefixes"), {
        "myst.yml": myst_config(["cards.md", "handbook.md"],
                                options={"hubroles_label_prefixes": ["role:"]}),
        "roles.yaml": TEAM,
        **PAGES,
    })
    return myst_build(root, "--site", "--strict")


def test_mystmd_takes_the_other_spelling(mystmd_site):
    run = mystmd_site
    assert run.returncode == 1  # the planted problems
    found = {re.sub(r"^(\S+?:\d+)(:\d+)? ", r"\1: ", line) for line in run.errors()}
    assert found == EXPECTED
    refs = [(node["identifier"], node.get("url"), node.get("html_id"), text(node))
            for node in nodes(run.page("handbook"), "crossReference")]
    assert refs == [
        ("roles:hub-engineer", "/", "roles-hub-engineer", "engineers"),  # cards: the index
        ("role:hub-administrator", None, "role-hub-administrator", "the admins"),
    ]
    checked = {re.sub(r"^(\S+?:\d+):\d+:", r"\1:", line)
               for line in hubroles(run.root, "check").lines}
    assert checked == EXPECTED
