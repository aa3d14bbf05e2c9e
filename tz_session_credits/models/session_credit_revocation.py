# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


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
