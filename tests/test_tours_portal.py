"""Browser tours: the client portal page (desktop and phone, measured) and the
Extend Expiry wizard (credits list and client card).

With ``TZ_SCREENSHOTS=1`` the tours write docs/portal_phone.png and
docs/extend_wizard.png (see tests/browser_tools.py).
"""

import contextlib
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .browser_tools import capture_screenshots, emulate_phone
from .common import SessionCreditsCase

TOUR_TIMEOUT = 180


class TourCase(HttpCase, SessionCreditsCase):
    def _tour(self, url, name, login, phone=False):
        phone_ctx = emulate_phone() if phone else contextlib.nullcontext()
        with phone_ctx, capture_screenshots(scale=2 if phone else 1) as shots:
            self.start_tour(url, name, login=login, timeout=TOUR_TIMEOUT)
        self.assertFalse(shots.errors, shots.errors)
        return shots

    @classmethod
    def _sql(cls, query, params):
        """Time and past bookings are not for an API to set: written in SQL,
        as they would have happened."""
        cls.env.cr.execute(query, params)


class PortalClientData:
    """A portal client's history of credits, as the portal tours show it:
    Paula Bennett (login tz_portal_tour), yoga, silks and drop-in credits, a
    session booked for the day after tomorrow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="tz_portal_tour",
            password="tz_portal_tour",
            groups="base.group_portal",
            name="Paula Bennett",
            email="paula.bennett@example.com",
            tz="UTC",
        )
        partner = cls.portal_user.partner_id
        other = new_test_user(
            cls.env,
            login="tz_portal_other",
            groups="base.group_portal",
            name="Someone Else",
        ).partner_id
        EventType = cls.env["tz.session.event.type"]
        cls.type_silks = EventType.create({"name": "Aerial Silks 60 min"})
        cls.type_yoga = EventType.create({"name": "Yoga Flow 60 min"})
        cls.type_gym = EventType.create({"name": "Open Gym Drop-in"})
        Credit = cls.env["tz.session.credit"]
        today = fields.Date.context_today(Credit)
        now = fields.Datetime.now()
        # yoga: a 5-pack from 13 weeks ago (2 used, 3 expired 10 days ago) and
        # a 3-pack from 4 weeks ago (one late cancellation: 2 left)
        yoga_old, yoga_new = Credit.create(
            [
                {
                    "partner_id": partner.id,
                    "event_type_id": cls.type_yoga.id,
                    "quantity": qty,
                    "expiry_date": today + timedelta(days=60),
                }
                for qty in (5, 3)
            ]
        )
        cls._sql(
            "UPDATE tz_session_credit SET create_date = %s, expiry_date = %s,"
            " quantity_used = 2, quantity_remaining = 3 WHERE id = %s",
            [now - timedelta(weeks=13), today - timedelta(days=10), yoga_old.id],
        )
        cls._sql(
            "UPDATE tz_session_credit SET create_date = %s WHERE id = %s",
            [now - timedelta(weeks=4), yoga_new.id],
        )
        cls.env["tz.session.credit.usage"].sudo().create(
            {
                "partner_id": partner.id,
                "event_type_id": cls.type_yoga.id,
                "credit_id": yoga_new.id,
                "event_name": "Yoga at the park",
                "date": now - timedelta(days=6),
                "session_date": today - timedelta(days=6),
                "state": "late_cancel",
            }
        )
        # 20 used drop-in passes over the last weeks: the history has 2 pages
        drop_ins = Credit.create(
            [
                {
                    "partner_id": partner.id,
                    "event_type_id": cls.type_gym.id,
                    "quantity": 1,
                }
                for _i in range(20)
            ]
        )
        for weeks, credit in enumerate(drop_ins, start=5):
            cls._sql(
                "UPDATE tz_session_credit SET create_date = %s, quantity_used = 1,"
                " quantity_remaining = 0 WHERE id = %s",
                [now - timedelta(days=weeks * 3), credit.id],
            )
        # silks: 5 today, one booked for the day after tomorrow
        Credit.create(
            {
                "partner_id": partner.id,
                "event_type_id": cls.type_silks.id,
                "quantity": 5,
                "expiry_date": today + relativedelta(months=3),
                "note": "Paid by card at the desk",
            }
        )
        start = now + timedelta(days=2)
        cls.env["calendar.event"].create(
            {
                "name": "Silks with Anna",
                "start": start,
                "stop": start + timedelta(hours=1),
                "session_event_type_id": cls.type_silks.id,
                "partner_ids": [Command.set(partner.ids)],
            }
        )
        # another client's credits must not show
        Credit.create(
            {"partner_id": other.id, "event_type_id": cls.type_silks.id, "quantity": 9}
        )
        cls.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestPortalTours(PortalClientData, TourCase):
    def test_portal_page_desktop(self):
        self.browser_size = "1366x900"
        self._tour("/my", "tz_session_credits_portal", "tz_portal_tour")

    def test_portal_page_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        shots = self._tour(
            "/my", "tz_session_credits_portal_phone", "tz_portal_tour", phone=True
        )
        self.assertEqual(shots.requested, ["portal_phone"])


@tagged("post_install", "-at_install")
class TestExtendTours(TourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.extendees = Partner.create(
            [
                {"name": f"Extendee {i}", "email": f"ext{i}@example.com"}
                for i in range(1, 5)
            ]
        )
        # added by the manager, as from the web client ("Added By")
        Credit = cls.env["tz.session.credit"].with_user(cls.user_manager)
        today = fields.Date.context_today(Credit)
        cls.today = today
        cls.credit_1, cls.credit_2, cls.credit_3, cls.credit_4 = Credit.create(
            [
                {
                    "partner_id": cls.extendees[0].id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 10,
                    "expiry_date": today + timedelta(days=5),
                },
                {
                    "partner_id": cls.extendees[1].id,
                    "event_type_id": cls.type_hiit.id,
                    "quantity": 8,
                    "expiry_date": today + timedelta(days=20),
                },
                {
                    "partner_id": cls.extendees[2].id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 4,
                },
                {
                    "partner_id": cls.extendees[3].id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 4,
                    "expiry_date": today + timedelta(days=30),
                },
            ]
        )
        cls._sql(
            "UPDATE tz_session_credit SET expiry_date = %s WHERE id = %s",
            [today - timedelta(days=3), cls.credit_4.id],
        )
        cls.env.invalidate_all()
        cls.credit_1, cls.credit_2, cls.credit_3, cls.credit_4 = (
            c.with_env(cls.env)
            for c in (cls.credit_1, cls.credit_2, cls.credit_3, cls.credit_4)
        )

    def test_extend_from_credits_list(self):
        self.browser_size = "1440x900"
        shots = self._tour(
            "/odoo/action-tz_session_credits.tz_session_credit_action",
            "tz_session_credits_extend_list",
            "tz_manager",
        )
        self.assertEqual(shots.requested, ["extend_wizard"])
        self.env.invalidate_all()
        self.assertEqual(self.credit_1.expiry_date, self.today + timedelta(days=19))
        self.assertEqual(self.credit_2.expiry_date, self.today + timedelta(days=34))
        self.assertFalse(self.credit_3.expiry_date)
        self.assertEqual(
            set((self.credit_1 | self.credit_2).extension_ids.mapped("reason")),
            {"Studio closed for the holidays"},
        )
        self.assertEqual(
            (self.credit_1 | self.credit_2).extension_ids.create_uid, self.user_manager
        )

    def test_extend_from_client_card_revives_expired(self):
        self.browser_size = "1600x1080"
        self._tour(
            f"/odoo/contacts/{self.extendees[3].id}",
            "tz_session_credits_extend_card",
            "tz_manager",
        )
        self.env.invalidate_all()
        self.assertEqual(self.credit_4.expiry_date, fields.Date.to_date("2030-12-31"))
        self.assertEqual(self.credit_4.state, "active")
        self.assertEqual(self.credit_4.extension_ids.reason, "Knee injury")
