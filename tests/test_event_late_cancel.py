"""Point 2: the late-cancellation window on class registrations, at its
boundary, for a client and a desk in other timezones than the class."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EventCreditsCase

# Tuesday 11 March 2030, 00:30 in Brussels (UTC+1) is Monday 23:30 UTC
START = datetime(2030, 3, 10, 23, 30)
WINDOW = 12


@tagged("post_install", "-at_install")
class TestEventLateCancel(EventCreditsCase):
    def setUp(self):
        super().setUp()
        self.type_hiit.late_cancel_hours = WINDOW
        self.client.tz = "Pacific/Auckland"
        self.user_desk.tz = "America/Los_Angeles"
        with freeze_time(START - timedelta(days=3)):
            self.klass = self.make_class(START, date_tz="Europe/Brussels")
            self.credit = self.grant(self.client, 1)
            self.registration = (
                self.env["event.registration"]
                .with_user(self.user_desk)
                .create({"event_id": self.klass.id, "partner_id": self.client.id})
            )

    def _cancel_at(self, moment):
        with freeze_time(moment):
            self.registration.with_user(self.user_desk).action_cancel()
        return self.registration.session_credit_state

    def test_session_day_is_the_class_day_in_its_timezone(self):
        use = self.registration.sudo().session_credit_usage_ids
        self.assertEqual(use.session_date.isoformat(), "2030-03-11")
        self.assertEqual(use.date, START)

    def test_exactly_window_hours_before_is_returned(self):
        self.assertEqual(self._cancel_at(START - timedelta(hours=WINDOW)), "returned")
        self.assertEqual(self.credit.quantity_remaining, 1)

    def test_one_second_inside_window_is_late_cancel(self):
        moment = START - timedelta(hours=WINDOW) + timedelta(seconds=1)
        self.assertEqual(self._cancel_at(moment), "late_cancel")
        self.assertEqual(self.credit.quantity_remaining, 0)
        history = self.client.with_user(self.user_staff).session_credit_usage_ids
        self.assertEqual(history.mapped("state"), ["late_cancel"])
        # registered again: a second credit is needed
        with freeze_time(moment), self.assertRaises(UserError):
            self.registration.with_user(self.user_desk).action_confirm()

    def test_after_start_stays_used(self):
        self.assertEqual(self._cancel_at(START + timedelta(minutes=1)), "consumed")

    def test_credit_valid_on_the_class_day_only_in_its_timezone(self):
        """A credit whose last day is Monday 10 March cannot pay for the class
        of Tuesday 00:30 in Brussels, although it is still Monday in UTC."""
        other = self.clients[1]
        with freeze_time(START - timedelta(days=3)):
            self.grant(other, 1, expiry_date=START.date())
            with self.assertRaises(UserError):
                self.env["event.registration"].with_user(self.user_desk).create(
                    {"event_id": self.klass.id, "partner_id": other.id}
                )
