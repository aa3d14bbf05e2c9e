# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .product_template import SESSION_PACKS_CATEGORY


class PosConfig(models.Model):
    _inherit = "pos.config"

    def _show_session_packs(self):
        """Add the "Session Packs" category to the registers that show only
        some categories (a register that limits nothing shows every product
        already: limiting it to one more category would hide the others).

        Run once, when the addon is installed: a register the manager limits
        later, or takes the category off, is left as they set it. A register
        with an open session gets it too (point_of_sale forbids changing the
        categories of an open register because the POS has loaded its
        products; one more category is loaded when the POS next starts)."""
        category = self.env.ref(SESSION_PACKS_CATEGORY, raise_if_not_found=False)
        if not category:
            return self.browse()
        registers = self.filtered(
            lambda config: config.limit_categories
            and config.iface_available_categ_ids
            and category not in config.iface_available_categ_ids
        )
        registers.with_context(bypass_categories_forbidden_change=True).write(
            {"iface_available_categ_ids": [fields.Command.link(category.id)]}
        )
        return registers
