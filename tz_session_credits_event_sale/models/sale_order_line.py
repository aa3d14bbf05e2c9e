# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# the line values an order's total and a ticket's price come from: a total
# that becomes 0 or stops being 0 changes the state event_sale computes for
# the order's registrations, and a ticket line's price says whether the
# ticket paid for its registration
SYNC_FIELDS = frozenset(
    {
        "product_id",
        "product_uom",
        "product_uom_qty",
        "price_unit",
        "discount",
        "tax_id",
        "display_type",
        "event_ticket_id",
    }
)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._sync_session_credit_registrations()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if SYNC_FIELDS.intersection(vals):
            self.order_id._sync_session_credit_registrations()
        return res

    def unlink(self):
        orders = self.order_id
        res = super().unlink()
        orders.exists()._sync_session_credit_registrations()
        return res
