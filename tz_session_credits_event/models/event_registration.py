# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The event adapter: says which registrations hold a credit of which client,
for which class and when. The booking itself is the usage model's API."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

BOOKED_STATES = ("open", "done")

# set by the waitlist itself, never by a caller (create, write, RPC)
WAITLIST_FIELDS = ("session_waitlisted", "session_waitlist_told")


class EventRegistration(models.Model):
    _inherit = "event.registration"

    session_event_type_id = fields.Many2one(
        related="event_id.session_event_type_id", string="Session Type"
    )
    session_credit_usage_ids = fields.One2many(
        "tz.session.credit.usage",
        "registration_id",
        string="Session Credit Uses",
        readonly=True,
    )
    session_credit_state = fields.Selection(
        selection=[
            ("consumed", "Used"),
            ("unpaid", "On Account"),
            ("returned", "Returned"),
            ("late_cancel", "Late Cancellation"),
            ("no_show", "No-show"),
        ],
        string="Credit",
        compute="_compute_session_credit_state",
        store=True,
        index="btree_not_null",
        help="What this registration did with the client's session credits: "
        "its latest use.",
    )
    session_waitlisted = fields.Boolean(
        string="Waitlisted",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The class was full: this registration waits for a seat, "
        "unconfirmed, and uses no credit until it gets one.",
    )
    session_waitlist_told = fields.Boolean(
        string="Told of a Missed Seat",
        readonly=True,
        copy=False,
        help="The client was told once that a seat was free while they had "
        "no credit to take it.",
    )
    session_waitlist_position = fields.Integer(
        string="Waitlist Position",
        compute="_compute_session_waitlist_position",
        help="Place in the class's waitlist: 1 is next.",
    )
    session_credits_left = fields.Integer(
        string="Credits Left",
        compute="_compute_session_credits_left",
        help="Credits of the class's type the client can use today.",
    )

    @api.depends("session_credit_usage_ids.state")
    def _compute_session_credit_state(self):
        for registration in self:
            uses = registration.session_credit_usage_ids
            latest = max(uses, key=lambda u: u.id) if uses else uses
            registration.session_credit_state = latest.state if latest else False

    @api.depends("session_waitlisted", "state", "event_id")
    def _compute_session_waitlist_position(self):
        for registration in self:
            waiting = registration.session_waitlisted and registration.state == "draft"
            registration.session_waitlist_position = (
                registration.event_id._session_waitlist_position(registration._origin)
                if waiting and registration._origin
                else 0
            )

    @api.depends("partner_id", "event_id.session_event_type_id")
    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_session_credits_left(self):
        Credit = self.env["tz.session.credit"]
        typed = self.filtered(lambda r: r.partner_id and r.session_event_type_id)
        counts = {}
        if typed:
            counts = {
                (partner.id, etype.id): qty
                for partner, etype, qty in Credit._read_group(
                    [
                        ("partner_id", "in", typed.partner_id.ids),
                        ("event_type_id", "in", typed.session_event_type_id.ids),
                        *Credit._usable_domain(),
                    ],
                    ["partner_id", "event_type_id"],
                    ["quantity_remaining:sum"],
                )
            }
        for registration in self:
            registration.session_credits_left = counts.get(
                (registration.partner_id.id, registration.session_event_type_id.id), 0
            )

    # ------------------------------------------------------------------
    # CRUD: every change of what a use depends on syncs the uses
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._session_waitlist_join(vals_list)
        registrations = super().create(vals_list)
        # those Odoo confirmed on the way booked already (see
        # _update_mail_schedulers): syncing again books nothing twice
        registrations._sync_session_credits()
        return registrations

    def write(self, vals):
        """The action methods (``action_confirm``, ``action_cancel``,
        ``action_set_done``, ``action_set_draft``), the status bar, archiving
        and RPC all come here: the registrations whose state, class, client
        (or what an inheriting module adds) changed are synced once Odoo has
        written them, and a seat freed goes to the class's waitlist."""
        vals = self._session_waitlist_write_values(vals)
        if not self._session_credit_sync_fields().intersection(vals):
            return super().write(vals)
        before = {
            registration: registration._session_credit_sync_values()
            for registration in self
        }
        seats = {registration: registration._session_seat() for registration in self}
        res = super().write(vals)
        self.filtered(
            lambda r: r._session_credit_sync_values() != before[r]
        )._sync_session_credits()
        freed = self.env["event.event"].union(
            *(
                event
                for registration, event in seats.items()
                if event and registration._session_seat() != event
            )
        )
        freed._session_waitlist_promote()
        return res

    def unlink(self):
        Usage = self.env["tz.session.credit.usage"].sudo()
        Usage.search(
            [("registration_id", "in", self.ids), ("state", "in", Usage._LIVE_STATES)]
        )._give_back()
        freed = self.filtered(lambda r: r._session_seat()).event_id
        res = super().unlink()
        freed.exists()._session_waitlist_promote()
        return res

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------

    def _update_mail_schedulers(self):
        """Odoo calls this for the registrations it has just confirmed (a
        creation, a confirmation, ``event_sale``'s confirmed order) to send
        their confirmation mail: they book first. A registration that cannot
        book gets no mail, and the class's seat lock (``_lock_seats``) is
        taken before the mail scheduler writes, so that of two requests for
        the last seat the second waits and is retried cleanly."""
        self._sync_session_credits()
        return super()._update_mail_schedulers()

    # ------------------------------------------------------------------
    # Waitlist and no-shows
    # ------------------------------------------------------------------

    def _session_seat(self):
        """The class whose seat this registration takes, if any."""
        self.ensure_one()
        if self.active and self.state in BOOKED_STATES:
            return self.event_id
        return self.env["event.event"]

    @api.model
    def _session_waiting_domain(self):
        """The registrations waiting for a seat: the one definition the
        queue, its counts, the portal and the website use."""
        return [("session_waitlisted", "=", True), ("state", "=", "draft")]

    @api.model
    def _session_waitlist_join(self, vals_list):
        """The values to create: a registration for a full class with a
        waitlist joins it (unconfirmed, waitlisted), on every path (the
        backend, RPC, the website). The seats are counted under the classes'
        seat lock, so that two clients taking the last seat at once are one
        registered, one waitlisted."""
        vals_list = [
            {key: value for key, value in vals.items() if key not in WAITLIST_FIELDS}
            for vals in vals_list
        ]
        event_ids = {vals["event_id"] for vals in vals_list if vals.get("event_id")}
        events = (
            self.env["event.event"]
            .sudo()
            .browse(event_ids)
            .filtered(lambda e: e._session_waitlist_open())
        )
        if not events:
            return vals_list
        self._lock_seats(events)
        free = {event.id: event._session_seats_free() for event in events}
        for vals in vals_list:
            if vals.get("event_id") not in free or vals.get("state", "open") != "open":
                continue
            if free[vals["event_id"]] > 0:
                free[vals["event_id"]] -= 1
            else:
                vals.update(state="draft", session_waitlisted=True)
        return vals_list

    def _session_waitlist_write_values(self, vals):
        """The values to write: the waitlist flags are the waitlist's own
        (only its code, as superuser, writes them); a registration confirmed,
        attended or cancelled leaves the list."""
        vals = dict(vals)
        if not self.env.su:
            for fname in WAITLIST_FIELDS:
                vals.pop(fname, None)
        if vals.get("state") and vals["state"] != "draft":
            vals.setdefault("session_waitlisted", False)
        return vals

    def _session_waitlist_notify(self, what):
        """Email the clients of these registrations: ``promoted`` (they got a
        seat and used a credit) or ``missed`` (a seat was free, but they had
        no credit), and note it on each registration."""
        template = self.env.ref(
            f"tz_session_credits_event.mail_template_session_waitlist_{what}",
            raise_if_not_found=False,
        )
        if template:
            template.sudo().send_mail_batch(self.ids, force_send=False)
        notes = {
            "promoted": _("Promoted from the waitlist: a seat was free."),
            "missed": _(
                "A seat was free, but the client had no usable credit: they "
                "stay on the waitlist."
            ),
        }
        self.sudo()._message_log_batch(
            bodies=dict.fromkeys(self.ids, notes[what]),
        )

    @api.model
    def _cron_session_no_shows(self):
        """After each class ends: the uses of the registrations still
        *Registered* (not *Attended*) become no-shows (the credit stays
        used), and the waitlists of past classes are closed (their
        registrations cancelled)."""
        now = fields.Datetime.now()
        Usage = self.env["tz.session.credit.usage"].sudo()
        Usage.search(
            [
                ("state", "=", "consumed"),
                ("registration_id.state", "=", "open"),
                ("registration_id.event_id.date_end", "<=", now),
            ]
        ).write({"state": "no_show"})
        self.sudo().search(
            [*self._session_waiting_domain(), ("event_id.date_end", "<=", now)]
        ).write({"state": "cancel"})

    # ------------------------------------------------------------------
    # Adapter
    # ------------------------------------------------------------------

    @api.model
    def _session_credit_sync_fields(self):
        """The fields whose writes may change what a registration must hold
        (see ``_session_credit_wanted`` and ``_session_booking``). Override to
        add one (``tz_session_credits_event_sale``: its sale order line)."""
        return {"state", "partner_id", "event_id", "active"}

    def _session_credit_sync_values(self):
        """What the uses of this registration depend on, to compare before
        and after a write (a value may also change as a side effect, such as
        ``event_sale``'s state computed from the order written with it)."""
        self.ensure_one()
        return {fname: self[fname] for fname in self._session_credit_sync_fields()}

    def _session_credit_is_paid_otherwise(self):
        """Whether this registration is paid by other means than a credit
        (``tz_session_credits_event_sale``: its own paid ticket). Override to
        add a means of payment."""
        self.ensure_one()
        return False

    def _session_credit_wanted(self):
        """Whether this registration must hold a credit now."""
        self.ensure_one()
        return bool(
            self.active
            and self.state in BOOKED_STATES
            and self.event_id.active
            and self.event_id.session_event_type_id
            and not self._session_credit_is_paid_otherwise()
        )

    def _session_booking(self):
        """The booking of this registration, for the booking API."""
        self.ensure_one()
        event = self.event_id
        return {
            "partner_id": self.partner_id.id,
            "event_type_id": event.session_event_type_id.id,
            "date": event.date_begin,
            "session_date": event._session_day(),
            "allday": False,
            "event_name": event.name,
            "registration_id": self.id,
            "company_id": event.company_id.id,
        }

    def _sync_session_credits(self):
        """Make the uses match the registrations: book those registered or
        attended, give back for the others (cancelled, unconfirmed, archived,
        another client, an archived or retyped class), move the uses of a
        moved class."""
        # every caller holds existing registrations (created or written ones,
        # a class's or an order's search): no exists() query
        registrations = self.with_context(active_test=False)
        if not registrations:
            return
        Usage = self.env["tz.session.credit.usage"].sudo()
        live = Usage.search(
            [
                ("registration_id", "in", registrations.ids),
                ("state", "in", Usage._LIVE_STATES),
            ]
        )
        wanted = registrations.filtered(lambda r: r._session_credit_wanted())
        if not live and not wanted:
            return
        no_contact = wanted.filtered(lambda r: not r.partner_id)
        if no_contact:
            raise UserError(
                _(
                    "“%(event)s” uses session credits: choose the client "
                    "(Booked by) of each registration first.",
                    event=no_contact.event_id[:1].display_name,
                )
            )
        cancel = live.filtered(
            lambda u: u.registration_id not in wanted
            or u.partner_id != u.registration_id.partner_id
            or u.event_type_id != u.registration_id.event_id.session_event_type_id
        )
        # the studio archived the class or changed its type: a full refund;
        # the client's own cancellation: the late-cancel rule
        studio = cancel.filtered(
            lambda u: not u.registration_id.event_id.active
            or u.event_type_id != u.registration_id.event_id.session_event_type_id
        )
        # what could not be given back (the class started) stays, and is not
        # charged a second time
        kept = (
            live - (cancel - studio)._give_back() - studio._give_back(late_cancel=False)
        )
        kept = kept.filtered(lambda u: u.state in Usage._LIVE_STATES)
        # attendance marked after the no-show run: the credit was used after all
        kept.filtered(
            lambda u: u.state == "no_show" and u.registration_id.state == "done"
        ).write({"state": "consumed"})
        for event, uses in kept.grouped(lambda u: u.registration_id.event_id).items():
            uses._reschedule(event.date_begin, event._session_day(), False, event.name)
        to_book = wanted - kept.registration_id
        if not to_book:
            return
        self._lock_seats(to_book.event_id)
        Usage._book([registration._session_booking() for registration in to_book])

    @api.model
    def _lock_seats(self, events):
        """Two registrations for the last seat must not both see it free: each
        writes its class's row, so under REPEATABLE READ the second fails with
        a serialization error, Odoo retries it, and the retry sees the first
        one's registration (and ``_check_seats_availability`` refuses it)."""
        limited = events.filtered(
            lambda e: e.seats_limited or any(e.event_ticket_ids.mapped("seats_limited"))
        )
        if limited:
            self.env.cr.execute(
                SQL(
                    "UPDATE event_event SET write_date = write_date WHERE id IN %s",
                    tuple(sorted(limited.ids)),
                )
            )
