from freezegun import freeze_time

from odoo.tests import tagged, users, warmup

from odoo.addons.tz_session_credits.models.res_partner import OPERATORS

from .common import SessionCreditsCase

MANY = 1050  # more clients than a page, a filter, or the web client's limits


@tagged("post_install", "-at_install")
class TestBalances(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Credit = cls.env["tz.session.credit"]
        c0, c1, c2 = cls.clients[:3]
        Credit.create(
            [
                {
                    "partner_id": c0.id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 5,
                    "expiry_date": "2099-06-30",
                },
                {
                    "partner_id": c0.id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 2,
                    "expiry_date": "2099-01-31",
                },
                {"partner_id": c0.id, "event_type_id": cls.type_hiit.id, "quantity": 1},
                {
                    "partner_id": c1.id,
                    "event_type_id": cls.type_hiit.id,
                    "quantity": 10,
                },
                {"partner_id": c2.id, "event_type_id": cls.type_pt.id, "quantity": 3},
            ]
        )

    def test_balance_per_event_type(self):
        balances = self.clients[0].session_credit_balance_ids
        self.assertRecordValues(
            balances.sorted(lambda b: b.event_type_id.name),
            [
                {
                    "event_type_id": self.type_hiit.id,
                    "quantity_available": 1,
                    "quantity_granted": 1,
                    "next_expiry_date": False,
                },
                {
                    "event_type_id": self.type_pt.id,
                    "quantity_available": 7,
                    "quantity_granted": 7,
                    "next_expiry_date": self.env["tz.session.credit"]
                    ._fields["expiry_date"]
                    .to_date("2099-01-31"),
                },
            ],
        )
        self.assertEqual(self.clients[0].session_credits_available, 8)

    def test_search_and_sort_on_available(self):
        Partner = self.env["res.partner"]
        with_credits = Partner.search(
            [("id", "in", self.clients.ids), ("session_credits_available", ">", 0)]
        )
        self.assertEqual(with_credits, self.clients[:3])
        without = Partner.search(
            [("id", "in", self.clients.ids), ("session_credits_available", "=", 0)]
        )
        self.assertEqual(without, self.clients[3:])
        ordered = Partner.search(
            [("id", "in", self.clients.ids)], order="session_credits_available desc, id"
        )
        self.assertEqual(
            ordered[:3].ids,
            [self.clients[1].id, self.clients[0].id, self.clients[2].id],
        )
        self.assertTrue(
            Partner.fields_get(["session_credits_available"])[
                "session_credits_available"
            ]["sortable"]
        )

    @users("tz_staff")
    @warmup
    def test_list_column_query_count_constant(self):
        """The credits column costs the same queries for 2 rows or 5."""
        Partner = self.env["res.partner"]
        fields_spec = {"display_name": {}, "email": {}, "session_credits_available": {}}
        with self.assertQueryCount(tz_staff=5):
            Partner.browse(self.clients[:2].ids).web_read(fields_spec)
        self.env.invalidate_all()
        with self.assertQueryCount(tz_staff=5):
            Partner.browse(self.clients.ids).web_read(fields_spec)

    @users("tz_staff")
    @warmup
    def test_list_filter_query_count(self):
        """The list's search and its count (a page smaller than the matches):
        one EXISTS on the ledger each, whatever the number of clients."""
        Partner = self.env["res.partner"]
        domain = [("id", "in", self.clients.ids), ("session_credits_available", ">", 0)]
        with self.assertQueryCount(tz_staff=5):
            result = Partner.web_search_read(
                domain, {"display_name": {}}, limit=1, order="id"
            )
        self.assertEqual(result["length"], 3)
        self.assertEqual(result["records"][0]["id"], self.clients[0].id)
        # outside a list request nothing is kept: a new grant is seen at once
        self.grant(self.clients[4], 1, user=self.user_adder)
        self.assertEqual(Partner.search_count(domain), 4)

    def test_filter_on_many_clients_matches_their_balances(self):
        """Over a thousand clients: every operator selects exactly the clients
        whose read balance matches (a negated domain when 0 matches)."""
        Partner = self.env["res.partner"]
        many = Partner.create([{"name": f"Member {i}"} for i in range(MANY)])
        self.grant(many[: MANY - 30], qty=2)
        self.grant(many[:5], qty=3)
        scope = many | self.clients
        balances = {p.id: p.session_credits_available for p in scope}
        for operator, value in (
            (">", 0),  # over a thousand matching ids (an EXISTS)
            (">=", 1),  # the same question (an EXISTS)
            ("<", 1),  # none usable (NOT EXISTS)
            ("<=", 0.5),  # the same question (NOT EXISTS)
            ("!=", 0),  # any usable (an EXISTS)
            ("=", 0),  # all but over a thousand ids (negated)
            ("=", 2),  # over a thousand
            ("!=", 2),  # all but over a thousand (negated)
            (">", 4),  # a handful
            ("<=", 4),  # all but a handful (negated)
        ):
            with self.subTest(operator=operator, value=value):
                domain = [("id", "in", scope.ids)]
                found = Partner.search(
                    [*domain, ("session_credits_available", operator, value)]
                )
                expected = [
                    pid for pid, n in balances.items() if OPERATORS[operator](n, value)
                ]
                self.assertEqual(sorted(found.ids), sorted(expected))


@tagged("post_install", "-at_install")
class TestStatus(SessionCreditsCase):
    def test_status_search_matches_the_status_read(self):
        with freeze_time("2026-01-01 10:00:00"):
            active = self.grant(self.clients[0], 2)
            expiring = self.grant(self.clients[1], 2, expiry="2026-01-05")
            used = self.grant(self.clients[2], 1)
            self.book(self.clients[2])
        with freeze_time("2026-01-10 10:00:00"):
            credits = active | expiring | used
            credits.invalidate_recordset()
            self.assertEqual(credits.mapped("state"), ["active", "expired", "used"])
            Credit = self.env["tz.session.credit"]
            for operator, value in (
                ("=", "active"),
                ("!=", "active"),
                ("=", "expired"),
                ("!=", "expired"),
                ("in", ["used", "expired"]),
                ("not in", ["used", "expired"]),
                ("not in", ["active", "used", "expired"]),
            ):
                with self.subTest(operator=operator, value=value):
                    found = Credit.search(
                        [("id", "in", credits.ids), ("state", operator, value)]
                    )
                    values = value if isinstance(value, list) else [value]
                    expected = credits.filtered(
                        lambda c, o=operator, v=values: (c.state in v)
                        == (o in ("=", "in"))
                    )
                    self.assertEqual(found, expected)
