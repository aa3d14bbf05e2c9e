"""With the portal bridge, the low-balance and expiry emails link to
/my/session_credits (for clients who can sign in)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import SessionCreditsCase

PAGE = "/my/session_credits"


@tagged("post_install", "-at_install")
class TestPortalEmailLinks(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_partner = new_test_user(
            cls.env,
            login="tz_portal_mail",
            groups="base.group_portal",
            name="Mia Mail",
            email="mia@example.com",
        ).partner_id
        cls.plain_partner = cls.clients[0]  # no user: cannot sign in

    def mails(self, partner, model):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", model), ("recipient_ids", "in", partner.ids)])
        )

    def test_low_balance_email_links_to_portal(self):
        start = fields.Datetime.now() + timedelta(days=1)
        for partner in (self.portal_partner, self.plain_partner):
            self.env["tz.session.credit"].create(
                {
                    "partner_id": partner.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 2,
                }
            )
            self.env["calendar.event"].create(
                {
                    "name": "PT",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "session_event_type_id": self.type_pt.id,
                    "partner_ids": [Command.set(partner.ids)],
                }
            )
        model = "tz.session.credit.low.balance"
        with_portal = self.mails(self.portal_partner, model)
        self.assertEqual(len(with_portal), 1)
        self.assertIn(
            f"{self.portal_partner.get_base_url()}{PAGE}", with_portal.body_html
        )
        without = self.mails(self.plain_partner, model)
        self.assertEqual(len(without), 1)
        self.assertNotIn(PAGE, without.body_html)

    def test_expiry_reminder_links_to_portal(self):
        Credit = self.env["tz.session.credit"]
        today = fields.Date.context_today(Credit)
        for partner in (self.portal_partner, self.plain_partner):
            Credit.create(
                {
                    "partner_id": partner.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 2,
                    "expiry_date": today + timedelta(days=3),
                }
            )
        Credit._cron_send_expiry_reminders(days=7)
        with_portal = self.mails(self.portal_partner, "tz.session.credit")
        self.assertEqual(len(with_portal), 1)
        self.assertIn(PAGE, with_portal.body_html)
        self.assertNotIn(
            PAGE, self.mails(self.plain_partner, "tz.session.credit").body_html
        )
