# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

# set once, by the membership flow, when the credits of a period are granted
CONTRACT_FINAL_FIELDS = frozenset(
    {"contract_line_id", "contract_period_start", "contract_period_end"}
)


class SessionCredit(models.Model):
    """Credits paid for with a period of a membership (source ``contract``):
    the contract line whose invoice for that period was posted."""

    _inherit = "tz.session.credit"

    source = fields.Selection(
        selection_add=[("contract", "Membership")], ondelete={"contract": "cascade"}
    )
    contract_line_id = fields.Many2one(
        "contract.line",
        string="Membership Line",
        index="btree_not_null",
        readonly=True,
        # a line whose periods granted credits cannot be deleted (see its
        # unlink check); only uninstalling removes it, and its credits with it
        ondelete="restrict",
        help="The contract line whose period paid for these credits.",
    )
    contract_id = fields.Many2one(
        related="contract_line_id.contract_id",
        string="Membership",
        store=True,
        index="btree_not_null",
    )
    contract_period_start = fields.Date(
        string="Period Start",
        readonly=True,
        help="The first day of the membership period these credits are for.",
    )
    contract_period_end = fields.Date(
        string="Period End",
        readonly=True,
        help="The last day of the membership period these credits are for.",
    )

    contract_period = fields.Char(
        string="Period",
        compute="_compute_contract_period",
        help="The membership period these credits are for.",
    )

    @api.depends("contract_period_start", "contract_period_end")
    def _compute_contract_period(self):
        for credit in self:
            if credit.contract_period_start and credit.contract_period_end:
                credit.contract_period = _(
                    "%(start)s – %(end)s",
                    start=format_date(self.env, credit.contract_period_start),
                    end=format_date(self.env, credit.contract_period_end),
                )
            else:
                credit.contract_period = False

    @api.model
    def _prepare_grant_values(self, vals_list):
        for vals in vals_list:
            is_contract = vals.get("source") == "contract"
            if is_contract and not (
                vals.get("contract_line_id")
                and vals.get("contract_period_start")
                and vals.get("contract_period_end")
            ):
                raise UserError(
                    _("Credits of a membership need their contract line and period.")
                )
            if not is_contract and CONTRACT_FINAL_FIELDS.intersection(
                k for k, v in vals.items() if v
            ):
                raise UserError(
                    _("Only credits of a membership have a contract line and period.")
                )
        return super()._prepare_grant_values(vals_list)

    @api.model
    def _final_fields(self):
        return super()._final_fields() | CONTRACT_FINAL_FIELDS

    # No ``_grant_document`` note on the contract: its Session Credits tab
    # and Credits button list the grants, and the client's chatter notes each
    # one; a second chatter message per period cost 7 % of posting the
    # invoice (bench/contract_bench.py).

    def _grant_note_origin(self):
        if self.source == "contract" and self.contract_line_id:
            return _("membership %s", self.contract_line_id.contract_id.display_name)
        return super()._grant_note_origin()

    def _check_revocable(self):
        """A credit note on a period's invoice takes back that period's unused
        credits, as for a sale. Every other source keeps its own rule."""
        return super(
            SessionCredit, self.filtered(lambda c: c.source != "contract")
        )._check_revocable()
