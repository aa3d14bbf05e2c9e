# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class SessionCredit(models.Model):
    _inherit = "tz.session.credit"

    def _portal_source_label(self):
        self.ensure_one()
        if self.source == "contract":
            return _("Membership")
        return super()._portal_source_label()
