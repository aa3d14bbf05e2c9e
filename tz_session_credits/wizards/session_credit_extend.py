# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context

from .session_credit_add import DEFAULT_ACTIVE_IDS_LIMIT


class SessionCreditExtend(models.TransientModel):
    """Extend Expiry: a later last day for one credit (client card) or many
    (credits list, ticked rows or "select all" past ``web.active_ids_limit``,
    as in the Add Session Credits wizard).

    Credits without expiry and used-up credits are skipped and counted; the
    others go to ``tz.session.credit._extend_expiry``, which checks the right
    and every date, and writes all or nothing.
    """

    _name = "tz.session.credit.extend"
    _description = "Extend Session Credit Expiry"

    credit_ids = fields.Many2many("tz.session.credit", string="Credits")
    use_active_domain = fields.Boolean(readonly=True)
    active_domain = fields.Text(readonly=True)
    credit_count = fields.Integer(string="Selected Credits", compute="_compute_counts")
    extend_count = fields.Integer(string="To Extend", compute="_compute_counts")
    skip_no_expiry_count = fields.Integer(
        string="Without Expiry", compute="_compute_counts"
    )
    skip_used_count = fields.Integer(string="Used Up", compute="_compute_counts")
    mode = fields.Selection(
        selection=[("period", "Add a period"), ("date", "New date")],
        string="Extend By",
        required=True,
        default="period",
    )
    new_expiry_date = fields.Date()
    extend_number = fields.Integer(string="Add", default=1)
    extend_unit = fields.Selection(
        selection=[("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        default="weeks",
    )
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        # Only the selection of credits comes from the context (untrusted
        # over RPC): every other default_* key is ignored.
        context = self.env.context
        safe = self.with_context(clean_context(context))  # pylint: disable=context-overridden
        res = super(SessionCreditExtend, safe).default_get(fields_list)
        if context.get("active_model") != "tz.session.credit":
            return res
        raw_ids = context.get("active_ids") or []
        if not isinstance(raw_ids, list | tuple) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in raw_ids
        ):
            raise UserError(_("The selected credits are not valid record ids."))
        ids = list(dict.fromkeys(raw_ids))
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
        credits = self.env["tz.session.credit"].browse(ids)
        missing = credits - credits.exists()
        if missing:
            raise UserError(
                _("Some selected credits do not exist (any more): %s", missing.ids)
            )
        credits.check_access("read")
        res["credit_ids"] = [fields.Command.set(ids)]
        return res

    @api.model
    def _check_domain(self, domain):
        if not isinstance(domain, list):
            raise UserError(_("The selection of credits is not a valid domain."))
        try:
            self.env["tz.session.credit"]._search(domain)
        except (ValueError, TypeError, KeyError) as exc:
            raise UserError(
                _("The selection of credits is not a valid domain.")
            ) from exc

    def _get_credits(self):
        self.ensure_one()
        if self.use_active_domain:
            domain = ast.literal_eval(self.active_domain or "[]")
            self._check_domain(domain)
            return self.env["tz.session.credit"].search(domain)
        return self.credit_ids

    @api.model
    def _split(self, credits):
        """(to extend, without expiry, used up)"""
        no_expiry = credits.filtered(lambda c: not c.expiry_date)
        used = (credits - no_expiry).filtered(lambda c: c.quantity_remaining <= 0)
        return credits - no_expiry - used, no_expiry, used

    @api.depends("credit_ids", "use_active_domain", "active_domain")
    def _compute_counts(self):
        for wizard in self:
            credits = wizard._get_credits()
            extend, no_expiry, used = self._split(credits)
            wizard.credit_count = len(credits)
            wizard.extend_count = len(extend)
            wizard.skip_no_expiry_count = len(no_expiry)
            wizard.skip_used_count = len(used)

    def _get_period(self):
        self.ensure_one()
        if self.extend_number <= 0 or not self.extend_unit:
            raise UserError(_("Add at least 1 day, week or month."))
        return relativedelta(**{self.extend_unit: self.extend_number})

    def action_extend(self):
        self.ensure_one()
        Credit = self.env["tz.session.credit"].with_context(  # pylint: disable=context-overridden
            clean_context(self.env.context)
        )
        Credit._check_extend_right()
        extend, no_expiry, used = self._split(self._get_credits())
        if not extend:
            raise UserError(
                _(
                    "None of the selected credits can be extended: "
                    "%(no_expiry)s without expiry, %(used)s used up.",
                    no_expiry=len(no_expiry),
                    used=len(used),
                )
            )
        if self.mode == "date":
            if not self.new_expiry_date:
                raise UserError(_("Choose the new expiry date."))
            kwargs = {"new_date": self.new_expiry_date}
        else:
            kwargs = {"period": self._get_period()}
        extend.with_env(Credit.env)._extend_expiry(self.reason, **kwargs)
        message = _("%(count)s credit(s) extended.", count=len(extend))
        if no_expiry or used:
            message += " " + _(
                "Skipped: %(no_expiry)s without expiry, %(used)s used up.",
                no_expiry=len(no_expiry),
                used=len(used),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _("Expiry extended"),
                "message": message,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
