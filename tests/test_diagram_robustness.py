"""What the build does when drawing a diagram goes wrong: a `graphviz_dot` that misbehaves (a
small shell script standing in for dot), a damaged cache, a cache folder that cannot be made,
a bad `hubroles_dot_timeout`, and an EPUB build with its doctrees inside its output.

Every failure is one `hubroles.diagram` error at the diagram's `file:line`, never a traceback;
the page shows the text version instead of the picture, and only `-W` makes the build fail, as
for a missing dot (test_diagram_outputs.py). The property tests at the end feed random bytes to
the functions that turn dot's output into a cache entry and read it back, without Sphinx.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import time
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from conftest import sphinx_build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_hubroles.core.diagram import render, timeout

ROLES = """
relations:
  oversees:
    label: oversees
roles:
  a:
    name: Role A
    summary: The first role.
    relations:
      oversees: [b]
  b:
    name: Role B
    summary: The second role.
"""
PAGES = {
    "roles.yaml": ROLES,
    "index.md": """
        # Roles

        ```{roles-diagram}
        ```

        ```{toctree}
        other
        ```
        """,
    "other.md": """
        # Other

        ```{roles-diagram}
        :focus: a
        ```
        """,
}
CONF = ('extensions = ["myst_parser", "sphinx_hubroles"]\n'
        'project = "Roles"\nauthor = "Team"\ncopyright = "2026, Team"\n')
TEXT_VERSION = '<details class="hubroles-diagram-text" open>'
WHICH_DOT = "check that graphviz_dot in conf.py names Graphviz's dot program"


def site(project, conf: str = "") -> Path:
    return project({**PAGES, "conf.py": CONF + conf})


def fake_dot(folder: Path, script: str) -> Path:
    """An executable shell script to set as graphviz_dot."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fake-dot"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def errors(result) -> list[str]:
    return [line for line in result.warnings() if "ERROR" in line]


def dot_runs(result) -> int:
    return len(re.findall(r"hubroles: running ", result.stdout + result.stderr))


def pages_written(result) -> set[str]:
    return set(re.findall(r"writing output\.\.\. \[[ \d]+%\] (\S+)", result.stdout))


# -- dot's output is not a picture -------------------------------------------------------------

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg">'
# Ten levels of ten references each: 10^9 "lol"s if expanded.
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
          + "]>" + SVG_OPEN + "<text>&lol9;</text></svg>\n")
QUADRATIC = ('<!DOCTYPE svg [<!ENTITY big "' + "x" * 100_000 + '">]>' + SVG_OPEN + "<text>"
             + "&big;" * 2_000 + "</text></svg>")
DEEP = SVG_OPEN + "<g>" * 5_000 + "</g>" * 5_000 + "</svg>"

BAD_OUTPUTS = {
    "text": ("this is not a picture\n",
             "it is not well-formed XML (syntax error: line 1, column 0)"),
    "not-utf-8": (SVG_OPEN + "<text>caf\xe9</text></svg>",
                  f"it is not UTF-8 (byte 0xe9 at offset {len(SVG_OPEN) + 9})"),
    "billion-laughs": (LAUGHS, "it has a DTD with declarations (such as entities), which dot "
                               "never writes"),
    "quadratic-blowup": (QUADRATIC, "it has a DTD with declarations (such as entities), which "
                                    "dot never writes"),
    "html": ("<html><body>hello</body></html>", "its root element is <html>, not <svg>"),
    "deep": (DEEP, "its elements are nested more than 100 levels deep"),
    "truncated": (SVG_OPEN + "<g><text>cut", "it is not well-formed XML (no element found: "
                                             f"line 1, column {len(SVG_OPEN) + 12})"),
}


def printing_dot(tmp_path: Path, output: str, encoding: str = "latin-1") -> Path:
    """A graphviz_dot that reads its input and prints `output`, whatever it was asked."""
    data = tmp_path / "output.bin"
    data.write_bytes(output.encode(encoding))
    return fake_dot(tmp_path / "bin", f'cat >/dev/null\ncat "{data}"\n')


