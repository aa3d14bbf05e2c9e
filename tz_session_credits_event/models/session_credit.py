# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SessionCredit(models.Model):
    _inherit = "tz.session.credit"

    quantity_no_show = fields.Integer(
        string="No-shows",
        compute="_compute_quantity_no_show",
        store=True,
        copy=False,
        help="Credits used by classes the client was registered for and did "
        "not attend (part of the credits used).",
    )

    @api.depends("usage_ids.state")
    def _compute_quantity_no_show(self):
        for credit in self:
            credit.quantity_no_show = len(
                credit.usage_ids.filtered(lambda u: u.state == "no_show")
            )
