"""Loaded by every Python process the tests start (conftest.py puts this folder on PYTHONPATH):
a deprecation warning raised from sphinx_hubroles code is an error, as in the tests' own
process (pyproject.toml). PYTHONWARNINGS cannot say this: it matches a module name exactly,
not a package and everything in it."""

import warnings

for category in (DeprecationWarning, PendingDeprecationWarning):
    warnings.filterwarnings("error", category=category, module="sphinx_hubroles")
