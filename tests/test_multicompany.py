"""Two gyms (companies) in one database.

Company A is ``self.company`` (common.py), company B is created here. Credits,
B-only event types and balances of B are invisible to a user of A; shared
event types (no company) are seen by both; credits are always granted in the
user's current company, with event types and clients of that company (or
shared ones).
"""

from datetime import timedelta
from xmlrpc.client import Fault

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import ADD_GROUPS, EventCreditsCase, SessionCreditsCase


@tagged("post_install", "-at_install")
class TestMultiCompany(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Gym B"})
        EventType = cls.env["tz.session.event.type"]
        cls.type_a = EventType.create(
            {"name": "A Boxing", "company_id": cls.company_a.id}
        )
        cls.type_b = EventType.create(
            {"name": "B Pilates", "company_id": cls.company_b.id}
        )
        cls.type_shared = cls.type_pt  # no company
        Partner = cls.env["res.partner"]
        cls.partner_a = Partner.create(
            {"name": "A-only Client", "company_id": cls.company_a.id}
        )
        cls.partner_b = Partner.create(
            {"name": "B-only Client", "company_id": cls.company_b.id}
        )
        cls.shared = cls.client  # a client of no company, seen by both gyms
        # user_adder (common.py) is in A only
        cls.user_adder_b = new_test_user(
            cls.env,
            login="tz_adder_b",
            groups=ADD_GROUPS,
            tz="UTC",
            name="Bea B",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, [cls.company_b.id])],
        )
        cls.user_adder_ab = new_test_user(
            cls.env,
            login="tz_adder_ab",
            groups=ADD_GROUPS,
            tz="UTC",
            name="Alex Both",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, [cls.company_a.id, cls.company_b.id])],
        )
        Credit = cls.env["tz.session.credit"]
        # credits in A: shared client 3 (shared type) + A-only client 2 (A type)
        cls.credits_a = Credit.with_company(cls.company_a)._grant(
            cls.shared, cls.type_shared, 3
        ) | Credit.with_company(cls.company_a)._grant(cls.partner_a, cls.type_a, 2)
        # credits in B: shared client 5 (B type) + B-only client 7 (shared type)
        cls.credits_b = Credit.with_company(cls.company_b)._grant(
            cls.shared, cls.type_b, 5
        ) | Credit.with_company(cls.company_b)._grant(cls.partner_b, cls.type_shared, 7)
        assert set(cls.credits_a.mapped("company_id").ids) == {cls.company_a.id}
        assert set(cls.credits_b.mapped("company_id").ids) == {cls.company_b.id}

    def _credit_count(self):
        return self.env["tz.session.credit"].sudo().search_count([])

    def _in(self, user, *companies):
        """An environment of ``user`` working in ``companies`` (first = current)."""
        return self.env(
            user=user, context={"allowed_company_ids": [c.id for c in companies]}
        )

    # ------------------------------------------------------------------
    # Record rules
    # ------------------------------------------------------------------

    def test_user_of_a_sees_only_a_credits(self):
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        self.assertEqual(
            Credit.search([]) & (self.credits_a | self.credits_b), self.credits_a
        )
        self.assertFalse(Credit.search([("company_id", "=", self.company_b.id)]))
        with self.assertRaises(UserError):
            self.credits_b.with_user(self.user_adder).check_access("read")
        self.credits_a.with_user(self.user_adder).check_access("read")

    def test_user_of_b_sees_only_b_credits(self):
        Credit = self.env["tz.session.credit"].with_user(self.user_adder_b)
        self.assertEqual(
            Credit.search([]) & (self.credits_a | self.credits_b), self.credits_b
        )

    def test_user_of_both_sees_allowed_companies_only(self):
        Credit = self._in(self.user_adder_ab, self.company_a)["tz.session.credit"]
        self.assertEqual(
            Credit.search([]) & (self.credits_a | self.credits_b), self.credits_a
        )
        Credit = self._in(self.user_adder_ab, self.company_b, self.company_a)[
            "tz.session.credit"
        ]
        self.assertEqual(
            Credit.search([]) & (self.credits_a | self.credits_b),
            self.credits_a | self.credits_b,
        )

    def test_event_types_visibility(self):
        types = self.type_a | self.type_b | self.type_shared
        EventType = self.env["tz.session.event.type"]
        seen_a = EventType.with_user(self.user_adder).search([]) & types
        self.assertEqual(seen_a, self.type_a | self.type_shared)
        seen_b = EventType.with_user(self.user_adder_b).search([]) & types
        self.assertEqual(seen_b, self.type_b | self.type_shared)
        with self.assertRaises(UserError):
            self.type_b.with_user(self.user_adder).check_access("read")
        # a shared type is readable by both
        self.type_shared.with_user(self.user_adder).check_access("read")
        self.type_shared.with_user(self.user_adder_b).check_access("read")

    def test_balances_visibility(self):
        Balance = self.env["tz.session.credit.balance"]
        rows_a = Balance.with_user(self.user_adder).search(
            [("partner_id", "=", self.shared.id)]
        )
        self.assertEqual(rows_a.company_id, self.company_a)
        self.assertEqual(rows_a.event_type_id, self.type_shared)
        self.assertEqual(sum(rows_a.mapped("quantity_available")), 3)
        rows_b = Balance.with_user(self.user_adder_b).search(
            [("partner_id", "=", self.shared.id)]
        )
        self.assertEqual(rows_b.company_id, self.company_b)
        self.assertEqual(sum(rows_b.mapped("quantity_available")), 5)

    # ------------------------------------------------------------------
    # Granting across companies
    # ------------------------------------------------------------------

    def test_grant_b_event_type_in_a_refused_user_of_a(self):
        """A user of A only cannot even read B's event type."""
        before = self._credit_count()
        with self.assertRaises(UserError):
            self.shared.with_user(self.user_adder).add_session_credits(
                self.type_b.id, 2
            )
        form = Form(
            self.env["tz.session.credit.add"]
            .with_user(self.user_adder)
            .with_context(active_model="res.partner", active_ids=self.shared.ids)
        )
        form.event_type_id = self.type_b
        with self.assertRaises(UserError):
            form.save().action_add_credits()
        self.assertEqual(self._credit_count(), before)

    def test_grant_b_event_type_in_a_refused_user_of_both(self):
        """A user of both companies, working in A (both allowed): B's event
        type is readable but cannot be granted in A."""
        env = self._in(self.user_adder_ab, self.company_a, self.company_b)
        self.assertEqual(env.company, self.company_a)
        before = self._credit_count()
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            env["res.partner"].browse(self.shared.id).add_session_credits(
                self.type_b.id, 2
            )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            env["tz.session.credit"].create(
                {
                    "partner_id": self.shared.id,
                    "event_type_id": self.type_b.id,
                    "quantity": 2,
                }
            )
        form = Form(
            env["tz.session.credit.add"].with_context(
                active_model="res.partner", active_ids=self.shared.ids
            )
        )
        self.assertEqual(form.company_id, self.company_a)
        form.event_type_id = self.type_b
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            form.save().action_add_credits()
        self.assertEqual(self._credit_count(), before)

    def test_grant_b_event_type_in_b_allowed(self):
        """The control: the same user working in B may grant B's type."""
        env = self._in(self.user_adder_ab, self.company_b, self.company_a)
        before = self._credit_count()
        ids = (
            env["res.partner"]
            .browse(self.shared.id)
            .add_session_credits(self.type_b.id, 2)
        )
        self.assertEqual(self._credit_count(), before + 1)
        credit = self.env["tz.session.credit"].browse(ids)
        self.assertEqual(credit.company_id, self.company_b)
        self.assertEqual(credit.event_type_id, self.type_b)

    def test_partner_of_b_cannot_get_credits_in_a(self):
        before = self._credit_count()
        # a user of A only cannot see the client at all
        with self.assertRaises(UserError):
            self.partner_b.with_user(self.user_adder).add_session_credits(
                self.type_shared.id, 1
            )
        # a user of both, working in A with B allowed too, sees it but cannot
        # give it credits in A
        env = self._in(self.user_adder_ab, self.company_a, self.company_b)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            env["res.partner"].browse(self.partner_b.id).add_session_credits(
                self.type_shared.id, 1
            )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            env["tz.session.credit"].create(
                {
                    "partner_id": self.partner_b.id,
                    "event_type_id": self.type_shared.id,
                    "company_id": self.company_a.id,
                }
            )
        form = Form(
            env["tz.session.credit.add"].with_context(
                active_model="res.partner",
                active_ids=(self.partner_b | self.shared).ids,
            )
        )
        form.event_type_id = self.type_shared
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            form.save().action_add_credits()
        self.assertEqual(self._credit_count(), before)
        self.assertEqual(
            self.credits_of(self.partner_b),
            self.credits_b.filtered(lambda c: c.partner_id == self.partner_b),
        )

    def test_partner_of_b_gets_credits_in_b(self):
        """The control: in B, B's client gets credits."""
        env = self._in(self.user_adder_ab, self.company_b, self.company_a)
        before = self._credit_count()
        env["res.partner"].browse(self.partner_b.id).add_session_credits(
            self.type_shared.id, 1
        )
        self.assertEqual(self._credit_count(), before + 1)

    def test_credits_created_in_current_company(self):
        env = self._in(self.user_adder_ab, self.company_b, self.company_a)
        form = Form(
            env["tz.session.credit.add"].with_context(
                active_model="res.partner", active_ids=self.clients[1:3].ids
            )
        )
        self.assertEqual(form.company_id, self.company_b)
        form.event_type_id = self.type_shared
        form.save().action_add_credits()
        credits = self.credits_of(self.clients[1:3])
        self.assertEqual(len(credits), 2)
        self.assertEqual(credits.company_id, self.company_b)

    # ------------------------------------------------------------------
    # Available balance per allowed companies
    # ------------------------------------------------------------------

    def _available(self, env, partner):
        env.invalidate_all()  # a fresh request
        return env["res.partner"].browse(partner.id).session_credits_available

    def _search_ids(self, env, partners):
        env.invalidate_all()
        found = env["res.partner"].search(
            [("id", "in", partners.ids), ("session_credits_available", ">", 0)]
        )
        return found

    def test_available_counts_allowed_companies_only(self):
        cases = [
            (self.env(user=self.user_adder), 3),
            (self.env(user=self.user_adder_b), 5),
            (self._in(self.user_adder_ab, self.company_a), 3),
            (self._in(self.user_adder_ab, self.company_b), 5),
            (self._in(self.user_adder_ab, self.company_a, self.company_b), 8),
            (self.env(user=self.user_adder_ab), 8),  # no context: all user companies
        ]
        for env, expected in cases:
            with self.subTest(user=env.user.login, companies=env.companies.ids):
                self.assertEqual(self._available(env, self.shared), expected)

    def test_available_search_and_sort_follow_allowed_companies(self):
        """Search and sort use the same rule as the computed value."""
        partners = self.partner_a | self.partner_b | self.shared
        env_a = self._in(self.user_adder_ab, self.company_a)
        self.assertEqual(
            self._search_ids(env_a, partners), self.partner_a | self.shared
        )
        env_b = self._in(self.user_adder_ab, self.company_b)
        self.assertEqual(
            self._search_ids(env_b, partners), self.partner_b | self.shared
        )
        env_ab = self._in(self.user_adder_ab, self.company_a, self.company_b)
        self.assertEqual(self._search_ids(env_ab, partners), partners)
        # B-only client: 7 in B; shared: 3 in A + 5 in B; A-only client: 2 in A
        ordered = env_ab["res.partner"].search(
            [("id", "in", partners.ids)], order="session_credits_available desc, id"
        )
        self.assertEqual(
            ordered.ids, (self.shared | self.partner_b | self.partner_a).ids
        )
        self.assertEqual(ordered.mapped("session_credits_available"), [8, 7, 2])
        env_a.invalidate_all()
        ordered_a = env_a["res.partner"].search(
            [("id", "in", (self.shared | self.partner_a).ids)],
            order="session_credits_available desc, id",
        )
        self.assertEqual(ordered_a.mapped("session_credits_available"), [3, 2])
        self.assertEqual(ordered_a.ids, (self.shared | self.partner_a).ids)
        # exact-value search, per company
        self.assertEqual(
            env_a["res.partner"].search(
                [("id", "in", partners.ids), ("session_credits_available", "=", 3)]
            ),
            self.shared,
        )

    def test_available_not_cached_across_companies(self):
        """Within one transaction (e.g. a loop over ``with_company``), the
        value follows the allowed companies of the environment it is read
        in, not whatever was read first."""
        shared = self.shared.with_user(self.user_adder_ab)
        both = shared.with_context(
            allowed_company_ids=[self.company_a.id, self.company_b.id]
        )
        only_a = shared.with_context(allowed_company_ids=[self.company_a.id])
        only_b = shared.with_context(allowed_company_ids=[self.company_b.id])
        self.assertEqual(both.session_credits_available, 8)
        self.assertEqual(only_a.session_credits_available, 3)
        self.assertEqual(only_b.session_credits_available, 5)
        self.assertEqual(shared.with_user(self.user_adder).session_credits_available, 3)


