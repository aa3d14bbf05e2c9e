"""Two invoices of the same period of a membership posted at once, on two
real database cursors (two accountants, or Odoo's auto-post cron running
twice): the period is granted once (issue P13, point 1).

The second invoice is a copy of the first (the same contract line and
period), in another journal. Both are named before the race (posted once
without their period, then reset to draft), so that nothing but the grant
itself relates the two posts (posting an invoice updates its neighbours in
the same sequence): without the lock on the contract line, each would grant
the period (checked: 16 credits instead of 8).

The data is committed (each thread needs to see it), so the test cleans up
after itself with SQL, as tests/test_race.py does.
"""

from datetime import date

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import ACCOUNT_MANAGER_GROUPS, BILLING_GROUPS, run_at_once


@tagged("post_install", "-at_install")
class TestMembershipPostRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(self.env.cr.dbname)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.type_id = env["tz.session.event.type"].create({"name": "Race HIIT"}).id
            self.partner_id = env["res.partner"].create({"name": "Racing Member"}).id
            product = env["product.template"].create(
                {
                    "name": "Race membership",
                    "type": "service",
                    "list_price": 80.0,
                    "taxes_id": [Command.clear()],
                    "is_contract": True,
                    "recurrence_number": 12,
                    "session_credit_event_type_id": self.type_id,
                    "session_credit_quantity": 8,
                }
            )
            self.product_id = product.id
            users = []
            for login, groups in (
                ("tz_race_billing", BILLING_GROUPS),
                ("tz_race_contracts", ACCOUNT_MANAGER_GROUPS),
            ):
                user = env["res.users"].search([("login", "=", login)])
                users.append(user or new_test_user(env, login=login, groups=groups))
            self.user_id = users[0].id
            order = (
                env["sale.order"]
                .with_user(users[1])
                .create(
                    {
                        "partner_id": self.partner_id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.product_variant_id.id,
                                    "date_start": date.today(),
                                }
                            )
                        ],
                    }
                )
            )
            order.action_confirm()
            self.order_id = order.id
            contract = order.order_line.contract_id
            self.contract_id = contract.id
            invoice = contract.recurring_create_invoice()
            # in a journal of its own: posting one invoice updates its
            # neighbours in the same sequence (Odoo's sequence gap check)
            journal = env["account.journal"].create(
                {"name": "Race memberships", "code": "RACEM", "type": "sale"}
            )
            self.journal_id = journal.id
            copy = invoice.copy(
                {"invoice_date": invoice.invoice_date, "journal_id": journal.id}
            )
            invoices = invoice | copy
            self.invoice_ids = invoices.ids
            period = {
                "contract_period_start": invoice.invoice_line_ids.contract_period_start,
                "contract_period_end": invoice.invoice_line_ids.contract_period_end,
            }
            self.assertTrue(all(period.values()))
            # named before the race, without granting anything
            invoices.invoice_line_ids.write(
                {"contract_period_start": False, "contract_period_end": False}
            )
            invoices.action_post()
            invoices.button_draft()
            invoices.invoice_line_ids.write(period)
            self.assertFalse(
                env["tz.session.credit"].search([("partner_id", "=", self.partner_id)])
            )
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db.cursor() as cr:
            cr.execute(
                "DELETE FROM tz_session_credit WHERE partner_id = %s", [self.partner_id]
            )
            cr.execute(
                "DELETE FROM account_move WHERE id IN %s", [tuple(self.invoice_ids)]
            )
            cr.execute("DELETE FROM account_journal WHERE id = %s", [self.journal_id])
            cr.execute(
                "DELETE FROM contract_contract WHERE id = %s", [self.contract_id]
            )
            cr.execute("DELETE FROM sale_order WHERE id = %s", [self.order_id])
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model IN "
                "('sale.order', 'contract.contract', 'account.move') "
                "AND partner_id = %s",
                [self.partner_id],
            )
            cr.execute(
                "DELETE FROM product_product WHERE product_tmpl_id = %s",
                [self.product_id],
            )
            cr.execute("DELETE FROM product_template WHERE id = %s", [self.product_id])
            cr.execute(
                "DELETE FROM tz_session_event_type WHERE id = %s", [self.type_id]
            )

    def test_two_concurrent_posts_of_one_period_grant_once(self):
        def post(invoice_id):
            def work(env):
                env["account.move"].browse(invoice_id).action_post()
                return "posted"

            return work

        results = run_at_once(
            self.db,
            [(self.user_id, post(invoice_id)) for invoice_id in self.invoice_ids],
        )
        self.assertEqual(results, ["posted", "posted"], results)
        with self.db.cursor() as cr:
            cr.execute(
                """SELECT COUNT(DISTINCT contract_period_start), SUM(quantity)
                     FROM tz_session_credit WHERE partner_id = %s""",
                [self.partner_id],
            )
            self.assertEqual(cr.fetchone(), (1, 8), "one period, granted once")
            cr.execute(
                "SELECT state FROM account_move WHERE id IN %s",
                [tuple(self.invoice_ids)],
            )
            self.assertEqual({state for (state,) in cr.fetchall()}, {"posted"})
