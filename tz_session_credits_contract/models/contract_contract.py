# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ContractContract(models.Model):
    _inherit = "contract.contract"

    session_credit_ids = fields.One2many(
        "tz.session.credit",
        "contract_id",
        string="Session Credits",
        readonly=True,
    )
    session_credit_count = fields.Integer(
        string="Session Credits Granted", compute="_compute_session_credit_count"
    )

    @api.depends("session_credit_ids.quantity", "session_credit_ids.quantity_revoked")
    def _compute_session_credit_count(self):
        """The credits the membership delivered: granted, less those taken
        back by credit notes."""
        for contract in self:
            credits = contract.session_credit_ids
            contract.session_credit_count = sum(credits.mapped("quantity")) - sum(
                credits.mapped("quantity_revoked")
            )

    @api.constrains("partner_id", "company_id")
    def _check_session_credit_memberships(self):
        for contract in self:
            for line in contract.contract_line_ids.filtered(
                lambda line: line._is_session_credit_membership()
            ):
                contract._check_session_credit_membership_company(line)

    def _check_session_credit_membership_company(self, line):
        """A membership grants its client credits in the contract's company:
        the client and the session type must be of that company (or shared),
        as for any grant; refused here, when the membership is sold, rather
        than when its first invoice is posted."""
        self.ensure_one()
        company = self.company_id
        partner_company = self.partner_id.sudo().company_id
        if partner_company and partner_company != company:
            raise ValidationError(
                _(
                    "The membership “%(product)s” cannot be sold to %(client)s, "
                    "a contact of %(partner_company)s, on a contract of "
                    "%(company)s: credits stay in the client's company.",
                    product=line.product_id.display_name,
                    client=self.partner_id.display_name,
                    partner_company=partner_company.display_name,
                    company=company.display_name,
                )
            )
        event_type = line.product_id.session_credit_event_type_id.sudo()
        if event_type.company_id and event_type.company_id != company:
            raise ValidationError(
                _(
                    "The membership “%(product)s” grants credits of “%(type)s”, "
                    "a session type of %(type_company)s, not of %(company)s.",
                    product=line.product_id.display_name,
                    type=event_type.display_name,
                    type_company=event_type.company_id.display_name,
                    company=company.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_session_credits(self):
        # the lines go with the contract in SQL (ON DELETE CASCADE): check here
        self.contract_line_ids._unlink_except_session_credits()

    def action_view_session_credits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tz_session_credits.tz_session_credit_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
