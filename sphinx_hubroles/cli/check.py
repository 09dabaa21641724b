"""`sphinx-hubroles check`: the reference problems a Sphinx build would report, found by
scanning the sources instead of building them, in the extension's own words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core import messages
from ..core.model import RolesFile
from ..core.problems import display_path
from ..core.scan.findings import Findings, Location, scan_file, scan_roles_file, source_files


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        # file:line:col: message, the form editors and CI annotate from
        place = ":".join(str(part) for part in (display_path(self.path), self.line, self.column)
                         if part is not None)
        return f"{place}: {self.message}"

    def sort_key(self) -> tuple:
        return display_path(self.path), self.line or 0, self.column or 0


def scan(model: RolesFile, paths: Iterable[Path], exclude: Iterable[str] = ()) -> Findings:
    findings = Findings()
    scan_roles_file(model, findings)
    for path in source_files(paths, exclude):
        scan_file(path, findings)
    return findings


def problems(model: RolesFile, findings: Findings) -> list[Finding]:
    """Every problem, in file and line order."""
    result = [_at(where, message) for where, message in findings.unreadable]
    result += _card_problems(model, findings)
    labels = set(findings.labels) | {f"roles:{card.role_id}" for card in findings.cards
                                     if card.role_id in model.roles}
    terms = {name.lower(): name for name in model.terms}
    for role in model.roles.values():
        terms.update((name.lower(), name) for name in role.term_names)
    terms.update(findings.terms)
    for reference in findings.references:
        if reference.kind == "term":
            if reference.target.lower() not in terms:
                message = messages.unknown_term(reference.target, terms.values())
                result.append(_at(reference.where, message))
            continue
        role_id = messages.role_id_of(reference.target)
        if role_id is None or f"roles:{role_id}" in labels:
            continue
        if role_id in model.roles:
            message = messages.role_without_card(role_id, reference.target)
        else:
            message = messages.unknown_role(role_id, reference.target, model.roles)
        result.append(_at(reference.where, message))
    return sorted(result, key=Finding.sort_key)


def _card_problems(model: RolesFile, findings: Findings) -> list[Finding]:
    result = []
    first: dict[str, Location] = {}
    for card in findings.cards:
        if card.role_id not in model.roles:
            result.append(_at(card.where, messages.unknown_card_id(card.role_id, model.roles)))
        elif card.role_id in first:
            message = messages.duplicate_card(card.role_id, _place(first[card.role_id]))
            result.append(_at(card.where, message))
        else:
            first[card.role_id] = card.where
    for role_id, card in first.items():
        hand_written = findings.labels.get(f"roles:{role_id}")
        if hand_written is not None:
            message = messages.hand_label_and_card(f"roles:{role_id}", _place(card))
            result.append(_at(hand_written, message))
    return result


def _place(where: Location) -> str:
    return f"{display_path(where.path)}:{where.line}"


def _at(where: Location, message: str) -> Finding:
    return Finding(where.path, where.line, where.column, message)
