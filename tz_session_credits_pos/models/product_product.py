# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _load_pos_data_fields(self, config_id):
        """The POS shows what a pack grants ("10 session credits, valid 3
        months") on its order line and on the receipt."""
        return [*super()._load_pos_data_fields(config_id), "session_credit_summary"]
