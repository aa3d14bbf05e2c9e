# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the line values that decide how many credits of which type a line paid for
SYNC_FIELDS = frozenset({"product_uom_qty", "product_id", "product_uom"})


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    session_credit_ids = fields.One2many(
        "tz.session.credit", "sale_line_id", string="Session Credits", readonly=True
    )

    # ------------------------------------------------------------------
    # CRUD: every change of what a confirmed line paid for syncs its credits
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(lambda line: line.state == "sale")._sync_session_credits()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if SYNC_FIELDS.intersection(vals):
            self.filtered(lambda line: line.state == "sale")._sync_session_credits(
                reason=_("quantity reduced")
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_session_credits(self):
        lines = self.sudo().filtered("session_credit_ids")
        if lines:
            raise UserError(
                _(
                    "The order %s granted session credits: its lines stay in "
                    "their history. Cancel the order instead.",
                    ", ".join(lines.order_id.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # What a line paid for
    # ------------------------------------------------------------------

    def _session_credit_target(self):
        """``{event type: credits}`` this line paid for: per unit sold, the
        product's credits per unit, while the order is confirmed; nothing
        once it is cancelled, nor for a product whose credits are not granted
        on confirmation (``_session_credit_grants_on_confirm``)."""
        self.ensure_one()
        product = self.product_id.product_tmpl_id
        event_type = product.session_credit_event_type_id
        if self.state != "sale" or not event_type or self.display_type:
            return {}
        if not product._session_credit_grants_on_confirm():
            return {}
        qty = self.product_uom_qty
        if self.product_uom != self.product_id.uom_id:
            qty = self.product_uom._compute_quantity(
                qty, self.product_id.uom_id, rounding_method="HALF-UP"
            )
        credits = self.env["tz.session.credit"]._whole_credits(
            qty * product.session_credit_quantity,
            self.product_id,
            self.order_id.name,
            self.product_uom_qty,
        )
        return {event_type: credits} if credits > 0 else {}

    # ------------------------------------------------------------------
    # The sync: exactly once, whatever the path
    # ------------------------------------------------------------------

    def _lock_orders_for_session_credits(self):
        """Serialize every change of the credits of these orders: concurrent
        confirmations, edits or cancellations wait for each other (and under
        REPEATABLE READ the later one is retried by Odoo, then sees the
        earlier one's credits)."""
        orders = self.order_id
        if not orders:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sale_order WHERE id IN %s ORDER BY id FOR UPDATE",
                tuple(orders.ids),
            )
        )

    def _session_credit_net(self):
        """``{(line id, type id): credits}`` the lines have delivered: granted,
        minus what their own order took back (a cancellation or a reduced
        quantity). Credits taken back by a credit note are not given again."""
        credits = (
            self.env["tz.session.credit"]
            .sudo()
            .search([("sale_line_id", "in", self.ids)])
        )
        net = defaultdict(int)
        for credit in credits:
            key = (credit.sale_line_id.id, credit.event_type_id.id)
            net[key] += credit.quantity
            for revocation in credit.revocation_ids:
                if (
                    revocation.origin_ref
                    and revocation.origin_ref._name == "sale.order"
                ):
                    net[key] -= revocation.quantity
        return credits, net

    def _sync_session_credits(self, reason=None):
        """Make the credits of these lines what they paid for: grant the
        difference, or take back the unused credits of the difference.

        Idempotent: confirming again, confirming twice at once, or saving a
        line again never grants twice. Called on confirmation, cancellation,
        and changes of a confirmed line."""
        lines = self.filtered(
            lambda line: line.state in ("sale", "cancel") and not line.display_type
        )
        if not lines:
            return
        Credit = self.env["tz.session.credit"]
        has_packs = lines.product_id.product_tmpl_id.session_credit_event_type_id
        if not has_packs and not lines.sudo().session_credit_ids:
            return
        lines._lock_orders_for_session_credits()
        credits, net = lines._session_credit_net()
        grants, revokes = [], []
        for line in lines:
            target = line._session_credit_target()
            types = set(target) | {
                c.event_type_id for c in credits if c.sale_line_id == line
            }
            for event_type in types:
                diff = target.get(event_type, 0) - net[(line.id, event_type.id)]
                if diff > 0:
                    grants.append((line, event_type, diff, target[event_type]))
                elif diff < 0:
                    # what the order takes back in all: every credit granted
                    # beyond what it pays for now
                    granted = sum(
                        c.quantity
                        for c in credits
                        if c.sale_line_id == line and c.event_type_id == event_type
                    )
                    revokes.append(
                        (line, event_type, granted - target.get(event_type, 0))
                    )
        if grants:
            free = [
                line
                for line, *_rest in grants
                if line.currency_id.is_zero(line.price_subtotal)
            ]
            if free and not self.env.su:
                # a free pack is a manual grant: the wizard's right and error
                Credit._check_grant_right()
            self._grant_session_credits(grants)
        if revokes:
            self._revoke_session_credits(credits, revokes, reason)

    def _grant_session_credits(self, grants):
        vals_list = []
        for line, event_type, quantity, line_total in grants:
            product = line.product_id.product_tmpl_id
            vals_list.append(
                {
                    "partner_id": line.order_id.partner_id.id,
                    "event_type_id": event_type.id,
                    "quantity": quantity,
                    "source": "sale",
                    "sale_line_id": line.id,
                    "company_id": line.order_id.company_id.id,
                    **product._session_credit_sale_values(line, line_total),
                }
            )
        # the client's chatter and the order's say what was granted (the
        # grant's notes, see tz.session.credit._grant_document)
        return self.env["tz.session.credit"].sudo().create(vals_list)

    def _revoke_session_credits(self, credits, revokes, reason):
        """Take back, for their order, the credits of ``revokes`` (``(line,
        type, credits the order takes back in all)``): the core's
        ``_revoke_for`` does it, once per order whatever the number of syncs.
        The order's chatter says what was taken back and what stays used;
        the user is told only when some credits could not be taken back."""
        revoked_lines = defaultdict(list)
        not_revoked = defaultdict(list)
        for line, event_type, quantity in revokes:
            order = line.order_id
            line_credits = credits.filtered(
                lambda c, line=line, t=event_type: c.sale_line_id == line
                and c.event_type_id == t
            )
            text = (
                _("Sale order %s cancelled", order.name)
                if line.state == "cancel"
                else _(
                    "Sale order %(order)s: %(reason)s", order=order.name, reason=reason
                )
            )
            done, used = line_credits._revoke_for(order, quantity, text)
            if done:
                revoked_lines[order].append(
                    _(
                        "Session credits revoked from %(client)s: %(qty)s × %(type)s",
                        client=order.partner_id.display_name,
                        qty=done,
                        type=event_type.display_name,
                    )
                )
            if used:
                not_revoked[order].append(
                    _(
                        "%(qty)s × %(type)s already used by %(client)s: they stay "
                        "used, nothing left to revoke.",
                        qty=used,
                        type=event_type.display_name,
                        client=order.partner_id.display_name,
                    )
                )
        # .get: reading a defaultdict would add an empty entry, and with it
        # an empty warning below
        for order in set(revoked_lines) | set(not_revoked):
            body = Markup("<br/>").join(
                revoked_lines.get(order, []) + not_revoked.get(order, [])
            )
            order.sudo()._message_log(body=body)
        if not_revoked and not self.env.user._is_public():
            self.env.user._bus_send(
                "simple_notification",
                {
                    "type": "warning",
                    "title": _("Session credits"),
                    "message": " ".join(
                        text for texts in not_revoked.values() for text in texts
                    ),
                    "sticky": True,
                },
            )
