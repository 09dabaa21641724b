"""A build names roles.yaml as Sphinx names pages, by its absolute path, so that nothing it
keeps between runs depends on the folder it was started from."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SUBPROCESS_ENV, build_here, sphinx_build

import sphinx_hubroles.core.scan as scan

ROLES = """\
roles:
  hub-engineer:
    name: Hub Engineer
    summary: Runs the hubs; see [](roles:hub-enginer).
    responsibilities:
      - Upgrade the hubs, with the [](roles:support-lead).
  support-lead:
    name: Support Lead
    summary: Answers the tickets.
"""

PAGES = {
    "roles.yaml": ROLES,
    "index.md": "# Team\n\n```{role-card} hub-engineer\n```\n\n```{role-card} support-lead\n```\n",
}


def test_a_build_names_roles_yaml_by_its_absolute_path_from_any_folder(project, tmp_path):
    srcdir = project(PAGES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    warning = (f"{srcdir / 'roles.yaml'}:4: WARNING: unknown role 'hub-enginer' in reference "
               "'roles:hub-enginer'; did you mean 'hub-engineer'? [hubroles.ref]")
    here = sphinx_build(srcdir)  # started from the project's folder
    assert warning in here.stderr.splitlines()
    # Started from another folder, the project given by a relative path: the same message,
    # and nothing to read again.
    outdir = srcdir / "_build" / "html"
    other = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", os.path.relpath(srcdir, elsewhere),
         os.path.relpath(outdir, elsewhere)],
        capture_output=True, text=True, cwd=elsewhere, env=SUBPROCESS_ENV)
    assert other.returncode == 0, other.stderr
    assert warning in other.stderr.splitlines()
    assert "no targets are out of date" in other.stdout


def test_a_rebuild_from_another_folder_reuses_what_the_last_build_kept(project, tmp_path,
                                                                        monkeypatch):
    srcdir = project(PAGES)
    scanned: list[str] = []
    real = scan.scan_myst

    def counted(text, *args, **kwargs):
        scanned.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(scan, "scan_myst", counted)
    monkeypatch.chdir(srcdir)
    first = build_here(srcdir)
    assert scanned  # roles.yaml's texts that hold a reference were parsed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    scanned.clear()
    second = build_here(srcdir)
    assert scanned == []  # the last build's scan of roles.yaml, reused
    assert second.read == set()
    assert second.warnings() == first.warnings()
