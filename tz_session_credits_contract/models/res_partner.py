# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

MEMBERSHIP_DOMAIN = [
    ("display_type", "=", False),
    ("is_canceled", "=", False),
    ("product_id.is_contract", "=", True),
    ("product_id.session_credit_event_type_id", "!=", False),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    session_credit_membership_ids = fields.One2many(
        "contract.line",
        "partner_id",
        string="Memberships",
        domain=MEMBERSHIP_DOMAIN,
        readonly=True,
        # contract lines are Invoicing's: staff without it see no list
        groups="account.group_account_invoice",
    )
