"""Hover previews: a link to a role's card shows the role's name and summary in a popover, on
hover and on keyboard focus (static/hubroles-preview.js).

Every link to a card carries the role's name as its `title` (references.py), and every
diagram box that links to one has it as its tooltip (diagram/visitors.py): that is what
readers without the script get, in any builder. The summaries themselves are in one file,
`_static/hubroles-previews.js`, written for each build: editing a summary rewrites that file,
not every page that links to the role. The preview is the summary's plain words (plaintext.py),
so its markup and broken references are neither shown nor reported a second time, and it is
cut as a diagram's tooltip is.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from ..core.diagram.escape import shown_tooltip
from .state import domain_of

PREVIEWS_FILE = "hubroles-previews.js"


def previews(env: BuildEnvironment) -> dict[str, str]:
    """Card anchor -> 'Name: summary', for the roles whose card a page shows; a draft or
    retired role says so after its name ('Old Lead (retired): ...')."""
    domain = domain_of(env)
    result = {}
    for role_id, (_docname, anchor) in sorted(domain.judgement.cards.items()):
        role = domain.model.roles[role_id]
        name = role.name if role.status == "active" else f"{role.name} ({role.status})"
        summary = domain.plain_text(role.summary)
        result[anchor] = shown_tooltip(f"{name}: {summary}" if summary else name)
    return result


def note_previews(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated, after the judgement: this build's previews, kept with the environment
    together with the words of the texts made plain (domain.plain_text), so that the next
    build makes the words of a new or changed summary only. Nothing to make when the
    judgement and the model are the last build's (a build that read no page): the previews
    are those it kept."""
    domain = domain_of(env)
    if domain.judgement_reused and domain.same_source:
        return
    domain.keep("previews", previews(env))
    domain.keep_plain_texts()


def makes_previews(builder: Builder) -> bool:
    """html, dirhtml and singlehtml (not EPUB and the help formats, whose packages list every
    file of their output folder)."""
    return builder.format == "html" and not builder.embedded


def note_builder(app: Sphinx) -> None:
    """builder-inited: whether this build's pages have the previews file, which a glossary's
    entries for roles with a card take their summaries from (glossary.py)."""
    domain_of(app.env).previews = makes_previews(app.builder)


def write_previews(app: Sphinx, builder: Builder) -> None:
    """write-started: the previews of this build, for the pages it writes and the others."""
    if not makes_previews(builder):
        return
    shown = json.dumps(domain_of(app.env).kept("previews"), ensure_ascii=True)
    text = ("/* sphinx-hubroles: hover previews of links to role cards, by card anchor. */\n"
            f"window.hubrolesPreviews = {shown};\n")
    path = Path(app.outdir, "_static", PREVIEWS_FILE)
    # Unchanged content keeps its timestamp, for tools that copy only what changed.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
