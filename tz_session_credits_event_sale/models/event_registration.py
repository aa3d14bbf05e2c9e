# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    @api.model
    def _session_credit_sync_fields(self):
        """A registration's sale order line says whether its ticket paid for
        it, and its order (``event_sale``) computes its state."""
        return super()._session_credit_sync_fields() | {
            "sale_order_line_id",
            "sale_order_id",
        }

    def _session_credit_is_paid_otherwise(self):
        """A registration sold on its own sale line with a price above 0 is
        paid by that ticket: it uses no credit. A free ticket (or a line
        discounted to 0) still uses one."""
        if super()._session_credit_is_paid_otherwise():
            return True
        line = self.sudo().sale_order_line_id
        return (
            bool(line) and line.currency_id.compare_amounts(line.price_subtotal, 0) > 0
        )
