# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# the order values event_sale computes its registrations' state from (the
# order's state, and whether its total is 0: its lines, see sale_order_line.py)
SYNC_FIELDS = frozenset({"state", "pricelist_id", "currency_id", "payment_term_id"})


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        """Leaving the confirmed state (cancelled, back to a quotation), or
        another total, changes the state ``event_sale`` computes for the
        registrations: they give back their credits as soon as it is written,
        before what comes after the write in ``_action_cancel`` (such as the
        revocation of the credits the order granted). A confirmation books
        once it is complete: see ``action_confirm``."""
        res = super().write(vals)
        if SYNC_FIELDS.intersection(vals) and vals.get("state") != "sale":
            self._sync_session_credit_registrations()
        return res

    def action_confirm(self):
        """The registrations of a confirmed order are *Registered*: they book,
        once the whole confirmation is done (the credits the order grants
        exist, and ``event_sale`` has created the missing registrations)."""
        res = super().action_confirm()
        self._sync_session_credit_registrations()
        return res

    def _sync_session_credit_registrations(self):
        """Sync the class registrations sold by these orders, whose state
        ``event_sale`` computes from them (not through their ``write``)."""
        orders = self.filtered(lambda order: order.order_line.event_id)
        if not orders:
            return
        self.env["event.registration"].sudo().with_context(active_test=False).search(
            [("sale_order_id", "in", orders.ids)]
        )._sync_session_credits()
