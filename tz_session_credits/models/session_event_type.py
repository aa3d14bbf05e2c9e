# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SessionEventType(models.Model):
    _name = "tz.session.event.type"
    _description = "Event Type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    allow_on_account = fields.Boolean(
        string="Allow Booking on Account",
        help="Clients without a usable credit may still be booked: the session is "
        "recorded as unpaid and the next credits of this type pay for it first.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share this event type between all companies.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_credits(self):
        domain = [("event_type_id", "in", self.ids)]
        used = self.env["tz.session.credit"].sudo().search_count(
            domain, limit=1
        ) or self.env["tz.session.credit.usage"].sudo().search_count(domain, limit=1)
        if used:
            raise UserError(
                _(
                    "Event types that clients have credits of cannot be deleted; "
                    "archive them instead."
                )
            )
