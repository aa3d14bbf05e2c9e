"""P14: a full class with a waitlist promotes its clients and uses their
credit; no-shows are on record.

Every path goes through Odoo's own buttons (``action_cancel``,
``action_confirm``, ``action_set_done``), ``write``, ``unlink`` and the
backend form, as the desk uses them.
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import WaitlistCase, install_languages


@tagged("post_install", "-at_install")
class TestWaitlistJoin(WaitlistCase):
    def test_full_class_waitlists_unconfirmed_without_credit(self):
        for registration in self.first | self.second:
            self.assertEqual(registration.state, "draft")
            self.assertTrue(registration.session_waitlisted)
            self.assertFalse(registration.session_credit_usage_ids)
        self.assertEqual(self.first.session_waitlist_position, 1)
        self.assertEqual(self.second.session_waitlist_position, 2)
        self.assertEqual(self.klass.seats_taken, 2)
        self.assertEqual(self.klass.session_waitlist_count, 2)
        self.assertEqual(self.credits_of(self.clients[3]).quantity_remaining, 5)
        self.assertFalse(self.seated.filtered("session_waitlisted"))

    def test_backend_form_joins_the_waitlist(self):
        self.grant(self.clients[0], 1)
        form = Form(self.Registration)
        form.event_id = self.klass
        form.partner_id = self.clients[0]
        registration = form.save()
        self.assertEqual(registration.state, "draft")
        self.assertTrue(registration.session_waitlisted)
        self.assertEqual(registration.session_waitlist_position, 3)

    def test_without_waitlist_a_full_class_refuses(self):
        self.klass.session_waitlist = False
        with self.assertRaises(ValidationError), mute_logger("odoo.models"):
            self.register(self.clients[0])

    def test_flags_are_not_taken_from_the_caller(self):
        """Nobody puts a registration on the list or takes it off by writing
        the flag: it follows the seats only."""
        klass = self.make_class(self.start + timedelta(days=1))
        registration = self.Registration.create(
            {
                "event_id": klass.id,
                "partner_id": self.clients[1].id,
                "session_waitlisted": True,
            }
        )
        self.assertEqual(registration.state, "open")
        self.assertFalse(registration.session_waitlisted)
        self.first.with_user(self.user_event).write({"session_waitlisted": False})
        self.assertTrue(self.first.session_waitlisted)

    def test_waitlist_needs_limited_seats_and_a_session_type(self):
        unlimited = self.make_class(self.start, seats_limited=False)
        with self.assertRaisesRegex(ValidationError, "does not limit its seats"):
            unlimited.with_user(self.user_event).session_waitlist = True
        untyped = self.make_class(
            self.start, seats_limited=True, seats_max=5, session_event_type_id=False
        )
        with self.assertRaisesRegex(ValidationError, "has no session type"):
            untyped.with_user(self.user_event).session_waitlist = True
        with self.assertRaisesRegex(ValidationError, "does not limit its seats"):
            self.klass.with_user(self.user_event).seats_limited = False

    def test_waitlist_errors_are_translated(self):
        install_languages(self.env, "fr_FR")
        unlimited = self.make_class(self.start, seats_limited=False)
        with self.assertRaises(ValidationError) as caught:
            unlimited.with_context(lang="fr_FR").session_waitlist = True
        self.assertNotIn("does not limit its seats", str(caught.exception))


@tagged("post_install", "-at_install")
class TestWaitlistPromotion(WaitlistCase):
    def assertPromoted(self, registration):
        self.assertEqual(registration.state, "open")
        self.assertFalse(registration.session_waitlisted)
        self.assertEqual(registration.session_credit_state, "consumed")

    def assertWaiting(self, registration):
        self.assertEqual(registration.state, "draft")
        self.assertTrue(registration.session_waitlisted)
        self.assertFalse(registration.session_credit_usage_ids)

    def test_cancel_promotes_the_first_with_credit_and_emails(self):
        self.seated[0].action_cancel()
        self.assertPromoted(self.first)
        self.assertWaiting(self.second)
        self.assertEqual(self.credits_of(self.clients[3]).quantity_remaining, 4)
        self.assertEqual(len(self.waitlist_mails(self.first, "promoted")), 1)
        self.assertEqual(self.klass.seats_taken, 2)
        self.assertIn(
            "Promoted from the waitlist",
            self.first.message_ids[:1].body,
        )

    def test_client_without_credit_is_skipped_and_told_once(self):
        self.first.action_cancel()  # leaves: client 4 (no credit) is next
        self.seated[0].action_cancel()
        self.assertWaiting(self.second)
        self.assertEqual(len(self.waitlist_mails(self.second, "missed")), 1)
        self.assertEqual(self.klass.seats_available, 1)
        # another seat frees: still no credit, no second email
        self.seated[1].action_cancel()
        self.assertWaiting(self.second)
        self.assertEqual(len(self.waitlist_mails(self.second, "missed")), 1)
        # with credits now, the desk gives the free seats
        self.grant(self.clients[4], 1)
        self.klass.with_user(self.user_event).action_session_waitlist_promote()
        self.assertPromoted(self.second)

    def test_skipped_client_stays_and_the_next_one_is_promoted(self):
        late = self.register(self.clients[1].copy({"name": "Late Client"}))
        self.grant(late.partner_id, 1)
        self.first.action_cancel()
        self.seated[0].action_cancel()
        self.assertWaiting(self.second)
        self.assertPromoted(late)

    def test_waiting_without_client_is_skipped(self):
        """A walk-in waitlisted by name only (no client), in a type booked on
        account: a freed seat goes to the next client, and the cancellation
        that freed it goes through."""
        self.type_hiit.allow_on_account = True
        walk_in = self.Registration.create(
            {"event_id": self.klass.id, "name": "Walk-in", "email": "w@example.com"}
        )
        self.assertTrue(walk_in.session_waitlisted)
        self.first.action_cancel()
        self.second.action_cancel()
        late = self.register(self.clients[1].copy({"name": "Late Client"}))
        self.grant(late.partner_id, 1)
        self.seated[0].action_cancel()
        self.assertEqual(self.seated[0].state, "cancel")
        self.assertTrue(walk_in.session_waitlisted)
        self.assertPromoted(late)

    def test_on_account_type_promotes_without_credit(self):
        self.type_hiit.allow_on_account = True
        self.first.action_cancel()
        self.seated[0].action_cancel()
        self.assertEqual(self.second.state, "open")
        self.assertEqual(self.second.session_credit_state, "unpaid")

    def test_delete_promotes(self):
        self.seated[0].with_env(self.env).unlink()  # an events administrator
        self.assertPromoted(self.first)

    def test_back_to_unconfirmed_promotes(self):
        self.seated[0].action_set_draft()
        self.assertPromoted(self.first)

    def test_archiving_a_registration_promotes(self):
        self.seated[0].action_archive()
        self.assertPromoted(self.first)

    def test_raising_the_seats_promotes(self):
        self.klass.with_user(self.user_event).seats_max = 3
        self.assertPromoted(self.first)
        self.assertWaiting(self.second)
        self.klass.with_user(self.user_event).write({"seats_max": 10})
        self.assertWaiting(self.second)  # no credit: skipped
        self.assertEqual(len(self.waitlist_mails(self.second, "missed")), 1)

    def test_moving_a_registration_promotes(self):
        other = self.make_class(self.start + timedelta(days=1))
        self.seated[0].write({"event_id": other.id})
        self.assertPromoted(self.first)
        self.assertEqual(self.seated[0].session_credit_state, "consumed")

    def test_confirming_by_hand_takes_a_free_seat_only(self):
        with self.assertRaises(ValidationError), mute_logger("odoo.models"):
            self.first.action_confirm()
        self.klass.seats_max = 3  # promotes the first
        self.assertPromoted(self.first)

    def test_promotion_stops_when_the_class_starts(self):
        with freeze_time(self.start + timedelta(minutes=5)):
            self.seated[0].action_cancel()
            self.assertWaiting(self.first)
            self.klass.seats_max = 5
            self.assertWaiting(self.first)

    def test_leaving_charges_nothing(self):
        self.first.action_cancel()
        self.assertEqual(self.first.state, "cancel")
        self.assertFalse(self.first.session_waitlisted)
        self.assertFalse(self.first.session_credit_usage_ids)
        self.assertEqual(self.credits_of(self.clients[3]).quantity_remaining, 5)
        self.assertEqual(self.second.session_waitlist_position, 1)

    def test_promote_needs_the_right_to_edit_classes(self):
        portal = new_test_user(
            self.env, login="tz_wl_portal", groups="base.group_portal"
        )
        self.seated[0].action_cancel()  # first promoted
        self.grant(self.clients[4], 1)
        self.klass.seats_max = 2  # no free seat again
        for user in (portal, self.user_desk):
            with self.assertRaises(AccessError):
                self.klass.with_user(user).action_session_waitlist_promote()
        with self.assertRaises(AccessError):
            self.env["event.registration"].with_user(portal).create(
                {"event_id": self.klass.id, "partner_id": self.clients[0].id}
            )


@tagged("post_install", "-at_install")
class TestNoShows(WaitlistCase):
    def setUp(self):
        super().setUp()
        self.seated[1].action_set_done()
        self.cron_time = self.start + timedelta(hours=2)

    def run_cron(self):
        with freeze_time(self.cron_time):
            self.env.ref(
                "tz_session_credits_event.ir_cron_session_no_shows"
            ).method_direct_trigger()

    def test_cron_marks_no_shows_and_closes_the_waitlist(self):
        self.run_cron()
        no_show, attended = self.seated
        self.assertEqual(no_show.session_credit_state, "no_show")
        self.assertEqual(no_show.session_credit_usage_ids.state, "no_show")
        self.assertEqual(attended.session_credit_state, "consumed")
        # the credit stays used
        self.assertEqual(self.credits_of(self.clients[1]).quantity_remaining, 4)
        self.assertEqual(self.credits_of(self.clients[1]).quantity_no_show, 1)
        for registration in self.first | self.second:
            self.assertEqual(registration.state, "cancel")
            self.assertFalse(registration.session_credit_usage_ids)

    def test_nothing_before_the_class_ends(self):
        self.cron_time = self.start + timedelta(minutes=30)
        self.run_cron()
        self.assertEqual(self.seated[0].session_credit_state, "consumed")
        self.assertEqual(self.first.state, "draft")

    def test_attendance_marked_later_turns_it_back(self):
        self.run_cron()
        with freeze_time(self.cron_time):
            self.seated[0].with_user(self.user_desk).action_set_done()
        self.assertEqual(self.seated[0].session_credit_state, "consumed")
        self.assertEqual(len(self.seated[0].session_credit_usage_ids), 1)
        self.assertEqual(self.credits_of(self.clients[1]).quantity_remaining, 4)

    def test_no_show_is_named_everywhere(self):
        self.run_cron()
        use = self.seated[0].session_credit_usage_ids
        labels = dict(use._fields["state"]._description_selection(self.env))
        self.assertEqual(labels["no_show"], "No-show")
        registration_labels = dict(
            self.seated._fields["session_credit_state"]._description_selection(self.env)
        )
        self.assertEqual(registration_labels["no_show"], "No-show")
        # the report: no-shows per client and type
        groups = self.env["tz.session.credit"].read_group(
            [("partner_id", "in", self.clients.ids)],
            ["quantity_no_show:sum", "quantity_used:sum"],
            ["partner_id", "event_type_id"],
            lazy=False,
        )
        by_client = {g["partner_id"][0]: g["quantity_no_show"] for g in groups}
        self.assertEqual(by_client[self.clients[1].id], 1)
        self.assertEqual(by_client[self.clients[2].id], 0)
        pivot = self.env["tz.session.credit"].get_view(
            self.env.ref("tz_session_credits.tz_session_credit_view_pivot").id, "pivot"
        )
        self.assertIn('name="quantity_no_show"', pivot["arch"])

    def test_cancel_after_the_class_keeps_the_no_show(self):
        self.run_cron()
        with freeze_time(self.cron_time):
            self.seated[0].action_cancel()
        self.assertEqual(self.seated[0].session_credit_usage_ids.state, "no_show")
        self.assertEqual(self.credits_of(self.clients[1]).quantity_remaining, 4)
        self.assertEqual(
            fields.first(
                self.seated[0].session_credit_usage_ids
            ).credit_id.quantity_used,
            1,
        )
