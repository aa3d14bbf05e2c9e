# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

PORTAL_PATH = "/my/session_credits"


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _session_credits_portal_url(self):
        """The portal page, for clients who can sign in (Contacts > Action >
        Grant portal access): the emails link to it."""
        self.ensure_one()
        if not self.sudo().user_ids:
            return super()._session_credits_portal_url()
        return f"{self.get_base_url()}{PORTAL_PATH}"
