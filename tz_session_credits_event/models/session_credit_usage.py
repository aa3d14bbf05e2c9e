# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SessionCreditUsage(models.Model):
    _inherit = "tz.session.credit.usage"

    registration_id = fields.Many2one(
        "event.registration",
        string="Class Registration",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