@pytest.mark.parametrize("case", BAD_OUTPUTS)
def test_output_that_is_not_an_svg_is_an_error_at_the_diagram(project, tmp_path, case):
    output, reason = BAD_OUTPUTS[case]
    dot = printing_dot(tmp_path, output)
    result = sphinx_build(site(project, f"graphviz_dot = {str(dot)!r}\n"))
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    message = (f"ERROR: dot's output for this diagram is not an SVG picture ({reason}); "
               f"{WHICH_DOT} [hubroles.diagram]")
    assert errors(result) == [f"index.md:3: {message}", f"other.md:3: {message}"]
    for page in ("index.html", "other.html"):
        html = result.html(page)
        assert TEXT_VERSION in html and "<svg" not in html and "lol" not in html


def test_output_that_is_not_an_svg_fails_a_strict_build(project, tmp_path):
    dot = printing_dot(tmp_path, BAD_OUTPUTS["text"][0])
    result = sphinx_build(site(project, f"graphviz_dot = {str(dot)!r}\n"), "-W",
                          "--keep-going")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(errors(result)) == 2


@pytest.mark.parametrize(("builder", "kind"), [("latex", "PDF"), ("texinfo", "PNG")])
def test_print_output_that_is_not_an_image_is_an_error(project, tmp_path, builder, kind):
    dot = printing_dot(tmp_path, "garbage\n")
    result = sphinx_build(site(project, f"graphviz_dot = {str(dot)!r}\n"), builder=builder)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    assert errors(result)[0] == (
        f"index.md:3: ERROR: dot's output for this diagram is not a {kind} file (it starts "
        f"with b'garbage\\n'); {WHICH_DOT} [hubroles.diagram]")
    assert not list(result.outdir.glob("hubroles-diagram-*"))  # no broken image handed on


# -- the cache folder ---------------------------------------------------------------------------

@pytest.mark.parametrize("obstacle", ["file", "dangling-symlink"])
def test_a_cache_folder_that_cannot_be_made_is_one_error(project, obstacle):
    src = site(project)
    doctrees = src / "_build" / "html" / ".doctrees"
    doctrees.mkdir(parents=True)
    cache = doctrees / "hubroles-diagrams"
    if obstacle == "file":
        cache.write_text("in the way\n")
    else:
        cache.symlink_to(doctrees / "nowhere" / "at-all")
    result = sphinx_build(src)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    # Every diagram would fail the same way: one error, at the first diagram.
    assert errors(result) == [
        "index.md:3: ERROR: cannot create the diagram cache folder "
        "_build/html/.doctrees/hubroles-diagrams (File exists); remove what is in its way, or "
        "give sphinx-build another doctree folder with -d [hubroles.diagram]"]
    assert TEXT_VERSION in result.html("index.html") and TEXT_VERSION in result.html("other.html")
    cache.unlink()  # once the way is clear, the next build draws both and rewrites their pages
    again = sphinx_build(src)
    assert again.returncode == 0 and errors(again) == []
    assert "<svg" in again.html("index.html") and "<svg" in again.html("other.html")


# -- damaged cache entries ---------------------------------------------------------------------

def truncate(data: bytes) -> bytes:
    return data[:len(data) // 2]


def flip_a_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:]


DAMAGE = {
    "truncated": truncate,
    "emptied": lambda data: b"",
    "garbage": lambda data: b"garbage",
    "one-byte-changed": flip_a_byte,
}


def test_damaged_cache_entries_are_drawn_again(project):
    """Each kind of damage in turn, on one site: the entries drawn again after one are damaged
    the next way."""
    src = site(project)
    first = sphinx_build(src, "-v")
    assert first.returncode == 0 and dot_runs(first) == 2, first.stderr
    cache = first.outdir / ".doctrees" / "hubroles-diagrams"
    for damage, damaged in DAMAGE.items():
        entries = sorted(cache.glob("*.svg.cache"))
        assert len(entries) == 2
        for entry in entries:
            entry.write_bytes(damaged(entry.read_bytes()))
        # Nothing changed in the sources: the damaged entries alone make both pages be written.
        again = sphinx_build(src, "-v")
        assert again.returncode == 0 and again.warnings() == [], (damage, again.stderr)
        assert dot_runs(again) == 2, damage
        assert pages_written(again) >= {"index", "other"}, damage
        for page in ("index.html", "other.html"):
            assert again.html(page) == first.html(page), damage
    assert dot_runs(sphinx_build(src, "-v")) == 0  # and they are good again


