# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SessionCredit(models.Model):
    """Credits paid for at the Point of Sale (source ``pos``)."""

    _inherit = "tz.session.credit"

    source = fields.Selection(
        selection_add=[("pos", "Point of Sale")], ondelete={"pos": "cascade"}
    )
    pos_order_line_id = fields.Many2one(
        "pos.order.line",
        string="POS Order Line",
        index="btree_not_null",
        readonly=True,
        # a paid POS order cannot be deleted (Odoo's own rule); only
        # uninstalling removes its lines, and their credits with them
        ondelete="cascade",
        help="The Point of Sale order line that paid for these credits.",
    )
    pos_order_id = fields.Many2one(
        related="pos_order_line_id.order_id", string="POS Order", readonly=True
    )

    @api.model
    def _grant_document(self, vals):
        if vals.get("pos_order_line_id"):
            line = self.env["pos.order.line"].browse(vals["pos_order_line_id"])
            return line.order_id
        return super()._grant_document(vals)

    @api.model
    def _prepare_grant_values(self, vals_list):
        """A POS credit has its order line, and only a POS credit has one. Its
        value per credit is set like a sale's: the sales addon accepts it for
        sale credits only, so it is set aside for its check and put back."""
        stripped, unit_values = [], []
        for vals in vals_list:
            is_pos = vals.get("source") == "pos"
            if is_pos and not vals.get("pos_order_line_id"):
                raise UserError(_("Credits of a POS order need their order line."))
            if not is_pos and vals.get("pos_order_line_id"):
                raise UserError(
                    _(
                        "Only credits paid for at the Point of Sale have a POS "
                        "order line."
                    )
                )
            if is_pos and "unit_value" in vals:
                vals = dict(vals)
                unit_values.append(vals.pop("unit_value"))
            else:
                unit_values.append(None)
            stripped.append(vals)
        cleaned = super()._prepare_grant_values(stripped)
        for vals, unit_value in zip(cleaned, unit_values, strict=True):
            if unit_value is not None:
                vals["unit_value"] = unit_value
        return cleaned

    @api.model
    def _final_fields(self):
        return super()._final_fields() | {"pos_order_line_id"}

    def _grant_note_origin(self):
        if self.source == "pos" and self.pos_order_line_id:
            return _("POS order %s", self.pos_order_line_id.order_id.name)
        return super()._grant_note_origin()

    def _check_revocable(self):
        """Credits paid at the POS follow the money: a refund takes back the
        unused ones. Every other source keeps its own rule."""
        return super(
            SessionCredit, self.filtered(lambda c: c.source != "pos")
        )._check_revocable()
