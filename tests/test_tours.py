"""Browser tours: the client card, the contacts list, rights, phone width, reports.

Each tour (``tz_session_credits/static/tests/tours/session_credits_tours.js``)
drives the real web client in headless Chromium; the tests then check the
database. With ``TZ_SCREENSHOTS=1`` the tours also write the README's
screenshots to ``docs/`` (see ``tests/browser_tools.py``).
"""

import contextlib
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .browser_tools import capture_screenshots, emulate_phone
from .common import SessionCreditsCase

BULK_PREFIX = "Tourmember"
BULK_COUNT = 90  # more than one page of the contacts list (80 rows)
TOUR_TIMEOUT = 180


@tagged("post_install", "-at_install")
class TestTours(HttpCase, SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        EventType = cls.env["tz.session.event.type"]
        # names of their own: the demo data has "Personal Training 60 min" too
        cls.type_pilates = EventType.create({"name": "Reformer Pilates 50 min"})
        cls.type_boxing = EventType.create({"name": "Boxing Fundamentals"})
        cls.type_pt45 = EventType.create({"name": "Personal Training 45 min"})
        cls.type_yoga = EventType.create({"name": "Yoga Flow 60 min"})
        Partner = cls.env["res.partner"]
        cls.olivia = Partner.create(
            {
                "name": "Olivia Bennett",
                "email": "olivia.bennett@example.com",
                "phone": "+1 555 0134",
                "street": "12 Harbour Road",
                "city": "Brighton",
                "function": "Member since 2024",
            }
        )
        cls.bulk = Partner.create(
            [{"name": f"{BULK_PREFIX} {i:02d}"} for i in range(1, BULK_COUNT + 1)]
        )
        cls.member = {p.name[-2:]: p for p in cls.bulk}
        # clients of past months' credits, for the report (not in the bulk tours)
        cls.regulars = Partner.create(
            [{"name": f"Club Regular {i:02d}"} for i in range(1, 41)]
        )
        today = fields.Date.context_today(cls.env["tz.session.credit"])
        now = fields.Datetime.now()
        # Olivia, a member for 20 weeks: 4 yoga classes given 13 weeks ago that
        # expired 10 days ago, and a 10-session pack bought 6 weeks ago (3 used).
        cls._set_message_dates(cls.olivia.message_ids, now - timedelta(weeks=20))
        yoga = cls._grant_as(
            cls.user_adder,
            cls.olivia,
            cls.type_yoga,
            4,
            expiry_date=today + timedelta(days=1),
        )
        pack = cls._grant_as(
            cls.user_manager,
            cls.olivia,
            cls.type_pt45,
            10,
            expiry_date=today + timedelta(weeks=6),
            note="10-session pack, paid at the desk.",
        )
        cls._rewrite_history(
            yoga, now - timedelta(weeks=13), expiry_date=today - timedelta(days=10)
        )
        cls._rewrite_history(pack, now - timedelta(weeks=6), used=3)
        # A client of the "no right" tour already has credits.
        cls._grant_as(cls.user_manager, cls.member["05"], cls.type_pilates, 4)
        cls._spread_over_months(today)
        cls.env.invalidate_all()

    @classmethod
    def _grant_as(cls, user, partners, event_type, quantity, **kwargs):
        """Grant as ``user`` would from the web client: every record in the
        user's environment (the chatter note's author comes from it)."""
        Credit = cls.env["tz.session.credit"].with_user(user)
        return Credit._grant(
            partners.with_user(user), event_type.with_user(user), quantity, **kwargs
        )

    @classmethod
    def _set_message_dates(cls, messages, date):
        cls.env.cr.execute(
            "UPDATE mail_message SET date = %s WHERE id IN %s",
            [date, tuple(messages.ids)],
        )

    @classmethod
    def _rewrite_history(cls, credit, added_on, used=0, expiry_date=None):
        """Move a grant (and its chatter note) into the past, with uses or an
        expiry that happened since. Consumption, expiry and the past are not for
        an API to set by hand: this writes them in SQL, as bookings, the daily
        run and time would have."""
        cr = cls.env.cr
        cr.execute(
            "UPDATE tz_session_credit SET create_date = %s, quantity_used = %s,"
            " quantity_remaining = quantity - %s WHERE id = %s",
            [added_on, used, used, credit.id],
        )
        note = cls.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", credit.partner_id.id),
                ("body", "ilike", credit.event_type_id.name),
            ]
        )
        cls._set_message_dates(note, added_on)
        if expiry_date:
            cr.execute(
                "UPDATE tz_session_credit SET expiry_date = %s WHERE id = %s",
                [expiry_date, credit.id],
            )
            old, new = (
                format_date(cls.env, day) for day in (credit.expiry_date, expiry_date)
            )
            cr.execute(
                "UPDATE mail_message SET body = replace(body, %s, %s) WHERE id IN %s",
                [old, new, tuple(note.ids)],
            )

    @classmethod
    def _spread_over_months(cls, today):
        """Credits granted over the last months, by two staff members, so that
        the report has something to show per month and per person."""
        plan = [
            # (months ago, user, event type, quantity, clients)
            (5, cls.user_manager, cls.type_pt45, 10, cls.regulars[0:4]),
            (4, cls.user_adder, cls.type_yoga, 4, cls.regulars[4:12]),
            (3, cls.user_adder, cls.type_pt45, 5, cls.regulars[12:18]),
            (3, cls.user_manager, cls.type_boxing, 8, cls.regulars[18:21]),
            (2, cls.user_adder, cls.type_yoga, 8, cls.regulars[21:30]),
            (1, cls.user_manager, cls.type_pilates, 6, cls.regulars[30:36]),
            (1, cls.user_adder, cls.type_pt45, 10, cls.regulars[36:40]),
        ]
        for months, user, event_type, quantity, partners in plan:
            credits = cls._grant_as(user, partners, event_type, quantity)
            added_on = fields.Datetime.to_datetime(today) - relativedelta(
                months=months, hours=-10
            )
            cls.env.cr.execute(
                "UPDATE tz_session_credit SET create_date = %s WHERE id IN %s",
                [added_on, tuple(credits.ids)],
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _last_credit_id(self):
        Credit = self.env["tz.session.credit"].sudo()
        return Credit.search([], order="id desc", limit=1).id or 0

    def _new_credits(self, since_id):
        return (
            self.env["tz.session.credit"]
            .sudo()
            .search([("id", ">", since_id)], order="id")
        )

    def _tour(self, url, name, login, phone=False):
        phone_ctx = emulate_phone() if phone else contextlib.nullcontext()
        # phone screenshots at 2 device pixels per CSS pixel, as on a phone
        with phone_ctx, capture_screenshots(scale=2 if phone else 1) as shots:
            self.start_tour(url, name, login=login, timeout=TOUR_TIMEOUT)
        self.assertFalse(shots.errors, shots.errors)
        return shots

    def _set_active_ids_limit(self, limit):
        self.env["ir.config_parameter"].sudo().set_param(
            "web.active_ids_limit", str(limit)
        )

    # ------------------------------------------------------------------
    # a. The client card
    # ------------------------------------------------------------------

    def test_card_add_credits(self):
        """+ Add on the card: 5 × Reformer Pilates valid 6 weeks, shown at once
        in the balance, the stat button and the chatter."""
        self.browser_size = "1600x1080"  # wide enough for the chatter aside
        since = self._last_credit_id()
        shots = self._tour(
            f"/odoo/contacts/{self.olivia.id}", "tz_session_credits_card", "tz_adder"
        )
        self.assertEqual(shots.requested, ["client_card"])
        credits = self._new_credits(since)
        self.assertEqual(len(credits), 1)
        today = fields.Date.context_today(credits.with_user(self.user_adder))
        self.assertRecordValues(
            credits,
            [
                {
                    "partner_id": self.olivia.id,
                    "event_type_id": self.type_pilates.id,
                    "quantity": 5,
                    "quantity_remaining": 5,
                    "expiry_date": today + relativedelta(weeks=6, days=-1),
                    "state": "active",
                    "source": "manual",
                    "create_uid": self.user_adder.id,
                }
            ],
        )
        self.assertEqual(self.olivia.session_credits_available, 12)
        note = self.olivia.message_ids[:1]
        self.assertIn("5 × Reformer Pilates 50 min added by Jane Smith", note.body)

    def test_card_credits_button_in_sight(self):
        """At a laptop's width (1366 px) the card of a client has more stat
        buttons than fit (the owner's: meetings, sales, invoices, website...);
        the Credits button, with the balance, is not among those under More."""
        self.browser_size = "1366x768"
        self._tour(
            f"/odoo/contacts/{self.olivia.id}",
            "tz_session_credits_card_button",
            "admin",
        )

    # ------------------------------------------------------------------
    # b. The contacts list
    # ------------------------------------------------------------------

    def test_bulk_ticked_then_select_all(self):
        """Three ticked rows get credits, only them; then "select all" across
        the two pages gives every listed client credits (ids below the limit:
        the wizard gets all 90 ids)."""
        self.assertGreater(BULK_COUNT, 80)
        since = self._last_credit_id()
        self._tour(
            "/odoo/contacts?view_type=list", "tz_session_credits_bulk", "tz_adder"
        )
        credits = self._new_credits(since)
        ticked = self.member["05"] | self.member["17"] | self.member["42"]
        pilates = credits.filtered(lambda c: c.event_type_id == self.type_pilates)
        self.assertEqual(pilates.partner_id, ticked)
        self.assertEqual(len(pilates), 3)
        self.assertEqual(set(pilates.mapped("quantity")), {2})
        boxing = credits.filtered(lambda c: c.event_type_id == self.type_boxing)
        self.assertEqual(boxing.partner_id, self.bulk)
        self.assertEqual(len(boxing), BULK_COUNT)
        self.assertEqual(set(boxing.mapped("quantity")), {3})
        self.assertEqual(credits, pilates | boxing, "no other client got credits")
        self.assertEqual(set(credits.mapped("create_uid").ids), {self.user_adder.id})

    def test_bulk_select_all_past_active_ids_limit(self):
        """With web.active_ids_limit at 50 the web client sends only 50 ids for
        the 90 selected clients; the wizard uses the list's domain instead."""
        self._set_active_ids_limit(50)
        since = self._last_credit_id()
        self._tour(
            "/odoo/contacts?view_type=list",
            "tz_session_credits_bulk_limit",
            "tz_adder",
        )
        credits = self._new_credits(since)
        self.assertEqual(credits.partner_id, self.bulk)
        self.assertEqual(len(credits), BULK_COUNT)
        self.assertEqual(credits.event_type_id, self.type_boxing)
        self.assertEqual(set(credits.mapped("quantity")), {4})

    # ------------------------------------------------------------------
    # c. Without the right
    # ------------------------------------------------------------------

    def test_no_right_sees_credits_but_cannot_add(self):
        self.assertFalse(
            self.user_staff.has_group("tz_session_credits.group_session_credit_add")
        )
        since = self._last_credit_id()
        self._tour(
            "/odoo/contacts?view_type=list", "tz_session_credits_no_right", "tz_staff"
        )
        self.assertFalse(self._new_credits(since))

    # ------------------------------------------------------------------
    # d. Phone width
    # ------------------------------------------------------------------

    def test_phone_card_and_wizard(self):
        """390 × 844 with touch: the card and the wizard fit the screen (the
        tour measures the key elements), and adding credits still works."""
        self.browser_size = "390x844"
        self.touch_enabled = True
        since = self._last_credit_id()
        shots = self._tour(
            f"/odoo/contacts/{self.olivia.id}",
            "tz_session_credits_phone",
            "tz_adder",
            phone=True,
        )
        self.assertEqual(shots.requested, ["client_card_phone", "wizard_phone"])
        credits = self._new_credits(since)
        self.assertEqual(len(credits), 1)
        self.assertEqual(credits.partner_id, self.olivia)
        self.assertEqual(credits.quantity, 2)
        # the tour chose "After a period" and kept the default: 1 month
        today = fields.Date.context_today(credits.with_user(self.user_adder))
        self.assertEqual(credits.expiry_date, today + relativedelta(months=1, days=-1))

    # ------------------------------------------------------------------
    # Reporting
    # ------------------------------------------------------------------

    # ------------------------------------------------------------------
    # Booking in the Calendar
    # ------------------------------------------------------------------

    def test_calendar_booking_consumes_and_cancel_returns(self):
        """A plain internal user adds a client to a session in the Calendar:
        one credit is used; deleting the session before it starts returns it."""
        booker = self.env["res.partner"].create({"name": "Tour Booker"})
        self.env["tz.session.credit"].create(
            {
                "partner_id": booker.id,
                "event_type_id": self.type_boxing.id,
                "quantity": 3,
            }
        )
        start = fields.Datetime.now() + timedelta(days=2)
        event = self.env["calendar.event"].create(
            {
                "name": "Boxing class",
                "start": start,
                "stop": start + timedelta(hours=1),
                "session_event_type_id": self.type_boxing.id,
                "user_id": self.user_staff.id,
                "partner_ids": [(6, 0, self.user_staff.partner_id.ids)],
            }
        )
        self._tour(
            f"/odoo/action-calendar.action_calendar_event/{event.id}",
            "tz_session_credits_booking",
            "tz_staff",
        )
        self.assertFalse(event.exists())
        self.env.invalidate_all()
        uses = self.env["tz.session.credit.usage"].search(
            [("partner_id", "=", booker.id)]
        )
        self.assertEqual(uses.mapped("state"), ["returned"], "booked, then given back")
        self.assertEqual(booker.session_credits_available, 3)

    def test_reporting(self):
        self.browser_size = "1440x900"
        self._tour(
            "/odoo/action-tz_session_credits.tz_session_credit_report_action",
            "tz_session_credits_reporting",
            "tz_manager",
        )
