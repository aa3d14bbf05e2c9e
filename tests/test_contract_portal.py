"""Memberships in the client portal (issue P13, point 6): /my/session_credits
lists the client's memberships with their next period date, and each
membership credit's period and source, "Membership"; nothing of another
client's. Read with the client's own rights."""

from dateutil.relativedelta import relativedelta
from lxml import html

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ContractCreditsCase
from .test_portal_access import PAGE, css


@tagged("post_install", "-at_install")
class TestMembershipPortal(HttpCase, ContractCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="tz_member",
            password="tz_member_pw",
            groups="base.group_portal",
            name="Mona Member",
            email="mona@example.com",
            tz="UTC",
        )
        cls.member = cls.portal_user.partner_id
        cls.other = cls.env["res.partner"].create({"name": "Otto Other"})

    def _page(self):
        self.authenticate("tz_member", "tz_member_pw")
        response = self.url_open(PAGE)
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.content)

    def test_memberships_and_their_credits(self):
        today = fields.Date.context_today(self.env["tz.session.credit"])
        contract = self.sell_membership(today, partner=self.member)
        self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        other_contract = self.sell_membership(today, partner=self.other)
        self.invoice_next_period(other_contract)
        doc = self._page()
        [membership] = css(doc, ".o_tz_portal_memberships .o_tz_portal_membership")
        text = " ".join(membership.text_content().split())
        self.assertIn("8 × Group HIIT per month", text)
        self.assertIn("8 × Group HIIT every period", text)
        line = contract.contract_line_ids
        self.assertEqual(line.next_period_date_start, today + relativedelta(months=2))
        next_period = css(membership, ".o_tz_portal_next_period")[0].text_content()
        self.assertIn(
            fields.Date.to_string(line.next_period_date_start)[:4], next_period
        )
        self.assertIn("Next period", next_period)
        # each grant: its source in the client's words, and its period
        grants = css(doc, ".o_tz_portal_history .o_tz_portal_grant")
        self.assertEqual(len(grants), 4, "two periods of two grants each")
        for grant in grants:
            grant_text = " ".join(grant.text_content().split())
            self.assertIn("Membership", grant_text)
            self.assertIn("period", grant_text)
            self.assertTrue(css(grant, ".o_tz_portal_period"))
        self.assertNotIn("Otto", doc.text_content())

    def test_ended_membership_is_not_listed(self):
        today = fields.Date.context_today(self.env["tz.session.credit"])
        self.membership.recurrence_number = 1
        contract = self.sell_membership(
            today - relativedelta(months=2), partner=self.member
        )
        self.invoice_next_period(contract)
        doc = self._page()
        self.assertFalse(css(doc, ".o_tz_portal_memberships"))
        grants = css(doc, ".o_tz_portal_history .o_tz_portal_grant")
        self.assertEqual(len(grants), 2)

    def test_portal_reads_only_its_own_memberships_lines(self):
        """What the page shows is read with the client's rights: the
        related session type and credits per period of a line need no
        access to products."""
        today = fields.Date.context_today(self.env["tz.session.credit"])
        contract = self.sell_membership(today, partner=self.member)
        line = contract.contract_line_ids.with_user(self.portal_user)
        self.assertEqual(line.session_credit_event_type_id, self.type_hiit)
        self.assertEqual(line.session_credits_per_period, 8)
