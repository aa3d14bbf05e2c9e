# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SessionEventType(models.Model):
    _name = "tz.session.event.type"
    _description = "Session Type"
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
    late_cancel_hours = fields.Integer(
        string="Late Cancellation (hours)",
        default=0,
        help="A booking cancelled fewer than this many hours before the session "
        "starts keeps its credit (late cancellation). 0: cancelling before the "
        "start always gives the credit back.",
    )
    low_balance_threshold = fields.Integer(
        string="Low Balance Email At",
        default=1,
        help="When a booking leaves a client with this many usable credits of "
        "this type or fewer, the client gets one email (once each time the "
        "balance falls to it). 0: no email.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share this session type between all companies.",
    )

    _sql_constraints = [
        (
            "late_cancel_hours_positive",
            "CHECK(late_cancel_hours >= 0)",
            "The late-cancellation window cannot be negative.",
        ),
        (
            "low_balance_threshold_positive",
            "CHECK(low_balance_threshold >= 0)",
            "The low-balance threshold cannot be negative.",
        ),
    ]

    @api.constrains("late_cancel_hours")
    def _check_late_cancel_hours(self):
        if any(etype.late_cancel_hours < 0 for etype in self):
            raise ValidationError(_("The late-cancellation window cannot be negative."))

    @api.constrains("low_balance_threshold")
    def _check_low_balance_threshold(self):
        if any(etype.low_balance_threshold < 0 for etype in self):
            raise ValidationError(_("The low-balance threshold cannot be negative."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_credits(self):
        domain = [("event_type_id", "in", self.ids)]
        used = self.env["tz.session.credit"].sudo().search_count(
            domain, limit=1
        ) or self.env["tz.session.credit.usage"].sudo().search_count(domain, limit=1)
        if used:
            raise UserError(
                _(
                    "Session types that clients have credits of cannot be deleted; "
                    "archive them instead."
                )
            )
