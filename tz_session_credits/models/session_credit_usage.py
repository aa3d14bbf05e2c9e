# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The booking API: every consumer of credits (calendar sessions here, event
registrations in tz_session_credits_event) books, gives back and settles
through the three methods of this model, and nowhere else."""

from collections import defaultdict
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date


class NoUsableCredit(UserError):
    """The booking API's refusal: a client has no usable credit of the
    session's type (and the type does not allow booking on account). Its own
    class, so that a caller can tell this refusal from any other error; it is
    a ``UserError`` for everyone else."""


class SessionCreditUsage(models.Model):
    """One session a client booked: the credit it used, or a use on account
    (no credit) that the next grant of that type settles first.

    Booking API, called by the adapters (``calendar.event`` here,
    ``event.registration`` in ``tz_session_credits_event``), as superuser after
    the user's own write on their record:

    - ``_book(bookings)``: one client, one session of one type, at a moment,
      for an origin record: the soonest expiry first, locked; refused
      (``NoUsableCredit``), or on account when the type allows it.
    - ``_give_back(late_cancel=True)``: the credit comes back before the
      session, unless the client cancels inside the type's late-cancellation
      window; after the start it stays.
    - ``_settle_on_account(credits, vals_list)``: new grants pay the sessions booked on
      account first (called by the grant itself).

    A use points to its origin through a field each adapter adds
    (``event_id`` here). Nobody creates, edits or deletes a use by hand.
    """

    _name = "tz.session.credit.usage"
    _description = "Session Credit Use"
    _order = "date desc, id desc"
    _check_company_auto = True

    # States in which a use holds its credit.
    _CONSUMING_STATES = ("consumed", "late_cancel")
    # States of a booking that is still on.
    _LIVE_STATES = ("consumed", "unpaid")

    credit_id = fields.Many2one(
        "tz.session.credit",
        string="Credit",
        index=True,
        # credits cannot be deleted (see tz.session.credit); only uninstalling
        # the module removes them, and their uses with them
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    event_type_id = fields.Many2one(
        "tz.session.event.type",
        string="Session Type",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",  # event types in use cannot be deleted either
        # a use belongs to one company: a session type of another company
        # is refused with Odoo's company-consistency error, whatever the
        # adapter that books it
        check_company=True,
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Calendar Session",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    event_name = fields.Char(string="Session", readonly=True)
    date = fields.Datetime(string="Session Date", required=True, readonly=True)
    session_date = fields.Date(
        string="Session Day",
        readonly=True,
        help="The session's day where it takes place: credits must be valid "
        "on that day.",
    )
    allday = fields.Boolean(string="All Day", readonly=True)
    state = fields.Selection(
        selection=[
            ("consumed", "Used"),
            ("unpaid", "On Account (unpaid)"),
            ("returned", "Returned"),
            ("late_cancel", "Late Cancellation"),
        ],
        required=True,
        default="consumed",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    credits_left = fields.Integer(
        compute="_compute_credits_left",
        help="Credits of this type the client can use today.",
    )

    @api.depends("event_type_id", "event_name")
    def _compute_display_name(self):
        for usage in self:
            usage.display_name = _(
                "%(type)s: %(session)s",
                type=usage.event_type_id.display_name or "",
                session=usage.event_name or "",
            )

    @api.depends("partner_id", "event_type_id")
    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_credits_left(self):
        Credit = self.env["tz.session.credit"]
        counts = {
            (partner.id, etype.id): qty
            for partner, etype, qty in Credit._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("event_type_id", "in", self.event_type_id.ids),
                    *Credit._usable_domain(),
                ],
                ["partner_id", "event_type_id"],
                ["quantity_remaining:sum"],
            )
        }
        for usage in self:
            usage.credits_left = counts.get(
                (usage.partner_id.id, usage.event_type_id.id), 0
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(_("The history of session credit uses cannot be deleted."))

    # ------------------------------------------------------------------
    # Booking API
    # ------------------------------------------------------------------

    @api.model
    def _book(self, bookings):
        """Book each of ``bookings`` on one credit of its client.

        :param bookings: a list of dicts with ``partner_id``, ``event_type_id``
            (ids), ``date`` (the session's start, UTC), ``session_date`` (its
            local day), ``allday``, ``event_name``, and the adapter's origin
            field (``event_id``, ``registration_id``); optionally
            ``company_id``, the session's company, which a use on account is
            recorded in (default: the current company)
        :return: the new uses
        :raise NoUsableCredit: a client has no usable credit of the type
            (which does not allow booking on account); nothing is booked

        The candidate grants are locked first (id order, so concurrent
        bookings wait rather than deadlock); under Odoo's REPEATABLE READ the
        booking that lost a race fails with a serialization error and Odoo
        retries the whole request, which then sees the winner's use.
        """
        if not bookings:
            return self.browse()
        Credit = self.env["tz.session.credit"].sudo()
        EventType = self.env["tz.session.event.type"].sudo()
        self.env.flush_all()
        pool = {}
        grants = {}  # one counter per grant, whatever the days it is usable on
        today = Credit._today()
        for day in {booking["session_date"] for booking in bookings}:
            of_day = [b for b in bookings if b["session_date"] == day]
            credits = Credit._search_for_update(
                [
                    ("partner_id", "in", list({b["partner_id"] for b in of_day})),
                    ("event_type_id", "in", list({b["event_type_id"] for b in of_day})),
                    ("company_id", "in", self.env.companies.ids),
                    *Credit._usable_domain(day),
                ]
            )
            for credit in credits:
                grant = grants.setdefault(
                    credit.id,
                    {
                        "id": credit.id,
                        "left": credit.quantity_remaining,
                        "expiry": credit.expiry_date,
                        "key": (
                            credit.partner_id.id,
                            credit.event_type_id.id,
                            credit.company_id.id,
                        ),
                        "company_id": credit.company_id.id,
                        "today": day >= today,
                    },
                )
                grant["today"] = grant["today"] or day >= today
                key = (day, credit.partner_id.id, credit.event_type_id.id)
                pool.setdefault(key, []).append(grant)
        vals_list = []
        on_account = set()
        for booking in sorted(
            bookings, key=lambda b: (b["date"], b["partner_id"], b["event_type_id"])
        ):
            key = (
                booking["session_date"],
                booking["partner_id"],
                booking["event_type_id"],
            )
            usable = [grant for grant in pool.get(key, []) if grant["left"] > 0]
            vals = dict(booking)
            if usable:
                grant = min(usable, key=lambda g: (g["expiry"] or date.max, g["id"]))
                grant["left"] -= 1
                vals.update(
                    credit_id=grant["id"],
                    state="consumed",
                    company_id=grant["company_id"],
                )
            elif EventType.browse(booking["event_type_id"]).allow_on_account:
                vals.update(
                    state="unpaid",
                    company_id=booking.get("company_id") or self.env.company.id,
                )
                on_account.add(booking["partner_id"])
            else:
                partner = self.env["res.partner"].sudo().browse(booking["partner_id"])
                raise NoUsableCredit(
                    _(
                        "%(client)s has no usable credit of “%(type)s” for "
                        "%(session)s on %(date)s. Add credits first.",
                        client=partner.display_name,
                        type=EventType.browse(booking["event_type_id"]).display_name,
                        session=booking.get("event_name") or "",
                        date=format_date(self.env, booking["session_date"]),
                    )
                )
            vals_list.append(vals)
        self._lock_clients(on_account)
        uses = self.sudo().create(vals_list)
        # a grant usable on a day from today on is usable today: what is left
        # of those is a floor of each balance after the booking
        at_least = defaultdict(int)
        for grant in grants.values():
            if grant["today"]:
                at_least[grant["key"]] += grant["left"]
        self.env["tz.session.credit.low.balance"]._after_booking(uses, at_least)
        return uses

    def _give_back(self, late_cancel=True):
        """Cancel these bookings. Before the session starts the credit comes
        back (*returned*), except inside the type's late-cancellation window
        when the client cancels (``late_cancel``): the use then stays as a
        *late cancellation* (a session on account stays owed). A studio that
        cancels or changes the session itself passes ``late_cancel=False``.
        Once the session has started, the use stays.

        :return: the uses returned
        """
        now = fields.Datetime.now()
        returned = late = self.browse()
        for usage in self.filtered(lambda u: u.state in self._LIVE_STATES):
            if usage._has_started(now):
                continue
            window = timedelta(hours=usage.event_type_id.late_cancel_hours)
            if late_cancel and window and usage.date - now < window:
                if usage.state == "consumed":
                    late |= usage
            else:
                returned |= usage
        returned.sudo().write({"state": "returned"})
        late.sudo().write({"state": "late_cancel"})
        self.env["tz.session.credit.low.balance"]._reset(returned.credit_id)
        return returned

    def _has_started(self, now):
        self.ensure_one()
        if self.allday:
            return self.session_date <= fields.Date.context_today(self)
        return self.date <= now

    @api.model
    def _settle_on_account(self, credits, vals_list):
        """The sessions booked on account are paid first by new grants of their
        type: the oldest session first. Called by the grant itself, with the
        grant's values (nothing is read back per client)."""
        if not credits:
            return
        types = self.env["tz.session.event.type"].browse(
            {vals["event_type_id"] for vals in vals_list}
        )
        on_account = types.filtered("allow_on_account").ids
        self._lock_clients(
            {
                vals["partner_id"]
                for vals in vals_list
                if vals["event_type_id"] in on_account
            }
        )
        # nothing owed for these types at all: the usual case, one query
        domain = [("state", "=", "unpaid"), ("event_type_id", "in", types.ids)]
        if not self.sudo().search_count(domain, limit=1):
            return
        unpaid = self.sudo().search(
            [
                *domain,
                ("partner_id", "in", list({vals["partner_id"] for vals in vals_list})),
                ("company_id", "in", credits.company_id.ids),
            ],
            order="date, id",
        )
        if not unpaid:
            return
        by_key = unpaid.grouped(
            lambda u: (u.partner_id.id, u.event_type_id.id, u.company_id.id)
        )
        for credit in credits.sorted("id"):
            key = (credit.partner_id.id, credit.event_type_id.id, credit.company_id.id)
            pending = by_key.get(key)
            if not pending:
                continue
            settle, by_key[key] = pending[: credit.quantity], pending[credit.quantity :]
            settle.write({"credit_id": credit.id, "state": "consumed"})

    @api.model
    def _lock_clients(self, partner_ids):
        """An on-account booking and a grant of the same client must not run
        side by side unseen: neither would see the other's new row (the grant
        would not settle the session, the booking would not use the credit).
        Both write the client's row here, so under REPEATABLE READ the second
        one fails with a serialization error, Odoo retries it, and the retry
        sees the first one's rows."""
        if partner_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET write_date = write_date WHERE id IN %s",
                    tuple(sorted(partner_ids)),
                )
            )

    def _reschedule(self, start, session_date, allday, name):
        """The session moved: its uses follow (a moved session keeps its credit)."""
        moved = self.filtered(
            lambda u: (u.date, u.session_date, u.allday, u.event_name)
            != (start, session_date, allday, name)
        )
        if moved:
            moved.sudo().write(
                {
                    "date": start,
                    "session_date": session_date,
                    "allday": allday,
                    "event_name": name,
                }
            )
