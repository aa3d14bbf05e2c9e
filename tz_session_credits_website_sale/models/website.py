# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.http import request


class Website(models.Model):
    _inherit = "website"

    def _get_checkout_step_list(self):
        """A cart of services only (session packs) has nothing to deliver:
        Odoo's checkout skips the delivery address and method, yet names
        its address step "Delivery". Name it "Address" for such a cart."""
        steps = super()._get_checkout_step_list()
        order = request and self.sale_get_order()
        if not (order and order.only_services):
            return steps
        for xmlids, step in steps:
            if "website_sale.checkout" in xmlids:
                step["name"] = _("Address")
            if step.get("back_button_href") == "/shop/checkout":
                step["back_button"] = _("Back to address")
        return steps
