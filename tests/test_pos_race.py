"""The POS sends the same paid order twice at once (a retry after a timeout,
two tabs of one register), on two real database cursors: one order, one
grant (issue P10, point 1).

The data is committed (each thread needs to see it), so the test cleans up
after itself with SQL, as tests/test_race.py does.
"""

import copy
import uuid

from odoo import SUPERUSER_ID, Command, api, fields, sql_db
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import POS_USER_GROUPS, load_chart_of_accounts, run_at_once


@tagged("post_install", "-at_install")
class TestPosSyncRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(self.env.cr.dbname)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = load_chart_of_accounts(env)
            self.type_id = (
                env["tz.session.event.type"].create({"name": "Race POS PT"}).id
            )
            self.partner_id = env["res.partner"].create({"name": "Racing Member"}).id
            product = env["product.template"].create(
                {
                    "name": "Race POS pack",
                    "type": "service",
                    "list_price": 100.0,
                    "taxes_id": [Command.clear()],
                    "available_in_pos": True,
                    "session_credit_event_type_id": self.type_id,
                    "session_credit_quantity": 10,
                }
            )
            self.product_id = product.id
            self.variant_id = product.product_variant_id.id
            user = env["res.users"].search([("login", "=", "tz_race_cashier")])
            self.user_id = (
                user
                or new_test_user(env, login="tz_race_cashier", groups=POS_USER_GROUPS)
            ).id
            journal = env["account.journal"].search(
                [
                    *env["account.journal"]._check_company_domain(company),
                    ("type", "=", "cash"),
                ],
                limit=1,
            )
            method = env["pos.payment.method"].create(
                {
                    "name": "Race Cash",
                    "journal_id": journal.id,
                    "company_id": company.id,
                }
            )
            self.method_id = method.id
            config = env["pos.config"].create(
                {"name": "Race Desk", "payment_method_ids": [Command.set(method.ids)]}
            )
            self.config_id = config.id
            config.open_ui()
            self.session_id = config.current_session_id.id
            self.pricelist_id = config.pricelist_id.id
            self.sequence_ids = (config.sequence_id | config.sequence_line_id).ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db.cursor() as cr:
            cr.execute(
                "DELETE FROM tz_session_credit WHERE partner_id = %s", [self.partner_id]
            )
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id = %s",
                [self.partner_id],
            )
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'pos.order' AND res_id IN "
                "(SELECT id FROM pos_order WHERE session_id = %s)",
                [self.session_id],
            )
            cr.execute(
                "DELETE FROM pos_payment WHERE session_id = %s", [self.session_id]
            )
            cr.execute("DELETE FROM pos_order WHERE session_id = %s", [self.session_id])
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'pos.session' AND res_id = %s",
                [self.session_id],
            )
            cr.execute("DELETE FROM pos_session WHERE id = %s", [self.session_id])
            cr.execute("DELETE FROM pos_config WHERE id = %s", [self.config_id])
            cr.execute(
                "DELETE FROM ir_sequence WHERE id IN %s", [tuple(self.sequence_ids)]
            )
            cr.execute("DELETE FROM pos_payment_method WHERE id = %s", [self.method_id])
            cr.execute("DELETE FROM product_product WHERE id = %s", [self.variant_id])
            cr.execute("DELETE FROM product_template WHERE id = %s", [self.product_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])
            cr.execute(
                "DELETE FROM tz_session_event_type WHERE id = %s", [self.type_id]
            )

    def _payload(self):
        now = fields.Datetime.to_string(fields.Datetime.now())
        return {
            "uuid": str(uuid.uuid4()),
            "name": "Order race",
            "access_token": uuid.uuid4().hex,
            "state": "paid",
            "session_id": self.session_id,
            "sequence_number": 1,
            "user_id": self.user_id,
            "partner_id": self.partner_id,
            "pricelist_id": self.pricelist_id,
            "fiscal_position_id": False,
            "date_order": now,
            "to_invoice": False,
            "lines": [
                Command.create(
                    {
                        "uuid": str(uuid.uuid4()),
                        "product_id": self.variant_id,
                        "full_product_name": "Race POS pack",
                        "qty": 1,
                        "price_unit": 100.0,
                        "discount": 0.0,
                        "price_subtotal": 100.0,
                        "price_subtotal_incl": 100.0,
                        "tax_ids": [Command.set([])],
                        "pack_lot_ids": [],
                    }
                )
            ],
            "amount_total": 100.0,
            "amount_tax": 0.0,
            "amount_paid": 100.0,
            "amount_return": 0.0,
            "last_order_preparation_change": "{}",
            "payment_ids": [
                Command.create(
                    {"amount": 100.0, "payment_method_id": self.method_id, "name": now}
                )
            ],
        }

    def test_same_order_synced_twice_at_once_grants_once(self):
        payload = self._payload()

        def sync(env):
            result = env["pos.order"].sync_from_ui([copy.deepcopy(payload)])
            return [order["id"] for order in result["pos.order"]]

        results = run_at_once(self.db, [(self.user_id, sync)] * 2, timeout=90)
        self.assertEqual(results[0], results[1], results)
        with self.db.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*) FROM pos_order WHERE uuid = %s", [payload["uuid"]]
            )
            self.assertEqual(cr.fetchone()[0], 1, "one order")
            cr.execute(
                """SELECT COUNT(*), SUM(quantity) FROM tz_session_credit
                    WHERE partner_id = %s""",
                [self.partner_id],
            )
            self.assertEqual(cr.fetchone(), (1, 10), "one grant of 10 credits")
