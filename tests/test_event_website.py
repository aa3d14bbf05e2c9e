"""Point 6, server side: the registration post of a portal client for a
credit class, with and without credits, and of a visitor not signed in."""

from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import EventCreditsCase


@tagged("post_install", "-at_install")
class TestEventWebsite(HttpCase, EventCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        cls.klass = cls.env["event.event"].create(
            {
                "name": "Web HIIT",
                "event_type_id": cls.template_hiit.id,
                "date_begin": start,
                "date_end": start + timedelta(hours=1),
                "website_published": True,
            }
        )
        cls.portal = new_test_user(
            cls.env,
            login="tz_web_client",
            password="tz_web_client",
            groups="base.group_portal",
            name="Wendy Web",
            email="wendy@example.com",
        )

    def _post(self, attendees=1):
        data = {"csrf_token": http.Request.csrf_token(self)}
        for i in range(1, attendees + 1):
            data[f"{i}-event_ticket_id"] = "0"
        return self.url_open(
            f"/event/{self.klass.id}/registration/confirm",
            data=data,
            allow_redirects=False,
        )

    def _registrations(self):
        return self.env["event.registration"].search([("event_id", "=", self.klass.id)])

    def test_portal_client_uses_a_credit(self):
        credit = self.grant(self.portal.partner_id, 2)
        self.authenticate("tz_web_client", "tz_web_client")
        page = self.url_open(f"/event/{self.klass.id}/register")
        self.assertIn("You have <strong>2</strong> left", page.text)
        response = self._post()
        self.assertIn(
            "/registration/success",
            response.headers.get("Location", ""),
            response.text[-3000:],
        )
        registration = self._registrations()
        self.assertEqual(registration.partner_id, self.portal.partner_id)
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 1)

    def test_without_credit_nothing_is_registered(self):
        self.grant(self.portal.partner_id, 1)
        self.authenticate("tz_web_client", "tz_web_client")
        response = self._post(attendees=2)
        self.assertIn(
            "registration_error_code=session_credit_none", response.headers["Location"]
        )
        self.assertFalse(self._registrations())
        page = self.url_open(response.headers["Location"])
        self.assertIn("o_tz_session_credit_error", page.text)
        self.assertIn("Nothing was booked", page.text)

    def test_not_signed_in_must_sign_in(self):
        self.authenticate(None, None)
        response = self._post()
        self.assertIn(
            "registration_error_code=session_credit_login", response.headers["Location"]
        )
        self.assertFalse(self._registrations())

    def test_class_without_credits_unchanged(self):
        self.klass.session_event_type_id = False
        self.authenticate(None, None)
        response = self._post()
        self.assertIn("/registration/success", response.headers["Location"])
        self.assertEqual(len(self._registrations()), 1)
