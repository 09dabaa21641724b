"""A rebuild with nothing changed does no work for roles.yaml that a hand-written handbook
would not: roles.yaml is not parsed again (ext/model_cache.py), hubroles.json not made again,
and roles.yaml's texts not scanned again, even after an edit that no page shows."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import build_here, write_project

import sphinx_hubroles.core.export as export
import sphinx_hubroles.core.loader as loader
import sphinx_hubroles.core.scan as scan
import sphinx_hubroles.ext.state as state
from sphinx_hubroles.ext import model_cache

ROLES = """\
roles:
  hub-engineer:
    name: Hub Engineer
    summary: Runs the hubs, with the [](roles:support-lead).
    responsibilities:
      - Upgrade the hubs
        - every month
  support-lead:
    name: Support Lead
    summary: Answers the tickets.
"""

PAGES = {
    "roles.yaml": ROLES,
    "index.md": "# Team\n\n```{role-card} hub-engineer\n```\n\n[](roles:support-lead)\n",
}
# The loader's warning about the folded list item, on every build until it is fixed.
FOLDED = "roles.yaml:7: WARNING: "  # line 6's item goes on with "- every month"


class Counts:
    """How often the build parsed roles.yaml, scanned its texts and made hubroles.json, and
    how often it unpickled the model kept by the last build."""

    def __init__(self, monkeypatch) -> None:
        self.parsed = self.scanned = self.encoded = self.unpickled = 0
        unpickle = state.cached_model

        def counted_unpickle(*args, **kwargs):
            self.unpickled += 1
            return unpickle(*args, **kwargs)

        monkeypatch.setattr(state, "cached_model", counted_unpickle)
        parse, scan_myst, to_json = loader.parse_roles, scan.scan_myst, export.to_json

        def counted_parse(*args, **kwargs):
            self.parsed += 1
            return parse(*args, **kwargs)

        def counted_scan(*args, **kwargs):
            self.scanned += 1
            return scan_myst(*args, **kwargs)

        def counted_json(*args, **kwargs):
            self.encoded += 1
            return to_json(*args, **kwargs)

        monkeypatch.setattr(loader, "parse_roles", counted_parse)
        monkeypatch.setattr(scan, "scan_myst", counted_scan)
        monkeypatch.setattr(export, "to_json", counted_json)

    def reset(self) -> tuple[int, int, int]:
        counts = self.parsed, self.scanned, self.encoded
        self.parsed = self.scanned = self.encoded = 0
        return counts


@pytest.fixture
def counts(monkeypatch) -> Counts:
    return Counts(monkeypatch)


def test_a_rebuild_with_nothing_changed_parses_scans_and_encodes_nothing(tmp_path, counts):
    srcdir = write_project(tmp_path / "src", PAGES)
    first = build_here(srcdir)
    assert counts.reset() == (1, 1, 1)
    second = build_here(srcdir)
    assert counts.reset() == (0, 0, 0)
    assert counts.unpickled == 0  # nothing used the model: only its warnings were read
    assert second.read == set()
    # A page read again uses the model: the cached one, not a new parse.
    (srcdir / "index.md").write_text(PAGES["index.md"] + "\nMore.\n", encoding="utf-8")
    third = build_here(srcdir)
    assert third.read == {"index"}
    assert counts.reset() == (0, 0, 0) and counts.unpickled == 1
    # What the cached model says is what the parsed one said: the same warning, the same file.
    assert [w for w in second.warnings() if FOLDED in w] == [
        w for w in first.warnings() if FOLDED in w] != []
    data = json.loads((first.outdir / "hubroles.json").read_text(encoding="utf-8"))
    assert list(data["roles"]) == ["hub-engineer", "support-lead"]


def test_an_edit_no_page_shows_is_kept_so_later_builds_do_no_work(tmp_path, counts):
    srcdir = write_project(tmp_path / "src", PAGES)
    build_here(srcdir)
    counts.reset()
    roles = srcdir / "roles.yaml"
    roles.write_text("# Who does what.\n" + ROLES, encoding="utf-8")
    edited = build_here(srcdir)
    assert edited.read == set()
    assert counts.reset()[0] == 1  # parsed once...
    build_here(srcdir)
    assert counts.reset() == (0, 0, 0)  # ...and then kept, with everything made from it
    # The warning's line moved with the comment, in the cached model as in the parsed one.
    assert [w for w in build_here(srcdir).warnings() if "roles.yaml:8: WARNING" in w]


def test_hubroles_json_is_made_again_when_its_file_is_gone_or_changed(tmp_path, counts):
    srcdir = write_project(tmp_path / "src", PAGES)
    first = build_here(srcdir)
    path = first.outdir / "hubroles.json"
    made = path.read_bytes()
    path.unlink()
    build_here(srcdir)
    assert path.read_bytes() == made
    path.write_text("{}", encoding="utf-8")
    counts.reset()
    build_here(srcdir)
    assert path.read_bytes() == made
    assert counts.reset()[2] == 1
    # Another builder sharing the environment (sphinx-build -M) writes its own.
    other = build_here(srcdir, "dirhtml", builddir=srcdir / "_build")
    assert (other.outdir / "hubroles.json").read_bytes() == made


@pytest.mark.parametrize("damage", ["truncated", "other code", "not a model", "a folder"])
def test_a_damaged_cache_is_ignored(tmp_path, counts, damage):
    srcdir = write_project(tmp_path / "src", PAGES)
    clean = build_here(srcdir)
    cache = srcdir / "_build" / "doctrees" / model_cache.FILE_NAME
    assert cache.is_file()
    key = cache.read_bytes().split(b"\n", 1)[0]
    if damage == "truncated":
        cache.write_bytes(cache.read_bytes()[:200])
    elif damage == "other code":
        cache.write_bytes(b"0" * len(key) + cache.read_bytes()[len(key):])
    elif damage == "not a model":
        cache.write_bytes(key + b"\n" + __import__("pickle").dumps({"roles": 1}))
    else:
        cache.unlink()
        cache.mkdir()
    # What the build shows comes from roles.yaml, parsed again, never from a damaged cache.
    counts.reset()
    again = build_here(srcdir)
    assert counts.reset()[0] == 1
    assert again.warnings() == clean.warnings()
    if damage == "a folder":
        shutil.rmtree(cache)


def test_writing_the_cache_leaves_no_temporary_file_behind(tmp_path):
    srcdir = write_project(tmp_path / "src", PAGES)
    build_here(srcdir)
    doctrees = srcdir / "_build" / "doctrees"
    assert sorted(p.name for p in doctrees.iterdir() if "hubroles" in p.name) == [
        model_cache.FILE_NAME]  # no temporary file left behind


def test_export_json_is_what_the_site_publishes(tmp_path):
    """The skipped encoding must not change the file: it is the export's text."""
    srcdir = write_project(tmp_path / "src", PAGES)
    build_here(srcdir)
    second = build_here(srcdir)
    from sphinx_hubroles.core.loader import load_roles

    expected = export.to_json(load_roles(srcdir / "roles.yaml"))
    assert (second.outdir / "hubroles.json").read_text(encoding="utf-8") == expected
