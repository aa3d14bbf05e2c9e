# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SessionCreditUsage(models.Model):
    _inherit = "tz.session.credit.usage"

    # a no-show keeps its credit, and its booking stays on: attendance marked
    # later turns it back into a plain use
    _CONSUMING_STATES = ("consumed", "late_cancel", "no_show")
    _LIVE_STATES = ("consumed", "unpaid", "no_show")

    state = fields.Selection(
        selection_add=[("no_show", "No-show")],
        ondelete={"no_show": "set default"},
    )

    registration_id = fields.Many2one(
        "event.registration",
        string="Class Registration",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
