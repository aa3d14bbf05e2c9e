# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SessionCreditExtension(models.Model):
    """A later expiry given to a credit (an injury, a holiday closure): from
    which date to which, why, by whom and when. Written only by
    ``tz.session.credit._extend_expiry``, the one change of ``expiry_date``
    the finality rule allows."""

    _name = "tz.session.credit.extension"
    _inherit = "tz.session.credit.change.mixin"
    _description = "Session Credit Expiry Extension"
    _order = "id desc"

    old_expiry_date = fields.Date(string="From", required=True, readonly=True)
    new_expiry_date = fields.Date(string="To", required=True, readonly=True)
    create_uid = fields.Many2one("res.users", string="Extended By", readonly=True)
    create_date = fields.Datetime(string="Extended On", readonly=True)

    _sql_constraints = [
        (
            "later_date",
            "CHECK(new_expiry_date > old_expiry_date)",
            "An extension moves the expiry to a later date.",
        ),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(_("The history of expiry extensions cannot be deleted."))
