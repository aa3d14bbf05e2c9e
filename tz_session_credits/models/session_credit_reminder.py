# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reminders of credits about to expire: a scheduled action over the ledger."""

from datetime import timedelta

from odoo import api, fields, models


class SessionCredit(models.Model):
    _inherit = "tz.session.credit"

    @api.model
    def _cron_send_expiry_reminders(self, days=7):
        """Daily (optional): email clients whose usable credits expire within
        ``days``, each credit once at most. "Today" is each company's."""
        template = self.env.ref(
            "tz_session_credits.mail_template_session_credit_expiring",
            raise_if_not_found=False,
        )
        if not template:
            return True
        for company in self.env["res.company"].sudo().search([]):
            tz = company.partner_id.tz or "UTC"
            today = fields.Date.context_today(self.with_context(tz=tz))
            credits = self.sudo().search(
                [
                    *self._usable_domain(today),
                    ("company_id", "=", company.id),
                    ("expiry_reminder_sent", "=", False),
                    ("expiry_date", "<=", today + timedelta(days=days)),
                    ("partner_id.email", "!=", False),
                ]
            )
            if credits:
                template.sudo().send_mail_batch(credits.ids, force_send=False)
                credits.write({"expiry_reminder_sent": True})
        return True