def test_an_entry_found_whole_is_read_again_once_its_file_is_written(tmp_path, monkeypatch):
    """Renderer.cached(job, settled), as every build asks it: an entry found whole is trusted
    while its file keeps its size, times and inode, and read again after any write, even one
    that keeps its size. An entry younger than SETTLED_NS is not remembered (a write in the
    same clock tick could leave its times as they were)."""
    renderer = render.Renderer("dot", (), 120, tmp_path)
    job = render.Job("digraph { a -> b }", "svg")
    renderer.render(job)
    entry, settled = renderer.path(job), {}
    assert renderer.cached(job, settled) and settled == {}  # too young to remember
    monkeypatch.setattr(render, "SETTLED_NS", 0)
    assert renderer.cached(job, settled) and list(settled) == [entry.name]
    whole = entry.read_bytes()
    time.sleep(0.05)  # past the file system's clock tick
    entry.write_bytes(flip_a_byte(whole))
    assert not renderer.cached(job, settled)
    entry.write_bytes(whole)
    assert renderer.cached(job, settled)
    renderer.prune([], "svg", settled)  # pruning forgets what it deletes
    assert settled == {} and not entry.exists()


def test_a_damaged_pdf_entry_is_drawn_again(project):
    src = site(project)
    first = sphinx_build(src, "-v", builder="latex")
    assert first.returncode == 0 and dot_runs(first) == 2, first.stderr
    entries = list((first.outdir / ".doctrees" / "hubroles-diagrams").glob("*.pdf.cache"))
    for entry in entries:
        entry.write_bytes(truncate(entry.read_bytes()))
    for image in first.outdir.glob("hubroles-diagram-*.pdf"):
        image.unlink()
    again = sphinx_build(src, "-v", "-E", builder="latex")
    assert again.returncode == 0 and dot_runs(again) == 2, again.stderr
    images = list(again.outdir.glob("hubroles-diagram-*.pdf"))
    assert len(images) == 2
    for image in images:
        assert image.read_bytes().rstrip().endswith(b"%%EOF")


# -- hubroles_dot_timeout ----------------------------------------------------------------------

BAD_TIMEOUTS = {
    'float("inf")': "inf",
    'float("nan")': "nan",
    '"5"': "'5'",
    "0": "0",
    "-1": "-1",
    "True": "True",
    "1e9": "1000000000.0",
    "None": "None",
}


@pytest.mark.parametrize("value", BAD_TIMEOUTS)
def test_a_bad_timeout_is_a_warning_and_the_default_is_used(project, value):
    """Checked when the configuration is read: the application is made in this process, with
    the project's conf.py, which is where the warning comes from (the next test builds)."""
    import io

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = site(project, f"hubroles_dot_timeout = {value}\n")
    warnings = io.StringIO()
    # docutils' registry as it was, for the next application (an application made in this
    # process before, without this, leaves "already registered" warnings of Sphinx's own).
    with docutils_namespace():
        app = Sphinx(src, src, src / "_build" / "html", src / "_build" / "doctrees", "html",
                     status=io.StringIO(), warning=warnings)
    logged = re.sub(r"\x1b\[[\d;]*m", "", warnings.getvalue())  # the colours of a terminal
    assert [line for line in logged.splitlines() if "[app." not in line] == [
        f"WARNING: hubroles_dot_timeout = {BAD_TIMEOUTS[value]} in conf.py is not a usable "
        "number of seconds: give a positive number, at most 86,400 (one day); the default, "
        "60, is used [hubroles.diagram]"]
    assert app.config.hubroles_dot_timeout == 60


def test_a_bad_timeout_fails_a_strict_build_and_a_lenient_one_draws(project):
    src = site(project, "hubroles_dot_timeout = 0\n")
    result = sphinx_build(src, "-W")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "hubroles_dot_timeout = 0 in conf.py" in result.stderr
    result = sphinx_build(src)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    assert "<svg" in result.html("index.html")  # drawn, within the default


