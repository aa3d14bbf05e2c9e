# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

KEY_PREFIX = "event.registration,"


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _session_waitlist_registrations(self):
        """This client's places on the waitlists of classes to come."""
        self.ensure_one()
        Registration = self.env["event.registration"].sudo()
        return Registration.search(
            [
                ("partner_id", "=", self.id),
                *Registration._session_waiting_domain(),
                ("event_id.date_begin", ">", fields.Datetime.now()),
            ],
            order="id",
        )

    def _session_waitlist_entries(self):
        entries = super()._session_waitlist_entries()
        for registration in self._session_waitlist_registrations():
            event = registration.event_id
            entries.append(
                {
                    "key": f"{KEY_PREFIX}{registration.id}",
                    "name": event.name,
                    "date": event.date_begin,
                    "tz": event.date_tz,
                    "position": event._session_waitlist_position(registration),
                    "url": event.website_url
                    if "website_url" in event._fields
                    else False,
                }
            )
        return entries

    def _session_waitlist_leave(self, key):
        if not isinstance(key, str) or not key.startswith(KEY_PREFIX):
            return super()._session_waitlist_leave(key)
        try:
            registration_id = int(key[len(KEY_PREFIX) :])
        except ValueError:
            return False
        registration = self._session_waitlist_registrations().filtered(
            lambda r: r.id == registration_id
        )
        if not registration:
            return False
        registration.action_cancel()
        return True
