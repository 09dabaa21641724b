"""The scale benchmark's handbook (benchmarks/scale_site.py) builds, in all three variants,
without a warning, and the worst-case benchmark (benchmarks/worst_case.py) runs every stage:
a broken benchmark would compare builds that fail. No timing here; the numbers come from
`nox -s bench` and the scripts themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SUBPROCESS_ENV

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import scale  # noqa: E402
import scale_site as site  # noqa: E402
import worst_case  # noqa: E402


@pytest.mark.parametrize("variant", site.VARIANTS)
def test_each_variant_builds_without_warnings(tmp_path, variant):
    book = site.handbook(12, pages=3, refs=8)  # two groups
    root = site.write_site(tmp_path / variant, book, variant, "all")
    result = scale.build(root)
    assert (result["status"], result["warnings"]) == (0, 0)
    assert {"index", "glossary", "overview", "roles/group-000", "roles/group-001",
            "pages/page-000"} <= set(result["read"])
    assert result["dot_runs"] == 1 + 12  # the full diagram and one per role
    html = (root / "_build" / "serial" / "pages" / "page-000.html").read_text()
    assert "roles/group-00" in html  # the role references are links
    if variant != "hubroles":
        return
    # The benchmark's edits: a summary re-reads and writes again the role's card page alone
    # (and the pages Sphinx writes on every change), however many diagrams show the role,
    # with no new drawing; a role added to roles.yaml and its group's page builds too.
    role = book.roles[0]
    assert len(scale._pages_showing(book, role, "all")) > 1
    site.edit_summary(root, book, variant, role, 1)
    edited = scale.build(root)
    assert edited["warnings"] == 0
    assert edited["read"] == [site.group_doc(role.group)]
    assert set(edited["written"]) == {site.group_doc(role.group), "index", "genindex", "search"}
    assert edited["dot_runs"] == 0
    site.add_role(root, book, variant, 1, "all")
    added = scale.build(root)
    assert (added["status"], added["warnings"]) == (0, 0)
    assert "roles/group-001" in added["read"]


def test_worst_case_benchmark_runs_every_stage_of_every_shape(tmp_path):
    """benchmarks/worst_case.py at tiny sizes: every shape loads, checks without a problem,
    draws and builds without a warning, and the table has every figure."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "worst_case.py"), "--sizes", "12,24", "--runs", "1",
         "--dot-timeout", "30", "--build-limit", "12", "--keep", str(tmp_path)],
        capture_output=True, text=True, env=SUBPROCESS_ENV)
    assert done.returncode == 0, done.stderr
    assert "check found" not in done.stderr and "! build" not in done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[:2] for row in rows] == [
        [f"| {shape}", size] for shape in worst_case.SHAPES for size in ("12", "24")]
    for row in rows:
        cells = row.strip("| ").split(" | ")[3:]  # load ... build
        assert all(cell.endswith(" s") or " s (" in cell for cell in cells[:6]), row
        assert cells[6] != "–" if " 12 " in row else cells[6] == "–", row
    assert (tmp_path / "chain-12" / "_build" / "html" / "overview.html").is_file()


def test_the_mystmd_benchmark_builds_both_variants(tmp_path):
    """benchmarks/mystmd_scale.py: both MyST-MD variants build without an error, and the
    plugin starts one Python process for a clean build and none for a rebuild."""
    import mystmd_scale

    result = mystmd_scale.measure(site.handbook(12, pages=3, refs=4), 1, tmp_path)
    assert result["processes"] == {"clean": [1], "rebuild": [0]}
