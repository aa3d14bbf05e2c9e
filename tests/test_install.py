from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_admin_is_session_credit_manager(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(
            admin.has_group("tz_session_credits.group_session_credit_manager")
        )
        self.assertTrue(admin.has_group("tz_session_credits.group_session_credit_add"))

    def test_event_type_shared_by_default(self):
        event_type = self.env["tz.session.event.type"].create({"name": "Group HIIT"})
        self.assertFalse(event_type.company_id)
        self.assertTrue(event_type.active)
