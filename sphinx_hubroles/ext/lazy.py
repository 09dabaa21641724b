"""Parts of the extension that load when a build first uses them.

Sphinx takes every directive, role, transform, visitor and event handler at setup, but a build
uses few of them: a rebuild with nothing changed reads no page, so it runs no directive, and a
site without a diagram never draws one. Importing them all made up most of what a no-change
rebuild cost beyond a hand-written handbook's (docs/reference/performance.md). These stand-ins
carry what Sphinx and docutils read before the first use (a transform's priority), and load
the real module on that use; a directive's arguments and options are the real directive's,
read from it when a page first uses it. tests/test_lazy.py checks that each says what the
real one says.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole

PACKAGE = __name__.rpartition(".")[0]  # sphinx_hubroles.ext


def loaded(path: str) -> Any:
    """The object `path` names ('module.name', the module relative to this package)."""
    module, _, name = path.rpartition(".")
    return getattr(import_module(f"{PACKAGE}.{module}"), name)


def handler(path: str) -> Callable[..., Any]:
    """An event handler whose module loads when the event is first emitted."""

    def handle(*args: Any) -> Any:
        return loaded(path)(*args)

    handle.__name__ = handle.__qualname__ = path
    return handle


class FromReal:
    """A stand-in directive's class attribute that is the real directive's: docutils and MyST
    read a directive's arguments and options from its class before they run it, so the
    first read loads the real one. Then the value replaces this on the class."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type) -> Any:
        value = getattr(loaded(owner.loads), self.name)
        setattr(owner, self.name, value)
        return value


def directive(path: str) -> type[SphinxDirective]:
    """A directive whose module loads when a page first uses it."""

    class Directive(SphinxDirective):
        required_arguments = FromReal()
        optional_arguments = FromReal()
        final_argument_whitespace = FromReal()
        option_spec = FromReal()
        has_content = FromReal()

        def run(self) -> list[nodes.Node]:
            real = loaded(path)(self.name, self.arguments, self.options, self.content,
                                self.lineno, self.content_offset, self.block_text, self.state,
                                self.state_machine)
            return real.run()

    Directive.__name__ = Directive.__qualname__ = path.rpartition(".")[2]
    Directive.loads = path
    return Directive


def role(path: str) -> SphinxRole:
    """A role (an instance, as Sphinx takes them) whose module loads when a page first uses
    it."""

    class Role(SphinxRole):
        def __call__(self, *args: Any, **kwargs: Any) -> tuple[list, list]:
            return loaded(path)()(*args, **kwargs)

    Role.__name__ = Role.__qualname__ = path.rpartition(".")[2]
    Role.loads = path
    return Role()


def post_transform(path: str, *, priority: int) -> type[SphinxPostTransform]:
    """A post-transform whose module loads when a page is first written."""

    class Transform(SphinxPostTransform):
        default_priority = priority

        def run(self, **kwargs: Any) -> None:
            loaded(path)(self.document, startnode=self.startnode).apply(**kwargs)

    Transform.__name__ = Transform.__qualname__ = path.rpartition(".")[2]
    Transform.loads = path
    return Transform


def visitor(path: str) -> Callable[..., Any]:
    """A translator's visit or depart function whose module loads on the first node."""

    def visit(translator: Any, node: nodes.Element) -> Any:
        return loaded(path)(translator, node)

    visit.__name__ = visit.__qualname__ = path
    return visit
