# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import format_date


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def get_pos_session_credits(self, partner_id):
        """What the Point of Sale shows for a client: the credits usable
        today per event type (the balances, whose figures follow the one
        "usable" rule of ``tz.session.credit._usable_domain``), read with the
        cashier's own rights and record rules.

        :return: ``[{"event_type_id", "event_type", "available",
                   "next_expiry"}]``, the event types with credits left
        """
        partner = self.browse(partner_id).exists()
        if not partner:
            return []
        partner.check_access("read")
        balances = self.env["tz.session.credit.balance"].search(
            [("partner_id", "=", partner.id)]
        )
        result = {}
        for balance in balances:
            if balance.quantity_available <= 0:
                continue
            entry = result.setdefault(
                balance.event_type_id.id,
                {
                    "event_type_id": balance.event_type_id.id,
                    "event_type": balance.event_type_id.display_name,
                    "available": 0,
                    "next_expiry": False,
                    "next_expiry_date": False,
                },
            )
            entry["available"] += balance.quantity_available
            expiry = balance.next_expiry_date
            if expiry and (
                not entry["next_expiry_date"] or expiry < entry["next_expiry_date"]
            ):
                entry["next_expiry_date"] = expiry
                entry["next_expiry"] = format_date(self.env, expiry)
        return [
            {k: v for k, v in entry.items() if k != "next_expiry_date"}
            for entry in sorted(result.values(), key=lambda e: e["event_type"])
        ]
