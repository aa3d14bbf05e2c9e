"""Every path to a client's sessions obeys the credits: the contact's side of
the attendee table too; and the credits column tells nobody else's balance."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestBookingPaths(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls.user_contacts

    def test_booking_from_the_contacts_side_uses_a_credit(self):
        self.grant(self.clients[1], 1)
        event = self.book(self.clients[1], user=self.desk)
        self.grant(self.client, 2)
        self.client.with_user(self.desk).write(
            {"meeting_ids": [Command.link(event.id)]}
        )
        self.assertEqual(self.client.session_credits_available, 1)
        use = event.session_credit_usage_ids.filtered(
            lambda u: u.partner_id == self.client
        )
        self.assertEqual(use.state, "consumed")
        # ... and removing it from that side gives it back
        self.client.with_user(self.desk).write(
            {"meeting_ids": [Command.unlink(event.id)]}
        )
        self.assertEqual(use.state, "returned")
        self.assertEqual(self.client.session_credits_available, 2)

    def test_no_credit_no_booking_from_the_contacts_side(self):
        self.grant(self.clients[1], 1)
        event = self.book(self.clients[1], user=self.desk)
        with self.assertRaisesRegex(UserError, "no usable credit"):
            self.clients[2].with_user(self.desk).write(
                {"meeting_ids": [Command.link(event.id)]}
            )

    def test_portal_user_cannot_read_balances_through_the_contacts(self):
        self.grant(self.clients[1], 7)
        portal = new_test_user(
            self.env, login="tz_portal_leak", groups="base.group_portal"
        )
        Partner = self.env["res.partner"].with_user(portal)
        for domain in (
            [("session_credits_available", "=", 7)],
            [("session_credits_available", ">", 0)],
            [("session_credit_expiring_soon", "=", True)],
        ):
            with self.subTest(domain=domain), self.assertRaises(AccessError):
                Partner.search(domain)
        with self.assertRaises(AccessError):
            Partner.search([], order="session_credits_available desc")

    def test_column_sql_and_orm_agree(self):
        self.grant(self.clients[0], 3)
        self.grant(self.clients[1], 2, expiry="2099-01-01")
        self.grant(self.clients[1], 1, expiry="2099-01-01", event_type=self.type_hiit)
        self.book(self.clients[1], user=self.desk)
        Partner = self.env["res.partner"].with_user(self.user_staff)
        partners = Partner.browse(self.clients.ids)
        computed = {p.id: p.session_credits_available for p in partners}
        for value in (0, 1, 2, 3):
            with self.subTest(value=value):
                found = Partner.search(
                    [
                        ("id", "in", self.clients.ids),
                        ("session_credits_available", "=", value),
                    ]
                )
                self.assertEqual(
                    set(found.ids), {pid for pid, v in computed.items() if v == value}
                )
        ordered = Partner.search(
            [("id", "in", self.clients.ids)], order="session_credits_available desc, id"
        )
        self.assertEqual(
            ordered.ids, sorted(computed, key=lambda pid: (-computed[pid], pid))
        )
        self.assertEqual(computed[self.clients[1].id], 2)
