# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    session_credit_ids = fields.One2many(
        "tz.session.credit",
        "pos_order_line_id",
        string="Session Credits",
        readonly=True,
    )

    def _is_session_pack_sale(self):
        """A line that sells a session pack (not a refund of one)."""
        self.ensure_one()
        return bool(
            self.product_id.session_credit_event_type_id
            and self.qty > 0
            and not self.refunded_orderline_id
        )

    def _is_session_pack_refund(self):
        """A line that gives back (part of) a pack sold at the POS."""
        self.ensure_one()
        return bool(
            self.refunded_orderline_id.product_id.session_credit_event_type_id
            and self.qty < 0
        )

    def _session_credit_count(self, qty=None):
        """How many credits ``qty`` units of this line's pack stand for
        (default: the line's quantity): per unit, the pack's credits per unit.
        Only whole credits can be sold."""
        self.ensure_one()
        qty = self.qty if qty is None else qty
        product = self.product_id.product_tmpl_id
        return self.env["tz.session.credit"]._whole_credits(
            qty * product.session_credit_quantity,
            self.product_id,
            self.order_id.name,
            qty,
        )

    def _is_free(self):
        """Price 0 or 100 % discount: a free pack, i.e. a manual grant."""
        self.ensure_one()
        currency = self.order_id.currency_id
        return currency.is_zero(self.price_subtotal) or currency.is_zero(
            self.price_unit * (1 - (self.discount or 0.0) / 100.0)
        )
