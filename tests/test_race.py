"""Two bookings racing for a client's credits, on two real database cursors.

The data is committed (each thread needs to see it), so the test cleans up
after itself with SQL.
"""

import functools
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import run_at_once


@tagged("post_install", "-at_install")
class TestBookingRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(self.env.cr.dbname)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.type_id = env["tz.session.event.type"].create({"name": "Race PT"}).id
            self.partner_id = env["res.partner"].create({"name": "Racing Client"}).id
            user = env["res.users"].search([("login", "=", "tz_race_desk")])
            self.user_id = (
                user
                or new_test_user(env, login="tz_race_desk", groups="base.group_user")
            ).id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db.cursor() as cr:
            cr.execute(
                "DELETE FROM tz_session_credit_usage WHERE partner_id = %s",
                [self.partner_id],
            )
            cr.execute(
                """DELETE FROM calendar_event WHERE id IN (
                       SELECT calendar_event_id FROM calendar_event_res_partner_rel
                        WHERE res_partner_id = %s)""",
                [self.partner_id],
            )
            cr.execute(
                "DELETE FROM tz_session_credit WHERE partner_id = %s", [self.partner_id]
            )
            cr.execute(
                "DELETE FROM tz_session_event_type WHERE id = %s", [self.type_id]
            )

    def _grant(self, quantities):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["tz.session.credit"].create(
                [
                    {
                        "partner_id": self.partner_id,
                        "event_type_id": self.type_id,
                        "quantity": qty,
                    }
                    for qty in quantities
                ]
            )

    def _race(self, bookings=2):
        self.attempts = [0] * bookings
        start = fields.Datetime.now() + timedelta(days=1)

        def book(index, env):
            self.attempts[index] += 1
            env["calendar.event"].create(
                {
                    "name": f"Race {index}",
                    "start": start + timedelta(hours=index),
                    "stop": start + timedelta(hours=index + 1),
                    "session_event_type_id": self.type_id,
                    "partner_ids": [Command.set([self.partner_id])],
                }
            )
            return "booked"

        return run_at_once(
            self.db,
            [(self.user_id, functools.partial(book, i)) for i in range(bookings)],
        )

    def _ledger(self):
        with self.db.cursor() as cr:
            cr.execute(
                """SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(quantity_used), 0)
                     FROM tz_session_credit WHERE partner_id = %s""",
                [self.partner_id],
            )
            granted, used = cr.fetchone()
            cr.execute(
                """SELECT COUNT(*) FROM tz_session_credit_usage
                    WHERE partner_id = %s AND state = 'consumed'""",
                [self.partner_id],
            )
            return granted, used, cr.fetchone()[0]

    def test_race_for_the_last_credit(self):
        self._grant([1])
        results = self._race()
        booked = [r for r in results if r == "booked"]
        errors = [r for r in results if isinstance(r, UserError)]
        self.assertEqual(len(booked), 1, results)
        self.assertEqual(len(errors), 1, results)
        self.assertIn("Racing Client", str(errors[0]))
        self.assertIn("Race PT", str(errors[0]))
        self.assertEqual(self._ledger(), (1, 1, 1), "granted, used, uses")
        self.assertEqual(sorted(self.attempts), [1, 2], "the loser was retried once")

    def test_concurrent_bookings_each_applied_once(self):
        """Both succeed; the one retried after the serialization failure is
        applied exactly once."""
        self._grant([1, 1])
        results = self._race()
        self.assertEqual(results, ["booked", "booked"])
        self.assertEqual(self._ledger(), (2, 2, 2), "granted, used, uses")
        self.assertEqual(sorted(self.attempts), [1, 2], "the loser was retried once")

    def test_on_account_booking_and_grant_at_once(self):
        """A booking on account and a grant of the same type for the same
        client, side by side: the session ends up paid by the new credit,
        never an unpaid session next to an unused credit."""
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["tz.session.event.type"].browse(self.type_id).allow_on_account = True
        start = fields.Datetime.now() + timedelta(days=1)

        def book(env):
            env["calendar.event"].create(
                {
                    "name": "On account",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "session_event_type_id": self.type_id,
                    "partner_ids": [Command.set([self.partner_id])],
                }
            )

        def grant(env):
            env["tz.session.credit"].create(
                {"partner_id": self.partner_id, "event_type_id": self.type_id}
            )

        results = run_at_once(self.db, [(self.user_id, book), (SUPERUSER_ID, grant)])
        errors = [result for result in results if isinstance(result, Exception)]
        self.assertEqual(errors, [])
        self.assertEqual(self._ledger(), (1, 1, 1), "granted, used, uses paid")
        with self.db.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*) FROM tz_session_credit_usage "
                "WHERE partner_id = %s AND state = 'unpaid'",
                [self.partner_id],
            )
            self.assertEqual(cr.fetchone()[0], 0, "no unpaid session left")
