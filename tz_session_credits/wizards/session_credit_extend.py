# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context


class SessionCreditExtend(models.TransientModel):
    """Extend Expiry: a later last day for one credit (client card) or many
    (credits list, ticked rows or "select all" past ``web.active_ids_limit``,
    as in the Add Session Credits wizard).

    Credits without expiry and used-up credits are skipped and counted; the
    others go to ``tz.session.credit._extend_expiry``, which checks the right
    and every date, and writes all or nothing.
    """

    _name = "tz.session.credit.extend"
    _inherit = ["tz.session.credit.selection.mixin"]
    _description = "Extend Session Credit Expiry"
    _selection_model = "tz.session.credit"
    _selection_field = "credit_ids"

    credit_ids = fields.Many2many("tz.session.credit", string="Credits")
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
        selection=[("days", "Day(s)"), ("weeks", "Week(s)"), ("months", "Month(s)")],
        default="weeks",
    )
    reason = fields.Char(required=True)

    def _selection_messages(self):
        return {
            "ids": _("The selected credits are not valid record ids."),
            "missing": _("Some selected credits do not exist (any more): %s"),
            "domain": _("The selection of credits is not a valid domain."),
        }

    def _get_credits(self):
        self.ensure_one()
        if self.use_active_domain:
            return self.env["tz.session.credit"].search(self._selection_domain())
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
        if len(extend) == 1:
            message = _("1 credit extended.")
        else:
            message = _("%(count)s credits extended.", count=len(extend))
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
