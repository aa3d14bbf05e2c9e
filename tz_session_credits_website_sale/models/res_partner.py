# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _session_credits_buy_url(self):
        """The shop, which lists the session packs to every customer."""
        self.ensure_one()
        return "/shop"
