"""Two salespeople confirm the same order at once, on two real database
cursors: the credits are granted once (issue P7, point 2).

The data is committed (each thread needs to see it), so the test cleans up
after itself with SQL, as tests/test_race.py does.
"""

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SALESMAN_GROUPS, run_at_once


@tagged("post_install", "-at_install")
class TestSaleConfirmRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(self.env.cr.dbname)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.type_id = (
                env["tz.session.event.type"].create({"name": "Race Pack PT"}).id
            )
            self.partner_id = env["res.partner"].create({"name": "Racing Buyer"}).id
            self.product = env["product.template"].create(
                {
                    "name": "Race pack",
                    "type": "service",
                    "list_price": 100.0,
                    "session_credit_event_type_id": self.type_id,
                    "session_credit_quantity": 10,
                }
            )
            self.product_id = self.product.id
            user = env["res.users"].search([("login", "=", "tz_race_seller")])
            self.user_id = (
                user
                or new_test_user(env, login="tz_race_seller", groups=SALESMAN_GROUPS)
            ).id
            self.order_id = (
                env["sale.order"]
                .with_user(self.user_id)
                .create(
                    {
                        "partner_id": self.partner_id,
                        "user_id": self.user_id,
                        "order_line": [
                            Command.create(
                                {"product_id": self.product.product_variant_id.id}
                            )
                        ],
                    }
                )
                .id
            )
            # the customer follows the order already (as after sending the
            # quotation): the race is about the confirmation itself
            env["sale.order"].browse(self.order_id).message_subscribe([self.partner_id])
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db.cursor() as cr:
            cr.execute(
                "DELETE FROM tz_session_credit WHERE partner_id = %s", [self.partner_id]
            )
            cr.execute("DELETE FROM sale_order WHERE id = %s", [self.order_id])
            cr.execute(
                "DELETE FROM mail_followers"
                " WHERE res_model = 'sale.order' AND res_id = %s",
                [self.order_id],
            )
            cr.execute(
                "DELETE FROM product_product WHERE product_tmpl_id = %s",
                [self.product_id],
            )
            cr.execute("DELETE FROM product_template WHERE id = %s", [self.product_id])
            cr.execute(
                "DELETE FROM tz_session_event_type WHERE id = %s", [self.type_id]
            )

    def test_two_concurrent_confirmations_grant_once(self):
        def confirm(env):
            env["sale.order"].browse(self.order_id).action_confirm()
            return "confirmed"

        results = run_at_once(self.db, [(self.user_id, confirm)] * 2)
        self.assertEqual(results.count("confirmed"), 1, results)
        loser = next(r for r in results if r != "confirmed")
        self.assertIn("not in a state requiring confirmation", str(loser))
        with self.db.cursor() as cr:
            cr.execute(
                """SELECT COUNT(*), SUM(quantity) FROM tz_session_credit
                    WHERE partner_id = %s""",
                [self.partner_id],
            )
            self.assertEqual(cr.fetchone(), (1, 10), "one grant of 10 credits")
            cr.execute("SELECT state FROM sale_order WHERE id = %s", [self.order_id])
            self.assertEqual(cr.fetchone()[0], "sale")
