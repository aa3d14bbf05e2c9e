"""POS tour (issue P10): the front desk sells a session pack in the Point of
Sale, sees the client's balance go up, refunds it, and cannot pay a pack
without a customer; and (issue P16, item 4) a register limited to some
product categories finds a pack by name and sells it. Runs the real POS in
headless Chromium
(``tz_session_credits_pos/static/tests/tours/session_credits_pos_tours.js``);
with ``TZ_SCREENSHOTS=1`` it writes ``docs/pos_session_credits.png``."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .browser_tools import capture_screenshots
from .common import POS_USER_GROUPS, PosCreditsCase, SaleCreditsCase

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
        # the front desk shows its packs only (not the demo shop's products),
        # which are in the "Session Packs" category by default
        category = cls.env.ref("tz_session_credits_pos.pos_category_session_packs")
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


@tagged("post_install", "-at_install")
class TestPosLimitedRegisterTour(HttpCase, SaleCreditsCase):
    """Issue P16 item 4: point_of_sale's demo registers show only their own
    product categories, so the packs, in none of them, could not be found.
    On the demo Furniture Shop (limited to its categories), a pack created
    with nothing but its session type is found by name and sold, and the
    client's credits panel shows the new credits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.register = cls.env.ref("point_of_sale.pos_config_main")
        cls.olivia = cls.env["res.partner"].create(
            {"name": "Olivia Bennett", "email": "olivia.bennett@example.com"}
        )
        cls.env["tz.session.credit"].with_user(cls.user_adder)._grant(
            cls.olivia, cls.type_hiit, 4
        )
        cls.user_cashier = new_test_user(
            cls.env,
            login="tz_cashier",
            groups=POS_USER_GROUPS,
            tz="UTC",
            name="Carla Cashier",
        )

    def test_limited_register_finds_and_sells_pack(self):
        self.assertTrue(self.register.limit_categories)
        # every demo shop shows the packs' category (demo data)
        packs = self.env.ref("tz_session_credits_pos.pos_category_session_packs")
        for xmlid in ("pos_config_main", "pos_config_clothes", "pos_config_bakery"):
            register = self.env.ref(f"point_of_sale.{xmlid}")
            self.assertIn(packs, register.iface_available_categ_ids, xmlid)
        self.assertFalse(self.register.current_session_id)
        self.browser_size = "1280x800"
        self.start_tour(
            f"/pos/ui?config_id={self.register.id}",
            "tz_session_credits_pos_limited_register_tour",
            login="tz_cashier",
            timeout=TOUR_TIMEOUT,
        )
        order = self.env["pos.order"].search(
            [("session_id", "=", self.register.current_session_id.id)]
        )
        self.assertEqual(order.partner_id, self.olivia)
        self.assertEqual(order.lines.product_id, self.pack_pt.product_variant_id)
        credits = self.env["tz.session.credit"].search(
            [("pos_order_id", "=", order.id)]
        )
        self.assertRecordValues(
            credits, [{"partner_id": self.olivia.id, "quantity": 20, "source": "pos"}]
        )
