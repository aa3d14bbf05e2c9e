"""Point 5: seats and credits race together, on two real database cursors.

The data is committed (each thread needs to see it), so the test cleans up
after itself with SQL.
"""

import functools
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import delete_class_race_data, race_user, run_at_once


@tagged("post_install", "-at_install")
class TestEventRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(self.env.cr.dbname)
        start = fields.Datetime.now() + timedelta(days=2)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.type_id = env["tz.session.event.type"].create({"name": "Race HIIT"}).id
            self.partner_ids = (
                env["res.partner"]
                .create([{"name": "Racer One"}, {"name": "Racer Two"}])
                .ids
            )
            self.event_ids = (
                env["event.event"]
                .create(
                    [
                        {
                            "name": f"Race class {i}",
                            "date_begin": start + timedelta(hours=i),
                            "date_end": start + timedelta(hours=i + 1),
                            "session_event_type_id": self.type_id,
                            "seats_limited": True,
                            "seats_max": 1,
                        }
                        for i in range(2)
                    ]
                )
                .ids
            )
            self.user_id = race_user(
                env,
                "tz_race_event_desk",
                "base.group_user,event.group_event_registration_desk",
            )
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        delete_class_race_data(self.db, self.partner_ids, self.event_ids, self.type_id)

    def _grant(self, partner_id, quantity):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["tz.session.credit"].create(
                {
                    "partner_id": partner_id,
                    "event_type_id": self.type_id,
                    "quantity": quantity,
                }
            )

    def _race(self, registrations):
        """Each (partner_id, event_id) registers in its own thread."""

        def register(partner_id, event_id, env):
            env["event.registration"].create(
                {"event_id": event_id, "partner_id": partner_id}
            )
            return "registered"

        return run_at_once(
            self.db,
            [
                (self.user_id, functools.partial(register, partner_id, event_id))
                for partner_id, event_id in registrations
            ],
        )

    def _state(self):
        with self.db.cursor() as cr:
            cr.execute(
                """SELECT COUNT(*) FROM event_registration
                    WHERE partner_id IN %s AND state = 'open'""",
                [tuple(self.partner_ids)],
            )
            registered = cr.fetchone()[0]
            cr.execute(
                """SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(quantity_used), 0),
                          COALESCE(SUM(quantity_remaining), 0)
                     FROM tz_session_credit WHERE partner_id IN %s""",
                [tuple(self.partner_ids)],
            )
            granted, used, remaining = cr.fetchone()
            cr.execute(
                """SELECT COUNT(*) FROM tz_session_credit_usage
                    WHERE partner_id IN %s AND state = 'consumed'""",
                [tuple(self.partner_ids)],
            )
            return registered, granted, used, remaining, cr.fetchone()[0]

    def test_two_clients_for_the_last_seat(self):
        one, two = self.partner_ids
        self._grant(one, 1)
        self._grant(two, 1)
        results = self._race([(one, self.event_ids[0]), (two, self.event_ids[0])])
        self.assertEqual(results.count("registered"), 1, results)
        errors = [r for r in results if r != "registered"]
        self.assertIsInstance(errors[0], ValidationError, results)
        # registered, granted, used, remaining, uses
        self.assertEqual(self._state(), (1, 2, 1, 1, 1))

    def test_one_client_twice_with_one_credit(self):
        one = self.partner_ids[0]
        self._grant(one, 1)
        results = self._race([(one, self.event_ids[0]), (one, self.event_ids[1])])
        self.assertEqual(results.count("registered"), 1, results)
        errors = [r for r in results if r != "registered"]
        self.assertIn("no usable credit", str(errors[0]))
        self.assertEqual(self._state(), (1, 1, 1, 0, 1))
