"""The MyST-MD plugin in real mystmd builds: the docs' example project (docs/examples/mystmd)
built once, offline, with `myst build --site --strict`, and its pages' ASTs, myst.xref.json,
objects.inv and exports checked; the requests and answers that passed between the plugin and
Python validated against the protocol's schemas; a rebuild with nothing changed starts no
Python at all, and an edited roles.yaml shows at once."""

from __future__ import annotations

import json
import re
import shutil
import stat
import sys
from pathlib import Path

import jsonschema
import pytest
from mystmd_helpers import (
    RECORDER,
    copy_myst_project,
    myst_build,
    nodes,
    text,
    without_keys,
)

from sphinx_hubroles.core.protocol import ANSWER_SCHEMA, REQUEST_SCHEMA
from sphinx_hubroles.mystmd import PLUGIN, SPECS
from sphinx_hubroles.mystmd.serve import specs_text

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "mystmd"


def recorded_python(folder: Path) -> dict[str, str]:
    """The environment that makes the plugin run Python through the recorder."""
    wrapper = folder / "python"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{RECORDER}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return {"HUBROLES_PYTHON": str(wrapper), "HUBROLES_RECORD": str(folder / "record")}


def calls(folder: Path) -> list[tuple[dict, dict]]:
    record = folder / "record"
    requests = sorted(record.glob("*.request.json")) if record.exists() else []
    return [(json.loads(path.read_text()),
             json.loads(path.with_name(path.name.replace("request", "answer")).read_text()))
            for path in requests]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    root = copy_myst_project(EXAMPLE, tmp_path_factory.mktemp("example"))
    tools = tmp_path_factory.mktemp("tools")
    run = myst_build(root, "--site", "--strict", env=recorded_python(tools))
    assert run.returncode == 0, run.output
    return run, tools


def processes(folder: Path) -> int:
    return len(list((folder / "record").glob("process-*"))) if (folder / "record").exists() else 0


def test_the_example_builds_clean_with_one_python_process(example):
    run, tools = example
    assert run.errors() == []
    assert "Traceback" not in run.output and "⚠" not in run.output
    # One process, asked twice: what the displays show, then the problems of the project.
    assert processes(tools) == 1
    assert [request["command"] for request, _answer in calls(tools)] == ["displays", "problems"]


def test_cards_are_headings_with_the_sphinx_anchors(example):
    run, _ = example
    headings = {node["identifier"]: node for node in nodes(run.page("team"), "heading")
                if node.get("identifier", "").startswith("roles:")}
    assert {key: (node["html_id"], text(node)) for key, node in headings.items()} == {
        "roles:maintainer": ("roles-maintainer", "Maintainer"),
        "roles:release-manager": ("roles-release-manager", "Release Manager"),
        "roles:contributor": ("roles-contributor", "Contributor"),
    }
    page = run.page("team")
    summaries = [text(node) for node in nodes(page, "paragraph", **{"class": "hubroles-summary"})]
    # MyST-MD's smart quotes apply: the text is parsed by mystmd.
    assert summaries[0] == "Looks after the project\u2019s code and the people who write it."
    facts = nodes(page, "definitionList", **{"class": "hubroles-facts"})[0]
    assert [text(term) for term in nodes(facts, "definitionTerm")] == [
        "Group", "How many", "Held by", "Formerly held by"]
    # roles.yaml's text is parsed by mystmd itself: its emphasis and terms are MyST-MD's.
    held = nodes(facts, "definitionDescription")[3]
    assert text(nodes(held, "emphasis")[0]) == "grew"
    assert nodes(held, "crossReference")[0]["identifier"] == "people:bo"
    release = nodes(page, "crossReference", identifier="term-release")
    assert release and release[0]["url"] == "/glossary"
    relations = nodes(page, "definitionList", **{"class": "hubroles-relations"})[0]
    assert [text(term) for term in nodes(relations, "definitionTerm")] == [
        "Reviews the work of", "Mentors", "Reviewed by"]


