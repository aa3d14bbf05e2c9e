# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SYNC_TRIGGERS = frozenset(
    {
        "session_event_type_id",
        "event_type_id",
        "date_begin",
        "date_end",
        "date_tz",
        "active",
        "name",
    }
)

# what the company check of the session type depends on: ``event.event`` does
# not set ``_check_company_auto`` (Odoo leaves its organizer and venue
# unchecked), so the session type is checked on its own, by the documented
# ``_check_company``
COMPANY_TRIGGERS = frozenset({"session_event_type_id", "event_type_id", "company_id"})

# writes of a class that may free seats for its waitlist
WAITLIST_TRIGGERS = frozenset({"seats_max", "seats_limited", "session_waitlist"})


class EventEvent(models.Model):
    _inherit = "event.event"

    session_event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        compute="_compute_session_event_type_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        help="Registering a client to this class uses one of their credits of "
        "this session type. Defaults from the template.",
    )

    session_waitlist = fields.Boolean(
        string="Waitlist when full",
        help="When the class is full, clients join a waitlist instead of being "
        "refused. A freed seat goes to the first client on it who can pay with "
        "a credit of the class's session type (or on account), and uses it. "
        "For classes with a session type and limited seats.",
    )
    session_waitlist_count = fields.Integer(
        string="Waitlisted",
        compute="_compute_session_waitlist_count",
        help="Registrations waiting for a seat.",
    )

    @api.depends("registration_ids.session_waitlisted", "registration_ids.state")
    def _compute_session_waitlist_count(self):
        counts = dict(
            self.env["event.registration"]._read_group(
                [
                    ("event_id", "in", self.ids),
                    *self.env["event.registration"]._session_waiting_domain(),
                ],
                ["event_id"],
                ["__count"],
            )
        )
        for event in self:
            event.session_waitlist_count = counts.get(event._origin, 0)

    @api.constrains(
        "session_waitlist", "seats_limited", "seats_max", "session_event_type_id"
    )
    def _check_session_waitlist(self):
        for event in self.filtered("session_waitlist"):
            if not event.session_event_type_id:
                raise ValidationError(
                    _(
                        "“%(event)s” has no session type: only a class that uses "
                        "session credits can have a waitlist.",
                        event=event.display_name,
                    )
                )
            if not (event.seats_limited and event.seats_max > 0):
                raise ValidationError(
                    _(
                        "“%(event)s” does not limit its seats: a waitlist needs a "
                        "maximum number of attendees.",
                        event=event.display_name,
                    )
                )

    @api.depends("event_type_id")
    def _compute_session_event_type_id(self):
        for event in self:
            if event.event_type_id:
                event.session_event_type_id = event.event_type_id.session_event_type_id
            elif not event.session_event_type_id:
                event.session_event_type_id = False

    def _session_day(self):
        """The class's day where it takes place (its own timezone)."""
        self.ensure_one()
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self.date_tz or "UTC"), self.date_begin
        ).date()

    def _session_registrations(self):
        return (
            self.env["event.registration"]
            .with_context(active_test=False)
            .search([("event_id", "in", self.ids)])
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._check_company(["session_event_type_id"])
        return events

    def write(self, vals):
        res = super().write(vals)
        if COMPANY_TRIGGERS.intersection(vals):
            self._check_company(["session_event_type_id"])
        if SYNC_TRIGGERS.intersection(vals):
            self._session_registrations()._sync_session_credits()
        if WAITLIST_TRIGGERS.intersection(vals):
            self._session_waitlist_promote()
        return res

    def unlink(self):
        Usage = self.env["tz.session.credit.usage"].sudo()
        Usage.search(
            [
                ("registration_id.event_id", "in", self.ids),
                ("state", "in", Usage._LIVE_STATES),
            ]
        )._give_back(late_cancel=False)
        return super().unlink()

    # ------------------------------------------------------------------
    # Waitlist
    # ------------------------------------------------------------------

    def _session_waitlist_open(self):
        """Whether this class takes clients off its waitlist now: a waitlist,
        a session type, and not started yet."""
        self.ensure_one()
        return bool(
            self.session_waitlist
            and self.session_event_type_id
            and self.active
            and self.date_begin
            and self.date_begin > fields.Datetime.now()
        )

    def _session_seats_free(self):
        """Seats free in this class now (read again from the registrations:
        Odoo's seat counts are not stored)."""
        self.ensure_one()
        self.invalidate_recordset(
            ["seats_reserved", "seats_used", "seats_taken", "seats_available"]
        )
        if not (self.seats_limited and self.seats_max):
            return float("inf")
        return self.seats_available

    def _session_waitlist_position(self, registration):
        """The place of ``registration`` in this class's queue (1 = next)."""
        self.ensure_one()
        Registration = self.env["event.registration"].sudo()
        return Registration.search_count(
            [
                ("event_id", "=", self.id),
                *Registration._session_waiting_domain(),
                ("id", "<=", registration.id),
            ]
        )

    def action_session_waitlist_promote(self):
        """Staff: give the free seats to the waitlist now (after adding credits
        to a waiting client, for instance). Needs the right to edit the
        classes."""
        self.check_access("write")
        self._session_waitlist_promote()
        return True

    def _session_waitlist_promote(self):
        """Give the free seats of these classes to their waitlists: in joining
        order, the first waiting clients who have a usable credit of the
        class's type on its day (or whose type allows booking on account) are
        registered, and their credit used; the others are skipped, stay on
        the list, and are told once that a seat was free. Stops when the
        class has started.

        The classes' seat lock is taken first: two requests freeing seats at
        once promote two different clients (the second one is retried by Odoo
        and sees the first's promotion), and a client who leaves the list in
        the meantime is not promoted."""
        events = self.sudo().filtered(lambda e: e._session_waitlist_open())
        if not events:
            return
        Registration = self.env["event.registration"].sudo()
        Registration._lock_seats(events)
        promoted = skipped = Registration.browse()
        for event in events:
            free = event._session_seats_free()
            if free <= 0:
                continue
            waiting = Registration.search(
                [("event_id", "=", event.id), *Registration._session_waiting_domain()],
                order="id",
            )
            if not waiting:
                continue
            left = event.with_company(event.company_id)._session_credits_left(
                waiting.partner_id
            )
            on_account = event.session_event_type_id.allow_on_account
            for registration in waiting:
                if free <= 0:
                    break
                partner = registration.partner_id
                if not partner:
                    # nobody to book a credit for, nor to tell: the desk
                    # chooses the client (Booked by) first
                    continue
                if on_account or left.get(partner.id, 0) > 0:
                    left[partner.id] = left.get(partner.id, 0) - 1
                    promoted |= registration
                    free -= 1
                else:
                    skipped |= registration
        if promoted:
            for company, registrations in promoted.grouped(
                lambda r: r.event_id.company_id
            ).items():
                registrations.with_company(company).write({"state": "open"})
            promoted._session_waitlist_notify("promoted")
        skipped = skipped.filtered(lambda r: not r.session_waitlist_told)
        if skipped:
            skipped.write({"session_waitlist_told": True})
            skipped._session_waitlist_notify("missed")

    def _session_credits_left(self, partners):
        """Credits of this class's type each of ``partners`` can use on its
        day, in the current companies: {partner id: quantity}."""
        self.ensure_one()
        Credit = self.env["tz.session.credit"].sudo()
        return {
            partner.id: quantity
            for partner, quantity in Credit._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("event_type_id", "=", self.session_event_type_id.id),
                    ("company_id", "in", self.env.companies.ids),
                    *Credit._usable_domain(self._session_day()),
                ],
                ["partner_id"],
                ["quantity_remaining:sum"],
            )
        }
