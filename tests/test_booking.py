from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.tz_session_credits.models.session_credit_usage import NoUsableCredit

from .common import SessionCreditsCase


class BookingCase(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receptionist = new_test_user(
            cls.env,
            login="tz_reception",
            groups="base.group_user",
            tz="UTC",
            name="Rita Reception",
        )
        cls.coach = new_test_user(
            cls.env, login="tz_coach", groups="base.group_user", name="Carl Coach"
        )
        cls.Credit = cls.env["tz.session.credit"]
        cls.Usage = cls.env["tz.session.credit.usage"]

    def book(self, partners, start=None, event_type=None, user=None, **extra):
        return super().book(
            partners, start, event_type, user=user or self.receptionist, **extra
        )

    def live_uses(self, partner):
        return self.Usage.search(
            [("partner_id", "=", partner.id), ("state", "in", ("consumed", "unpaid"))]
        )


@tagged("post_install", "-at_install")
class TestBooking(BookingCase):
    def test_booking_consumes_one_credit_per_client(self):
        self.grant(self.clients[0], 3)
        self.grant(self.clients[1], 1)
        event = self.book(self.clients[:2] | self.coach.partner_id)
        self.assertEqual(self.clients[0].session_credits_available, 2)
        self.assertEqual(self.clients[1].session_credits_available, 0)
        self.assertEqual(len(event.session_credit_usage_ids), 2, "not the coach")
        self.assertEqual(event.session_credit_usage_ids.partner_id, self.clients[:2])
        usage = self.live_uses(self.clients[1])
        self.assertRecordValues(
            usage,
            [
                {
                    "state": "consumed",
                    "event_id": event.id,
                    "event_type_id": self.type_pt.id,
                    "date": event.start,
                }
            ],
        )
        self.assertEqual(usage.credit_id.state, "used")
        self.assertIn(usage, self.clients[1].session_credit_usage_ids)

    def test_fifo_soonest_expiry_then_oldest_paid_and_manual_alike(self):
        later = self.grant(self.client, 1, expiry="2099-12-31")
        never_old = self.grant(self.client, 1)
        never_new = self.grant(self.client, 1)
        soon = self.grant(self.client, 1, expiry="2099-01-31")
        # a credit another module added as paid (source is open to selection_add)
        self.env.cr.execute(
            "UPDATE tz_session_credit SET source = 'sale' WHERE id = %s", [never_old.id]
        )
        self.Credit.invalidate_model(["source"])
        order = []
        for _i in range(4):
            event = self.book(self.client)
            order.append(event.session_credit_usage_ids.credit_id)
        self.assertEqual(order, [soon, later, never_old, never_new])

    def test_no_credit_no_booking(self):
        self.grant(self.clients[0], 1)
        events_before = self.env["calendar.event"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.book(self.clients[:2])
        # its own class: a caller (the website) tells it from any other error
        self.assertIsInstance(caught.exception, NoUsableCredit)
        message = str(caught.exception)
        self.assertIn("Client 01", message)
        self.assertIn("Personal Training 60 min", message)
        self.assertEqual(self.env["calendar.event"].search_count([]), events_before)
        self.assertEqual(self.clients[0].session_credits_available, 1)

    def test_expired_or_other_type_credit_not_used(self):
        with freeze_time("2026-01-01 09:00:00"):
            self.grant(self.client, 1, expiry="2026-01-10")
        self.grant(self.client, 1, event_type=self.type_hiit)
        with freeze_time("2026-01-05 09:00:00"), self.assertRaises(UserError):
            self.book(self.client, start=datetime(2026, 1, 11, 9))
        with freeze_time("2026-01-11 09:00:00"), self.assertRaises(UserError):
            self.book(self.client, start=datetime(2026, 1, 11, 12))

    def test_on_account_then_settled_by_next_grant(self):
        self.type_pt.allow_on_account = True
        event = self.book(self.client)
        usage = event.session_credit_usage_ids
        self.assertRecordValues(usage, [{"state": "unpaid", "credit_id": False}])
        self.assertEqual(self.client.session_credits_available, 0)
        credit = self.client.with_user(self.user_adder).add_session_credits(
            self.type_pt.id, 5
        )
        self.assertRecordValues(usage, [{"state": "consumed", "credit_id": credit[0]}])
        self.assertEqual(self.client.session_credits_available, 4)

    def test_form_booking_shows_attendee_credits(self):
        self.grant(self.client, 4)
        form = Form(self.env["calendar.event"].with_user(self.receptionist))
        form.name = "PT with Client 00"
        form.start = fields.Datetime.now() + timedelta(days=2)
        form.session_event_type_id = self.type_pt
        form.partner_ids.add(self.client)
        event = form.save()
        self.assertEqual(self.client.session_credits_available, 3)
        self.assertRecordValues(
            event.session_credit_live_usage_ids,
            [{"partner_id": self.client.id, "state": "consumed", "credits_left": 3}],
        )

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_nobody_writes_uses_or_quantity_used(self):
        self.grant(self.client, 2)
        event = self.book(self.client)
        usage = event.session_credit_usage_ids
        admin = self.env.ref("base.user_admin")
        for user in (self.receptionist, self.user_manager, admin):
            with self.assertRaises(AccessError):
                usage.with_user(user).write({"state": "returned"})
            with self.assertRaises(AccessError):
                self.Usage.with_user(user).create(
                    {
                        "partner_id": self.client.id,
                        "event_type_id": self.type_pt.id,
                        "date": fields.Datetime.now(),
                        "state": "returned",
                    }
                )
            with self.assertRaises(AccessError):
                usage.credit_id.with_user(user).write({"quantity_used": 0})
        with self.assertRaises(UserError):
            usage.sudo().unlink()
        self.assertEqual(self.client.session_credits_available, 1)


@tagged("post_install", "-at_install")
class TestCancellation(BookingCase):
    def test_remove_attendee_before_start_returns_credit(self):
        self.grant(self.clients[0], 1)
        self.grant(self.clients[1], 1)
        event = self.book(self.clients[:2])
        event.write({"partner_ids": [Command.unlink(self.clients[1].id)]})
        self.assertEqual(self.clients[1].session_credits_available, 1)
        self.assertEqual(self.clients[0].session_credits_available, 0)
        returned = event.session_credit_usage_ids.filtered(
            lambda u: u.state == "returned"
        )
        self.assertEqual(returned.partner_id, self.clients[1])
        # adding the client back consumes again
        event.write({"partner_ids": [Command.link(self.clients[1].id)]})
        self.assertEqual(self.clients[1].session_credits_available, 0)

    def test_archive_or_delete_before_start_returns_credit(self):
        self.grant(self.client, 2)
        first, second = self.book(self.client), self.book(self.client)
        self.assertEqual(self.client.session_credits_available, 0)
        first.action_archive()
        self.assertEqual(self.client.session_credits_available, 1)
        second.unlink()
        self.assertEqual(self.client.session_credits_available, 2)
        self.assertEqual(self.live_uses(self.client), self.Usage)

    def test_after_start_credit_stays_used(self):
        self.grant(self.client, 3)
        past = fields.Datetime.now() - timedelta(hours=2)
        started = self.book(self.clients[:2] - self.clients[1], start=past)
        started.write({"partner_ids": [Command.unlink(self.client.id)]})
        self.assertEqual(self.client.session_credits_available, 2)
        other = self.book(self.client, start=past)
        other.unlink()
        self.assertEqual(self.client.session_credits_available, 1)
        usages = self.live_uses(self.client)
        self.assertEqual(len(usages), 2)
        self.assertFalse(usages.filtered(lambda u: u.event_id == other))

    def test_expired_between_booking_and_cancellation(self):
        with freeze_time("2026-01-01 09:00:00"):
            credit = self.grant(self.client, 1, expiry="2026-01-10")
            event = self.book(self.client, start=datetime(2026, 1, 10, 9))
            self.assertEqual(credit.quantity_remaining, 0)
        with freeze_time("2026-01-09 18:00:00"):
            self.assertEqual(self.client.session_credits_available, 0)
        # the studio cancels on the 9th... the event is moved out, then the
        # credit expires: the returned credit is expired too
        with freeze_time("2026-01-09 20:00:00"):
            event.unlink()
            self.assertEqual(
                self.client.with_context(tz="UTC").session_credits_available, 1
            )
        with freeze_time("2026-01-11 09:00:00"):
            self.Credit.invalidate_model()
            self.assertEqual(credit.quantity_remaining, 1)
            self.assertEqual(self.client.session_credits_available, 0)
            self.assertEqual(credit.state, "expired")

    def test_reschedule_keeps_the_credit(self):
        self.grant(self.client, 1)
        event = self.book(self.client)
        usage = event.session_credit_usage_ids
        new_start = event.start + timedelta(days=3)
        event.write({"start": new_start, "stop": new_start + timedelta(hours=1)})
        self.assertEqual(event.session_credit_usage_ids, usage)
        self.assertRecordValues(usage, [{"state": "consumed", "date": new_start}])
        self.assertEqual(self.client.session_credits_available, 0)

    def test_changing_session_type_moves_consumption(self):
        self.grant(self.client, 1)
        self.grant(self.client, 1, event_type=self.type_hiit)
        event = self.book(self.client)
        event.session_event_type_id = self.type_hiit
        balances = {
            b.event_type_id: b.quantity_available
            for b in self.client.session_credit_balance_ids
        }
        self.assertEqual(balances, {self.type_pt: 1, self.type_hiit: 0})
        event.session_event_type_id = False
        self.assertEqual(self.client.session_credits_available, 2)

    def test_recurring_event_attendee_changes(self):
        self.grant(self.clients[0], 10)
        self.grant(self.clients[1], 10)
        start = fields.Datetime.now() + timedelta(days=1)
        event = self.book(
            self.clients[0],
            start=start,
            recurrency=True,
            rrule_type="daily",
            interval=1,
            count=4,
            end_type="count",
        )
        occurrences = event.recurrence_id.calendar_event_ids.sorted("start")
        self.assertEqual(len(occurrences), 4)
        self.assertEqual(self.clients[0].session_credits_available, 6)
        # add a client to all the occurrences
        occurrences[0].write(
            {
                "recurrence_update": "all_events",
                "partner_ids": [Command.link(self.clients[1].id)],
            }
        )
        self.assertEqual(self.clients[1].session_credits_available, 6)
        # remove the first client from this and the following occurrences
        occurrences[2].write(
            {
                "recurrence_update": "future_events",
                "partner_ids": [Command.unlink(self.clients[0].id)],
            }
        )
        self.assertEqual(self.clients[0].session_credits_available, 8)
        self.assertEqual(self.clients[1].session_credits_available, 6)
        total_used = sum(self.credits_of(self.clients[:2]).mapped("quantity_used"))
        self.assertEqual(
            total_used,
            len(
                self.Usage.search(
                    [
                        ("partner_id", "in", self.clients[:2].ids),
                        ("state", "=", "consumed"),
                    ]
                )
            ),
        )


@tagged("post_install", "-at_install")
class TestExpiringSoon(BookingCase):
    @freeze_time("2026-05-01 10:00:00")
    def test_filter_and_reminder_sent_once(self):
        self.grant(self.clients[0], 2, expiry="2026-05-06")
        self.grant(self.clients[1], 2, expiry="2026-05-20")
        self.grant(self.clients[2], 2)
        Partner = self.env["res.partner"]
        found = Partner.search(
            [
                ("id", "in", self.clients.ids),
                ("session_credit_expiring_soon", "=", True),
            ]
        )
        self.assertEqual(found, self.clients[0])
        mails = self.env["mail.mail"].sudo()
        before = mails.search([])
        self.Credit._cron_send_expiry_reminders(days=7)
        sent = mails.search([]) - before
        self.assertEqual(sent.recipient_ids, self.clients[0])
        self.Credit._cron_send_expiry_reminders(days=7)
        self.assertEqual(
            mails.search([]) - before, sent, "never the same reminder twice"
        )
        self.assertEqual(date(2026, 5, 6), self.credits_of(self.clients[0]).expiry_date)


@tagged("post_install", "-at_install")
class TestHistoryKept(BookingCase):
    def test_type_or_client_with_only_unpaid_uses_not_deleted(self):
        self.type_hiit.allow_on_account = True
        self.book(self.clients[3], event_type=self.type_hiit)
        self.assertFalse(self.credits_of(self.clients[3]))
        with self.assertRaises(UserError):
            self.type_hiit.unlink()
        with self.assertRaises(UserError):
            self.clients[3].unlink()
        self.assertTrue(self.live_uses(self.clients[3]))


@tagged("post_install", "-at_install")
class TestLateCancel(BookingCase):
    """The type's late-cancel window: the client who cancels late keeps the
    session paid; the studio that cancels the session refunds it."""

    def setUp(self):
        super().setUp()
        self.type_pt.late_cancel_hours = 24

    def test_client_removed_inside_the_window_is_a_late_cancellation(self):
        self.grant(self.client, 2)
        event = self.book(self.client, start=self._in_hours(5))
        use = event.session_credit_usage_ids
        event.write({"partner_ids": [Command.unlink(self.client.id)]})
        self.assertEqual(use.state, "late_cancel")
        self.assertEqual(self.client.session_credits_available, 1)

    def test_client_removed_before_the_window_gets_it_back(self):
        self.grant(self.client, 2)
        event = self.book(self.client, start=self._in_hours(30))
        event.write({"partner_ids": [Command.clear()]})
        self.assertEqual(event.session_credit_usage_ids.state, "returned")
        self.assertEqual(self.client.session_credits_available, 2)

    def test_studio_cancelling_inside_the_window_refunds(self):
        self.grant(self.client, 3)
        self.grant(self.client, 1, event_type=self.type_hiit)
        archived = self.book(self.client, start=self._in_hours(5))
        deleted = self.book(self.client, start=self._in_hours(6))
        retyped = self.book(self.client, start=self._in_hours(7))
        self.assertEqual(self.client.session_credits_available, 1)
        uses = (archived | deleted | retyped).session_credit_usage_ids
        archived.active = False
        deleted.unlink()
        retyped.session_event_type_id = self.type_hiit
        self.assertEqual(set(uses.mapped("state")), {"returned"})
        self.assertEqual(
            retyped.session_credit_usage_ids.filtered(
                lambda u: u.state == "consumed"
            ).event_type_id,
            self.type_hiit,
        )
        # 3 PT back, the HIIT credit used by the retyped session
        self.assertEqual(self.client.session_credits_available, 3)

    def _in_hours(self, hours):
        return fields.Datetime.now() + timedelta(hours=hours)
