"""Browser tours of the class registrations: the desk (register, cancel, the
credit comes back) and the website (desktop and 390 × 844): registering with
credits; a client without credits told so on the class page and led to the
packs (P16 item 8); two clients then a visitor opening the same class page,
which Odoo caches per class, each seeing their own figures (P16 item 1)."""

import contextlib
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .browser_tools import capture_screenshots, emulate_phone
from .common import EventCreditsCase

TOUR_TIMEOUT = 180


@tagged("post_install", "-at_install")
class TestEventTours(HttpCase, EventCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = fields.Datetime.now().replace(minute=0, second=0) + timedelta(days=3)
        cls.klass = cls.env["event.event"].create(
            {
                "name": "Tour HIIT",
                "event_type_id": cls.template_hiit.id,
                "date_begin": start,
                "date_end": start + timedelta(minutes=45),
                "seats_limited": True,
                "seats_max": 12,
                "website_published": True,
                # the demo's cover and text (tz_session_credits_website_event)
                "cover_properties": (
                    '{"background-image": "url(\'/tz_session_credits_website_event/'
                    'static/img/class_hiit.png\')", "resize_class": '
                    '"o_record_has_cover o_half_screen_height", "opacity": "0.4"}'
                ),
                "description": "<h3>45 minutes of intervals, for every level</h3>"
                "<p>Short bursts of kettlebell swings, squats, rowing and sprints, "
                "with a coach who adapts every move to you.</p>",
            }
        )
        Partner = cls.env["res.partner"]
        cls.walker = Partner.create({"name": "Tour Walker", "email": "w@example.com"})
        cls.env["tz.session.credit"].create(
            {
                "partner_id": cls.walker.id,
                "event_type_id": cls.type_hiit.id,
                "quantity": 2,
            }
        )
        cls.portal = new_test_user(
            cls.env,
            login="tz_portal_client",
            groups="base.group_portal",
            name="Paula Portal",
            email="paula@example.com",
        )
        cls.portal_poor = new_test_user(
            cls.env,
            login="tz_portal_poor",
            groups="base.group_portal",
            name="Pete Nocredit",
            email="pete@example.com",
        )
        # a pack of the class's type in the shop (the tours' PACK)
        cls.pack = cls.env["product.template"].create(
            {
                "name": "5 × HIIT pack",
                "type": "service",
                "list_price": 50.0,
                "is_published": True,
                "session_credit_event_type_id": cls.type_hiit.id,
                "session_credit_quantity": 5,
            }
        )

    def _tour(self, url, name, login, phone=False):
        phone_ctx = emulate_phone() if phone else contextlib.nullcontext()
        with phone_ctx, capture_screenshots(scale=2 if phone else 1) as shots:
            self.start_tour(url, name, login=login, timeout=TOUR_TIMEOUT)
        self.assertFalse(shots.errors, shots.errors)
        return shots

    def _attendees(self, names_states):
        """Registrations with every credit state, for the list."""
        self.type_hiit.allow_on_account = True
        self.type_hiit.late_cancel_hours = 24 * 7
        regs = self.env["event.registration"]
        for name, state in names_states:
            partner = self.env["res.partner"].create({"name": name})
            if state != "unpaid":
                self.grant(partner, 2)
            reg = regs.create({"event_id": self.klass.id, "partner_id": partner.id})
            if state == "late_cancel":
                reg.action_cancel()
            elif state == "done":
                reg.action_set_done()
        self.type_hiit.late_cancel_hours = 0

    def test_desk_register_then_cancel(self):
        self._attendees(
            [
                ("Olivia Bennett", "done"),
                ("Marcus Reid", "open"),
                ("Priya Nair", "late_cancel"),
                ("Tom Alvarez", "unpaid"),
            ]
        )
        self.browser_size = "1440x900"
        shots = self._tour(
            f"/odoo/action-event.act_event_registration_from_event?active_id={self.klass.id}",
            "tz_session_credits_event_desk",
            "tz_event_user",
        )
        self.assertEqual(shots.requested, ["event_registration_credits"])
        registration = self.env["event.registration"].search(
            [("partner_id", "=", self.walker.id)]
        )
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(registration.session_credit_state, "returned")
        self.assertEqual(registration.create_uid, self.user_event)
        self.assertEqual(self.walker.session_credits_available, 2)

    def _website(self, login, tour, phone=False):
        self.browser_size = "390x844" if phone else "1440x900"
        return self._tour(f"/event/{self.klass.id}/register", tour, login, phone=phone)

    def test_website_register_desktop(self):
        self.grant(self.portal.partner_id, 3)
        self._website("tz_portal_client", "tz_session_credits_website_register")
        self._check_registered()

    def test_website_register_phone(self):
        self.grant(self.portal.partner_id, 3)
        self._website(
            "tz_portal_client", "tz_session_credits_website_register_phone", phone=True
        )
        self._check_registered()

    def _check_registered(self):
        registration = self.env["event.registration"].search(
            [("event_id", "=", self.klass.id)]
        )
        self.assertEqual(registration.partner_id, self.portal.partner_id)
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(
            self.portal.partner_id.with_user(self.user_staff).session_credits_available,
            2,
        )

    def test_website_no_credit_desktop_and_phone(self):
        for phone in (False, True):
            self._website(
                "tz_portal_poor", "tz_session_credits_website_no_credit", phone
            )
        self.assertFalse(
            self.env["event.registration"].search([("event_id", "=", self.klass.id)])
        )

    def test_website_class_page_per_visitor(self):
        """Alice (registered, 9 credits left), then Paula (3 left), then a
        visitor open the same class page, on a desktop then on a phone."""
        alice = new_test_user(
            self.env,
            login="tz_portal_alice",
            groups="base.group_portal",
            name="Alice Registered",
        )
        self.grant(alice.partner_id, 10)
        self.env["event.registration"].create(
            {"event_id": self.klass.id, "partner_id": alice.partner_id.id}
        )
        self.grant(self.portal.partner_id, 3)
        for phone in (False, True):
            self._website(
                "tz_portal_alice", "tz_session_credits_website_page_registered", phone
            )
            self._website(
                "tz_portal_client", "tz_session_credits_website_page_bookable", phone
            )
            self._website(None, "tz_session_credits_website_page_visitor", phone)

    # P14: the waitlist ------------------------------------------------------

    def _full_class_with_one_waiting(self):
        """The class full (2 seats taken), one client waiting already; the
        tour's client has 2 credits."""
        self.grant(self.portal.partner_id, 2)
        self.klass.write({"seats_max": 2, "session_waitlist": True})
        for name in ("Seated One", "Seated Two", "Waiting First"):
            partner = self.env["res.partner"].create({"name": name})
            self.grant(partner, 1)
            self.env["event.registration"].create(
                {"event_id": self.klass.id, "partner_id": partner.id}
            )

    def _check_left_the_waitlist(self):
        mine = self.env["event.registration"].search(
            [
                ("event_id", "=", self.klass.id),
                ("partner_id", "=", self.portal.partner_id.id),
            ]
        )
        self.assertEqual(mine.state, "cancel")
        self.assertFalse(mine.session_waitlisted)
        self.assertFalse(mine.session_credit_usage_ids)
        self.assertEqual(self.portal.partner_id.session_credits_available, 2)

    def test_website_waitlist_desktop(self):
        self._full_class_with_one_waiting()
        shots = self._website("tz_portal_client", "tz_session_credits_website_waitlist")
        self.assertEqual(
            shots.requested, ["website_waitlist_class", "website_waitlist_portal"]
        )
        self._check_left_the_waitlist()

    def test_website_waitlist_phone(self):
        self._full_class_with_one_waiting()
        self._website(
            "tz_portal_client", "tz_session_credits_website_waitlist_phone", phone=True
        )
        self._check_left_the_waitlist()

    # P15 item 4: the list of events -------------------------------------------

    def test_website_event_list_desktop_and_phone(self):
        """The list, opened by a client with 9 credits first (Odoo caches each
        card per event), then by a client with 3 and by a visitor."""
        alice = new_test_user(
            self.env, login="tz_portal_alice", groups="base.group_portal"
        )
        self.grant(alice.partner_id, 9)
        self.grant(self.portal.partner_id, 3)
        self.authenticate("tz_portal_alice", "tz_portal_alice")
        self.assertIn("You have 9", self.url_open("/event").text)
        for phone in (False, True):
            self.browser_size = "390x844" if phone else "1440x900"
            self._tour(
                "/event",
                "tz_session_credits_website_list_client",
                "tz_portal_client",
                phone,
            )
            self._tour("/event", "tz_session_credits_website_list_visitor", None, phone)
