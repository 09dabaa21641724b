"""The `sphinx-hubroles` command: check, schema, export.

Exit status: 0 when all is well, 1 when roles.yaml or the pages have problems, 2 for usage
errors (argparse's own convention), so CI and pre-commit can tell them apart.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from ..core.fields import OWNERS_ALIAS_BY

PROG = "sphinx-hubroles"

CHECK_EXAMPLES = """\
examples:
  sphinx-hubroles check                          # roles.yaml and the pages beside it
  sphinx-hubroles check --roles roles.yaml docs  # roles.yaml at the top, pages in docs/
  sphinx-hubroles check docs --exclude 'examples/*' --exclude 'drafts/*'

Each problem is printed as 'file:line:column: message'. Exit status: 0 when
clean, 1 when there are problems, 2 for usage errors.
"""

SCHEMA_EXAMPLES = """\
examples:
  sphinx-hubroles schema > roles.schema.json
  sphinx-hubroles schema --path     # where the installed package keeps its copy

Then start roles.yaml with this line and editors validate and complete it:
  # yaml-language-server: $schema=roles.schema.json
"""

PLUGIN_EXAMPLES = """\
example, in myst.yml:
  project:
    plugins:
      - /path/that/sphinx-hubroles/myst-plugin/prints/hubroles.mjs
"""

EXPORT_EXAMPLES = """\
examples:
  sphinx-hubroles export > roles.json
  sphinx-hubroles export --format csv --output roles.csv
  sphinx-hubroles export --format dot | dot -Tsvg > roles.svg
  sphinx-hubroles export --format owners --alias team > OWNERS_ALIASES
  sphinx-hubroles export --format ics --role support-steward --pages docs > steward.ics
