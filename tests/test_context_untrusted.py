"""The context is untrusted: anything in it may come from an RPC caller.

The wizard reads its clients from ``active_model``/``active_ids``/
``active_domain``; ``tz.session.credit.create`` and the public RPC method
``res.partner.add_session_credits`` receive whatever context the caller sends.
None of it may let a user give credits to clients they cannot see, in companies
they are not in, or with values they may not set.
"""

from odoo import api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SessionCreditsCase

# every default_* key a caller could try to slip in
POISONED_DEFAULTS = {
    "default_quantity_used": 1,
    "default_quantity_remaining": 0,
    "default_state": "expired",
    "default_source": "import",
    "default_quantity": 999,
    "default_expiry_date": "2001-01-01",
    "default_note": "from the context",
    "default_create_uid": 1,
}


@tagged("post_install", "-at_install")
class TestContextUntrusted(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Other Gym B"})
        cls.partner_b = cls.env["res.partner"].create(
            {"name": "B-only Client", "company_id": cls.company_b.id}
        )
        cls.type_b = cls.env["tz.session.event.type"].create(
            {"name": "B Pilates", "company_id": cls.company_b.id}
        )
        # user_adder is in company A only (common.py)
        assert cls.user_adder.company_ids == cls.company

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _credit_count(self):
        return self.env["tz.session.credit"].sudo().search_count([])

    def _wizard_env(self, user=None, **context):
        return (
            self.env["tz.session.credit.add"]
            .with_user(user or self.user_adder)
            .with_context(**context)
        )

    def _list_context(self, ids, **extra):
        return {
            "active_model": "res.partner",
            "active_ids": list(ids),
            "active_id": ids[0] if ids else False,
            "active_domain": [],
            **extra,
        }

    def _rpc(self, model, method, args, context=None, user=None):
        """Call ``method`` as the RPC layer does (ids browsed, context replaced)."""
        Model = self.env[model].with_user(user or self.user_adder)
        kwargs = {"context": context} if context is not None else {}
        return api.call_kw(Model, method, args, kwargs)

    def _add_rpc(self, partner_ids, event_type_id, quantity, context=None, user=None):
        return self._rpc(
            "res.partner",
            "add_session_credits",
            [list(partner_ids), event_type_id, quantity],
            context=context,
            user=user,
        )

    def _assert_clean_credits(self, credits, quantity):
        """Credits as the system sets them, whatever the context said."""
        self.assertTrue(credits)
        for credit in credits:
            self.assertEqual(credit.quantity, quantity)
            self.assertEqual(credit.quantity_used, 0)
            self.assertEqual(credit.quantity_remaining, quantity)
            self.assertEqual(credit.state, "active")
            self.assertEqual(credit.source, "manual")
            self.assertEqual(credit.company_id, self.company)
            self.assertFalse(credit.expiry_date)
            self.assertEqual(credit.create_uid, self.user_adder)

    # ------------------------------------------------------------------
    # Wizard: active_ids
    # ------------------------------------------------------------------

    def test_wizard_other_company_partner_refused(self):
        before = self._credit_count()
        ctx = self._list_context([self.client.id, self.partner_b.id])
        with self.assertRaises(UserError):
            Form(self._wizard_env(**ctx))
        self.assertEqual(self._credit_count(), before)
        self.assertFalse(self.credits_of(self.partner_b | self.client))

    def test_wizard_other_company_partner_via_explicit_values_refused(self):
        """RPC ``web_save``/``create`` with ``partner_ids`` set by hand (the field
        is read-only in the view, not on the server)."""
        before = self._credit_count()
        wizard = self._wizard_env().create(
            {
                "partner_ids": [fields.Command.set([self.partner_b.id])],
                "event_type_id": self.type_pt.id,
                "quantity": 2,
            }
        )
        with self.assertRaises(UserError):
            wizard.action_add_credits()
        self.assertEqual(self._credit_count(), before)
        self.assertFalse(self.credits_of(self.partner_b))

    def test_wizard_missing_id_refused(self):
        before = self._credit_count()
        missing_id = (
            self.env["res.partner"].search([], order="id desc", limit=1).id + 1000
        )
        ctx = self._list_context([self.client.id, missing_id])
        with self.assertRaises(UserError):
            Form(self._wizard_env(**ctx))
        self.assertEqual(self._credit_count(), before)

    def test_wizard_non_integer_ids_refused(self):
        before = self._credit_count()
        for bad in (["1"], [True], "1,2", [self.client.id, None]):
            with self.subTest(active_ids=bad), self.assertRaises(UserError):
                Form(self._wizard_env(active_model="res.partner", active_ids=bad))
        self.assertEqual(self._credit_count(), before)

    def test_wizard_duplicate_ids_deduplicated(self):
        a, b = self.clients[:2]
        before = self._credit_count()
        ctx = self._list_context([a.id, b.id, a.id, a.id, b.id])
        form = Form(self._wizard_env(**ctx))
        self.assertEqual(form.partner_count, 2)
        form.event_type_id = self.type_pt
        form.quantity = 3
        form.save().action_add_credits()
        self.assertEqual(self._credit_count(), before + 2)
        credits = self.credits_of(self.clients)
        self.assertEqual(len(credits), 2, "one credit per client, duplicates ignored")
        self.assertEqual(credits.partner_id, a | b)
        self.assertEqual(a.with_user(self.user_adder).session_credits_available, 3)

    def test_wizard_other_active_model_ids_ignored(self):
        """``active_ids`` of another model (that happen to be valid partner ids)
        select nobody: saving then fails with no client selected."""
        for model in ("res.users", "res.partner.category", False):
            with self.subTest(active_model=model):
                before = self._credit_count()
                ctx = self._list_context(self.clients.ids, active_model=model)
                form = Form(self._wizard_env(**ctx))
                self.assertEqual(form.partner_count, 0)
                self.assertFalse(form.use_active_domain)
                form.event_type_id = self.type_pt
                wizard = form.save()
                self.assertFalse(wizard.partner_ids)
                with self.assertRaisesRegex(UserError, "Select at least one client"):
                    wizard.action_add_credits()
                self.assertEqual(self._credit_count(), before)
                self.assertFalse(self.credits_of(self.clients))

    def test_wizard_other_active_model_domain_ignored(self):
        """Past the ids limit with an empty ``active_domain``: the domain of
        another model must not turn into "every contact"."""
        self.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", "3")
        before = self._credit_count()
        ctx = self._list_context(
            self.clients.ids, active_model="res.users", active_domain=[]
        )
        form = Form(self._wizard_env(**ctx))
        self.assertEqual(form.partner_count, 0)
        self.assertFalse(form.use_active_domain)
        form.event_type_id = self.type_pt
        wizard = form.save()
        with self.assertRaises(UserError):
            wizard.action_add_credits()
        self.assertEqual(self._credit_count(), before)

    def test_wizard_invalid_active_domain_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", "3")
        before = self._credit_count()
        for bad in ([("no_such_field", "=", 1)], "[]", [("name", "bogus-op", 1)]):
            with self.subTest(active_domain=bad), self.assertRaises(UserError):
                Form(
                    self._wizard_env(
                        **self._list_context(self.clients.ids, active_domain=bad)
                    )
                )
        self.assertEqual(self._credit_count(), before)

    def test_wizard_active_domain_cannot_reach_other_company(self):
        """Past the limit, a domain naming another company's client still
        runs under the user's record rules: that client gets nothing."""
        self.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", "3")
        domain = [("id", "in", [*self.clients.ids, self.partner_b.id])]
        before = self._credit_count()
        form = Form(
            self._wizard_env(
                **self._list_context(self.clients.ids, active_domain=domain)
            )
        )
        self.assertEqual(form.partner_count, len(self.clients))
        form.event_type_id = self.type_pt
        form.save().action_add_credits()
        self.assertEqual(self._credit_count(), before + len(self.clients))
        self.assertFalse(self.credits_of(self.partner_b))
        self.assertEqual(self.credits_of(self.clients).partner_id, self.clients)

    # ------------------------------------------------------------------
    # Wizard: companies
    # ------------------------------------------------------------------

    def test_wizard_unauthorized_allowed_company_refused(self):
        before = self._credit_count()
        for companies in ([self.company_b.id], [self.company.id, self.company_b.id]):
            with self.subTest(allowed_company_ids=companies):
                ctx = self._list_context(
                    self.clients.ids, allowed_company_ids=companies
                )
                with self.assertRaises(AccessError):
                    form = Form(self._wizard_env(**ctx))
                    form.event_type_id = self.type_pt
                    form.save().action_add_credits()
        self.assertEqual(self._credit_count(), before)

    def test_wizard_unauthorized_company_on_saved_wizard_refused(self):
        """A wizard saved normally, then ``action_add_credits`` called with a
        forged ``allowed_company_ids`` (the button call carries the context)."""
        form = Form(self._wizard_env(**self._list_context(self.clients[:2].ids)))
        form.event_type_id = self.type_pt
        wizard = form.save()
        before = self._credit_count()
        with self.assertRaises(AccessError):
            wizard.with_context(
                allowed_company_ids=[self.company_b.id]
            ).action_add_credits()
        self.assertEqual(self._credit_count(), before)

    # ------------------------------------------------------------------
    # default_* keys
    # ------------------------------------------------------------------

    def test_wizard_default_keys_ignored(self):
        """Poisoned ``default_*`` keys when opening the wizard and when pressing
        the button: the credits are written as the system sets them."""
        a, b = self.clients[:2]
        ctx = self._list_context(
            [a.id, b.id],
            **POISONED_DEFAULTS,
            default_company_id=self.company_b.id,
            default_partner_ids=[self.partner_b.id],
            default_use_active_domain=True,
            default_active_domain="[]",
            default_event_type_id=self.type_b.id,
        )
        before = self._credit_count()
        form = Form(self._wizard_env(**ctx))
        self.assertEqual(form.partner_count, 2)
        self.assertFalse(form.use_active_domain)
        self.assertEqual(form.quantity, 1)
        self.assertFalse(form.note)
        self.assertEqual(form.company_id, self.company)
        self.assertFalse(form.event_type_id)
        form.event_type_id = self.type_pt
        form.quantity = 2
        wizard = form.save()
        wizard.with_context(**POISONED_DEFAULTS).action_add_credits()
        self.assertEqual(self._credit_count(), before + 2)
        credits = self.credits_of(self.clients | self.partner_b)
        self.assertEqual(credits.partner_id, a | b)
        self._assert_clean_credits(credits, 2)
        self.assertFalse(credits.filtered("note"))

    def test_create_default_keys_ignored(self):
        """``tz.session.credit.create`` (the model's own form, or RPC) with
        poisoned ``default_*`` keys: only the explicit values are used."""
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        before = self._credit_count()
        credit = Credit.with_context(
            **POISONED_DEFAULTS, default_company_id=self.company_b.id
        ).create(
            {
                "partner_id": self.client.id,
                "event_type_id": self.type_pt.id,
                "quantity": 4,
            }
        )
        self.assertEqual(self._credit_count(), before + 1)
        credit.invalidate_recordset()
        self._assert_clean_credits(credit.sudo(), 4)
        self.assertFalse(credit.sudo().note)

    def test_create_rpc_default_keys_ignored(self):
        before = self._credit_count()
        context = {**POISONED_DEFAULTS, "default_company_id": self.company_b.id}
        vals = {
            "partner_id": self.client.id,
            "event_type_id": self.type_pt.id,
            "quantity": 2,
        }
        result = self._rpc("tz.session.credit", "create", [[vals]], context=context)
        self.assertEqual(self._credit_count(), before + 1)
        credit = self.env["tz.session.credit"].sudo().browse(result)
        self._assert_clean_credits(credit, 2)

    def test_create_default_partner_does_not_fill_partner(self):
        """A ``default_partner_id`` alone (no explicit client) selects nobody."""
        before = self._credit_count()
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        with self.assertRaises(UserError):
            Credit.with_context(default_partner_id=self.client.id).create(
                {"event_type_id": self.type_pt.id, "quantity": 1}
            )
        self.assertEqual(self._credit_count(), before)

    def test_create_system_values_refused(self):
        """The same values passed explicitly are refused, nothing written."""
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        base = {
            "partner_id": self.client.id,
            "event_type_id": self.type_pt.id,
            "quantity": 3,
        }
        before = self._credit_count()
        cases = [
            ({"quantity_used": 1}, AccessError),
            ({"quantity_remaining": 0}, AccessError),
            ({"state": "expired"}, AccessError),
            ({"source": "import"}, ValidationError),
            ({"company_id": self.company_b.id}, AccessError),
            ({"expiry_date": "2001-01-01"}, ValidationError),
        ]
        for extra, error in cases:
            with self.subTest(vals=extra), self.assertRaises(error):
                Credit.create({**base, **extra})
        self.assertEqual(self._credit_count(), before)
        self.assertFalse(self.credits_of(self.client))

    def test_create_unauthorized_allowed_company_refused(self):
        before = self._credit_count()
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        with self.assertRaises(AccessError):
            Credit.with_context(allowed_company_ids=[self.company_b.id]).create(
                {"partner_id": self.client.id, "event_type_id": self.type_pt.id}
            )
        self.assertEqual(self._credit_count(), before)

    # ------------------------------------------------------------------
    # Public RPC: res.partner.add_session_credits
    # ------------------------------------------------------------------

    def test_rpc_adds_credits(self):
        """The baseline the refusals below are measured against."""
        before = self._credit_count()
        ids = self._add_rpc(self.clients[:2].ids, self.type_pt.id, 2)
        self.assertEqual(self._credit_count(), before + 2)
        credits = self.env["tz.session.credit"].sudo().browse(ids)
        self.assertEqual(credits.partner_id, self.clients[:2])
        self._assert_clean_credits(credits, 2)

    def test_rpc_other_company_partner_refused(self):
        before = self._credit_count()
        with self.assertRaises(UserError):
            self._add_rpc([self.client.id, self.partner_b.id], self.type_pt.id, 2)
        self.assertEqual(self._credit_count(), before)
        self.assertFalse(self.credits_of(self.client | self.partner_b))

    def test_rpc_other_company_event_type_refused(self):
        before = self._credit_count()
        with self.assertRaises(UserError):
            self._add_rpc([self.client.id], self.type_b.id, 2)
        self.assertEqual(self._credit_count(), before)

    def test_rpc_missing_ids_refused(self):
        before = self._credit_count()
        missing_id = (
            self.env["res.partner"].search([], order="id desc", limit=1).id + 1000
        )
        with self.assertRaises(UserError):
            self._add_rpc([self.client.id, missing_id], self.type_pt.id, 2)
        missing_type = self.env["tz.session.event.type"].search(
            [], order="id desc", limit=1
        )
        with self.assertRaises(UserError):
            self._add_rpc([self.client.id], missing_type.id + 1000, 2)
        self.assertEqual(self._credit_count(), before)

    def test_rpc_bad_event_type_refused(self):
        before = self._credit_count()
        for bad in (str(self.type_pt.id), True, None, [self.type_pt.id]):
            with self.subTest(event_type_id=bad), self.assertRaises(UserError):
                self._add_rpc([self.client.id], bad, 2)
        self.assertEqual(self._credit_count(), before)

    def test_rpc_duplicate_ids_deduplicated(self):
        a, b = self.clients[:2]
        before = self._credit_count()
        ids = self._add_rpc([a.id, b.id, a.id, a.id], self.type_pt.id, 2)
        self.assertEqual(self._credit_count(), before + 2, "one credit per client")
        self.assertEqual(len(ids), 2)
        credits = self.credits_of(self.clients)
        self.assertEqual(len(credits), 2)
        self.assertEqual(credits.partner_id, a | b)
        self.assertEqual(a.with_user(self.user_adder).session_credits_available, 2)

    def test_rpc_active_ids_in_context_ignored(self):
        """The RPC method works on the records it is called on, never on the
        context's ``active_ids``/``active_domain``."""
        self.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", "2")
        before = self._credit_count()
        context = {
            "active_model": "res.partner",
            "active_ids": [*self.clients.ids, self.partner_b.id],
            "active_domain": [],
        }
        ids = self._add_rpc([self.client.id], self.type_pt.id, 1, context=context)
        self.assertEqual(self._credit_count(), before + 1)
        self.assertEqual(len(ids), 1)
        self.assertEqual(
            self.credits_of(self.clients | self.partner_b).partner_id, self.client
        )

    def test_rpc_unauthorized_allowed_company_refused(self):
        before = self._credit_count()
        for companies in ([self.company_b.id], [self.company.id, self.company_b.id]):
            with (
                self.subTest(allowed_company_ids=companies),
                self.assertRaises(AccessError),
            ):
                self._add_rpc(
                    [self.client.id],
                    self.type_pt.id,
                    1,
                    context={"allowed_company_ids": companies},
                )
        self.assertEqual(self._credit_count(), before)

    def test_rpc_default_keys_ignored(self):
        before = self._credit_count()
        context = {**POISONED_DEFAULTS, "default_company_id": self.company_b.id}
        ids = self._add_rpc(self.clients[:3].ids, self.type_pt.id, 5, context=context)
        self.assertEqual(self._credit_count(), before + 3)
        credits = self.env["tz.session.credit"].sudo().browse(ids)
        self.assertEqual(credits.partner_id, self.clients[:3])
        self._assert_clean_credits(credits, 5)
        self.assertFalse(credits.filtered("note"))

    def test_rpc_requires_add_right(self):
        before = self._credit_count()
        with self.assertRaises(AccessError):
            self._add_rpc([self.client.id], self.type_pt.id, 1, user=self.user_staff)
        self.assertEqual(self._credit_count(), before)