def test_links_and_terms_resolve_to_the_cards(example):
    run, _ = example
    page = run.page("index")
    refs = [(node["identifier"], node.get("url"), node.get("html_id"), text(node))
            for node in nodes(page, "crossReference")
            if not node["identifier"].startswith("team-")]
    assert refs[:4] == [
        ("roles:maintainer", "/team", "roles-maintainer", "Maintainer"),
        ("roles:release-manager", "/team", "roles-release-manager", "someone who cuts releases"),
        ("roles:contributor", "/team", "roles-contributor", "Contributor"),
        ("people:ada", "/people", "people-ada", "Ada Quill"),
    ]
    assert nodes(page, "link") == []  # no `roles:` link is left for a browser to follow


def test_glossary_terms_get_mystmds_ids(example):
    run, _ = example
    page = run.page("glossary")
    terms = [node for glossary in nodes(page, "glossary")
             for node in nodes(glossary, "definitionTerm")]
    assert [(node["identifier"], text(node)) for node in terms] == [("term-release", "Release")]


def test_the_glossary_lists_roles_linked_to_their_cards(example):
    # `:role-names:` is on by default: each role's name, in the terms' sorted order, links
    # to its card and shows its summary's words; it is no term of mystmd's (the card defines
    # the role's name), so it has no `term-` id.
    run, _ = example
    page = run.page("glossary")
    entries = [(text(node), node.get("identifier")) for node in nodes(page, "definitionTerm")]
    assert entries == [("Contributor", None), ("Maintainer", None), ("Release", "term-release"),
                       ("Release Manager", None)]
    links = [(node["identifier"], node["url"]) for node in nodes(page, "crossReference")]
    assert links == [("roles:contributor", "/team"), ("roles:maintainer", "/team"),
                     ("roles:release-manager", "/team")]
    summaries = [text(node) for node in nodes(page, "paragraph")
                 if node.get("class") == "hubroles-glossary-summary"]
    assert summaries[1] == "Looks after the project's code and the people who write it."


def test_the_diagram_is_a_figure_of_dots_svg_with_card_links(example):
    run, _ = example
    page = run.page("index")
    figure = nodes(page, "container", kind="figure")[0]
    assert figure["identifier"] == "team-diagram"
    assert "Who reviews whom" in text(nodes(figure, "caption")[0])
    image = nodes(figure, "image")[0]
    svg = (run.root / "_build/site/public" / image["url"].lstrip("/")).read_text()
    assert svg.startswith("<?xml")
    links = re.findall(r'xlink:href="([^"]+)"', svg)
    assert sorted(links) == ["../team#roles-contributor", "../team#roles-maintainer",
                             "../team#roles-release-manager"]
    assert "Legend" in svg  # the legend is drawn in
    version = nodes(page, "admonition", kind="admonition")[0]
    assert text(nodes(version, "admonitionTitle")[0]) == "Text version of this diagram"
    assert "Maintainer reviews the work of Contributor." in text(version)
    assert [node["identifier"] for node in nodes(version, "crossReference")] == [
        "roles:maintainer", "roles:release-manager", "roles:contributor"]


def test_tables_directory_and_rotation(example):
    run, _ = example
    page = run.page("people")
    table = nodes(page, "container", kind="table")[0]
    assert text(nodes(table, "caption")[0]).endswith("The roles and who holds them")
    rows = nodes(table, "tableRow")
    assert [text(cell) for cell in nodes(rows[0], "tableCell")] == ["Role", "Summary", "Held by"]
    assert [nodes(row, "crossReference")[0]["identifier"] for row in rows[1:]] == [
        "roles:maintainer", "roles:release-manager", "roles:contributor"]
    people = [node["identifier"] for node in nodes(page, "heading")
              if node.get("identifier", "").startswith("people:")]
    assert people == ["people:ada", "people:bo", "people:cy"]
    rotation = nodes(page, "container", kind="table")[1]
    assert "Rotation of Release Manager: 14 days per shift" in text(rotation)
    assert len(nodes(rotation, "tableRow")) == 5  # the headings and four shifts


