# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """Posting a contract's invoice grants the credits of the membership
        periods it pays for; posting a credit note of one takes back the
        unused credits of those periods. Whoever posts: a user, or Odoo's
        cron for invoices to post automatically."""
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: move.move_type == "out_invoice"
        )._grant_membership_session_credits()
        posted.filtered(
            lambda move: move.move_type == "out_refund"
        )._revoke_membership_session_credits()
        return posted

    def _membership_session_credit_lines(self):
        """The invoice lines that pay for a period of a membership line."""
        return self.invoice_line_ids.filtered(
            lambda aml: aml.display_type == "product"
            and aml.contract_line_id
            and aml.contract_period_start
            and aml.contract_period_end
            and aml.product_id.product_tmpl_id._session_credit_is_membership()
        )

    def _grant_membership_session_credits(self):
        invoice_lines = self._membership_session_credit_lines()
        if not invoice_lines:
            return
        free = invoice_lines.filtered(
            lambda aml: aml.currency_id.is_zero(aml.price_subtotal)
        )
        if free and not self.env.su:
            # a free membership period is a manual grant: the wizard's right
            self.env["tz.session.credit"]._check_grant_right()
        # the user posted these invoices with their own rights just now
        invoice_lines.sudo().contract_line_id._session_credits_grant(
            invoice_lines.sudo()
        )

    def _revoke_membership_session_credits(self):
        refund_lines = self._membership_session_credit_lines()
        if not refund_lines:
            return
        # the user posted these credit notes with their own rights just now
        notes = refund_lines.sudo().contract_line_id._session_credits_revoke(
            refund_lines.sudo()
        )
        by_document = defaultdict(list)
        for move, contract, text in notes:
            by_document[move.sudo()].append(text)
            by_document[contract.sudo()].append(text)
        for document, texts in by_document.items():
            document._message_log(body=Markup("<br/>").join(texts))
