# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models

SYNC_TRIGGERS = frozenset(
    {"partner_ids", "session_event_type_id", "active", "start", "stop", "allday"}
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
    session_credit_summary = fields.Html(
        string="Attendees' Credits",
        compute="_compute_session_credit_summary",
        sanitize=False,
    )

    @api.depends(
        "session_event_type_id", "partner_ids", "session_credit_usage_ids.state"
    )
    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_session_credit_summary(self):
        Credit = self.env["tz.session.credit"]
        events = self.filtered("session_event_type_id")
        (self - events).session_credit_summary = False
        if not events:
            return
        counts = {
            (partner.id, etype.id): qty
            for partner, etype, qty in Credit._read_group(
                [
                    ("partner_id", "in", events.partner_ids.ids),
                    ("event_type_id", "in", events.session_event_type_id.ids),
                    *Credit._available_domain(),
                ],
                ["partner_id", "event_type_id"],
                ["quantity_remaining:sum"],
            )
        }
        for event in events:
            rows = [
                Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
                % (
                    partner.display_name,
                    counts.get((partner.id, event.session_event_type_id.id), 0),
                )
                for partner in event._session_credit_clients()
            ]
            event.session_credit_summary = (
                Markup(
                    "<table class='table table-sm mb-0'><thead><tr><th>%s</th>"
                    "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
                )
                % (_("Client"), _("Credits left"), Markup().join(rows))
                if rows
                else False
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _session_credit_clients(self):
        """Attendees who pay with credits: not internal users."""
        self.ensure_one()
        return self.partner_ids.filtered(
            lambda p: not any(
                not user.share for user in p.with_context(active_test=False).user_ids
            )
        )

    def _session_local_date(self):
        """The session's day in the user's timezone."""
        self.ensure_one()
        if self.allday:
            return self.start_date or fields.Date.to_date(self.start)
        return fields.Date.context_today(self, self.start)

    def _session_has_started(self):
        self.ensure_one()
        if self.allday:
            return self._session_local_date() <= fields.Date.context_today(self)
        return self.start <= fields.Datetime.now()

    def _sync_session_credits(self):
        """Make the credit uses match the attendees, the session type and the
        event's state: consume for new client attendees, give back (before the
        session starts) for removed ones, archived or retyped events."""
        events = self.with_context(active_test=False).exists()
        if not events:
            return
        Usage = self.env["tz.session.credit.usage"].sudo()
        live = Usage.search(
            [("event_id", "in", events.ids), ("state", "in", ("consumed", "unpaid"))]
        )
        live_by_event = live.grouped("event_id")
        to_release = Usage
        for event in events:
            etype = event.session_event_type_id
            wanted = event._session_credit_clients() if event.active and etype else None
            for usage in live_by_event.get(event, Usage):
                if (
                    wanted is None
                    or usage.partner_id not in wanted
                    or usage.event_type_id != etype
                ):
                    to_release |= usage
        kept = live - to_release._release()
        # a rescheduled session keeps its credit; its use follows the new date
        for usage in kept:
            if usage.event_id and usage.date != usage.event_id.start:
                usage.write({"date": usage.event_id.start})
        kept_by_event = kept.grouped("event_id")
        requests = []
        for event in events:
            etype = event.session_event_type_id
            if not (event.active and etype):
                continue
            # a use kept after the session started (even of an old type) is
            # not charged a second time
            have = kept_by_event.get(event, Usage).partner_id
            for partner in event._session_credit_clients() - have:
                requests.append((event, partner))
        if requests:
            self.env["tz.session.credit"]._consume(requests)

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
        usages = (
            self.env["tz.session.credit.usage"]
            .sudo()
            .search(
                [("event_id", "in", self.ids), ("state", "in", ("consumed", "unpaid"))]
            )
        )
        usages._release()
        return super().unlink()
