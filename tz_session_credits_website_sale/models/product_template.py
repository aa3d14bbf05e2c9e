# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.depends_context("uid")
    def _compute_can_publish(self):
        """The website's layout reads ``can_publish`` of the page's product
        for every signed-in visitor. Odoo's mixin answers it by trying a
        write check and catching the AccessError, which logs "Access Denied
        by ACLs for operation: write ... product.template" each time a
        client (portal user) opens a pack's page. A user without the right to
        write products cannot publish them: say so without raising."""
        if not self.browse().has_access("write"):
            self.can_publish = False
            return
        super()._compute_can_publish()
