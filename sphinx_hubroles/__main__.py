"""`python -m sphinx_hubroles`: the same command as `sphinx-hubroles`."""

import sys

from .cli import main

sys.exit(main())
