"""`sphinx-hubroles myst-answer`: the plugin's one way into Python. It reads requests
(core/protocol.py), one JSON document per line of standard input, and writes each answer on a
line of standard output, for the project whose folder the request names, until standard input
ends; the plugin starts it once per build, asks it twice, and keeps its answers
(hubroles.mjs)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..core.answer import answer
from ..core.files import UnusableFile, read_regular_file
from ..core.options import DIRECTIVES
from ..core.protocol import DIRECTIVES as DISPLAYS
from ..core.protocol import PROTOCOL, ProtocolError, parse_request
from .project import BUILD_FOLDER, CACHE_FOLDER, MYST_FILE, MystProject, ProjectError, find_project


def plain_text():
    """A roles.yaml text's words, for tooltips (the MyST-Parser reading of MyST, which names
    roles, links and emphasis as MyST-MD does)."""
    from myst_parser.config.main import MdParserConfig

    from ..core.diagram.plaintext import PlainText

    return PlainText(MdParserConfig())


def respond(data: Any) -> dict[str, Any]:
    try:
        request = parse_request(data)
        project = find_project(Path(request.root)) or MystProject(Path(request.root))
        settings = project.settings()
        result = answer(request, settings, __version__, plain_text(),
                        elsewhere=lambda model, seen: unseen_pages(project, model, seen,
                                                                   settings.label_prefixes))
    except (ProtocolError, ProjectError) as error:
        return {"protocol": PROTOCOL, "version": __version__, "ok": False, "error": str(error)}
    # What the answer was made from besides the request: the plugin keeps it while these files
    # hold the same bytes (a roles.yaml edited under `myst start` is read again).
    result["inputs"] = {str(path): fingerprint(path)
                        for path in (project.root / MYST_FILE, settings.roles_file)}
    return result


def unseen_pages(project: MystProject, model, seen: tuple[str, ...],
                 prefixes: tuple[str, ...]):
    """What the project's Markdown pages that this build did not read hold, as `check` reads
    them: a build of some pages only (an export) still knows the cards of the others."""
    from ..core.scan import scan_file
    from ..core.scan.findings import MYST_SUFFIXES, Findings

    known = {Path(file).resolve() for file in seen}
    findings = Findings()
    findings.label_prefixes = prefixes
    for page in project.pages():
        if page.suffix in MYST_SUFFIXES and page.resolve() not in known:
            scan_file(page, findings)
    return findings


def fingerprint(path: Path) -> str | None:
    """A digest of the file's bytes (the plugin computes the same with SHA-256), or None."""
    try:
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except UnusableFile:
        return None


def answer_line(line: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return {"protocol": PROTOCOL, "version": __version__, "ok": False,
                "error": f"the request is not JSON: {error}"}
    return respond(data)


def serve(stdin: IO[str], stdout: IO[str]) -> int:
    """Answer each request, one JSON document per line, until standard input ends: the plugin
    keeps one process for a whole build."""
    status = 0
    for line in stdin:
        if not line.strip():
            continue
        result = answer_line(line)
        json.dump(result, stdout, ensure_ascii=False, separators=(",", ":"))
        stdout.write("\n")
        stdout.flush()
        status = 2 if "error" in result else status
    return status


# Directives whose argument is required (the others take none).
ARGUMENTS = {"role-card": "id", "roles-rotation": "id"}


def directive_specs() -> dict[str, Any]:
    """What the plugin declares to mystmd (directives.json beside it): each directive with its
    argument and option names, from the option tables the Sphinx directives and `check` read
    (core/options.py); and the protocol and version it expects from Python. A test keeps the
    file equal to this."""
    return {
        "protocol": PROTOCOL,
        "version": __version__,
        # Where the plugin keeps answers and diagram files, in the project's folder.
        "cache": f"{BUILD_FOLDER}/{CACHE_FOLDER}",
        "directives": [{"name": name, "argument": ARGUMENTS.get(name),
                        "options": sorted(DIRECTIVES[name].table) if name in DIRECTIVES else []}
                       for name in DISPLAYS],
    }


def specs_text() -> str:
    return json.dumps(directive_specs(), indent=2) + "\n"
