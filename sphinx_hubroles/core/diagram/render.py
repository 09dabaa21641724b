"""Running dot: an on-disk cache keyed by the page-independent DOT, and concurrent runs.

A rendering is stored under its key as soon as dot succeeds, so a diagram shown on ten pages,
or rebuilt in a fresh process, runs dot once in all. SVG is stored as the link template of
svg.py; PDF and PNG as dot wrote them. Each cache entry starts with a line holding the digest
of the rest, so that a truncated, emptied or overwritten entry is drawn again, not served.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..digests import text_digest
from .cache import CACHE_VERSION, SETTLED_NS
from .svg import NotSVG, svg_template

# The first line of a cache entry: this, the length of the rest and its CRC-32. A checksum, not
# a cryptographic digest: it is there to catch damage (a crash, a full disk, a half-restored CI
# cache). Whoever can write the cache can write a matching digest of any kind, and the doctree
# folder it sits in holds Sphinx's environment pickle, which is trusted anyway.
ENTRY_MAGIC = b"hubroles-diagram"

# How much of dot's own message goes into an error (dot's real messages are a few lines).
MESSAGE_LIMIT = 2_000

# What the start of dot's output must be, per format, for anything to use it.
_MAGIC_NUMBERS = {"pdf": ("PDF", b"%PDF-"), "png": ("PNG", b"\x89PNG\r\n\x1a\n")}

INSTALL_HINT = ("install Graphviz (Debian or Ubuntu: 'apt-get install graphviz'; Fedora: "
                "'dnf install graphviz'; macOS: 'brew install graphviz'; Windows: 'winget "
                "install graphviz') or set graphviz_dot in conf.py to the path of the dot program")


INIT_RANK = "trouble in init_rank"


def with_newrank(source: str) -> str:
    """The same graph, ranked by dot's newer algorithm (a statement after its opening brace)."""
    return source.replace("{", "{\n\tnewrank=true", 1)


class DotError(Exception):
    """A diagram could not be drawn or stored; the message says why, in dot's own words if it
    had any."""


class EveryDiagramFails(DotError):
    """Every diagram would fail the same way: reported once, and the rest are not tried."""


class DotMissing(EveryDiagramFails):
    """The dot program cannot be started at all."""


class CacheFolderUnusable(EveryDiagramFails):
    """The cache folder cannot be created, so no drawing can be kept."""


def cache_entry(payload: bytes) -> bytes:
    """What is stored for `payload`: a line with its length and checksum, then the payload."""
    return b"%s %d crc32:%08x\n" % (ENTRY_MAGIC, len(payload), zlib.crc32(payload)) + payload


def cache_payload(entry: bytes) -> bytes | None:
    """The payload of a cache entry, or None if the entry is damaged in any way."""
    payload = _checked(entry)
    return None if payload is None else payload.tobytes()


def _checked(entry: bytes) -> memoryview | None:
    """The payload of a whole entry, not copied (copying costs more than the check)."""
    end = entry.find(b"\n", 0, 64)
    fields = entry[:end].split(b" ")
    payload = memoryview(entry)[end + 1:]
    if end < 0 or len(fields) != 3 or fields[0] != ENTRY_MAGIC \
            or fields[1] != b"%d" % len(payload) \
            or fields[2] != b"crc32:%08x" % zlib.crc32(payload):
        return None
    return payload


def usable_output(format: str, output: bytes) -> bytes:
    """dot's output in the form the cache keeps (the SVG template for SVG); raises DotError if
    it is not a picture of `format`, whatever a misconfigured graphviz_dot printed."""
    if format == "svg":
        try:
            return svg_template(output).encode("utf-8")
        except NotSVG as error:
            raise _not_a(f"an SVG picture ({error})") from None
    kind, magic = _MAGIC_NUMBERS[format]
    if not output.startswith(magic):
        raise _not_a(f"a {kind} file (it starts with {output[:16]!r})")
    return output


def _not_a(what: str) -> DotError:
    return DotError(f"dot's output for this diagram is not {what}; check that graphviz_dot in "
                    "conf.py names Graphviz's dot program")