"""


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__
    from ..core.fields import LATEST_START, MAX_SHIFTS

    # allow_abbrev=False: `--role x` must not quietly mean `--roles x`.
    parser = argparse.ArgumentParser(
        prog=PROG, allow_abbrev=False, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check, describe and export the roles.yaml of a sphinx-hubroles site.",
        epilog="examples:\n  sphinx-hubroles check --roles roles.yaml docs\n"
               "  sphinx-hubroles COMMAND --help     # options of one command",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    # Every command reads roles.yaml; --roles comes after the command, like its other options.
    roles = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    roles.add_argument("--roles", type=Path, default=None, metavar="PATH",
                       help="the roles.yaml to read (default: roles.yaml in the current folder; "
                            "for check in a MyST-MD project, the one myst.yml names)")

    def command(name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[roles], help=help_text, allow_abbrev=False,
                                  description=textwrap.fill(help_text, 79),
                                  epilog=epilog,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(parser=sub)
        return sub

    check = command("check", "Check roles.yaml and every role reference, role-card and "
                    "{term} in MyST and RST pages, without building the site.", CHECK_EXAMPLES)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="pages or folders to scan, folders recursively (default: the "
                            "folder that holds roles.yaml)")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files and folders whose path, relative to the folder "
                            "given, matches GLOB (repeatable), like Sphinx's exclude_patterns")
    role_terms_option(check)
    check.add_argument("--label-prefix", action="append", default=[], dest="label_prefixes",
                       metavar="PREFIX",
                       help="another label prefix that names roles, as hubroles_label_prefixes "
                            "in conf.py does (repeatable), such as role:")
    check.add_argument("--holders", action="store_true",
                       help="also note each active role that has a 'count' but that nobody "
                            "holds now (a note: the exit status stays 0)")
    check.set_defaults(run=run_check)

    schema = command("schema", "Print the JSON Schema (draft 2020-12) of roles.yaml.",
                     SCHEMA_EXAMPLES)
    schema.add_argument("--path", action="store_true",
                        help="print where the installed package keeps roles.schema.json "
                             "instead of the schema itself")
    schema.set_defaults(run=run_schema)

    export = command("export", "Print the roles, relations (both directions), groups and "
                     "terms of roles.yaml for other tools.", EXPORT_EXAMPLES)
    export.add_argument("--format", choices=sorted(EXPORTERS), default="json",
                        help="json: everything, text fields as written; dot: the full "
                             "diagram as Graphviz DOT; csv: one row per role, with its "
                             "requirements, responsibilities, seats, holders and relations; "
                             "owners: each role's current holders' GitHub handles, as "
                             "OWNERS_ALIASES; ics: a rotation's shifts or slots as an "
                             "iCalendar file, with --role (default: json)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of standard output")
    export.add_argument("--role", metavar="ID", help="ics: the role whose rotation to export")
    export.add_argument("--from", dest="start", type=schedule_start, metavar="DATE",
                        help="ics: start at the shift or slot that includes DATE, up to "
                             f"{LATEST_START} (default: the rotation's first)")
    export.add_argument("--shifts", type=shift_count, metavar="N",
                        help=f"ics: how many shifts or slots, up to {MAX_SHIFTS:,} (default: "
                             "twice the pool, at most that, or every slot)")
    export.add_argument("--base-url", metavar="URL",
                        help="ics: link each event to the role's card under URL, the "
                             "published site (default: html_baseurl of the pages' conf.py; "
                             "without either, events carry no link)")
    export.add_argument("--pages", type=Path, metavar="FOLDER",
                        help="ics: the Sphinx source folder whose pages hold the role's card "
                             "and whose conf.py may set html_baseurl (default: the folder of "
                             "roles.yaml)")
    export.add_argument("--alias", choices=OWNERS_ALIAS_BY, default="id",
                        help="owners: name each alias after the role's id or its team's name "
                             "(a role's owners-alias wins; default: id)")
    role_terms_option(export)
    export.set_defaults(run=run_export)

    plugin = commands.add_parser(
        "myst-plugin", help="Print the path of the MyST-MD (mystmd, Jupyter Book 2) plugin, "
        "for `project: plugins:` in myst.yml.", allow_abbrev=False,
        description="Print the absolute path of the plugin that brings sphinx-hubroles to "
                    "MyST-MD (mystmd, Jupyter Book 2). List it under `project: plugins:` in "
                    "myst.yml.", epilog=PLUGIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    plugin.set_defaults(run=run_myst_plugin, parser=plugin)
    serve = commands.add_parser(
        "myst-answer", help="Answer one request of the MyST-MD plugin (JSON on standard "
        "input and output; the plugin runs it).", allow_abbrev=False,
        description="Read one request of the MyST-MD plugin as JSON on standard input and "
                    "write the answer on standard output (docs/reference/protocol.md). The "
                    "plugin runs this itself, in the project's folder.")
    serve.set_defaults(run=run_myst_answer, parser=serve)
    return parser


def schedule_start(text: str):
    from ..core import directory

    try:
        return directory.schedule_start(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def shift_count(text: str) -> int:
    from ..core import directory

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    try:
        return directory.shift_count(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def role_terms_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--no-role-terms", dest="role_terms", action="store_false",
                         help="roles' names and aliases are not glossary terms, as with "
                              "hubroles_role_terms = False in conf.py: a term under 'terms' "
                              "may then repeat one")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "command", None) in ("check", "schema", "export"):
        args.myst_project = None
        if args.command == "check" and args.roles is None and not args.paths:
            use_myst_project(args)
        if args.roles is None:
            args.roles = Path("roles.yaml")
    try:
        return args.run(args)
    except BrokenPipeError:  # `sphinx-hubroles export | head`: the reader left; say no more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


# -- commands --------------------------------------------------------------------------------


def use_myst_project(args: argparse.Namespace) -> None:
    """`check` in a MyST-MD project (a myst.yml in the current folder or above, and no
    conf.py here): roles.yaml, the pages and the settings are those myst.yml gives."""
    from ..mystmd.project import ProjectError, find_project

    if Path("conf.py").is_file():
        return
    try:
        project = find_project(Path.cwd())
    except ProjectError as error:
        args.parser.error(str(error))
    if project is None:
        return
    try:
        settings = project.settings()
    except ProjectError as error:
        args.parser.error(str(error))
    args.myst_project = project
    args.roles = settings.roles_file
    args.role_terms = args.role_terms and settings.role_terms
    args.label_prefixes = [*settings.label_prefixes, *args.label_prefixes]


def load(args: argparse.Namespace):
    """roles.yaml's model, or None after printing its problems. A path that names no
    roles.yaml file (missing, a folder, a FIFO or device, a link in a loop, too large) is a
    usage error: the command was run in the wrong folder or with the wrong --roles."""
    from ..core.files import MAX_FILE_BYTES, size
    from ..core.loader import load_roles
    from ..core.problems import RolesFileError, RolesFileUnusable, display_path

    try:
        return load_roles(args.roles, role_terms=args.role_terms)
    except RolesFileUnusable as error:
        advice = (f"roles.yaml files are limited to {size(MAX_FILE_BYTES)}"
                  if error.kind == "too-big" else "give the path of roles.yaml with --roles PATH")
        args.parser.error(f"{display_path(args.roles)}: {error.reason}; {advice}")
    except RolesFileError as error:
        print_problems(args, error.path, error.problems)
        return None


def print_problems(args: argparse.Namespace, path: Path, problems) -> None:
    """roles.yaml's problems as `file:line:column: message`, notes marked `note:`: on standard
    output for `check` (what it reports), on standard error for the other commands, whose
    standard output is their data."""
    from ..core.problems import NOTE, display_path
    from ..core.site import Where

    shown = display_path(path)
    out = sys.stdout if args.command == "check" else sys.stderr
    for problem in problems:
        where = Where(shown, problem.line, problem.column)
        print(f"{where}: note: {problem.message}" if problem.level == NOTE
              else f"{where}: {problem.message}", file=out)


def run_check(args: argparse.Namespace) -> int:
    from ..core.files import why_unusable
    from ..core.problems import NOTE, display_path
    from ..core.scan import is_source
    from .check import check, scan

    for path in args.paths:
        unusable = None if path.is_dir() else why_unusable(path)
        if unusable is not None and unusable.reason == "not found":
            args.parser.error(f"{path}: no such file or folder")
        if unusable is not None:
            args.parser.error(f"{path}: {unusable.reason}; give pages or folders to scan")
        if not path.is_dir() and not is_source(path):
            args.parser.error(f"{path}: not a MyST (.md) or reStructuredText (.rst) file")
    model = load(args)
    if model is None:
        print(f"{PROG}: fix {args.roles.name} first; the pages are checked once it loads",
              file=sys.stderr)
        return 1
    from ..core.names import label_prefix_problem, role_prefixes

    for prefix in args.label_prefixes:
        if label_prefix_problem(prefix):
            args.parser.error(f"--label-prefix: {label_prefix_problem(prefix)}")
    prefixes = role_prefixes(args.label_prefixes)
    if args.myst_project is not None:  # the pages myst.yml lists, less its exclude
        from ..core.scan.findings import MYST_SUFFIXES

        pages = [page for page in args.myst_project.pages() if page.suffix in MYST_SUFFIXES]
        findings = scan(model, pages, prefixes=prefixes)
    else:
        findings = scan(model, args.paths or [args.roles.parent], args.exclude, prefixes)
    for path, reason in findings.skipped:  # a note: the pages that are there are checked
        print(f"{display_path(path)}: skipped: {reason}", file=sys.stderr)
    found = check(model, findings, role_terms=args.role_terms)
    for finding in found:
        print(finding)
    # Notes after the problems, on the same output: information, which changes no exit status.
    print_problems(args, args.roles, [p for p in model.notices if p.level == NOTE])
    if args.holders:
        print_holder_notes(model, args.roles)
    files = f"{findings.files} file{'s' * (findings.files != 1)} and {args.roles.name}"
    if found:
        print(f"{PROG}: {len(found)} problem{'s' * (len(found) != 1)} in {files}",
              file=sys.stderr)
        return 1
    print(f"{PROG}: no problems in {files}", file=sys.stderr)
    return 0


def print_holder_notes(model, path: Path) -> None:
    """Notes, not problems: a role may wait for someone to fill it."""
    from ..core.holders import unheld_roles
    from ..core.problems import display_path
    from ..core.site import Where

    for role in unheld_roles(model):
        print(f"{Where(display_path(path), role.line)}: note: role '{role.id}' has a count "
              f"but no current holder; add one under 'holders'")


def run_myst_plugin(args: argparse.Namespace) -> int:
    from ..mystmd import PLUGIN

    print(PLUGIN.resolve())
    return 0


def run_myst_answer(args: argparse.Namespace) -> int:
    from ..mystmd.serve import serve

    return serve(sys.stdin, sys.stdout)


def run_schema(args: argparse.Namespace) -> int:
    from ..core.schema import SHIPPED, schema_text

    sys.stdout.write(f"{SHIPPED}\n" if args.path else schema_text())
    return 0


def run_export(args: argparse.Namespace) -> int:
    if (args.role or args.start or args.shifts or args.base_url or args.pages) \
            and args.format != "ics":
        args.parser.error("--role, --from, --shifts, --base-url and --pages are for "
                          "--format ics")
    if args.alias != "id" and args.format != "owners":
        args.parser.error("--alias is for --format owners")
    if args.format == "ics" and not args.role:
        args.parser.error("--format ics needs --role ID, the role whose rotation to export")
    model = load(args)
    if model is None:
        return 1
    # Warnings leave the file usable: they are shown, and the export is made.
    print_problems(args, args.roles, model.notices)
    if args.format == "ics":
        return export_ics(args, model)
    text = (EXPORTERS[args.format](model) if args.format != "owners"
            else _owners(model, args.alias))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def export_ics(args: argparse.Namespace, model) -> int:
    from ..core.holders import to_ics
    from ..core.problems import did_you_mean

    role = model.roles.get(args.role.lower())
    if role is None:
        args.parser.error(f"unknown role '{args.role}'" + did_you_mean(args.role.lower(),
                                                                       model.roles))
    if role.rotation is None:
        args.parser.error(f"role '{role.id}' has no 'rotation' in {args.roles}")
    url = event_url(args, model, role.id)
    try:
        data = to_ics(model, role.id, args.start, args.shifts, url)
    except RuntimeError as error:  # icalendar is not installed
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def event_url(args: argparse.Namespace, model, role_id: str) -> str | None:
    """The card's URL for the events: under --base-url, or else under html_baseurl of the
    pages' conf.py; None, with a note, when neither is set or no page has the card."""
    from ..core.values import is_web_url
    from .card_url import card_url, conf_baseurl

    pages = args.pages or args.roles.parent
    if args.pages is not None and not pages.is_dir():
        args.parser.error(f"{pages}: not a folder; give the Sphinx source folder with --pages")
    if args.base_url is not None and not is_web_url(args.base_url):
        args.parser.error(f"--base-url {args.base_url!r} is not a web address; give the "
                          "published site's, such as https://example.org/handbook/")
    base = args.base_url or conf_baseurl(pages)
    if not base:
        return None
    if not is_web_url(base):
        print(f"{PROG}: note: html_baseurl of {pages / 'conf.py'} is not a web address "
              f"({base!r}); the events carry no link", file=sys.stderr)
        return None
    url = card_url(model, role_id, pages, base)
    if url is None:
        print(f"{PROG}: note: no page under {pages} has a role-card for '{role_id}'; the "
              "events carry no link", file=sys.stderr)
    return url


def _json(model) -> str:
    from ..core.export import to_json

    return to_json(model)


def _csv(model) -> str:
    from ..core.export import to_csv

    return to_csv(model)


def _dot(model) -> str:
    from ..core.diagram.dotsource import full_diagram_dot

    return full_diagram_dot(model)


def _owners(model, alias_by: str = "id") -> str:
    from ..core.holders import to_owners

    return to_owners(model, alias_by)


# ics is written by export_ics: it takes options and writes bytes.
EXPORTERS = {"json": _json, "csv": _csv, "dot": _dot, "owners": _owners, "ics": None}
