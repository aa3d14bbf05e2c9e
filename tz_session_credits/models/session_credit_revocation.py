# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Revocations: the record of unused credits taken back, and how a source
takes them back (``tz.session.credit._revoke_for``)."""

from collections import defaultdict
from datetime import date

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class SessionCreditRevocation(models.Model):
    """Unused credits taken back from a grant by the flow that delivered them
    (a cancelled sale, a refund): how many, when, why, by whom, and which
    document. Written only by ``tz.session.credit._revoke``; manual credits are
    never revoked."""

    _name = "tz.session.credit.revocation"
    _inherit = "tz.session.credit.change.mixin"
    _description = "Session Credit Revocation"
    _order = "id desc"

    quantity = fields.Integer(required=True, readonly=True)
    origin_ref = fields.Reference(
        selection="_selection_origin_ref", string="Document", readonly=True
    )
    create_uid = fields.Many2one("res.users", string="Revoked By", readonly=True)
    create_date = fields.Datetime(string="Revoked On", readonly=True)

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "A revocation takes back at least one credit.",
        ),
    ]

    @api.model
    def _selection_origin_ref(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"].sudo().search([("transient", "=", False)])
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(_("The history of revoked session credits cannot be deleted."))


# the ledger's logic lives next to what it is about (see docs/architecture.md)
class SessionCredit(models.Model):
    _inherit = "tz.session.credit"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Revocation: a rule of the source
    # ------------------------------------------------------------------

    def _check_revocable(self):
        """Whether these credits may be revoked. Manual credits are final for
        everyone; a source that allows revocation (a cancelled sale) extends
        this for its own credits only."""
        manual = self.filtered(lambda c: c.source == "manual")
        if manual:
            raise UserError(
                _(
                    "Manual session credits are final: they cannot be revoked. " "(%s)",
                    ", ".join(manual.mapped("display_name")),
                )
            )

    def _revoke(self, quantity, reason, origin=False):
        """Revoke up to ``quantity`` unused credits of these grants (the latest
        expiry first), record each revocation, and tell the clients' chatter.
        Called by the bridges, as superuser, after their own right checks.

        :param origin: the document that caused it (``model,id`` reference)
        :return: how many credits were revoked
        """
        self._check_revocable()
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise ValidationError(_("The number of credits to revoke is not valid."))
        self.flush_recordset()
        # lock the grants so that a concurrent booking cannot use what is revoked
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["quantity_used", "quantity_remaining"])
        vals_list = []
        left = quantity
        for credit in self.sorted(
            lambda c: (c.expiry_date or date.max, c.id), reverse=True
        ):
            take = min(left, credit.quantity_remaining)
            if take <= 0:
                continue
            left -= take
            vals_list.append(
                {
                    "credit_id": credit.id,
                    "quantity": take,
                    "reason": reason,
                    "origin_ref": origin or False,
                }
            )
        if vals_list:
            revocations = (
                self.env["tz.session.credit.revocation"].sudo().create(vals_list)
            )
            bodies = defaultdict(list)
            for revocation in revocations:
                bodies[revocation.credit_id.partner_id.id].append(
                    _(
                        "%(qty)s × %(type)s revoked: %(reason)s",
                        qty=revocation.quantity,
                        type=revocation.credit_id.event_type_id.display_name,
                        reason=reason,
                    )
                )
            revocations.credit_id.partner_id._message_log_batch(
                bodies={
                    pid: Markup("<br/>").join(lines) for pid, lines in bodies.items()
                }
            )
        return quantity - left

    def _revoke_for(self, origin, quantity, reason):
        """Take back, for ``origin`` (the document that cancels or refunds: a
        sale order, a credit note, a POS refund), ``quantity`` credits in all
        from these grants. What ``origin`` already took back counts: calling
        this again for the same document takes nothing more (idempotent per
        origin). Unused credits only, the latest expiry first; used credits
        stay used. Called by the bridges, as superuser, after their own
        right checks: they only say what was refunded.

        :param origin: the record of the document
        :param int quantity: the credits ``origin`` takes back in all
        :return: ``(revoked now, wanted but already used)``
        """
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise ValidationError(_("The number of credits to revoke is not valid."))
        origin_ref = f"{origin._name},{origin.id}"
        done_before = sum(
            self.env["tz.session.credit.revocation"]
            .sudo()
            .search([("credit_id", "in", self.ids), ("origin_ref", "=", origin_ref)])
            .mapped("quantity")
        )
        wanted = min(quantity, sum(self.mapped("quantity"))) - done_before
        if wanted <= 0 or not self:
            return 0, 0
        done = self._revoke(wanted, reason, origin=origin_ref)
        return done, wanted - done
