"""`hubroles.json` at the root of the HTML output: the roles as data, for search and other tools.

Its content is exactly what `sphinx-hubroles export --format json` prints (export.py), so a
script can read the published site instead of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from ..core.digests import digest, text_digest
from .state import domain_of

FILE_NAME = "hubroles.json"


def makes_json(builder: Builder) -> bool:
    """html, dirhtml and singlehtml (not EPUB and the help formats, whose packages list every
    file of their output folder)."""
    return builder.format == "html" and not builder.embedded


def make_json(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: this build's text, made before the environment is saved, so that the
    JSON of each part is kept with it (to_json's memo) and the next build encodes only what
    changed. Not made at all when the output folder holds the file made from this roles.yaml:
    the build with nothing changed does no work for it. (The digest kept is of the file made
    from the roles.yaml it names: a text or LaTeX build may take in an edited roles.yaml
    without making the file, and the next HTML build must still make it.)"""
    domain = domain_of(env)
    domain.json_text = None
    if not makes_json(app.builder):
        return
    if domain.data["json_digest"] == (domain.data["source"], file_digest(app.outdir)):
        return
    from ..core.export import to_json

    domain.json_text = to_json(domain.model, domain.kept("json_parts"))
    domain.data["json_digest"] = (domain.data["source"], text_digest(domain.json_text))


def file_digest(outdir: str | os.PathLike) -> str | None:
    """The digest of the JSON file in `outdir` (None if there is none): several builders may
    share one environment (`sphinx-build -M`), each with its own output folder. Of its bytes,
    which are the UTF-8 that text_digest digests: not decoded and encoded again, a few
    milliseconds of every build at N = 1,000."""
    try:
        return digest(Path(outdir, FILE_NAME).read_bytes())
    except OSError:
        return None


def write_json(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write the file, if the build succeeded and made it."""
    text = domain_of(app.env).json_text
    if exception is not None or text is None:
        return
    path = Path(app.outdir, FILE_NAME)
    # Unchanged content keeps its timestamp, for tools that copy only what changed.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
