"""The note that the diagram cache holds every diagram's rendering (ext/diagram/whole.py): a
rebuild that finds it, and the cache's files as noted, looks for no rendering; any change to
those files, or a page read again, and every diagram is looked for as before."""

from __future__ import annotations

import time

import pytest
from conftest import build_here, write_project

from sphinx_hubroles.core.diagram import render
from sphinx_hubroles.ext.diagram import whole

PAGES = {
    "roles.yaml": "roles:\n  lead:\n    name: Lead\n    summary: Leads.\n"
                  "    relations:\n      oversees: [helper]\n"
                  "  helper:\n    name: Helper\n    summary: Helps.\n"
                  "relations:\n  oversees: {label: oversees, inverse: overseen by}\n",
    "index.md": "# Team\n\n```{toctree}\nother\n```\n\n```{roles-diagram}\n```\n\n"
                "```{role-card} lead\n```\n\n```{role-card} helper\n```\n",
    "other.md": "# Other\n\nProse about the [](roles:lead).\n",
}


@pytest.fixture
def looked_for(monkeypatch):
    """The renderings each build looks for (Renderer.cached), in order; files are taken as
    settled at once (the note waits two seconds for them otherwise)."""
    monkeypatch.setattr(whole, "SETTLED_NS", 0)
    asked: list[str] = []
    cached = render.Renderer.cached

    def counting(self, job, settled=None):
        asked.append(job.format)
        return cached(self, job, settled)

    monkeypatch.setattr(render.Renderer, "cached", counting)
    return asked


def test_a_rebuild_with_the_cache_as_noted_looks_for_no_rendering(tmp_path, looked_for):
    srcdir = write_project(tmp_path / "src", PAGES)
    clean = build_here(srcdir)
    note = clean.outdir.parent / "doctrees" / whole.FILE_NAME
    assert note.is_file(), "a build that drew every diagram notes so"
    looked_for.clear()
    again = build_here(srcdir)
    assert (again.read, again.written, looked_for) == (set(), set(), [])


def test_a_rendering_taken_out_or_changed_is_looked_for_and_drawn_again(tmp_path,
                                                                        looked_for):
    srcdir = write_project(tmp_path / "src", PAGES)
    first = build_here(srcdir)
    cache = first.outdir.parent / "doctrees" / "hubroles-diagrams"
    picture = first.html("index.html")
    (entry,) = cache.glob("*.svg.cache")
    for change in ("removed", "one byte changed"):
        if change == "removed":
            entry.unlink()
        else:
            time.sleep(0.05)  # past the file system's clock tick
            data = bytearray(entry.read_bytes())
            data[len(data) // 2] ^= 0x20
            entry.write_bytes(bytes(data))
        looked_for.clear()
        again = build_here(srcdir)
        assert looked_for, change
        assert "index" in again.written, change
        assert again.html("index.html") == picture, change
        assert entry.is_file(), change


def test_a_page_read_again_has_its_diagrams_looked_for(tmp_path, looked_for):
    """A new diagram on a page read again is drawn, though the note held when the build
    started."""
    srcdir = write_project(tmp_path / "src", PAGES)
    build_here(srcdir)
    other = srcdir / "other.md"
    other.write_text(other.read_text() + "\n```{roles-diagram}\n:roles: helper\n```\n")
    looked_for.clear()
    again = build_here(srcdir)
    assert again.read == {"other"} and looked_for
    assert again.html("other.html").count("<svg") == 1


def test_a_rendering_an_edit_replaces_is_pruned_by_the_next_build(tmp_path, looked_for):
    srcdir = write_project(tmp_path / "src", PAGES)
    first = build_here(srcdir)
    cache = first.outdir.parent / "doctrees" / "hubroles-diagrams"
    (old,) = cache.glob("*.svg.cache")
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("```{roles-diagram}\n```",
                                               "```{roles-diagram}\n:roles: lead\n```"))
    build_here(srcdir)  # draws the edited diagram
    assert len(list(cache.glob("*.svg.cache"))) == 2
    build_here(srcdir)
    assert [entry.name for entry in cache.glob("*.svg.cache")] != [old.name]
    assert len(list(cache.glob("*.svg.cache"))) == 1


def test_a_diagram_dot_cannot_draw_is_reported_on_every_build(tmp_path, looked_for):
    """The note is about the dot program and its arguments too: another graphviz_dot draws
    other renderings, which the cache does not have."""
    srcdir = write_project(tmp_path / "src", PAGES)
    build_here(srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + "graphviz_dot = '/nonexistent/dot'\n")
    for build in ("first", "second"):
        assert "cannot run the Graphviz program" in build_here(srcdir).stderr, build
