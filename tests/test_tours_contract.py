"""Browser tours of the memberships (issue P13, point 7 and the README).

- desktop: a membership sold on a quotation, its contract's two first
  periods invoiced and posted, the credits on the contract and on the client
  card (README screenshots with ``TZ_SCREENSHOTS=1``);
- 390 × 844: a member's client card, with the membership and the credits of
  each period.
"""

import contextlib
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .browser_tools import capture_screenshots, emulate_phone
from .common import ContractCreditsCase

TOUR_TIMEOUT = 240


@tagged("post_install", "-at_install")
class TestContractTours(HttpCase, ContractCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # names of their own: the demo data has an "8 × Group HIIT per month"
        template = cls.env["contract.template"].create(
            {"name": "HIIT Club memberships", "contract_type": "sale"}
        )
        cls.membership.write(
            {
                "name": "HIIT Club: 8 classes a month",
                "property_contract_template_id": template.id,
            }
        )
        cls.nora = cls.env["res.partner"].create(
            {"name": "Nora Quinn", "email": "nora.quinn@example.com"}
        )

    def _tour(self, url, name, login, phone=False):
        phone_ctx = emulate_phone() if phone else contextlib.nullcontext()
        with phone_ctx, capture_screenshots(scale=2 if phone else 1) as shots:
            self.start_tour(url, name, login=login, timeout=TOUR_TIMEOUT)
        self.assertFalse(shots.errors, shots.errors)
        return shots

    def _check_two_periods(self, contract):
        credits = self.membership_credits(contract)
        self.assertEqual(len(set(credits.mapped("contract_period_start"))), 2)
        self.assertEqual(sum(credits.mapped("quantity")), 16)
        self.assertEqual(set(credits.mapped("source")), {"contract"})
        self.assertEqual(credits.partner_id, self.nora)

    def test_sell_a_membership_and_post_two_periods(self):
        self.browser_size = "1440x1000"
        shots = self._tour(
            "/odoo/action-sale.action_quotations_with_onboarding/new?debug=1",
            "tz_session_credits_membership_sell",
            "admin",
        )
        self.assertEqual(
            shots.requested, ["membership_contract", "membership_client_card"]
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.nora.id)])
        self.assertEqual(order.state, "sale")
        contract = order.order_line.contract_id
        self.assertEqual(
            contract._get_related_invoices().mapped("state"), ["posted", "posted"]
        )
        self._check_two_periods(contract)

    def test_member_card_phone(self):
        today = fields.Date.context_today(self.env["tz.session.credit"])
        contract = self.sell_membership(today, partner=self.nora)
        self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        self.use_credits(self.nora, 2, today + timedelta(days=1))
        self.browser_size = "390x844"
        self.touch_enabled = True
        shots = self._tour(
            f"/odoo/contacts/{self.nora.id}",
            "tz_session_credits_membership_card_phone",
            "admin",
            phone=True,
        )
        self.assertEqual(shots.requested, ["membership_client_card_phone"])
        self._check_two_periods(contract)
