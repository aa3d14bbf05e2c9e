"""Bad input over RPC gets a clear validation error, never a traceback, and
writes nothing: the wizard and add_session_credits alike."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestBadInput(SessionCreditsCase):
    def _count(self):
        return self.env["tz.session.credit"].sudo().search_count([])

    def _wizard(self, **vals):
        return (
            self.env["tz.session.credit.add"]
            .with_user(self.user_adder)
            .with_context(active_model="res.partner", active_ids=self.clients[:2].ids)
            .create({"event_type_id": self.type_pt.id, **vals})
        )

    def test_wizard_quantity_refused_like_the_rpc_method(self):
        before = self._count()
        partner = self.client.with_user(self.user_adder)
        for quantity in (2.5, 0, -3, 1001, "3", True):
            with self.subTest(quantity=quantity):
                with self.assertRaises(ValidationError) as wizard_error:
                    self._wizard(quantity=quantity).action_add_credits()
                with self.assertRaises(ValidationError) as rpc_error:
                    partner.add_session_credits(self.type_pt.id, quantity)
                self.assertEqual(str(wizard_error.exception), str(rpc_error.exception))
        wizard = self._wizard(quantity=2)
        with self.assertRaisesRegex(ValidationError, "whole number, not 2.5"):
            wizard.write({"quantity": 2.5})
        self.assertEqual(self._count(), before)

    def test_expiry_and_note_of_the_wrong_type(self):
        before = self._count()
        partner = self.client.with_user(self.user_adder)
        for expiry in (12345, True, [2031, 1, 1], {"year": 2031}, "31/01/2031"):
            with self.subTest(expiry=expiry):
                with self.assertRaisesRegex(ValidationError, "expiry date"):
                    partner.add_session_credits(self.type_pt.id, 1, expiry_date=expiry)
        for note in ({"a": 1}, 42, ["x"]):
            with self.subTest(note=note):
                with self.assertRaisesRegex(ValidationError, "note must be text"):
                    partner.add_session_credits(self.type_pt.id, 1, note=note)
        for type_id in ("1", None, [1], 0):
            with self.subTest(type_id=type_id):
                with self.assertRaises(UserError):
                    partner.add_session_credits(type_id, 1)
        self.assertEqual(self._count(), before)

    def test_wizard_huge_validity_is_a_clear_error(self):
        before = self._count()
        wizard = self._wizard(
            quantity=1,
            expiry_mode="period",
            validity_number=1_000_000,
            validity_unit="months",
        )
        # computed while the user types: no crash
        self.assertFalse(wizard.computed_expiry_date)
        with self.assertRaisesRegex(UserError, "validity period is too long"):
            wizard.action_add_credits()
        self.assertEqual(self._count(), before)

    def test_a_colleagues_wizard_is_out_of_reach(self):
        colleague = self.user_manager
        wizard = self._wizard(quantity=1)
        before = self._count()
        with self.assertRaises(AccessError):
            wizard.with_user(colleague).action_add_credits()
        with self.assertRaises(AccessError):
            wizard.with_user(colleague).read(["quantity"])
        self.assertEqual(self._count(), before)
        wizard.action_add_credits()
        self.assertEqual(self._count(), before + 2)

    def test_only_the_flows_grant_other_sources(self):
        """A user cannot forge the source of credits over RPC: an unknown one
        is refused, and so is a real one other than manual (the sale and POS
        bridges grant those from their own flows only)."""
        Credit = self.env["tz.session.credit"].with_user(self.user_manager)
        vals = {"partner_id": self.client.id, "event_type_id": self.type_pt.id}
        with self.assertRaisesRegex(ValidationError, "Unknown credit source"):
            Credit.create(dict(vals, source="import"))
        others = [
            key
            for key, __ in Credit._fields["source"]._description_selection(self.env)
            if key != "manual"
        ]
        for source in others:
            with self.subTest(source=source), self.assertRaises(AccessError):
                Credit.create(dict(vals, source=source))

    def test_manual_credits_cannot_be_revoked(self):
        credit = self.grant(self.client, 3, user=self.user_adder)
        with self.assertRaisesRegex(UserError, "cannot be revoked"):
            credit.sudo()._revoke(1, "test")
        self.assertEqual(credit.quantity_remaining, 3)
