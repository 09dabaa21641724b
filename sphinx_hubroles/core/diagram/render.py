"""Running dot: an on-disk cache keyed by the page-independent DOT, and concurrent runs.

A rendering is stored under its key as soon as dot succeeds, so a diagram shown on ten pages,
or rebuilt in a fresh process, runs dot once in all. SVG is stored as the link template of
svg.py; PDF and PNG as dot wrote them.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .svg import svg_template

# Bump when the stored form of a rendering changes, so old cache entries are not reused.
CACHE_VERSION = "1"

INSTALL_HINT = ("install Graphviz (Debian or Ubuntu: 'apt-get install graphviz'; Fedora: "
                "'dnf install graphviz'; macOS: 'brew install graphviz'; Windows: 'winget "
                "install graphviz') or set graphviz_dot in conf.py to the path of the dot program")


INIT_RANK = "trouble in init_rank"


def with_newrank(source: str) -> str:
    """The same graph, ranked by dot's newer algorithm (a statement after its opening brace)."""
    return source.replace("{", "{\n\tnewrank=true", 1)


class DotError(Exception):
    """dot could not draw a diagram; the message says why, in dot's own words if it had any."""


class DotMissing(DotError):
    """The dot program cannot be started at all; every diagram fails the same way."""


@dataclass(frozen=True)
class Job:
    source: str
    format: str  # "svg", "pdf" or "png"


def _no_progress(done: Iterator[Job], count: int) -> Iterable[Job]:
    return done


class Renderer:
    def __init__(self, program: str, args: Iterable[str], timeout: float, cache: Path,
                 on_run: Callable[[str], None] = lambda command: None) -> None:
        self.program = program
        self.args = tuple(args)
        self.timeout = timeout
        self.cache = cache
        self.on_run = on_run  # told of every dot process started (the build logs it)

    def key(self, job: Job) -> str:
        text = "\0".join((CACHE_VERSION, self.program, *self.args, job.format, job.source))
        return hashlib.sha256(text.encode()).hexdigest()

    def path(self, job: Job) -> Path:
        # Not named *.svg or *.pdf: the EPUB builder packs every image file it finds under
        # its output folder, and the doctree folder (this cache's home) is often inside it.
        return self.cache / f"{self.key(job)}.{job.format}.cache"

    def cached(self, job: Job) -> Path | None:
        path = self.path(job)
        return path if path.is_file() else None

    def render(self, job: Job) -> Path:
        """The rendering of `job`, from the cache or from a new dot run; raises DotError."""
        path = self.path(job)
        if path.is_file():
            return path
        try:
            output = self._run_dot(job, job.source)
        except DotError as error:
            # dot 2.43 cannot rank some clustered graphs whose edges have labels; its newer
            # ranking can (benchmarks/edge_label_threshold.py). Stored under the first key.
            if INIT_RANK not in str(error):
                raise
            output = self._run_dot(job, with_newrank(job.source))
        if job.format == "svg":
            output = svg_template(output.decode("utf-8")).encode("utf-8")
        self.cache.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a parallel writer never reads half a file.
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(output)
        os.replace(partial, path)
        return path

    def prune(self, keep: Iterable[Job], format: str) -> None:
        """Delete the cached renderings in `format` that are not among `keep`."""
        wanted = {self.path(job).name for job in keep}
        for path in self.cache.glob(f"*.{format}.cache"):
            if path.name not in wanted:
                path.unlink(missing_ok=True)

    def render_all(self, jobs: Iterable[Job], workers: int,
                   progress: Callable[[Iterator[Job], int], Iterable[Job]] = _no_progress,
                   ) -> dict[Job, DotError]:
        """Render every job missing from the cache, up to `workers` dot processes at once.

        Returns the jobs that failed. Once dot turns out to be missing, the rest is not tried.
        `progress(done, count)` is handed the jobs as they finish (in order) and must give them
        back; the build shows a progress line with it.
        """
        todo = [job for job in dict.fromkeys(jobs) if self.cached(job) is None]
        failures: dict[Job, DotError] = {}
        no_dot: list[DotMissing] = []

        def attempt(job: Job) -> Job:
            if no_dot:
                failures[job] = no_dot[0]
                return job
            try:
                self.render(job)
            except DotMissing as error:
                no_dot.append(error)
                failures[job] = error
            except DotError as error:
                failures[job] = error
            return job

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for _ in progress(pool.map(attempt, todo), len(todo)):
                pass
        return failures

    def _run_dot(self, job: Job, source: str) -> bytes:
        command = [self.program, *self.args, f"-T{job.format}"]
        again = " (again, with newrank=true)" if source is not job.source else ""
        self.on_run(f"{' '.join(command)} for diagram {self.key(job)[:12]}{again}")
        try:
            done = subprocess.run(command, input=source.encode("utf-8"),
                                  capture_output=True, timeout=self.timeout)
        except OSError as error:
            raise DotMissing(
                f"cannot run the Graphviz program '{self.program}' to draw this diagram "
                f"({error.strerror or error}); {INSTALL_HINT}") from None
        except subprocess.TimeoutExpired:
            raise DotError(
                f"dot ran longer than hubroles_dot_timeout ({self.timeout:g} s) drawing this "
                "diagram and was stopped; show fewer roles (:focus:, :groups:, :roles:), "
                "turn off :edge-labels:, or raise hubroles_dot_timeout in conf.py") from None
        if done.returncode != 0 or not done.stdout:
            message = done.stderr.decode("utf-8", "replace").strip() or "no output"
            raise DotError(f"dot failed to draw this diagram (exit status {done.returncode}): "
                           f"{message}")
        return done.stdout
