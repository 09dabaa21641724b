"""This repository's handbook (docs/handbook and roles.yaml) as a MyST-MD project (myst.yml at
the root), built with the plugin from the same pages as the Sphinx docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from mystmd_helpers import myst_build, nodes, text, write_myst_project

from sphinx_hubroles.core.loader import load_roles

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    files = {"myst.yml": (ROOT / "myst.yml").read_text(),
             "roles.yaml": (ROOT / "roles.yaml").read_text()}
    for page in (ROOT / "docs/handbook").glob("*.md"):
        files[f"docs/handbook/{page.name}"] = page.read_text()
    root = write_myst_project(tmp_path_factory.mktemp("handbook"), files)
    run = myst_build(root, "--site", "--strict")
    assert run.returncode == 0, run.output
    return run


def test_the_handbook_builds_with_the_plugin(handbook):
    assert handbook.errors() == []
    model = load_roles(ROOT / "roles.yaml")
    cards = {node["identifier"].removeprefix("roles:"): text(node)
             for name in ("community-representative", "hub-administrator", "hub-engineer",
                          "support-steward", "incident-commander", "project-manager")
             for node in nodes(handbook.page(name), "heading")
             if node.get("identifier", "").startswith("roles:")}
    assert cards == {role.id: role.name for role in model.roles.values() if not role.external}
    # The overview's diagram, and a focus diagram on each role's page.
    assert nodes(handbook.page("index"), "container", kind="figure")
    assert nodes(handbook.page("hub-engineer"), "container", kind="figure")
    # Every role link of the overview reaches a card.
    links = [node for node in nodes(handbook.page("index"), "crossReference")
             if node["identifier"].startswith("roles:")]
    assert links and all(node.get("url") for node in links)
    glossary = handbook.page("glossary")
    terms = [node["identifier"] for found in nodes(glossary, "glossary")
             for node in nodes(found, "definitionTerm")]
    assert "term-hub community" in terms
    # The roles' entries, between the glossary's blocks, link to their cards.
    entries = nodes(glossary, "definitionTerm", **{"class": "hubroles-glossary-role"})
    assert {nodes(entry, "crossReference")[0]["identifier"] for entry in entries} == {
        f"roles:{role.id}" for role in model.roles.values() if not role.retired}
