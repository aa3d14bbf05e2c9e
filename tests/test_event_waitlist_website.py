"""P14 point 5, server side: the class page and the portal page of a full
class with a waitlist, and what a client may do there (their own place only).
The browser side is in test_tours_event.py."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import WaitlistCase


@tagged("post_install", "-at_install")
class TestWaitlistWebsite(HttpCase, WaitlistCase):
    def setUp(self):
        super().setUp()
        self.klass.website_published = True
        self.portal = new_test_user(
            self.env,
            login="tz_wl_client",
            password="tz_wl_client",
            groups="base.group_portal",
            name="Wanda Waiting",
            email="wanda@example.com",
        )
        self.grant(self.portal.partner_id, 2)

    def _post(self, url, **data):
        return self.url_open(
            url,
            data={"csrf_token": http.Request.csrf_token(self), **data},
            allow_redirects=False,
        )

    def _mine(self):
        return self.env["event.registration"].search(
            [
                ("event_id", "=", self.klass.id),
                ("partner_id", "=", self.portal.partner_id.id),
            ]
        )

    def test_visitor_is_asked_to_sign_in(self):
        self.authenticate(None, None)
        page = self.url_open(f"/event/{self.klass.id}/register").text
        self.assertIn("Sign in to join the waitlist", page)
        self.assertNotIn("o_tz_session_waitlist_join", page)

    def test_client_joins_sees_place_and_leaves(self):
        self.authenticate("tz_wl_client", "tz_wl_client")
        page = self.url_open(f"/event/{self.klass.id}/register").text
        self.assertIn("Join the waitlist", page)
        response = self._post(f"/event/{self.klass.id}/session_waitlist/join")
        self.assertEqual(response.status_code, 303)
        mine = self._mine()
        self.assertEqual((mine.state, mine.session_waitlisted), ("draft", True))
        self.assertFalse(mine.session_credit_usage_ids)
        page = self.url_open(f"/event/{self.klass.id}/register").text
        self.assertIn("Your place on the waitlist: <strong>3</strong>", page)
        # joining twice keeps one place
        self._post(f"/event/{self.klass.id}/session_waitlist/join")
        self.assertEqual(len(self._mine()), 1)
        # the portal page lists it
        portal = self.url_open("/my/session_credits").text
        self.assertIn("o_tz_portal_waitlist_entry", portal)
        self.assertIn("Place on the waitlist: 3", portal)
        response = self._post(f"/event/{self.klass.id}/session_waitlist/leave")
        self.assertIn("session_waitlist=left", response.headers["Location"])
        self.assertEqual(mine.state, "cancel")
        self.assertEqual(self.credits_of(self.portal.partner_id).quantity_remaining, 2)

    def test_portal_page_leaves_own_place_only(self):
        mine = self.register(self.portal.partner_id)
        self.authenticate("tz_wl_client", "tz_wl_client")
        with mute_logger("odoo.http"):
            for key in (
                f"event.registration,{self.first.id}",  # another client's place
                f"event.registration,{self.seated[0].id}",
                "event.registration,x",
                "res.partner,1",
                "",
            ):
                response = self._post("/my/session_credits/waitlist/leave", key=key)
                self.assertEqual(response.status_code, 404, key)
        self.assertEqual(self.first.state, "draft")
        self.assertEqual(self.seated[0].state, "open")
        response = self._post(
            "/my/session_credits/waitlist/leave", key=f"event.registration,{mine.id}"
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(mine.state, "cancel")
        self.assertEqual(self.first.state, "draft")

    def test_no_join_when_a_seat_is_free(self):
        self.seated[0].action_cancel()  # promotes client 3
        self.seated[1].action_cancel()  # skips client 4 (no credit): a seat is free
        self.authenticate("tz_wl_client", "tz_wl_client")
        page = self.url_open(f"/event/{self.klass.id}/register").text
        self.assertNotIn("o_tz_session_waitlist_join", page)
        self._post(f"/event/{self.klass.id}/session_waitlist/join")
        self.assertFalse(self._mine())

    def test_visitor_cannot_join(self):
        self.authenticate(None, None)
        response = self._post(f"/event/{self.klass.id}/session_waitlist/join")
        self.assertIn("/web/login", response.headers.get("Location", ""))
        self.assertEqual(self.klass.session_waitlist_count, 2)

    def test_portal_history_says_no_show(self):
        mine = self.register(self.portal.partner_id)
        self.seated[0].action_cancel()  # client 3 promoted
        self.seated[1].action_cancel()  # client 4 skipped: the client's turn
        self.klass.seats_max = 3
        self.assertEqual(mine.state, "open")
        cron = self.env.ref("tz_session_credits_event.ir_cron_session_no_shows")
        with freeze_time(self.start + timedelta(hours=2)):
            cron.method_direct_trigger()
        self.assertEqual(mine.session_credit_state, "no_show")
        self.authenticate("tz_wl_client", "tz_wl_client")
        page = self.url_open("/my/session_credits?filterby=uses").text
        self.assertIn("No-show", page)

    def test_xmlrpc_create_joins_the_waitlist(self):
        """Joining covers RPC too: the desk's integration creates the
        registration over XML-RPC."""
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, "tz_event_desk", "tz_event_desk", {})
        registration_id = self.xmlrpc_object.execute(
            db,
            uid,
            "tz_event_desk",
            "event.registration",
            "create",
            {"event_id": self.klass.id, "partner_id": self.clients[0].id},
        )
        registration = self.env["event.registration"].browse(registration_id)
        self.assertEqual(registration.state, "draft")
        self.assertTrue(registration.session_waitlisted)
        self.assertEqual(registration.session_waitlist_position, 3)
