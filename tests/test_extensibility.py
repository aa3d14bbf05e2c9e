"""The ledger behaves like any Odoo model: what a module that inherits it adds
takes effect through every path that grants credits.

``tests/addons/tz_session_credits_test_ext`` (installed in the test database,
never shipped) inherits ``tz.session.credit`` with a Python constraint on
``note``, a stored computed field without precompute (``test_note_length``), a
precomputed field that depends on the client (``test_client_ref``),
``tracking=True`` on ``note`` (the ledger becomes a ``mail.thread``) and a
``create`` override that stamps ``test_stamp``. Each path below must show all
of them, client by client, and a refusal of the constraint must leave nothing
granted.
"""

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PosCreditsCase

NOTE = "Welcome to the studio"
FORBIDDEN = "not for this studio"


@tagged("post_install", "-at_install")
class TestExtensibility(PosCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.env["res.partner"].create(
            [{"name": f"Ext Member {i}"} for i in range(3)]
        )

    def assertExtended(self, credits, clients, note=False):
        """Each credit carries what the test addon adds, for its own client."""
        self.assertEqual(len(credits), len(clients))
        credits.invalidate_recordset()
        self.assertEqual(credits.partner_id, clients)
        for credit in credits:
            # precomputed, client by client (not the first client's value)
            self.assertEqual(credit.test_client_ref, f"ref-{credit.partner_id.name}")
            # stored compute without precompute, recomputed from the note
            self.assertEqual(credit.test_note_length, len(note or ""))
            # the create override
            self.assertEqual(credit.test_stamp, "stamped")
            # mail.thread's create: the creation note in the credit's chatter
            self.assertTrue(credit.message_ids, "mail.thread's create did not run")
        # tracking on note: a change is tracked in the credit's chatter
        credit = credits[:1].sudo()
        credit.write({"note": "Moved to the morning group"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        credit.invalidate_recordset(["message_ids"])
        tracked = credit.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "note"
        )
        self.assertTrue(tracked, "tracking=True on note did not take effect")

    def _wizard(self, clients, note=NOTE, select_all=False):
        context = {
            "active_model": "res.partner",
            "active_ids": clients.ids,
            "active_id": clients[:1].id,
            "active_domain": [("id", "in", clients.ids)],
        }
        if select_all:
            # "select all" past web.active_ids_limit: the list's domain
            self.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", 2)
            context["active_ids"] = clients[:2].ids
        form = Form(
            self.env["tz.session.credit.add"]
            .with_user(self.user_adder)
            .with_context(**context)
        )
        if select_all:
            self.assertTrue(form.use_active_domain)
        form.event_type_id = self.type_pt
        form.quantity = 2
        form.note = note
        return form.save()

    # ------------------------------------------------------------------
    # Every path that grants
    # ------------------------------------------------------------------

    def test_wizard_ticked_clients(self):
        self._wizard(self.members).action_add_credits()
        self.assertExtended(self.credits_of(self.members), self.members, NOTE)

    def test_wizard_select_all(self):
        self._wizard(self.members, select_all=True).action_add_credits()
        self.assertExtended(self.credits_of(self.members), self.members, NOTE)

    def test_add_session_credits_rpc_method(self):
        ids = self.members.with_user(self.user_adder).add_session_credits(
            self.type_pt.id, 3, note=NOTE
        )
        credits = self.env["tz.session.credit"].browse(ids)
        self.assertExtended(credits, self.members, NOTE)

    def test_sale_order_confirmation(self):
        credits = self.env["tz.session.credit"]
        for member in self.members:
            order = self.make_order([(self.pack_hiit, 1)], partner=member)
            order.with_user(self.user_salesman).action_confirm()
            credits |= self.sale_credits(order)
        self.assertExtended(credits, self.members)

    def test_pos_order(self):
        orders = self.pos_sync(
            [self.pos_payload([(self.pack_hiit, 1)], partner=m) for m in self.members]
        )
        credits = self.pos_credits(orders)
        self.assertExtended(credits.sorted("partner_id"), self.members.sorted("id"))

    # ------------------------------------------------------------------
    # The constraint refuses: nothing is granted, the user gets its message
    # ------------------------------------------------------------------

    def _assert_refused(self, grant):
        before = self.env["tz.session.credit"].sudo().search_count([])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(ValidationError, "this note is refused"),
        ):
            grant()
        self.assertEqual(self.env["tz.session.credit"].sudo().search_count([]), before)
        self.assertFalse(self.credits_of(self.members))

    def test_constraint_refuses_wizard_ticked(self):
        wizard = self._wizard(self.members, note=f"Gift: {FORBIDDEN}")
        self._assert_refused(wizard.action_add_credits)

    def test_constraint_refuses_wizard_select_all(self):
        wizard = self._wizard(self.members, note=FORBIDDEN, select_all=True)
        self._assert_refused(wizard.action_add_credits)

    def test_constraint_refuses_rpc_method(self):
        members = self.members.with_user(self.user_adder)
        self._assert_refused(
            lambda: members.add_session_credits(self.type_pt.id, 1, note=FORBIDDEN)
        )
