"""Browser tours of the sale bridges (issue P7, point 6 and the README).

- the pack product form and a client card with a paid grant next to a manual
  one and a revoked one (README screenshots with ``TZ_SCREENSHOTS=1``);
- the online shop, on desktop and at 390 × 844 (P16 items 2, 3 and 10): a
  visitor and a signed-in portal client find a published pack by browsing
  its category and by searching; its page says what it grants and nothing
  of shipping; the client buys it through a checkout that does not speak of
  delivery, pays with Odoo's demo provider (enabled here: no shipped addon
  depends on payment_demo), reaches the confirmation page and sees the
  credits on /my/session_credits, with no one at the gym confirming.
"""

import contextlib
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .browser_tools import capture_screenshots, emulate_phone
from .common import SaleCreditsCase

TOUR_TIMEOUT = 180
SHOP_PACK = "Shop PT pack"


@tagged("post_install", "-at_install")
class TestSaleTours(HttpCase, SaleCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pack_pt.name = "10 × Personal Training 60 min, valid 3 months"
        cls.portal_user = new_test_user(
            cls.env,
            login="tz_shop_client",
            password="tz_shop_client",
            groups="base.group_portal",
            name="Paula Portal",
            email="paula.portal@example.com",
        )
        cls.portal_user.partner_id.write(
            {
                "street": "3 Rue du Sport",
                "city": "Brussels",
                "zip": "1000",
                "country_id": cls.env.ref("base.be").id,
                "phone": "+32 2 555 01 01",
            }
        )
        # not "Session Packs": the demo data has one
        category = cls.env["product.public.category"].create({"name": "Studio Packs"})
        cls.shop_pack = cls.env["product.template"].create(
            {
                "name": SHOP_PACK,
                "public_categ_ids": [(6, 0, category.ids)],
                "type": "service",
                "list_price": 120.0,
                "taxes_id": [(5, 0, 0)],
                "is_published": True,
                "session_credit_event_type_id": cls.type_pt.id,
                "session_credit_quantity": 10,
                "session_credit_validity_number": 3,
                "session_credit_validity_unit": "months",
            }
        )
        cls.env.ref("payment.payment_provider_demo").write(
            {"state": "test", "is_published": True}
        )

    def _tour(self, url, name, login, phone=False):
        phone_ctx = emulate_phone() if phone else contextlib.nullcontext()
        with phone_ctx, capture_screenshots(scale=2 if phone else 1) as shots:
            self.start_tour(url, name, login=login, timeout=TOUR_TIMEOUT)
        self.assertFalse(shots.errors, shots.errors)
        return shots

    # ------------------------------------------------------------------
    # Back office: the pack and the client card (README screenshots)
    # ------------------------------------------------------------------

    def test_pack_product_form(self):
        self.browser_size = "1440x1000"
        shots = self._tour(
            f"/odoo/action-sale.product_template_action/{self.pack_pt.id}",
            "tz_session_credits_sale_pack_form",
            "admin",
        )
        self.assertEqual(shots.requested, ["sale_pack_product"])

    def test_client_card_paid_next_to_manual(self):
        self.browser_size = "1600x1080"
        client = self.env["res.partner"].create(
            {"name": "Olivia Bennett", "email": "olivia.bennett@example.com"}
        )
        self.env["tz.session.credit"].with_user(self.user_front_desk).create(
            {
                "partner_id": client.id,
                "event_type_id": self.type_hiit.id,
                "quantity": 2,
                "expiry_date": fields.Date.today() + timedelta(days=30),
                "note": "Free trial classes.",
            }
        )
        order = self.make_order([(self.pack_pt, 1)], partner=client)
        order.with_user(self.user_salesman).action_confirm()
        # a 5-class pack, cancelled: its credits were taken back (Revoked)
        cancelled = self.make_order([(self.pack_hiit, 1)], partner=client)
        cancelled.with_user(self.user_salesman).action_confirm()
        cancelled.with_user(self.user_salesman)._action_cancel()
        self.assertEqual(self.sale_credits(cancelled).state, "revoked")
        shots = self._tour(
            f"/odoo/contacts/{client.id}",
            "tz_session_credits_sale_client_card",
            "tz_front_desk",
        )
        self.assertEqual(shots.requested, ["sale_client_card"])

    # ------------------------------------------------------------------
    # The online shop
    # ------------------------------------------------------------------

    def _check_bought(self):
        partner = self.portal_user.partner_id
        order = self.env["sale.order"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale", "confirmed by the payment")
        self.assertEqual(order.transaction_ids.state, "done")
        credits = self.credits_of(partner)
        self.assertRecordValues(
            credits,
            [
                {
                    "event_type_id": self.type_pt.id,
                    "quantity": 10,
                    "source": "sale",
                    "sale_line_id": order.order_line.id,
                    "unit_value": 12.0,
                }
            ],
        )
        self.assertEqual(partner.session_credits_available, 10)

    def test_shop_visitor_finds_pack(self):
        self.browser_size = "1440x1000"
        self._tour("/shop", "tz_session_credits_shop_find_pack", None)

    def test_shop_visitor_finds_pack_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self._tour("/shop", "tz_session_credits_shop_find_pack", None, phone=True)

    def test_shop_portal_client_buys_pack(self):
        self.browser_size = "1440x1000"
        self._tour("/shop", "tz_session_credits_shop_buy_pack", "tz_shop_client")
        self._check_bought()

    def test_shop_portal_client_buys_pack_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self._tour(
            "/shop", "tz_session_credits_shop_buy_pack", "tz_shop_client", phone=True
        )
        self._check_bought()
