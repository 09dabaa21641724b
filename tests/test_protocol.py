"""The Python side of the MyST-MD protocol, on its own: requests it refuses and how, answers
that follow the schema, several requests in one process, and a build that reads only some of
the project's pages (an export) still knowing the cards of the others. (test_mystmd.py checks
what passed both ways in real builds.)"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import jsonschema
import pytest
from mystmd_helpers import myst_config, write_myst_project

from sphinx_hubroles.core.protocol import ANSWER_SCHEMA, PROTOCOL, ProtocolError, parse_request
from sphinx_hubroles.mystmd.serve import respond, serve

TEAM_ROLES = """\
roles:
  hub-engineer:
    name: Hub Engineer
    summary: Runs the hub.
  hub-administrator:
    name: Hub Administrator
    summary: Helps its users.
"""


@pytest.fixture
def project(tmp_path):
    return write_myst_project(tmp_path, {
        "myst.yml": myst_config(["index.md", "cards.md"]),
        "roles.yaml": TEAM_ROLES,
        "index.md": "# Home\n\nAsk a [](roles:hub-engineer).\n",
        "cards.md": "# Cards\n\n```{role-card} hub-engineer\n```\n",
    })


@pytest.mark.parametrize("request_data, words", [
    ([], "not a JSON object"),
    ({"protocol": 99, "command": "displays", "root": "/", "pages": []}, "speaks protocol 99"),
    ({"protocol": PROTOCOL, "command": "build", "root": "/", "pages": []}, "unknown command"),
    ({"protocol": PROTOCOL, "command": "displays", "root": "/",
      "pages": [{"file": "/a.md", "displays": [{"directive": "role-kard", "line": 1}]}]},
     "unknown directive 'role-kard'"),
    ({"protocol": PROTOCOL, "command": "problems", "root": "/",
      "pages": [{"file": "/a.md", "references": [{"kind": "role", "target": "x", "line": 0}]}]},
     "'line' of a reference of /a.md is not 1 or more"),
])
def test_requests_it_cannot_read_are_refused_in_words(request_data, words):
    with pytest.raises(ProtocolError, match=words):
        parse_request(request_data)
    answer = respond(request_data)
    assert words in answer["error"] and answer["ok"] is False
    jsonschema.validate(answer, ANSWER_SCHEMA)


def test_one_process_answers_one_request_per_line(project):
    requests = [{"protocol": PROTOCOL, "command": command, "root": str(project),
                 "pages": [{"file": str(project / "cards.md"),
                            "displays": [{"directive": "role-card", "line": 3,
                                          "argument": "hub-engineer"}]}]}
                for command in ("displays", "problems")]
    lines = "".join(json.dumps(request) + "\n" for request in requests) + "not json\n"
    done = subprocess.run([sys.executable, "-m", "sphinx_hubroles", "myst-answer"],
                          input=lines, capture_output=True, text=True, cwd=project)
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 2  # the last line was no request
    assert [answer.get("displays", [{}])[0].get("kind") for answer in answers[:1]] == ["card"]
    assert answers[1]["problems"] == [] and answers[1]["ok"] is True
    assert answers[2]["error"].startswith("the request is not JSON")
    for answer in answers:
        jsonschema.validate(answer, ANSWER_SCHEMA)


def test_a_build_of_some_pages_knows_the_cards_of_the_others(project, monkeypatch):
    """An export reads index.md alone: its link to the card on cards.md is no problem, and a
    broken link on it still is."""
    monkeypatch.chdir(project)
    request = {"protocol": PROTOCOL, "command": "problems", "root": str(project),
               "pages": [{"file": str(project / "index.md"), "references": [
                   {"kind": "role", "target": "roles:hub-engineer", "line": 3},
                   {"kind": "role", "target": "roles:hub-administrator", "line": 3}]}]}
    stdout = io.StringIO()
    serve(io.StringIO(json.dumps(request) + "\n"), stdout)
    answer = json.loads(stdout.getvalue())
    assert [problem["message"] for problem in answer["problems"]] == [
        "role 'hub-administrator' in reference 'roles:hub-administrator' is in roles.yaml but "
        "has no role-card on any page; add one with the role-card directive"]
