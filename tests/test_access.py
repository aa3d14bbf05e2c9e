from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestAccess(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credit = cls.env["tz.session.credit"].create(
            {
                "partner_id": cls.client.id,
                "event_type_id": cls.type_pt.id,
                "quantity": 3,
            }
        )

    def test_groups_chain_and_admin(self):
        self.assertTrue(
            self.user_manager.has_group("tz_session_credits.group_session_credit_add")
        )
        self.assertFalse(
            self.user_staff.has_group("tz_session_credits.group_session_credit_add")
        )
        admin = self.env.ref("base.user_admin")
        self.assertTrue(
            admin.has_group("tz_session_credits.group_session_credit_manager")
        )
        # a new administrator gets it too, through Settings' implied group
        new_admin = self.env["res.users"].create(
            {
                "name": "Owner",
                "login": "tz_owner",
                "groups_id": [(6, 0, [self.env.ref("base.group_system").id])],
            }
        )
        self.assertTrue(
            new_admin.has_group("tz_session_credits.group_session_credit_manager")
        )

    def test_staff_sees_credits(self):
        client = self.client.with_user(self.user_staff)
        self.assertEqual(client.session_credits_available, 3)
        self.assertEqual(client.session_credit_ids, self.credit)
        self.assertEqual(client.session_credit_balance_ids.quantity_available, 3)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_staff_cannot_add_by_any_path(self):
        before = self.env["tz.session.credit"].search_count([])
        with self.assertRaises(AccessError):
            self.env["tz.session.credit"].with_user(self.user_staff).create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 1,
                }
            )
        with self.assertRaises(AccessError):
            self.client.with_user(self.user_staff).add_session_credits(
                self.type_pt.id, 1
            )
        with self.assertRaises(AccessError):
            self.env["tz.session.credit.add"].with_user(self.user_staff).create(
                {
                    "partner_ids": [(6, 0, self.client.ids)],
                    "event_type_id": self.type_pt.id,
                }
            )
        with self.assertRaises(AccessError):
            self.client.with_user(self.user_staff).action_open_add_session_credits()
        # a wizard created by someone else cannot be run by the staff member either
        wizard = (
            self.env["tz.session.credit.add"]
            .with_user(self.user_adder)
            .create(
                {
                    "partner_ids": [(6, 0, self.client.ids)],
                    "event_type_id": self.type_pt.id,
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_staff).action_add_credits()
        # import goes through create as well: refused, nothing imported
        result = (
            self.env["tz.session.credit"]
            .with_user(self.user_staff)
            .load(
                ["partner_id/.id", "event_type_id/.id", "quantity"],
                [[str(self.client.id), str(self.type_pt.id), "1"]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertEqual(result["messages"][0]["type"], "error")
        self.assertEqual(self.env["tz.session.credit"].search_count([]), before)

    def test_adder_can_add_but_not_manage_types(self):
        self.client.with_user(self.user_adder).add_session_credits(self.type_pt.id, 1)
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_model"),
        ):
            self.env["tz.session.event.type"].with_user(self.user_adder).create(
                {"name": "X"}
            )
        event_type = (
            self.env["tz.session.event.type"]
            .with_user(self.user_manager)
            .create({"name": "Boxing"})
        )
        self.assertTrue(event_type)

    def test_ui_hides_add_for_staff(self):
        """The "+ Add" button and the list action are tied to the group."""
        action = self.env.ref("tz_session_credits.tz_session_credit_add_action")
        self.assertEqual(
            action.groups_id,
            self.env.ref("tz_session_credits.group_session_credit_add"),
        )

        def form_arch(user):
            views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertIn("session_credit_balance_ids", form_arch(self.user_staff))
        self.assertNotIn("action_open_add_session_credits", form_arch(self.user_staff))
        self.assertIn("action_open_add_session_credits", form_arch(self.user_adder))
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.user_staff)
            .get_bindings("res.partner")
        )
        self.assertNotIn(action.id, [a["id"] for a in bindings.get("action", [])])
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.user_adder)
            .get_bindings("res.partner")
        )
        self.assertIn(action.id, [a["id"] for a in bindings.get("action", [])])
