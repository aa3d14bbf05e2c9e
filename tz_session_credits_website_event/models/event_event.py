# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class EventEvent(models.Model):
    _inherit = "event.event"

    def _session_credit_website_info(self, needed=1):
        """What the registration pages tell the visitor about the credits this
        class uses: nothing for a class without credits; for a visitor who is
        not signed in, that they must sign in; otherwise their own credits
        left of that type on the class's day, and whether ``needed`` of them
        are enough to register. Reads the visitor's own credits only."""
        self.ensure_one()
        etype = self.sudo().session_event_type_id
        if not etype:
            return {}
        user = self.env.user
        info = {
            "type_name": etype.display_name,
            "public": user._is_public(),
            "left": 0,
            "needed": needed,
            "on_account": etype.allow_on_account,
        }
        if not info["public"]:
            Credit = self.env["tz.session.credit"].sudo()
            groups = Credit._read_group(
                [
                    ("partner_id", "=", user.partner_id.id),
                    ("event_type_id", "=", etype.id),
                    ("company_id", "in", self.env.companies.ids),
                    *Credit._usable_domain(self.sudo()._session_day()),
                ],
                [],
                ["quantity_remaining:sum"],
            )
            info["left"] = groups[0][0] or 0
        info["bookable"] = not info["public"] and (
            info["left"] >= needed or info["on_account"]
        )
        return info
