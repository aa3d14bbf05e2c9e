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


@tagged("post_install", "-at_install")
class TestAppsPage(TransactionCase):
    """P15 item 2: in the Apps screen every addon shows its own icon and the
    page its readme/ fragments make (static/description/index.html, read by
    Odoo into ``description_html``), not Odoo's blank placeholder."""

    def test_every_addon_has_its_icon_and_page(self):
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "tz\\_session\\_credits%"), ("state", "=", "installed")]
        )
        modules = modules.filtered(lambda m: m.name != "tz_session_credits_test_ext")
        self.assertGreaterEqual(len(modules), 11)
        for module in modules:
            self.assertEqual(
                module.icon, f"/{module.name}/static/description/icon.png", module.name
            )
            self.assertIn(
                f'<h1 class="title">{module.shortdesc}</h1>',
                module.description_html or "",
                module.name,
            )
