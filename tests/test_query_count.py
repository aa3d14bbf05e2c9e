from odoo.tests import tagged, users, warmup

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestBulkQueryCount(SessionCreditsCase):
    """A bulk grant reads and checks nothing per client: for 1,500 clients it
    costs what 10 do, plus what the ORM's own ``create`` costs by batch (an
    INSERT per 100 rows, INSERT_BATCH_SIZE, for the credits and for the
    clients' notes, and its reads per 1,000 records, PREFETCH_MAX): 43 more
    queries, whatever else the grant does; ticked rows and "select all"
    alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create(
            [
                {"name": f"Member {i:04d}", "email": f"m{i}@example.com", "ref": "qc"}
                for i in range(1510)
            ]
        )
        cls.ten, cls.many = partners[:10], partners[10:]
        # "select all" past this many rows sends the list's domain
        cls.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", "10")

    def grant(self, partners, domain=None):
        # tracking_disable: the test-only addon (tests/addons) makes the
        # ledger a mail.thread, whose create subscribes and logs per record;
        # the shipped ledger is not one, and these counts are the shipped one's
        context = {
            "active_model": "res.partner",
            "active_ids": partners.ids,
            "tracking_disable": True,
        }
        if domain is not None:
            context.update(active_ids=partners[:10].ids, active_domain=domain)
        wizard = (
            self.env["tz.session.credit.add"]
            .with_context(**context)
            .create(
                {
                    "event_type_id": self.type_pt.id,
                    "quantity": 2,
                    "expiry_mode": "period",
                    "validity_number": 3,
                    "validity_unit": "months",
                }
            )
        )
        wizard.action_add_credits()
        self.env.flush_all()

    @users("tz_adder")
    @warmup
    def test_grant_query_count_does_not_grow(self):
        # warm the ORM and the mail caches with a first grant
        self.grant(self.clients[:1])
        with self.assertQueryCount(tz_adder=14):
            self.grant(self.ten[:9])
        with self.assertQueryCount(tz_adder=14 + 43):
            self.grant(self.many)
        self.assertEqual(len(self.credits_of(self.ten[:9] | self.many)), 1509)

    @users("tz_adder")
    @warmup
    def test_select_all_query_count_does_not_grow(self):
        self.grant(self.clients[:1])
        with self.assertQueryCount(tz_adder=12):
            self.grant(self.ten, [("id", "in", self.ten.ids)])
        with self.assertQueryCount(tz_adder=12 + 43):
            self.grant(self.many, [("ref", "=", "qc"), ("id", "not in", self.ten.ids)])
        self.assertEqual(len(self.credits_of(self.ten | self.many)), 1510)
