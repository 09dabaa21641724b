"""The `role-holders` role: a role's current holders, named inline from roles.yaml
(`` {role-holders}`steering-council` ``), so that "the current chair is ..." never goes stale.
For a role held by its rotation it names the rotation, with a link to its schedule. What it
says is core/facts.py's (shown_holders); an unknown role, a retired one or one held by nobody
is the rules' to report (core/rules.py), at the reference's line."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..core.facts import shown_holders
from .render import ViewRenderer
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
        if role_id not in model.roles:  # reported by the rules
            return [nodes.inline(self.rawtext, self.text,
                                 classes=[HOLDERS_CLASS, "hubroles-no-holder"])], []
        line, held = shown_holders(model, role_id)
        made = ViewRenderer(None, self.env.docname).inlines(line)  # no roles.yaml text in it
        classes = [HOLDERS_CLASS] if held else [HOLDERS_CLASS, "hubroles-no-holder"]
        return [nodes.inline(self.rawtext, "", *made, classes=classes)], []
