# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The calendar adapter: says who is booked on which session, and when. The
booking itself is the usage model's API."""

from odoo import api, fields, models

SYNC_TRIGGERS = frozenset(
    {
        "partner_ids",
        "session_event_type_id",
        "active",
        "start",
        "stop",
        "allday",
        "name",
    }
)


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    session_event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        index="btree_not_null",
        help="Booking a client on this event uses one of their credits of this type.",
    )
    session_credit_usage_ids = fields.One2many(
        "tz.session.credit.usage", "event_id", string="Credits Used"
    )
    session_credit_live_usage_ids = fields.One2many(
        "tz.session.credit.usage",
        "event_id",
        string="Attendees' Credits",
        domain=[("state", "in", ("consumed", "unpaid"))],
        readonly=True,
    )

    # ------------------------------------------------------------------
    # Adapter
    # ------------------------------------------------------------------

    def _session_booking(self, partner):
        """The booking of ``partner`` on this session, for the booking API."""
        self.ensure_one()
        if self.allday:
            day = self.start_date or fields.Date.to_date(self.start)
        else:
            day = fields.Date.context_today(self, self.start)
        return {
            "partner_id": partner.id,
            "event_type_id": self.session_event_type_id.id,
            "date": self.start,
            "session_date": day,
            "allday": self.allday,
            "event_name": self.name,
            "event_id": self.id,
        }

    def _sync_session_credits(self):
        """Make the uses match the attendees: book the client attendees (partners
        that are not internal users), give back for those removed and for
        archived or retyped events, move the uses of a moved session."""
        events = self.with_context(active_test=False).exists()
        if not events:
            return
        Usage = self.env["tz.session.credit.usage"].sudo()
        live = Usage.search(
            [("event_id", "in", events.ids), ("state", "in", Usage._LIVE_STATES)]
        )
        client_cancels = studio_cancels = Usage
        for event in events:
            wanted = event._session_credit_clients()
            etype = event.session_event_type_id
            uses = live.filtered(lambda u, e=event: u.event_id == e)
            # the studio archived the session or changed its type: a full
            # refund; a client taken off the session: the late-cancel rule
            studio = uses.filtered(
                lambda u, e=event, t=etype: not e.active or u.event_type_id != t
            )
            studio_cancels |= studio
            client_cancels |= (uses - studio).filtered(
                lambda u, w=wanted: u.partner_id not in w
            )
        # what could not be given back (the session started) stays, and is
        # not charged a second time
        kept = (
            live
            - client_cancels._give_back()
            - studio_cancels._give_back(late_cancel=False)
        )
        kept_by_event = kept.grouped("event_id")
        bookings = []
        for event in events:
            uses = kept_by_event.get(event, Usage)
            if uses:
                moved = event._session_booking(event.partner_ids.browse())
                uses._reschedule(
                    moved["date"], moved["session_date"], moved["allday"], event.name
                )
            for partner in event._session_credit_clients() - uses.partner_id:
                bookings.append(event._session_booking(partner))
        Usage._book(bookings)

    def _session_credit_clients(self):
        """The attendees who pay with credits: clients, not internal users."""
        self.ensure_one()
        if not (self.active and self.session_event_type_id):
            return self.partner_ids.browse()
        return self.partner_ids.filtered("partner_share")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events.filtered("session_event_type_id")._sync_session_credits()
        return events

    def write(self, vals):
        res = super().write(vals)
        if SYNC_TRIGGERS.intersection(vals):
            self._sync_session_credits()
        return res

    def unlink(self):
        Usage = self.env["tz.session.credit.usage"].sudo()
        Usage.search(
            [("event_id", "in", self.ids), ("state", "in", Usage._LIVE_STATES)]
        )._give_back(late_cancel=False)
        return super().unlink()
