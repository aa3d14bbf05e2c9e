# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class SessionCredit(models.Model):
    _inherit = "tz.session.credit"

    def _portal_source_label(self):
        """Where the credits came from, in the client's words: the staff's
        names of the sources ("Manual", "Sale", "Point of Sale") are not for
        clients. Credits added by hand come from the studio; every other
        source today is a paid flow (a bridge adding a source that is not a
        purchase overrides this)."""
        self.ensure_one()
        if self.source == "manual":
            return _("Added by the studio")
        return _("Purchase")
