"""A stand-in for the Python the MyST-MD plugin runs (HUBROLES_PYTHON): it records each
request and answer in the folder HUBROLES_RECORD names, and the process's start, then answers
as `python -m sphinx_hubroles myst-answer` does, one request per line. The tests count the
processes and requests of a build with it, and validate what passed both ways against the
protocol's schemas."""

import json
import os
import sys
import time
from pathlib import Path

from sphinx_hubroles.mystmd.serve import answer_line

if __name__ == "__main__":
    record = Path(os.environ["HUBROLES_RECORD"])
    record.mkdir(parents=True, exist_ok=True)
    (record / f"process-{os.getpid()}").write_text(" ".join(sys.argv))
    for line in sys.stdin:
        stamp = f"{time.time_ns()}-{os.getpid()}"
        (record / f"{stamp}.request.json").write_text(line, encoding="utf-8")
        answer = json.dumps(answer_line(line), ensure_ascii=False, separators=(",", ":"))
        (record / f"{stamp}.answer.json").write_text(answer, encoding="utf-8")
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()
