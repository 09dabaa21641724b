"""The `role-holders` role: a role's current holders, named inline from roles.yaml
(`` {role-holders}`steering-council` ``), so that "the current chair is ..." never goes stale.
For a role held by its rotation it names the rotation, with a link to its schedule. What it
says is core/facts.py's (inline_holders); an unknown role, a retired one or one held by nobody
is the rules' to report (core/rules.py), at the reference's line."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..core.facts import inline_holders
from .links import render_runs
from .state import domain_of, note_display

HOLDERS_CLASS = "hubroles-holders"


class RoleHoldersRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = domain_of(self.env)
        model = domain.model
        role_id = self.text.strip().lower()
        # Inside roles.yaml's own text, it shows the holders and notes nothing: roles.yaml's
        # texts are judged at their own lines, by the references they hold.
        if self.inliner.document.get("source") != str(model.path):
            note_display(self.env, "holders", role_id)
            domain.note_holders(self.env.docname, self.lineno, role_id)
        role = model.roles.get(role_id)
        line = inline_holders(model, role_id) if role is not None else ()
        if not line:  # reported by the rules
            shown = role.name if role is not None else self.text
            return [nodes.inline(self.rawtext, shown,
                                 classes=[HOLDERS_CLASS, "hubroles-no-holder"])], []
        made = render_runs(line, lambda text: [nodes.Text(text.source)], self.env.docname)
        return [nodes.inline(self.rawtext, "", *made, classes=[HOLDERS_CLASS])], []
