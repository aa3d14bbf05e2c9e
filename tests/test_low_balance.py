"""Low-balance emails: once per crossing of the event type's threshold, queued."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .test_booking import BookingCase

TEMPLATE = "tz_session_credits.mail_template_session_credit_low_balance"


@tagged("post_install", "-at_install")
class TestLowBalance(BookingCase):
    def setUp(self):
        super().setUp()
        self.template = self.env.ref(TEMPLATE)

    def low_balance_mails(self, partner):
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "tz.session.credit.low.balance"),
                    ("recipient_ids", "in", partner.ids),
                ]
            )
        )

    def book_at(self, partner, days, event_type=None):
        start = fields.Datetime.now() + timedelta(days=days)
        return self.book(partner, start=start, event_type=event_type)

    def test_threshold_default_one_and_editable(self):
        etype = self.env["tz.session.event.type"].create({"name": "Spin"})
        self.assertEqual(etype.low_balance_threshold, 1)
        with Form(etype.with_user(self.user_manager)) as form:
            form.low_balance_threshold = 3
        self.assertEqual(etype.low_balance_threshold, 3)
        with mute_logger("odoo.sql_db"), self.assertRaises(ValidationError):
            etype.low_balance_threshold = -1
            etype.flush_recordset()

    def test_past_session_counts_only_what_is_usable_today(self):
        """What a booking leaves of the grants it used is a floor of the
        balance only for sessions from today on: a past session booked on a
        grant that has expired since leaves nothing usable today (2 left on
        the grant, 0 usable), and the client is told."""
        client = self.clients[0]
        with freeze_time("2031-01-01 10:00:00"):
            self.grant(client, 3, expiry="2031-01-07")
        with freeze_time("2031-01-10 10:00:00"):
            self.book(client, start=datetime(2031, 1, 5, 10, 0))
            self.assertEqual(self.credits_of(client).quantity_remaining, 2)
            self.assertEqual(len(self.low_balance_mails(client)), 1)

    def test_one_email_per_crossing_queued(self):
        client = self.clients[0]
        self.grant(client, 3)
        self.book_at(client, 1)
        self.assertFalse(self.low_balance_mails(client), "2 left: above 1")
        self.book_at(client, 2)
        mails = self.low_balance_mails(client)
        self.assertEqual(len(mails), 1, "1 left: the threshold is reached")
        self.assertEqual(mails.state, "outgoing", "queued, not sent before the commit")
        self.assertIn("1 × Personal Training 60 min", mails.body_html)
        self.assertIn("left", mails.subject)
        self.book_at(client, 3)
        self.assertEqual(
            len(self.low_balance_mails(client)), 1, "0 left: no second email"
        )
        alert = self.env["tz.session.credit.low.balance"].search(
            [("partner_id", "=", client.id)]
        )
        self.assertRecordValues(
            alert,
            [{"event_type_id": self.type_pt.id, "quantity_available": 1}],
        )

    def test_grant_resets_then_next_crossing_emails_again(self):
        client = self.clients[1]
        self.grant(client, 2)
        self.book_at(client, 1)
        self.assertEqual(len(self.low_balance_mails(client)), 1)
        self.grant(client, 5)  # 6 left: above the threshold again
        self.assertFalse(
            self.env["tz.session.credit.low.balance"].search(
                [("partner_id", "=", client.id)]
            )
        )
        # five sessions in one go bring it from 6 to 1: a new crossing
        for day in range(2, 7):
            self.book_at(client, day)
        self.assertEqual(len(self.low_balance_mails(client)), 2)

    def test_given_back_credit_resets(self):
        client = self.clients[2]
        self.grant(client, 2)
        event = self.book_at(client, 1)
        self.assertEqual(len(self.low_balance_mails(client)), 1, "1 left")
        event.unlink()  # given back: 2 left, above the threshold again
        self.book_at(client, 2)  # back to 1: a new crossing
        self.assertEqual(len(self.low_balance_mails(client)), 2)

    def test_given_back_at_threshold_does_not_reset(self):
        client = self.clients[2]
        self.grant(client, 2)
        self.book_at(client, 1)
        event = self.book_at(client, 2)
        self.assertEqual(len(self.low_balance_mails(client)), 1)
        event.unlink()  # 1 left again: still at the threshold
        self.book_at(client, 3)
        self.assertEqual(len(self.low_balance_mails(client)), 1)

    def test_threshold_zero_turns_it_off(self):
        self.type_hiit.low_balance_threshold = 0
        client = self.clients[3]
        self.grant(client, 1, event_type=self.type_hiit)
        self.book_at(client, 1, event_type=self.type_hiit)
        self.assertFalse(self.low_balance_mails(client))
        self.assertFalse(
            self.env["tz.session.credit.low.balance"].search(
                [("partner_id", "=", client.id)]
            )
        )

    def test_threshold_per_type(self):
        self.type_hiit.low_balance_threshold = 3
        client = self.clients[4]
        self.grant(client, 5, event_type=self.type_hiit)
        self.book_at(client, 1, event_type=self.type_hiit)
        self.assertFalse(self.low_balance_mails(client), "4 left")
        self.book_at(client, 2, event_type=self.type_hiit)
        self.assertEqual(len(self.low_balance_mails(client)), 1, "3 left")

    def test_no_email_address_no_mail_but_remembered(self):
        client = self.env["res.partner"].create({"name": "No Mail"})
        self.grant(client, 1)
        self.book_at(client, 1)
        self.assertFalse(self.low_balance_mails(client))
        self.assertTrue(
            self.env["tz.session.credit.low.balance"].search(
                [("partner_id", "=", client.id)]
            )
        )

    def test_template_is_editable_and_used(self):
        self.template.with_user(
            self.env.ref("base.user_admin")
        ).subject = "Top up soon, {{ object.partner_id.name }}"
        client = self.clients[0]
        self.grant(client, 1)
        self.book_at(client, 1)
        self.assertEqual(
            self.low_balance_mails(client).subject, "Top up soon, Client 00"
        )

    def test_one_call_per_booking_batch(self):
        """Several clients in one session: one email each, in one go."""
        self.grant(self.clients[0], 1)
        self.grant(self.clients[1], 1)
        self.grant(self.clients[2], 9)
        self.book(self.clients[:3])
        self.assertEqual(len(self.low_balance_mails(self.clients[0])), 1)
        self.assertEqual(len(self.low_balance_mails(self.clients[1])), 1)
        self.assertFalse(self.low_balance_mails(self.clients[2]))