@pytest.mark.parametrize("value", ["0.5", "7", "86400", "2.5e3"])
def test_good_timeouts_are_taken_silently(value):
    assert timeout.timeout_problem(float(value)) is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(), st.integers(), st.booleans(), st.none(), st.text(max_size=5),
                 st.lists(st.integers(), max_size=2)))
def test_any_timeout_is_taken_or_named(value):
    problem = timeout.timeout_problem(value)
    usable = type(value) in (int, float) and 0 < value <= timeout.MAX_TIMEOUT
    assert (problem is None) == usable
    if problem is not None:
        assert problem.startswith(f"hubroles_dot_timeout = {value!r} in conf.py is not")


# -- dot past its time, and what it leaves behind ----------------------------------------------

def still_running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan may wait for PID 1 to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


LAST_STEPS = {
    "waits": "exec sleep 102\n",  # killing the wrapper would leave its two children
    "has-exited": "exit 0\n",  # its children hold dot's output open: no end in sight
}


@pytest.mark.parametrize("wrapper", LAST_STEPS)
def test_a_dot_past_its_time_leaves_no_processes_behind(project, tmp_path, wrapper):
    pids = tmp_path / "pids"
    # Like a wrapper around dot: children of its own that would outlive it if only it were
    # killed.
    dot = fake_dot(tmp_path / "bin", f"""
        sleep 100 &
        echo $! >> "{pids}"
        sleep 101 &
        echo $! >> "{pids}"
        """.replace("\n        ", "\n") + LAST_STEPS[wrapper])
    try:
        result = sphinx_build(site(project, f"graphviz_dot = {str(dot)!r}\n"
                                            "hubroles_dot_timeout = 1\n"))
        assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
        assert errors(result)[0] == (
            "index.md:3: ERROR: dot ran longer than hubroles_dot_timeout (1 s) drawing this "
            "diagram and was stopped; show fewer roles (:focus:, :groups:, :roles:), turn off "
            ":edge-labels:, or raise hubroles_dot_timeout in conf.py [hubroles.diagram]")
        started = [int(pid) for pid in pids.read_text().split()]
        assert len(started) == 4  # two diagrams, two children each
        assert [pid for pid in started if still_running(pid)] == []
    finally:  # whatever the outcome, end the test's own sleepers
        for pid in (int(p) for p in pids.read_text().split()) if pids.exists() else ():
            if still_running(pid):
                os.kill(pid, signal.SIGKILL)


# -- dot's messages ------------------------------------------------------------------------------

def test_a_flood_of_messages_from_dot_is_cut(project, tmp_path):
    dot = fake_dot(tmp_path / "bin",
                   "cat >/dev/null\nhead -c 50000000 /dev/zero | tr '\\0' x >&2\nexit 1\n")
    result = sphinx_build(site(project, f"graphviz_dot = {str(dot)!r}\n"))
    assert "Traceback" not in result.stderr and result.returncode == 0
    found = errors(result)
    assert len(found) == 2
    assert found[0] == ("index.md:3: ERROR: dot failed to draw this diagram (exit status 1): "
                        + "x" * 2000 + " ... and 49,998,000 more characters of dot's output "
                        "[hubroles.diagram]")
    assert len(result.stderr) < 10_000


def test_a_short_message_from_dot_is_given_whole(project, tmp_path):
    dot = fake_dot(tmp_path / "bin", "cat >/dev/null\necho 'Error: <stdin>: syntax error in "
                                     "line 1' >&2\nexit 3\n")
    result = sphinx_build(site(project, f"graphviz_dot = {str(dot)!r}\n"))
    assert errors(result)[0] == ("index.md:3: ERROR: dot failed to draw this diagram (exit "
                                 "status 3): Error: <stdin>: syntax error in line 1 "
                                 "[hubroles.diagram]")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=5000))
def test_any_message_from_dot_is_cut_to_its_first_2000_characters(message):
    cut = render.cut_message(message)
    if len(message) <= 2000:
        assert cut == message
    else:
        more = f"{len(message) - 2000:,}"
        assert cut == f"{message[:2000]} ... and {more} more characters of dot's output"


# -- EPUB --------------------------------------------------------------------------------------

