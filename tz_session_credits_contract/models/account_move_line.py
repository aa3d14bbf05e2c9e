# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    """The period of its contract line that an invoice line pays for, set when
    the contract makes the invoice (``contract.line._prepare_invoice_line``):
    posting the invoice grants the credits of that period once, and a credit
    note (which copies it) takes them back."""

    _inherit = "account.move.line"

    contract_period_start = fields.Date(
        readonly=True,
        help="The first day of the contract period this line invoices.",
    )
    contract_period_end = fields.Date(
        readonly=True,
        help="The last day of the contract period this line invoices.",
    )
