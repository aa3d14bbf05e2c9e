"""POS tour (issue P10): the front desk sells a session pack in the Point of
Sale, sees the client's balance go up, refunds it, and cannot pay a pack
without a customer. Runs the real POS in headless Chromium
(``tz_session_credits_pos/static/tests/tours/session_credits_pos_tours.js``);
with ``TZ_SCREENSHOTS=1`` it writes ``docs/pos_session_credits.png``."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from .browser_tools import capture_screenshots
from .common import PosCreditsCase

TOUR_TIMEOUT = 240


@tagged("post_install", "-at_install")
class TestPosTours(HttpCase, PosCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.olivia = cls.env["res.partner"].create(
            {"name": "Olivia Bennett", "email": "olivia.bennett@example.com"}
        )
        cls.env["tz.session.credit"].with_user(cls.user_adder)._grant(
            cls.olivia, cls.type_hiit, 4
        )
        cls.user_cashier.write({"password": "tz_cashier"})

    @classmethod
    def _pos_config_values(cls):
        # the front desk shows its packs only (not the demo shop's products)
        category = cls.env["pos.category"].create({"name": "Session Packs"})
        (cls.pack_pt | cls.pack_hiit).write(
            {"pos_categ_ids": [Command.set(category.ids)]}
        )
        return {
            "limit_categories": True,
            "iface_available_categ_ids": [Command.set(category.ids)],
        }

    def test_sell_pack_balance_refund(self):
        self.browser_size = "1280x800"  # a 10" tablet in landscape
        with capture_screenshots() as shots:
            self.start_tour(
                f"/pos/ui?config_id={self.pos_config.id}",
                "tz_session_credits_pos_tour",
                login="tz_cashier",
                timeout=TOUR_TIMEOUT,
            )
        self.assertFalse(shots.errors, shots.errors)
        self.assertEqual(shots.requested, ["pos_session_credits"])
        orders = self.env["pos.order"].search(
            [("session_id", "=", self.pos_session.id)], order="id"
        )
        self.assertEqual(len(orders), 3)
        sale, refund, second_sale = orders
        self.assertEqual(sale.partner_id, self.olivia)
        self.assertEqual(refund.lines.refunded_orderline_id, sale.lines)
        self.assertEqual(second_sale.partner_id, self.olivia)
        first, second = self.pos_credits(sale | second_sale)
        self.assertRecordValues(
            first | second,
            [
                {"quantity": 10, "quantity_revoked": 10, "pos_order_id": sale.id},
                {"quantity": 10, "quantity_revoked": 0, "pos_order_id": second_sale.id},
            ],
        )
        self.assertEqual(first.revocation_ids.origin_ref, refund)
        self.assertEqual(self.olivia.session_credits_available, 14)