def test_epub_with_doctrees_inside_its_output_warns_nothing_about_the_cache(project):
    # `sphinx-build -b epub src out` keeps doctrees in out/.doctrees, and the EPUB builder warns
    # about every file there with a type it does not know (Sphinx's own .doctree files too).
    src = site(project, 'epub_exclude_files = ["search.html"]\n')
    for build in range(2):  # drawn, then from the cache
        result = sphinx_build(src, builder="epub")
        assert "Traceback" not in result.stderr, result.stderr
        assert list((result.outdir / ".doctrees" / "hubroles-diagrams").glob("*.svg.cache"))
        assert [line for line in result.warnings() if "hubroles" in line] == [], build
        if build == 0:  # Sphinx's own files are warned about: the warnings are looked at
            assert any("environment.pickle" in line for line in result.warnings())


# -- generated: whatever dot prints, and whatever a cache file holds ---------------------------

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
XML_PIECES = st.sampled_from([
    SVG_OPEN, "<svg>", "</svg>", "<g>", "</g>", "<a xlink:href='x'>", "</a>", "<title>t</title>",
    "<!DOCTYPE svg>", "<!DOCTYPE svg [", "]>", '<!ENTITY e "&e;&e;">', "&e;", "&amp;", "&#0;",
    "&#x110000;", "<?xml version='1.0'?>", "<?xml version='1.0' encoding='latin-1'?>",
    "<!-- -->", "<![CDATA[", "]]>", "\x00", "\xff", "\ud800", " ", "\n", "<", ">", "'", '"',
    'xmlns:xlink="http://www.w3.org/1999/xlink"', "<!ELEMENT svg ANY>", "%p;",
    '<!ENTITY % p "x">', "<text>", "</text>",
])


def assert_refused_or_usable(format: str, output: bytes) -> None:
    try:
        stored = render.usable_output(format, output)
    except render.DotError as error:
        assert str(error).startswith("dot's output for this diagram is not a")
        return
    assert isinstance(stored, bytes)
    if format == "svg":  # a template whose one root is an <svg>, with no DTD
        text = stored.decode("utf-8")
        assert text.startswith("<svg ") and "<!DOCTYPE" not in text and "<!ENTITY" not in text
        assert ET.fromstring(text).tag == "{http://www.w3.org/2000/svg}svg"


@settings(max_examples=500, **SETTINGS)
@given(st.binary(max_size=300), st.sampled_from(["svg", "pdf", "png"]))
def test_random_bytes_from_dot_never_crash(output, format):
    assert_refused_or_usable(format, output)


@settings(max_examples=500, **SETTINGS)
@given(st.lists(XML_PIECES, max_size=30).map("".join),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_random_svg_like_output_never_crashes(text, encoding):
    errors = "ignore" if encoding == "latin-1" else "surrogatepass"  # keep a lone surrogate
    assert_refused_or_usable("svg", text.encode(encoding, errors))


@settings(max_examples=300, **SETTINGS)
@given(st.binary(max_size=2000))
def test_a_cache_entry_gives_back_exactly_what_was_stored(payload):
    entry = render.cache_entry(payload)
    assert render.cache_payload(entry) == payload
    for cut in {0, len(entry) // 2, len(entry) - 1}:
        assert render.cache_payload(entry[:cut]) is None  # truncated
    assert render.cache_payload(entry + b"x") is None


@settings(max_examples=500, **SETTINGS)
@given(st.binary(max_size=300))
def test_random_bytes_are_never_taken_for_a_cache_entry(data):
    # A random file holds a matching sha256 digest of its own rest with no real chance.
    assert render.cache_payload(data) is None


@settings(max_examples=300, **SETTINGS)
@given(st.binary(min_size=1, max_size=500), st.data())
def test_any_change_to_a_cache_entry_is_noticed(payload, data):
    entry = bytearray(render.cache_entry(payload))
    index = data.draw(st.integers(0, len(entry) - 1))
    entry[index] ^= data.draw(st.integers(1, 255))
    assert render.cache_payload(bytes(entry)) is None


def test_a_cache_entry_starts_with_its_length_and_checksum():
    assert render.cache_entry(b"<svg/>") == (
        b"hubroles-diagram 6 crc32:%08x\n<svg/>" % zlib.crc32(b"<svg/>"))
