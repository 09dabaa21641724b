"""A stand-in for the Python the MyST-MD plugin runs (HUBROLES_PYTHON): it records each
request and answer in the folder HUBROLES_RECORD names, then answers as `python -m
sphinx_hubroles myst-answer` does. The tests count the processes a build starts with it, and
validate what passed both ways against the protocol's schemas."""

import io
import os
import sys
import time
from pathlib import Path

from sphinx_hubroles.cli import main

if __name__ == "__main__":
    record = Path(os.environ["HUBROLES_RECORD"])
    record.mkdir(parents=True, exist_ok=True)
    stamp = f"{time.time_ns()}-{os.getpid()}"
    request = sys.stdin.read()
    (record / f"{stamp}.request.json").write_text(request, encoding="utf-8")
    sys.stdin = io.StringIO(request)
    answer = io.StringIO()
    real, sys.stdout = sys.stdout, answer
    try:
        status = main(sys.argv[sys.argv.index("myst-answer"):])
    finally:
        sys.stdout = real
    (record / f"{stamp}.answer.json").write_text(answer.getvalue(), encoding="utf-8")
    sys.stdout.write(answer.getvalue())
    sys.exit(status)
