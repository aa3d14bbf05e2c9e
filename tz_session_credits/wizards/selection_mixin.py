# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context

DEFAULT_ACTIVE_IDS_LIMIT = 20000


class SessionCreditSelectionMixin(models.AbstractModel):
    """The records a wizard opened from a list acts on.

    Ticked records arrive as ``active_ids``. With "Select all", the web client
    (``web/static/src/search/action_menus/action_menus.js``) sends at most
    ``web.active_ids_limit`` ids and always the list's ``active_domain``: when
    the ids reach that limit, the domain is kept and searched, so that every
    matching record is reached. The context is untrusted (RPC): only the
    selection comes from it, checked; no other ``default_*`` key is used.
    """

    _name = "tz.session.credit.selection.mixin"
    _description = "Session Credits: the selection of a list"

    # the list's model, and the wizard's Many2many of it
    _selection_model = None
    _selection_field = None

    use_active_domain = fields.Boolean(readonly=True)
    active_domain = fields.Text(readonly=True)

    def _selection_messages(self):
        """The wizard's words for a bad selection: ``{"ids", "missing",
        "domain"}`` (``missing`` takes the missing ids)."""
        raise NotImplementedError

    @api.model
    def default_get(self, fields_list):
        context = self.env.context
        safe = self.with_context(clean_context(context))  # pylint: disable=context-overridden
        res = super(SessionCreditSelectionMixin, safe).default_get(fields_list)
        if context.get("active_model") != self._selection_model:
            return res
        messages = self._selection_messages()
        raw_ids = context.get("active_ids") or []
        if not isinstance(raw_ids, list | tuple) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in raw_ids
        ):
            raise UserError(messages["ids"])
        ids = list(dict.fromkeys(raw_ids))  # duplicates are ignored, order kept
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("web.active_ids_limit", DEFAULT_ACTIVE_IDS_LIMIT)
        )
        domain = context.get("active_domain")
        if domain is not None and len(raw_ids) >= limit:
            self._check_domain(domain)
            res.update(use_active_domain=True, active_domain=repr(domain))
            return res
        records = self.env[self._selection_model].browse(ids)
        missing = records - records.exists()
        if missing:
            raise UserError(messages["missing"] % missing.ids)
        self._check_read_access(records)
        res[self._selection_field] = [fields.Command.set(ids)]
        return res

    @api.model
    def _check_read_access(self, records):
        """``records.check_access("read")``, with the record rules applied by
        one search rather than record by record (thousands of ticked rows):
        the ORM's own check, and its message, only for what the search
        refuses."""
        records.browse().check_access("read")
        allowed = records.with_context(active_test=False).search(
            [("id", "in", records.ids)]
        )
        if len(allowed) < len(records):
            (records - allowed).check_access("read")

    @api.model
    def _check_domain(self, domain):
        message = self._selection_messages()["domain"]
        if not isinstance(domain, list):
            raise UserError(message)
        try:
            self.env[self._selection_model]._search(domain)
        except (ValueError, TypeError, KeyError) as exc:
            raise UserError(message) from exc

    def _selection_domain(self):
        """The list's domain, checked again (it is stored on the wizard)."""
        self.ensure_one()
        domain = ast.literal_eval(self.active_domain or "[]")
        self._check_domain(domain)
        return domain