def cut_message(message: str) -> str:
    """dot's message, cut to MESSAGE_LIMIT characters, saying how much was left out."""
    if len(message) <= MESSAGE_LIMIT:
        return message
    return (f"{message[:MESSAGE_LIMIT]} ... and {len(message) - MESSAGE_LIMIT:,} more "
            "characters of dot's output")


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
        self._running: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._stopped = False
        # What render_all's threads would tell on_run, told by the thread that waits for them
        # (below).
        self._runs_told_later: queue.SimpleQueue[str] | None = None
        self._keys: dict[Job, str] = {}  # a build asks for each key several times

    def key(self, job: Job) -> str:
        key = self._keys.get(job)
        if key is None:
            text = "\0".join((CACHE_VERSION, self.program, *self.args, job.format, job.source))
            key = self._keys[job] = text_digest(text)
        return key

    def path(self, job: Job) -> Path:
        # Not named *.svg or *.pdf: the EPUB builder packs every image file it finds under
        # its output folder, and the doctree folder (this cache's home) is often inside it.
        return self.cache / f"{self.key(job)}.{job.format}.cache"

    def cached(self, job: Job, settled: dict[str, tuple[int, ...]] | None = None) -> bool:
        """Whether the cache holds a whole rendering of `job`: one that render() would use.

        `settled`, if given, maps the names of entries found whole before to their file's
        size, times and inode: an entry whose file still has them is not read again (reading
        and checking a thousand renderings costs every build tens of milliseconds). Entries
        found whole now, and at least SETTLED_NS old, are added to it."""
        if settled is None:
            return _checked(self._entry(job)) is not None
        path = self.path(job)
        try:
            info = path.stat()
        except OSError:
            return False
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        if settled.get(path.name) == signature:
            return True
        if _checked(self._entry(job)) is None:
            return False
        if info.st_ctime_ns < time.time_ns() - SETTLED_NS:
            settled[path.name] = signature
        return True

    def render(self, job: Job) -> bytes:
        """The rendering of `job`, from the cache or from a new dot run; raises DotError."""
        payload = cache_payload(self._entry(job))
        if payload is not None:
            return payload
        try:
            output = self._run_dot(job, job.source)
        except DotError as error:
            # dot 2.43 cannot rank some clustered graphs whose edges have labels; its newer
            # ranking can (benchmarks/edge_label_threshold.py). Stored under the first key.
            if INIT_RANK not in str(error):
                raise
            output = self._run_dot(job, with_newrank(job.source))
        payload = usable_output(job.format, output)
        self._store(self.path(job), cache_entry(payload))
        return payload

    def _entry(self, job: Job) -> bytes:
        try:
            return self.path(job).read_bytes()
        except OSError:  # missing, unreadable, or in a cache folder that is not a folder
            return b""

    def _store(self, path: Path, entry: bytes) -> None:
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheFolderUnusable(
                f"cannot create the diagram cache folder {self.cache} "
                f"({error.strerror or error}); remove what is in its way, or give sphinx-build "
                "another doctree folder with -d") from None
        # Written aside and renamed: a parallel writer never reads half a file. No fsync: an
        # entry that a crash leaves damaged fails its digest and is drawn again.
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            partial.write_bytes(entry)
            os.replace(partial, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise DotError(f"cannot store this diagram in the cache: {path} "
                           f"({error.strerror or error})") from None

    def prune(self, keep: Iterable[Job], format: str,
              settled: dict[str, tuple[int, ...]] | None = None) -> None:
        """Delete the cached renderings in `format` that are not among `keep` (best effort:
        what cannot be deleted only takes room), and forget them in `settled` (cached())."""
        wanted = {self.path(job).name for job in keep}
        suffix = f".{format}.cache"
        for name in [name for name in settled or () if name.endswith(suffix)
                     and name not in wanted]:
            del settled[name]
        try:
            with os.scandir(self.cache) as entries:
                for entry in entries:
                    if entry.name.endswith(suffix) and entry.name not in wanted:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
        except OSError:
            pass

    def render_all(self, jobs: Iterable[Job], workers: int,
                   progress: Callable[[Iterator[Job], int], Iterable[Job]] = _no_progress,
                   ) -> dict[Job, DotError]:
        """Render every job missing from the cache, up to `workers` dot processes at once.

        Returns the jobs that failed. Once dot turns out to be missing (or the cache folder
        unusable), the rest is not tried.
        `progress(done, count)` is handed the jobs as they finish (in order) and must give them
        back; the build shows a progress line with it.
        """
        todo = [job for job in dict.fromkeys(jobs) if not self.cached(job)]
        failures: dict[Job, DotError] = {}
        no_dot: list[EveryDiagramFails] = []

        def attempt(job: Job) -> Job:
            if self._stopped:
                return job
            if no_dot:
                failures[job] = no_dot[0]
                return job
            try:
                self.render(job)
            except EveryDiagramFails as error:
                no_dot.append(error)
                failures[job] = error
            except DotError as error:
                failures[job] = error
            return job

        # The threads below never log: only this one does (on_run is told here). A Ctrl-C
        # that lands while Sphinx forks a -j worker is swallowed by an at-fork handler of
        # Python's logging, which then never releases its module lock (ext/_compat.py); a
        # thread that logged would wait for that lock for ever, and so would the build.
        self._runs_told_later = queue.SimpleQueue()
        try:
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
                try:
                    for _ in progress(self._telling_runs(pool.map(attempt, todo)), len(todo)):
                        pass
                    self._tell_runs()
                except BaseException:
                    # Ctrl-C reaches this thread only, and the terminal does not signal dot's
                    # own process groups: stop the dot processes running, and start no more.
                    self._stop()
                    raise
        finally:
            self._runs_told_later = None
        return failures

    def _telling_runs(self, done: Iterator[Job]) -> Iterator[Job]:
        for job in done:
            self._tell_runs()
            yield job

    def _tell_runs(self) -> None:
        told = self._runs_told_later
        while told is not None and not told.empty():
            self.on_run(told.get())

    def _stop(self) -> None:
        """Stop every dot process running, and let no other start: a thread about to start
        one checks `_stopped` under the same lock as it registers its process (_run), so
        each process is either refused or registered before this kills them all. A second
        Ctrl-C meanwhile does not cut it short."""
        while True:
            try:
                with self._lock:
                    self._stopped = True
                    for process in self._running:
                        _kill_group(process)
                return
            except KeyboardInterrupt:
                continue

    def _run_dot(self, job: Job, source: str) -> bytes:
        command = [self.program, *self.args, f"-T{job.format}"]
        again = " (again, with newrank=true)" if source is not job.source else ""
        told = f"{' '.join(command)} for diagram {self.key(job)[:12]}{again}"
        if self._runs_told_later is not None and threading.current_thread() \
                is not threading.main_thread():
            self._runs_told_later.put(told)
        else:
            self.on_run(told)
        try:
            returncode, stdout, stderr = self._run(command, source.encode("utf-8"))
        except OSError as error:
            raise DotMissing(
                f"cannot run the Graphviz program '{self.program}' to draw this diagram "
                f"({error.strerror or error}); {INSTALL_HINT}") from None
        except subprocess.TimeoutExpired:
            raise DotError(
                f"dot ran longer than hubroles_dot_timeout ({self.timeout:g} s) drawing this "
                "diagram and was stopped; show fewer roles (:focus:, :groups:, :roles:), "
                "turn off :edge-labels:, or raise hubroles_dot_timeout in conf.py") from None
        if returncode != 0 or not stdout:
            message = cut_message(stderr.decode("utf-8", "replace").strip()) or "no output"
            raise DotError(f"dot failed to draw this diagram (exit status {returncode}): "
                           f"{message}")
        return stdout

    def _run(self, command: list[str], data: bytes) -> tuple[int, bytes, bytes]:
        """Run `command` in a process group of its own; past the timeout, kill the whole group.

        graphviz_dot may name a wrapper script whose own children would outlive it if only the
        wrapper were killed (subprocess.run kills just the process it started). The process
        is started and registered under the lock that _stop() holds, so that a stop never
        misses it: one that a thread started just as Ctrl-C came kept the build waiting for
        it, up to hubroles_dot_timeout.
        """
        process = None
        try:
            with self._lock:
                if self._stopped:
                    raise DotError("the build was interrupted before dot could draw this "
                                   "diagram")
                process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                           start_new_session=True)
                self._running.add(process)
            stdout, stderr = process.communicate(data, timeout=self.timeout)
        except BaseException:  # the timeout, or the build being interrupted
            if process is not None:
                _kill_group(process)
            raise
        finally:
            if process is not None:
                with self._lock:
                    self._running.discard(process)
                _close(process)
        return process.returncode, stdout, stderr


def _close(process: subprocess.Popen) -> None:
    """Close the pipes of a process that has ended or was killed, and reap it."""
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)  # killed, or ended: it goes at once


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the process and every process in its group. The group outlives a leader that has
    exited (a wrapper that left its children running), and Linux gives no new process that id
    while the group has members."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError):  # the whole group has ended
            os.killpg(process.pid, signal.SIGKILL)  # the group's id is its leader's pid
    else:  # Windows has no process groups to kill
        process.kill()
    # _close() then closes the pipes and reaps the process.
