# A package, so that pytest imports tests/browser/conftest.py as `browser.conftest` and the
# tests' `from conftest import ...` keeps meaning tests/conftest.py.
