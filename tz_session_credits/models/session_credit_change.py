# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SessionCreditChangeMixin(models.AbstractModel):
    """What the history records of a credit share (its revocations and its
    expiry extensions): the credit, its client, type and company kept with
    each record for searching and record rules, and why."""

    _name = "tz.session.credit.change.mixin"
    _description = "Session Credits: a recorded change of a credit"

    credit_id = fields.Many2one(
        "tz.session.credit",
        string="Credit",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    partner_id = fields.Many2one(related="credit_id.partner_id", store=True)
    event_type_id = fields.Many2one(
        related="credit_id.event_type_id", string="Session Type", store=True
    )
    company_id = fields.Many2one(related="credit_id.company_id", store=True)
    reason = fields.Char(required=True, readonly=True)
