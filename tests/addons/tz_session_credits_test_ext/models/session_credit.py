# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a third-party module may add to the ledger, each through the ORM's own
mechanisms: a Python constraint, a stored computed field without precompute,
a precomputed field that depends on the client, tracking (mail.thread), and a
``create`` override."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FORBIDDEN_NOTE = "not for this studio"


class SessionCredit(models.Model):
    _name = "tz.session.credit"
    _inherit = ["tz.session.credit", "mail.thread"]

    note = fields.Text(tracking=True)
    test_note_length = fields.Integer(compute="_compute_test_note_length", store=True)
    test_client_ref = fields.Char(
        compute="_compute_test_client_ref", store=True, precompute=True
    )
    test_stamp = fields.Char(readonly=True)

    @api.depends("note")
    def _compute_test_note_length(self):
        for credit in self:
            credit.test_note_length = len(credit.note or "")

    @api.depends("partner_id")
    def _compute_test_client_ref(self):
        for credit in self:
            credit.test_client_ref = f"ref-{credit.partner_id.name}"

    @api.constrains("note")
    def _check_test_note(self):
        for credit in self:
            if credit.note and FORBIDDEN_NOTE in credit.note:
                raise ValidationError(
                    _("Test extension: this note is refused (%s).", credit.note)
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals, test_stamp="stamped") for vals in vals_list]
        return super().create(vals_list)
