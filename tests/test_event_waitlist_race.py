"""P14 point 3: seats freeing at once, on real concurrent cursors.

The data is committed (each thread must see it); the test removes it after
itself. The states are read back through the ORM on a fresh cursor.
"""

import functools
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields, sql_db
from odoo.tests import TransactionCase, tagged

from .common import delete_class_race_data, race_user, run_at_once


@tagged("post_install", "-at_install")
class TestWaitlistRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(self.env.cr.dbname)
        start = fields.Datetime.now() + timedelta(days=3)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.type_id = (
                env["tz.session.event.type"].create({"name": "Race Waitlist"}).id
            )
            partners = env["res.partner"].create(
                [
                    {"name": f"Waiting Racer {i}", "email": f"wr{i}@example.com"}
                    for i in range(5)
                ]
            )
            self.partner_ids = partners.ids
            env["tz.session.credit"].create(
                [
                    {"partner_id": pid, "event_type_id": self.type_id, "quantity": 2}
                    for pid in self.partner_ids
                ]
            )
            event = env["event.event"].create(
                {
                    "name": "Race full class",
                    "date_begin": start,
                    "date_end": start + timedelta(hours=1),
                    "session_event_type_id": self.type_id,
                    "seats_limited": True,
                    "seats_max": 2,
                    "session_waitlist": True,
                    "event_mail_ids": [Command.clear()],
                }
            )
            self.event_id = event.id
            self.registration_ids = (
                env["event.registration"]
                .create(
                    [
                        {"event_id": event.id, "partner_id": pid}
                        for pid in self.partner_ids
                    ]
                )
                .ids
            )
            self.user_id = race_user(
                env,
                "tz_race_waitlist_desk",
                "base.group_user,event.group_event_registration_desk",
            )
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        delete_class_race_data(self.db, self.partner_ids, [self.event_id], self.type_id)

    def _states(self):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            registrations = env["event.registration"].browse(self.registration_ids)
            event = env["event.event"].browse(self.event_id)
            return (
                [
                    (r.state, r.session_waitlisted, r.session_credit_state)
                    for r in registrations
                ],
                event.seats_taken,
            )

    @staticmethod
    def _cancel(registration_id, env):
        env["event.registration"].browse(registration_id).action_cancel()
        return "cancelled"

    def test_start_state(self):
        states, taken = self._states()
        self.assertEqual(
            states,
            [("open", False, "consumed")] * 2 + [("draft", True, False)] * 3,
        )
        self.assertEqual(taken, 2)

    def test_two_seats_freeing_at_once_promote_two_clients(self):
        one, two = self.registration_ids[:2]
        results = run_at_once(
            self.db,
            [
                (self.user_id, functools.partial(self._cancel, one)),
                (self.user_id, functools.partial(self._cancel, two)),
            ],
        )
        self.assertEqual(results, ["cancelled", "cancelled"])
        states, taken = self._states()
        self.assertEqual(
            states,
            [("cancel", False, "returned")] * 2
            + [("open", False, "consumed")] * 2
            + [("draft", True, False)],
        )
        self.assertEqual(taken, 2)

    def test_seat_freeing_while_the_first_waiting_leaves(self):
        seated, first = self.registration_ids[0], self.registration_ids[2]
        results = run_at_once(
            self.db,
            [
                (self.user_id, functools.partial(self._cancel, seated)),
                (self.user_id, functools.partial(self._cancel, first)),
            ],
        )
        self.assertEqual(results, ["cancelled", "cancelled"])
        states, taken = self._states()
        self.assertEqual(states[0], ("cancel", False, "returned"))
        self.assertEqual(states[1], ("open", False, "consumed"))
        # the first waiting client left: not promoted, and not charged
        self.assertEqual(states[2][:2], ("cancel", False))
        self.assertIn(states[2][2], (False, "returned"))
        self.assertEqual(states[3], ("open", False, "consumed"))
        self.assertEqual(states[4], ("draft", True, False))
        self.assertEqual(taken, 2)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            credit = env["tz.session.credit"].search(
                [("partner_id", "=", self.partner_ids[2])]
            )
            self.assertEqual(credit.quantity_remaining, 2)
