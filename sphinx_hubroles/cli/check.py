"""`sphinx-hubroles check`: the problems a Sphinx build would report, found by scanning the
sources instead of building them, and judged by the same rules as the build (core/rules.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..core.model import RolesFile
from ..core.names import ROLE_PREFIXES
from ..core.problems import WARNING, display_path
from ..core.rules import Finding, problems
from ..core.scan import scan_file, scan_roles_file, scan_roles_file_displays, source_files
from ..core.scan.findings import Findings
from ..core.site import Where


def scan(model: RolesFile, paths: Iterable[Path], exclude: Iterable[str] = (),
         prefixes: tuple[str, ...] = ROLE_PREFIXES) -> Findings:
    findings = Findings()
    findings.label_prefixes = prefixes
    findings.roles_file = scan_roles_file(model, prefixes=prefixes)
    findings.roles_file_displays = scan_roles_file_displays(model)
    for path in source_files(paths, exclude):
        scan_file(path, findings)
    return findings


def check(model: RolesFile, findings: Findings, role_terms: bool = True) -> list[Finding]:
    """Every problem, in file and line order: roles.yaml's warnings (which leave it usable),
    files that cannot be read, and the rules'."""
    shown = display_path(model.path)
    found = [Finding(Where(shown, p.line, p.column, shown), p.message, subtype="yaml")
             for p in model.notices if p.level == WARNING]
    found += [Finding(where, message) for where, message in findings.unreadable]
    found += problems(model, findings, role_terms)
    return sorted(found, key=lambda f: f.where.sort_key())
