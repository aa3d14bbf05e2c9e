# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# an order in these states has been paid for
PAID_STATES = ("paid", "done", "invoiced")


class PosOrder(models.Model):
    _inherit = "pos.order"

    session_credit_count = fields.Integer(
        string="Session Credits", compute="_compute_session_credit_count"
    )

    @api.depends("lines.session_credit_ids")
    def _compute_session_credit_count(self):
        for order in self:
            order.session_credit_count = sum(
                order.lines.session_credit_ids.mapped("quantity")
            )

    # ------------------------------------------------------------------
    # Hooks of the POS flow
    # ------------------------------------------------------------------

    def _process_saved_order(self, draft):
        """The POS sync (``sync_from_ui``) saves a paid order: refuse a pack
        the order cannot pay for before anything else happens (the request is
        rolled back, the POS keeps the order and shows the error), then grant
        its credits and take back those of the packs it refunds.

        ``action_pos_order_paid`` grants too, but the sync logs and swallows
        its errors: granting again here (a no-op once done) raises them."""
        if not draft and self.state != "cancel":
            self._check_session_credit_packs()
        res = super()._process_saved_order(draft)
        if self.state in PAID_STATES:
            self._sync_session_credits()
        return res

    def action_pos_order_paid(self):
        """Every way an order gets paid (the POS, the backend payment wizard,
        an online payment) grants the credits of its packs."""
        res = super().action_pos_order_paid()
        with self.env.cr.savepoint():
            self._sync_session_credits()
        return res

    def action_view_session_credits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tz_session_credits.tz_session_credit_action"
        )
        action["domain"] = [
            "|",
            ("pos_order_line_id", "in", self.lines.ids),
            ("pos_order_line_id", "in", self.lines.refunded_orderline_id.ids),
        ]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _check_session_credit_packs(self):
        """A pack is sold to a client: no client, no sale. A free pack (price
        0 or 100 % discount) is a manual grant: it needs the "Add Session
        Credits" right of the cashier, checked as the cashier."""
        for order in self:
            pack_lines = order.lines.filtered(lambda line: line._is_session_pack_sale())
            if not pack_lines:
                continue
            if not order.partner_id:
                raise UserError(
                    _(
                        "Choose the customer of order %(order)s: session packs "
                        "(%(packs)s) grant credits to a client. The order was not "
                        "recorded and is still in the POS.",
                        order=order.pos_reference or order.name,
                        packs=", ".join(pack_lines.product_id.mapped("display_name")),
                    )
                )
            if not self.env.su and any(line._is_free() for line in pack_lines):
                self.env["tz.session.credit"]._check_grant_right()

    # ------------------------------------------------------------------
    # The sync: exactly once per line, whatever the path
    # ------------------------------------------------------------------

    def _lock_for_session_credits(self, orders):
        """Serialize the credit changes of these orders: a second sync, the
        backend payment or a refund of the same order waits for the first."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM pos_order WHERE id IN %s ORDER BY id FOR UPDATE",
                tuple(orders.ids),
            )
        )

    def _sync_session_credits(self):
        """Grant what the paid pack lines of these orders have not granted
        yet, and take back the unused credits of the packs they refund.
        Idempotent: syncing the same order again grants nothing more."""
        orders = self.filtered(lambda order: order.state in PAID_STATES)
        sales = orders.lines.filtered(lambda line: line._is_session_pack_sale())
        refunds = orders.lines.filtered(lambda line: line._is_session_pack_refund())
        if not sales and not refunds:
            return
        orders._check_session_credit_packs()
        self._lock_for_session_credits(orders | refunds.refunded_orderline_id.order_id)
        if sales:
            sales.order_id._grant_session_credits(sales)
        if refunds:
            refunds.order_id._revoke_refunded_session_credits(refunds)

    def _grant_session_credits(self, lines):
        Credit = self.env["tz.session.credit"].sudo()
        granted = defaultdict(int)
        for credit in Credit.search([("pos_order_line_id", "in", lines.ids)]):
            granted[credit.pos_order_line_id.id] += credit.quantity
        vals_list = []
        for line in lines:
            target = line._session_credit_count()
            missing = target - granted[line.id]
            if missing <= 0:
                continue
            order = line.order_id
            vals_list.append(
                {
                    "partner_id": order.partner_id.id,
                    "event_type_id": line.product_id.session_credit_event_type_id.id,
                    "quantity": missing,
                    "source": "pos",
                    "pos_order_line_id": line.id,
                    "company_id": order.company_id.id,
                    **line.product_id.product_tmpl_id._session_credit_sale_values(
                        line, target
                    ),
                }
            )
        if not vals_list:
            return Credit
        # two syncs of one order sent at once (a retry after a timeout) both
        # grant to its client: writing the client's row makes the second one
        # fail and be retried by Odoo, which then finds the order synced
        self.env["tz.session.credit.usage"]._lock_clients(
            {vals["partner_id"] for vals in vals_list}
        )
        # the client's chatter and the order's say what was granted (the
        # grant's notes, see tz.session.credit._grant_document)
        credits = Credit.create(vals_list)
        return credits

    def _revoke_refunded_session_credits(self, refund_lines):
        """A refund order takes back the unused credits of the pack lines it
        refunds, up to the refunded quantity × credits per unit; used credits
        stay used. Recorded with the refund order as origin, so that syncing
        the refund again takes nothing more."""
        Credit = self.env["tz.session.credit"].sudo()
        for order in self:
            wanted_by_line = defaultdict(int)
            for line in refund_lines.filtered(lambda rl, o=order: rl.order_id == o):
                sold = line.refunded_orderline_id
                wanted_by_line[sold] += sold._session_credit_count(-line.qty)
            texts = []
            for sold, wanted in wanted_by_line.items():
                credits = Credit.search([("pos_order_line_id", "=", sold.id)])
                done, used = credits._revoke_for(
                    order, wanted, _("Refunded at the POS (%s)", order.name)
                )
                if not done and not used:
                    continue
                event_type = sold.product_id.session_credit_event_type_id
                client = credits.partner_id[:1].display_name
                text = _(
                    "Session credits revoked from %(client)s: %(qty)s × %(type)s",
                    client=client,
                    qty=done,
                    type=event_type.display_name,
                )
                if used:
                    text += " " + _(
                        "(%s already used: they stay used, nothing left to revoke.)",
                        used,
                    )
                texts.append(text)
            if texts:
                order.sudo()._message_log(body=Markup("<br/>").join(texts))
