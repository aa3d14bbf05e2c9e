# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: move.move_type == "out_refund"
        )._revoke_refunded_session_credits()
        return posted

    def _revoke_refunded_session_credits(self):
        """A posted credit note for a session pack takes back the unused
        credits of its order line, up to the refunded quantity × credits per
        unit (the core's ``_revoke_for``: posting the same credit note again
        takes nothing more)."""
        Credit = self.env["tz.session.credit"].sudo()
        for move in self:
            refunded = defaultdict(float)
            for aml in move.invoice_line_ids:
                for sale_line in aml.sale_line_ids:
                    product = sale_line.product_id.product_tmpl_id
                    if not product.session_credit_event_type_id:
                        continue
                    qty = aml.product_uom_id._compute_quantity(
                        aml.quantity, product.uom_id, rounding_method="HALF-UP"
                    )
                    refunded[sale_line] += qty * product.session_credit_quantity
            if not refunded:
                continue
            sale_lines = self.env["sale.order.line"].concat(*refunded)
            sale_lines._lock_orders_for_session_credits()
            lines = []
            for sale_line, credits_refunded in refunded.items():
                credits = Credit.search([("sale_line_id", "=", sale_line.id)])
                wanted = int(round(credits_refunded))
                done, used = credits._revoke_for(
                    move, wanted, _("Credit note %s", move.name)
                )
                if not done and not used:
                    continue
                text = _(
                    "%(qty)s × %(type)s revoked from %(client)s (credit note %(move)s)",
                    qty=done,
                    type=sale_line.product_id.session_credit_event_type_id.display_name,
                    client=sale_line.order_id.partner_id.display_name,
                    move=move.name,
                )
                if used:
                    text += " " + _(
                        "%s already used: they stay used, nothing left to revoke.",
                        used,
                    )
                lines.append(text)
                sale_line.order_id.sudo()._message_log(body=text)
            if lines:
                move.sudo()._message_log(body=Markup("<br/>").join(lines))
