# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# set once, by the sale flow, when the credits are granted
SALE_FINAL_FIELDS = frozenset({"sale_line_id", "unit_value"})


class SessionCredit(models.Model):
    """Credits paid for with a sale order line (source ``sale``)."""

    _inherit = "tz.session.credit"

    source = fields.Selection(
        selection_add=[("sale", "Sale")], ondelete={"sale": "cascade"}
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        index="btree_not_null",
        readonly=True,
        # a line that paid for credits cannot be deleted (see its unlink);
        # only uninstalling removes it, and its credits with it
        ondelete="cascade",
        help="The sale order line that paid for these credits.",
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", string="Sale Order", readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    unit_value = fields.Monetary(
        string="Value per Credit",
        currency_field="currency_id",
        readonly=True,
        help="What the client paid per credit (untaxed, in the company's "
        "currency). Zero for credits added by hand.",
    )
    remaining_value = fields.Monetary(
        string="Unused Value",
        currency_field="currency_id",
        compute="_compute_remaining_value",
        store=True,
        precompute=True,
        help="Value per credit × credits left: revenue still owed in sessions.",
    )

    @api.depends("unit_value", "quantity_remaining")
    def _compute_remaining_value(self):
        for credit in self:
            credit.remaining_value = credit.unit_value * max(
                credit.quantity_remaining, 0
            )

    @api.model
    def _prepare_grant_values(self, vals_list):
        for vals in vals_list:
            is_sale = vals.get("source") == "sale"
            if is_sale and not vals.get("sale_line_id"):
                raise UserError(_("Credits of a sale need their order line."))
            if not is_sale and SALE_FINAL_FIELDS.intersection(
                k for k, v in vals.items() if v
            ):
                raise UserError(
                    _("Only credits paid for with a sale order have an order line.")
                )
        return super()._prepare_grant_values(vals_list)

    @api.model
    def _final_fields(self):
        return super()._final_fields() | SALE_FINAL_FIELDS

    @api.model
    def _internal_fields(self):
        return super()._internal_fields() | {"remaining_value"}

    @api.model
    def _grant_document(self, vals):
        if vals.get("sale_line_id"):
            return self.env["sale.order.line"].browse(vals["sale_line_id"]).order_id
        return super()._grant_document(vals)

    def _grant_note_origin(self):
        if self.source == "sale" and self.sale_line_id:
            return _("sale order %s", self.sale_line_id.order_id.name)
        return super()._grant_note_origin()

    def _check_revocable(self):
        """Paid credits follow the money: a cancelled or refunded sale takes
        back its unused credits. Every other source keeps the core's rule."""
        return super(
            SessionCredit, self.filtered(lambda c: c.source != "sale")
        )._check_revocable()
