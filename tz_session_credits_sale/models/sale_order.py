# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    session_credit_count = fields.Integer(
        string="Session Credits", compute="_compute_session_credit_count"
    )

    @api.depends(
        "order_line.session_credit_ids.quantity",
        "order_line.session_credit_ids.quantity_revoked",
    )
    def _compute_session_credit_count(self):
        """The credits the order delivered: granted, less those taken back
        (a cancelled order whose credits were all revoked shows 0)."""
        for order in self:
            credits = order.order_line.session_credit_ids
            order.session_credit_count = sum(credits.mapped("quantity")) - sum(
                credits.mapped("quantity_revoked")
            )

    def _action_confirm(self):
        """Grant the credits of the packs sold, whoever confirms: a
        salesperson, or the online shop once the payment is done."""
        res = super()._action_confirm()
        self.order_line._sync_session_credits()
        return res

    def _action_cancel(self):
        """Take back the unused credits of a cancelled order (used ones stay
        used; the user is told when nothing is left to revoke)."""
        res = super()._action_cancel()
        self.order_line._sync_session_credits()
        return res

    def action_view_session_credits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tz_session_credits.tz_session_credit_action"
        )
        action["domain"] = [("sale_line_id", "in", self.order_line.ids)]
        action["context"] = {"create": False}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_session_credits(self):
        # the lines go with the order in SQL (ON DELETE CASCADE): check here
        self.order_line._unlink_except_session_credits()
