from odoo.tests import tagged, users, warmup

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestBulkQueryCount(SessionCreditsCase):
    """A bulk grant costs the same number of queries for 10 clients or 100."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create(
            [
                {"name": f"Member {i:03d}", "email": f"m{i}@example.com"}
                for i in range(110)
            ]
        )
        cls.ten, cls.hundred = partners[:10], partners[10:110]

    def grant(self, partners):
        wizard = self.env["tz.session.credit.add"].create(
            {
                "partner_ids": [(6, 0, partners.ids)],
                "event_type_id": self.type_pt.id,
                "quantity": 2,
                "expiry_mode": "period",
                "validity_number": 3,
                "validity_unit": "months",
            }
        )
        wizard.action_add_credits()
        self.env.flush_all()

    @users("tz_adder")
    @warmup
    def test_grant_query_count_does_not_grow(self):
        # warm the ORM and the mail caches with a first grant
        self.grant(self.clients[:1])
        with self.assertQueryCount(tz_adder=24):
            self.grant(self.ten)
        with self.assertQueryCount(tz_adder=24):
            self.grant(self.hundred)
        self.assertEqual(len(self.credits_of(self.ten | self.hundred)), 110)