def test_objects_inv_and_xref_list_the_cards(example):
    run, _ = example
    inventory = run.inventory()
    assert inventory["roles:maintainer"] == ("std:label", "team#roles-maintainer", "Maintainer")
    assert inventory["people:ada"][1] == "people#people-ada"
    assert inventory["term-release"][1] == "glossary#term-release"
    xref = {entry.get("identifier"): entry for entry in run.xref()["references"]}
    assert (xref["roles:contributor"]["url"], xref["roles:contributor"]["html_id"]) == (
        "/team", "roles-contributor")


def test_the_exchanges_follow_the_protocol(example):
    _, tools = example
    for request, answer in calls(tools):
        jsonschema.validate(request, REQUEST_SCHEMA)
        jsonschema.validate(answer, ANSWER_SCHEMA)
        assert answer["ok"] is True


def test_a_rebuild_with_nothing_changed_starts_no_python(example, tmp_path):
    run, _ = example
    content = run.root / "_build/site/content"
    before = {path.name: without_keys(json.loads(path.read_text()))
              for path in content.glob("*.json")}
    again = myst_build(run.root, "--site", "--strict", env=recorded_python(tmp_path))
    assert again.returncode == 0, again.output
    assert (processes(tmp_path), calls(tmp_path)) == (0, [])
    assert {path.name: without_keys(json.loads(path.read_text()))
            for path in content.glob("*.json")} == before


def test_an_edited_roles_yaml_shows_at_once(example, tmp_path):
    """The answers are kept while roles.yaml holds the same bytes: an edit is asked again
    (as under `myst start`, where pages are not parsed again)."""
    run, _ = example
    root = copy_myst_project(run.root, tmp_path / "copy")
    shutil.rmtree(root / "_build", ignore_errors=True)
    assert myst_build(root, "--site").returncode == 0
    roles = root / "roles.yaml"
    roles.write_text(roles.read_text().replace("Cuts the releases", "Cuts every release"))
    record = tmp_path / "tools"
    record.mkdir()
    again = myst_build(root, "--site", "--strict", env=recorded_python(record))
    assert again.returncode == 0, again.output
    assert "Cuts every release" in json.dumps(again.page("team"))
    assert (processes(record), len(calls(record))) == (1, 2)


def test_exports_show_each_diagram_as_a_figure_with_its_image(example, tmp_path):
    run, _ = example
    root = copy_myst_project(run.root, tmp_path / "exports")
    index = root / "index.md"
    index.write_text("---\nexports:\n  - format: md\n    output: out/index.md\n"
                     "  - format: jats\n    output: out/index.xml\n"
                     "  - format: tex\n    output: out/index.tex\n    template: null\n---\n"
                     + index.read_text())
    done = myst_build(root, "--md", "--jats", "--tex")
    assert "Traceback" not in done.output
    assert "Unsupported node" not in done.output and "Unhandled" not in done.output
    markdown = (root / "out/index.md").read_text()
    # The Markdown names the picture where the build keeps it, as mystmd does any image.
    assert re.search(r":::\{figure\} \./_build/hubroles/svg/[0-9a-f]+\.svg\n:name: team-diagram",
                     markdown)
    jats = (root / "out/index.xml").read_text()
    figure = re.search(r"<fig\b.*?</fig>", jats, re.S).group()
    assert "Who reviews whom" in figure
    assert re.search(r'<graphic [^>]*xlink:href="files/[0-9a-f-]+\.svg"', figure)
    assert r"\includegraphics" in (root / "out/index.tex").read_text()


def test_the_plugin_path_and_its_directives_file(capsys):
    from sphinx_hubroles.cli import main

    assert main(["myst-plugin"]) == 0
    assert capsys.readouterr().out.strip() == str(PLUGIN.resolve())
    assert PLUGIN.is_file()
    # directives.json is generated from the option specs of the Sphinx directives.
    assert SPECS.read_text() == specs_text()