@tagged("post_install", "-at_install")
class TestMultiCompanyBookingRpc(HttpCase, EventCreditsCase):
    """P12 item 4: an internal user of company A books, by XML-RPC, a calendar
    session or a class whose *Session Type* belongs to company B. The type
    allows booking on account, so without a check this leaves an unpaid use
    in A of B's type. Odoo's company-consistency error refuses it, and
    nothing is booked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Gym B"})
        EventType = cls.env["tz.session.event.type"]
        cls.type_a = EventType.create(
            {
                "name": "A Boxing",
                "company_id": cls.company_a.id,
                "allow_on_account": True,
            }
        )
        cls.type_b = EventType.create(
            {
                "name": "B Pilates",
                "company_id": cls.company_b.id,
                "allow_on_account": True,
            }
        )
        groups = "base.group_user,event.group_event_user"
        cls.user_a = new_test_user(
            cls.env,
            login="tz_mc_rpc_a",
            password="tz_mc_rpc_a_pw",
            groups=groups,
            tz="UTC",
            name="Ann A",
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )
        cls.user_ab = new_test_user(
            cls.env,
            login="tz_mc_rpc_ab",
            password="tz_mc_rpc_ab_pw",
            groups=groups,
            tz="UTC",
            name="Abe Both",
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )
        cls.start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)

    def call(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user``, over XML-RPC."""
        password = f"{user.login}_pw"
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, user.login, password, {})
        self.assertEqual(uid, user.id)
        return self.xmlrpc_object.execute_kw(
            db, uid, password, model, method, list(args), kwargs
        )

    def uses_of(self, partner):
        return (
            self.env["tz.session.credit.usage"]
            .sudo()
            .search([("partner_id", "=", partner.id)])
        )

    def session_vals(self, event_type, partners):
        return {
            "name": "PT session",
            "start": fields.Datetime.to_string(self.start),
            "stop": fields.Datetime.to_string(self.start + timedelta(hours=1)),
            "session_event_type_id": event_type.id,
            # an RPC client sends the x2many commands as plain lists
            "partner_ids": [[6, 0, partners.ids]],
        }

    def class_vals(self, **vals):
        return {
            "name": "Pilates class",
            "date_begin": fields.Datetime.to_string(self.start),
            "date_end": fields.Datetime.to_string(self.start + timedelta(hours=1)),
            **vals,
        }

    def test_calendar_session_of_another_company_type_refused(self):
        with self.assertRaisesRegex(Fault, "Incompatible companies"):
            self.call(
                self.user_a,
                "calendar.event",
                "create",
                self.session_vals(self.type_b, self.client),
            )
        self.assertFalse(self.uses_of(self.client))
        # the control: A's own type books on account, in A
        self.call(
            self.user_a,
            "calendar.event",
            "create",
            self.session_vals(self.type_a, self.client),
        )
        self.assertRecordValues(
            self.uses_of(self.client),
            [
                {
                    "event_type_id": self.type_a.id,
                    "company_id": self.company_a.id,
                    "state": "unpaid",
                }
            ],
        )

    def test_client_added_to_another_company_session_refused(self):
        """A session of B's type with no client yet books nothing; adding
        the client (the attendee) is the booking, and is refused."""
        event_id = self.call(
            self.user_a,
            "calendar.event",
            "create",
            self.session_vals(self.type_b, self.user_a.partner_id),
        )
        with self.assertRaisesRegex(Fault, "Incompatible companies"):
            self.call(
                self.user_a,
                "calendar.event",
                "write",
                [event_id],
                {"partner_ids": [[4, self.client.id]]},
            )
        self.assertFalse(self.uses_of(self.client))
        self.assertNotIn(
            self.client, self.env["calendar.event"].browse(event_id).partner_ids
        )

    def test_class_of_another_company_type_refused(self):
        with self.assertRaisesRegex(Fault, "Incompatible companies"):
            self.call(
                self.user_a,
                "event.event",
                "create",
                self.class_vals(session_event_type_id=self.type_b.id),
            )
        # nor through a class template whose session type is B's
        template = self.env["event.type"].create(
            {
                "name": "Pilates template",
                "session_event_type_id": self.type_b.id,
                "event_type_mail_ids": [Command.clear()],
            }
        )
        with self.assertRaisesRegex(Fault, "Incompatible companies"):
            self.call(
                self.user_a,
                "event.event",
                "create",
                self.class_vals(event_type_id=template.id),
            )
        self.assertFalse(
            self.env["event.event"].search([("name", "=", "Pilates class")])
        )
        # nor by retyping a class of A, which stays as it was
        class_id = self.call(
            self.user_a,
            "event.event",
            "create",
            self.class_vals(session_event_type_id=self.type_a.id),
        )
        with self.assertRaisesRegex(Fault, "Incompatible companies"):
            self.call(
                self.user_a,
                "event.event",
                "write",
                [class_id],
                {"session_event_type_id": self.type_b.id},
            )
        klass = self.env["event.event"].browse(class_id)
        self.assertEqual(klass.session_event_type_id, self.type_a)
        # and registering a client to the class of A uses A's type, in A
        self.call(
            self.user_a,
            "event.registration",
            "create",
            {"event_id": class_id, "partner_id": self.client.id},
        )
        self.assertRecordValues(
            self.uses_of(self.client),
            [
                {
                    "event_type_id": self.type_a.id,
                    "company_id": self.company_a.id,
                    "state": "unpaid",
                }
            ],
        )

    def test_class_of_b_registered_from_a_books_in_b(self):
        """A user of both gyms working in A registers a client to a class of
        B (B's type): the class's company, not the user's current one, is
        where the use on account is recorded, so it is consistent."""
        klass = (
            self.env["event.event"]
            .with_company(self.company_b)
            .create(
                {
                    **self.class_vals(session_event_type_id=self.type_b.id),
                    "company_id": self.company_b.id,
                }
            )
        )
        self.call(
            self.user_ab,
            "event.registration",
            "create",
            {"event_id": klass.id, "partner_id": self.client.id},
            context={"allowed_company_ids": [self.company_a.id, self.company_b.id]},
        )
        self.assertRecordValues(
            self.uses_of(self.client),
            [
                {
                    "event_type_id": self.type_b.id,
                    "company_id": self.company_b.id,
                    "state": "unpaid",
                }
            ],
        )
