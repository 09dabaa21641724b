"""hubroles.json at the root of the HTML output: what `sphinx-hubroles export` prints."""

from __future__ import annotations

import json

import pytest
from cli_helpers import hubroles
from conftest import TEAM, sphinx_build, write_project
from test_diagram_selection import MODELS, changed_copies

from sphinx_hubroles.core.export import to_json

SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\nproject = "Team"\n'
               'hubroles_file = "team/roles.yaml"\n',
    "team/roles.yaml": TEAM,
    "index.md": "# Team\n\n```{role-card} hub-engineer\n```\n",
}


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory):
    return write_project(tmp_path_factory.mktemp("json"), SITE)


@pytest.fixture(scope="module")
def exported(srcdir) -> str:
    run = hubroles(srcdir, "export", "--format", "json", "--roles", "team/roles.yaml")
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_html_builder_writes_the_export_at_the_root(srcdir, exported):
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 0, result.stderr
    text = (result.outdir / "hubroles.json").read_text(encoding="utf-8")
    assert text == exported
    data = json.loads(text)
    assert data["roles"]["hub-engineer"]["summary"] == "Operates the hub infrastructure."
    assert data["roles"]["community-representative"]["relations"] == {
        "oversees": ["hub-administrator"], "asks": ["hub-engineer"]}
    assert data["terms"]["Incident"] == "Something that broke."


def test_an_unchanged_rebuild_leaves_the_file_alone_and_a_change_rewrites_it(tmp_path):
    srcdir = write_project(tmp_path, SITE)
    first = sphinx_build(srcdir)
    path = first.outdir / "hubroles.json"
    stamp = path.stat().st_mtime_ns
    sphinx_build(srcdir)
    assert path.stat().st_mtime_ns == stamp
    (srcdir / "team/roles.yaml").write_text(TEAM.replace("Plans the work.", "Plans the year."))
    assert sphinx_build(srcdir).returncode == 0
    assert json.loads(path.read_text())["roles"]["project-manager"]["summary"] == \
        "Plans the year."


@pytest.mark.parametrize("between", ["dirhtml", "text"])
def test_builders_sharing_an_environment_each_get_the_edited_roles(tmp_path, between):
    # `sphinx-build -M` keeps one doctree folder for every builder: the environment already
    # holds the edited roles.yaml when html builds again, but html's own copy is still old;
    # a text build takes in the edit without making the file at all.
    srcdir = write_project(tmp_path, SITE)
    doctrees = str(tmp_path / "doctrees")
    html = sphinx_build(srcdir, "-d", doctrees)
    assert html.returncode == 0, html.stderr
    # A summary the page's card shows: the page is read again and the environment saved.
    (srcdir / "team/roles.yaml").write_text(TEAM.replace(
        "Operates the hub infrastructure.", "Runs the hubs."))
    assert sphinx_build(srcdir, "-d", doctrees, builder=between).returncode == 0
    assert sphinx_build(srcdir, "-d", doctrees).returncode == 0
    data = json.loads((html.outdir / "hubroles.json").read_text(encoding="utf-8"))
    assert data["roles"]["hub-engineer"]["summary"] == "Runs the hubs."


# Which builders write it (html, dirhtml and singlehtml only): tests/test_diagram_outputs.py.


@pytest.mark.parametrize("name", ["kubernetes", "jupyter", "handbook", "large"])
def test_the_memo_of_parts_gives_the_same_text(name):
    """The build keeps the JSON of each role and part with the environment and encodes only
    what changed (to_json's memo): through edits of every field of a few roles, groups and
    relation types, and a change of role order, the text is the one a fresh export gives,
    and the memo holds this model's parts alone."""
    def parts(model) -> set[str]:
        fresh: dict[str, str] = {}
        to_json(model, fresh)
        return set(fresh)

    model = MODELS[name]()
    memo: dict[str, str] = {}
    assert to_json(model, memo) == to_json(model)
    assert len(memo) > len(model.roles) and set(memo) == parts(model)
    for what, copy in changed_copies(model):
        assert to_json(copy, memo) == to_json(copy), what
        assert set(memo) == parts(copy), what
    # The memo is used: a part that is still there comes from it, not from a new encoding.
    assert to_json(model, memo) == to_json(model)
    for key in memo:
        memo[key] = memo[key].replace('"id"', '"ID"')
    assert '"ID"' in to_json(model, memo)
