"""Class registrations (Events app) use session credits: points 1, 2, 3, 7.

An event user at the desk registers, confirms, cancels and marks attended;
the uses follow every way a registration changes.
"""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import EventCreditsCase

NOW = datetime(2030, 3, 4, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventBooking(EventCreditsCase):
    def setUp(self):
        super().setUp()
        self.klass = self.make_class(NOW + timedelta(days=2, hours=9))
        self.Registration = self.env["event.registration"].with_user(self.user_desk)

    def register(self, partner=None, klass=None, **vals):
        return self.Registration.create(
            {
                "event_id": (klass or self.klass).id,
                "partner_id": (partner or self.client).id,
                **vals,
            }
        )

    def live_uses(self, registrations):
        return registrations.sudo().session_credit_usage_ids.filtered(
            lambda u: u.state in ("consumed", "unpaid")
        )

    # ------------------------------------------------------------------
    # Public contract
    # ------------------------------------------------------------------

    def test_contract(self):
        Usage = self.env["tz.session.credit.usage"]
        field = Usage._fields["registration_id"]
        self.assertEqual(field.comodel_name, "event.registration")
        self.assertEqual(field.index, "btree_not_null")
        self.assertEqual(field.ondelete, "set null")
        self.assertEqual(
            self.env["event.type"]._fields["session_event_type_id"].comodel_name,
            "tz.session.event.type",
        )
        efield = self.env["event.event"]._fields["session_event_type_id"]
        self.assertTrue(efield.store and efield.compute and not efield.readonly)
        self.assertEqual(
            self.env["tz.session.event.type"]
            .create({"name": "Spin"})
            .late_cancel_hours,
            0,
        )

    def test_class_type_defaults_from_template_and_can_change(self):
        self.assertEqual(self.klass.session_event_type_id, self.type_hiit)
        with Form(self.env["event.event"].with_user(self.user_event)) as form:
            form.name = "Spin"
            form.date_begin = NOW + timedelta(days=3)
            form.date_end = NOW + timedelta(days=3, hours=1)
            form.event_type_id = self.template_hiit
            self.assertEqual(form.session_event_type_id, self.type_hiit)
            form.session_event_type_id = self.type_pt
        self.assertEqual(form.record.session_event_type_id, self.type_pt)
        # a later change of the template leaves existing classes alone
        self.template_hiit.session_event_type_id = self.type_pt
        self.assertEqual(self.klass.session_event_type_id, self.type_hiit)

    # ------------------------------------------------------------------
    # 1. Booking uses a credit
    # ------------------------------------------------------------------

    def test_register_uses_soonest_expiring_credit(self):
        today = fields.Date.to_date(NOW)
        later = self.grant(self.client, 2, expiry_date=today + timedelta(days=30))
        sooner = self.grant(self.client, 1, expiry_date=today + timedelta(days=5))
        registration = self.register()
        self.assertEqual(registration.state, "open")
        use = self.live_uses(registration)
        self.assertRecordValues(
            use,
            [
                {
                    "credit_id": sooner.id,
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "state": "consumed",
                    "event_name": "Group HIIT",
                    "date": self.klass.date_begin,
                    "session_date": self.klass.date_begin.date(),
                }
            ],
        )
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(registration.session_credits_left, 2)
        self.assertEqual(later.quantity_remaining, 2)

    def test_draft_uses_nothing_until_confirmed(self):
        self.grant(self.client, 1)
        registration = self.register(state="draft")
        self.assertFalse(registration.session_credit_usage_ids)
        self.assertFalse(registration.session_credit_state)
        registration.action_confirm()
        self.assertEqual(len(self.live_uses(registration)), 1)
        registration.action_set_draft()
        self.assertFalse(self.live_uses(registration))

    def test_no_credit_refused_naming_client_class_and_date(self):
        with self.assertRaises(UserError) as error:
            self.register()
        message = str(error.exception)
        self.assertIn("Client 00", message)
        self.assertIn("Group HIIT", message)
        self.assertIn("03/06/2030", message)
        self.assertFalse(
            self.env["event.registration"].search([("event_id", "=", self.klass.id)])
        )

    def test_on_account_when_the_type_allows_it(self):
        self.type_hiit.allow_on_account = True
        registration = self.register()
        self.assertEqual(registration.session_credit_state, "unpaid")
        self.grant(self.client, 3)
        self.assertEqual(registration.session_credit_state, "consumed")

    def test_no_contact_refused(self):
        with self.assertRaises(UserError) as error:
            self.Registration.create({"event_id": self.klass.id, "name": "Walk-in"})
        self.assertIn("choose the client", str(error.exception))
        # a draft without contact is fine, confirming it is not
        draft = self.Registration.create(
            {"event_id": self.klass.id, "name": "Walk-in", "state": "draft"}
        )
        with self.assertRaises(UserError):
            draft.action_confirm()

    def test_class_without_session_type_uses_nothing(self):
        plain = self.env["event.event"].create(
            {
                "name": "Open day",
                "date_begin": NOW + timedelta(days=1),
                "date_end": NOW + timedelta(days=1, hours=2),
            }
        )
        registration = self.register(klass=plain)
        self.assertFalse(registration.session_credit_usage_ids)

    # ------------------------------------------------------------------
    # 2. Cancelling gives it back (late-cancel: test_event_late_cancel.py)
    # ------------------------------------------------------------------

    def test_cancel_returns_then_registered_again_uses_again(self):
        credit = self.grant(self.client, 2)
        registration = self.register()
        registration.action_cancel()
        self.assertEqual(registration.session_credit_state, "returned")
        self.assertEqual(credit.quantity_remaining, 2)
        registration.action_confirm()
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 1)
        self.assertEqual(len(registration.sudo().session_credit_usage_ids), 2)

    def test_attended_and_no_show_stay_used(self):
        credit = self.grant(self.client, 2)
        attended = self.register()
        no_show = self.register(partner=self.client)
        attended.action_set_done()
        self.assertEqual(attended.session_credit_state, "consumed")
        with freeze_time(self.klass.date_end + timedelta(minutes=5)):
            attended.action_cancel()
            no_show.action_cancel()
        self.assertEqual(attended.session_credit_state, "consumed")
        self.assertEqual(no_show.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 0)
        # back to registered after the class: still the same single use
        with freeze_time(self.klass.date_end + timedelta(minutes=6)):
            no_show.action_confirm()
        self.assertEqual(len(no_show.sudo().session_credit_usage_ids), 1)

    # ------------------------------------------------------------------
    # 3. Every way a registration changes state counts
    # ------------------------------------------------------------------

    def test_plain_write_and_status_bar(self):
        credit = self.grant(self.client, 1)
        registration = self.register(state="draft")
        registration.write({"state": "open"})
        self.assertEqual(credit.quantity_remaining, 0)
        registration.write({"state": "cancel"})
        self.assertEqual(credit.quantity_remaining, 1)
        registration.write({"state": "done"})
        self.assertEqual(credit.quantity_remaining, 0)
        with Form(registration) as form:
            form.state = "cancel"
        self.assertEqual(credit.quantity_remaining, 1)

    def test_bulk_create_books_each_once_in_one_booking(self):
        """P12 item 7: a batch of registrations is synced by ``create``, in
        one call of the booking API, one use each; drafts book nothing."""
        clients = self.clients[:3]
        credits = self.grant(clients[0], 2) | self.grant(clients[1], 2)
        credits |= self.grant(clients[2], 2)
        Usage = type(self.env["tz.session.credit.usage"])
        with patch.object(
            Usage, "_book", autospec=True, side_effect=Usage._book
        ) as book:
            registrations = self.Registration.create(
                [
                    {"event_id": self.klass.id, "partner_id": client.id}
                    for client in clients
                ]
                + [
                    {
                        "event_id": self.klass.id,
                        "partner_id": self.clients[3].id,
                        "state": "draft",
                    }
                ]
            )
        self.assertEqual(book.call_count, 1)
        self.assertEqual(len(book.call_args.args[1]), 3)
        uses = self.live_uses(registrations)
        self.assertEqual(len(uses), 3)
        self.assertEqual(uses.registration_id, registrations[:3])
        self.assertEqual(uses.partner_id, clients)
        self.assertEqual(credits.mapped("quantity_remaining"), [1, 1, 1])

    def test_bulk_create_refused_leaves_nothing(self):
        credit = self.grant(self.clients[0], 1)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Registration.create(
                [
                    {"event_id": self.klass.id, "partner_id": client.id}
                    for client in self.clients[:2]  # the second has no credit
                ]
            )
        self.env.invalidate_all()
        self.assertFalse(
            self.env["event.registration"].search([("event_id", "=", self.klass.id)])
        )
        self.assertEqual(credit.quantity_remaining, 1)

    def test_write_syncs_only_what_changed_and_no_constraint_books(self):
        """P12 item 7: ``write`` (not a constraint, which runs at flush time
        in any order) syncs the registrations whose state, client, class or
        archiving changed, and only those."""
        self.grant(self.client, 2)
        booked = self.register()
        draft = self.register(state="draft")
        Registration = type(self.env["event.registration"])
        synced = []

        def sync(records):
            synced.append(records.ids)
            return original(records)

        original = Registration._sync_session_credits
        with patch.object(
            Registration, "_sync_session_credits", autospec=True, side_effect=sync
        ):
            (booked | draft).write({"name": "Renamed"})
            self.assertEqual(synced, [])
            (booked | draft).write({"state": "open"})
        self.assertTrue(synced)
        self.assertTrue(all(ids == draft.ids for ids in synced), synced)
        self.assertEqual(len(self.live_uses(booked | draft)), 2)
        # no constraint method of these addons on registrations
        constraints = [
            f"{cls.__module__}.{name}"
            for cls in Registration.__mro__
            for name, member in vars(cls).items()
            if getattr(member, "_constrains", None)
            and cls.__module__.startswith("odoo.addons.tz_session_credits")
        ]
        self.assertEqual(constraints, [])

    def test_archive_registration_and_change_client(self):
        self.grant(self.client, 1)
        other = self.clients[1]
        other_credit = self.grant(other, 1)
        registration = self.register()
        registration.partner_id = other
        self.assertEqual(self.live_uses(registration).partner_id, other)
        self.assertEqual(other_credit.quantity_remaining, 0)
        self.assertEqual(self.client.session_credits_available, 1)
        registration.action_archive()
        self.assertFalse(self.live_uses(registration))
        self.assertEqual(other_credit.quantity_remaining, 1)

    def test_move_class_moves_uses(self):
        self.grant(self.client, 1)
        registration = self.register()
        new_start = NOW + timedelta(days=5, hours=2)
        self.klass.with_user(self.user_event).write(
            {
                "date_begin": new_start,
                "date_end": new_start + timedelta(hours=1),
                "name": "Group HIIT (moved)",
            }
        )
        use = self.live_uses(registration)
        self.assertEqual(len(registration.sudo().session_credit_usage_ids), 1)
        self.assertRecordValues(
            use,
            [
                {
                    "date": new_start,
                    "session_date": new_start.date(),
                    "event_name": "Group HIIT (moved)",
                    "state": "consumed",
                }
            ],
        )

    def test_archive_or_delete_future_class_returns_credits(self):
        credit = self.grant(self.client, 2)
        self.register()
        other = self.make_class(NOW + timedelta(days=4))
        self.register(klass=other)
        self.assertEqual(credit.quantity_remaining, 0)
        self.klass.with_user(self.user_event).action_archive()
        self.assertEqual(credit.quantity_remaining, 1)
        self.klass.action_unarchive()
        self.assertEqual(credit.quantity_remaining, 0)
        self.klass.action_archive()
        # Odoo deletes a class with its registrations only
        other.registration_ids.unlink()
        other.unlink()
        self.assertEqual(credit.quantity_remaining, 2)
        uses = self.env["tz.session.credit.usage"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertEqual(set(uses.mapped("state")), {"returned"})

    def test_delete_registration_returns_credit(self):
        credit = self.grant(self.client, 1)
        registration = self.register()
        use = registration.session_credit_usage_ids
        registration.with_user(self.env.user).unlink()  # managers delete
        self.assertEqual(use.state, "returned")
        self.assertFalse(use.registration_id)
        self.assertEqual(credit.quantity_remaining, 1)

    def test_retype_class_moves_uses(self):
        hiit = self.grant(self.client, 1)
        pt = self.grant(self.client, 1, event_type=self.type_pt)
        registration = self.register()
        self.klass.with_user(self.user_event).session_event_type_id = self.type_pt
        self.assertEqual(hiit.quantity_remaining, 1)
        self.assertEqual(pt.quantity_remaining, 0)
        self.assertEqual(self.live_uses(registration).event_type_id, self.type_pt)
        # a template without credits: the class no longer uses any
        plain = self.env["event.type"].create({"name": "Free class"})
        self.klass.event_type_id = plain
        self.assertFalse(self.klass.session_event_type_id)
        self.assertEqual(pt.quantity_remaining, 1)
        self.assertFalse(self.live_uses(registration))

    # ------------------------------------------------------------------
    # 7. Staff see it
    # ------------------------------------------------------------------

    def test_history_lists_classes_next_to_calendar_sessions(self):
        self.grant(self.client, 2)
        self.grant(self.client, 1, event_type=self.type_pt)
        self.register()
        start = NOW + timedelta(days=1)
        self.env["calendar.event"].create(
            {
                "name": "PT with Sam",
                "start": start,
                "stop": start + timedelta(hours=1),
                "session_event_type_id": self.type_pt.id,
                "partner_ids": [(6, 0, self.client.ids)],
            }
        )
        history = self.client.with_user(self.user_staff).session_credit_usage_ids
        self.assertEqual(history.mapped("event_name"), ["Group HIIT", "PT with Sam"])

    def test_on_account_filter_and_credit_states(self):
        self.type_hiit.allow_on_account = True
        self.grant(self.clients[1], 1)
        on_account = self.register()
        used = self.register(partner=self.clients[1])
        Registration = self.env["event.registration"].with_user(self.user_desk)
        self.assertEqual(
            Registration.search(
                [
                    ("event_id", "=", self.klass.id),
                    ("session_credit_state", "=", "unpaid"),
                ]
            ),
            on_account,
        )
        self.assertEqual(
            Registration.search(
                [
                    ("event_id", "=", self.klass.id),
                    ("session_credit_state", "=", "consumed"),
                ]
            ),
            used,
        )
        action = self.env.ref("event.act_event_registration_from_event")
        self.assertTrue(action)
        search_view = self.env.ref("event.view_registration_search")
        arch = Registration.get_views([(search_view.id, "search")])["views"]["search"][
            "arch"
        ]
        self.assertIn('name="session_credit_on_account"', arch)
