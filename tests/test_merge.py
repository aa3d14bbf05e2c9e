"""Contacts > Merge, and deleting clients that hold credits.

Credits point at their client with ``ondelete="restrict"``; the merge wizard
moves every foreign key of the merged contacts to the surviving one before it
deletes them, so the credits must follow, none lost, balances adding up.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestMerge(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.dst, cls.src1, cls.src2 = Partner.create(
            [
                {"name": "Jo Keeper", "email": "jo@example.com"},
                {"name": "Jo Duplicate", "email": "jo@example.com"},
                {"name": "J. Keeper", "email": "jo.keeper@example.com"},
            ]
        )
        Credit = cls.env["tz.session.credit"].with_user(cls.user_adder)
        cls.credit_dst = Credit._grant(cls.dst, cls.type_pt, 3)
        cls.credit_src1_pt = Credit._grant(cls.src1, cls.type_pt, 2)
        cls.credit_src1_hiit = Credit._grant(
            cls.src1, cls.type_hiit, 4, expiry_date="2999-12-31"
        )
        cls.credit_src2 = Credit._grant(cls.src2, cls.type_hiit, 1, note="welcome")
        cls.all_credits = (
            cls.credit_dst | cls.credit_src1_pt | cls.credit_src1_hiit | cls.credit_src2
        ).sudo()

    def _merge(self, partners, dst):
        """Run the merge as Odoo's own tests do (superuser environment)."""
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge(partners.ids, dst)

    def _snapshot(self, credits):
        return {
            c.id: (
                c.event_type_id.id,
                c.quantity,
                c.quantity_used,
                c.expiry_date,
                c.note,
            )
            for c in credits
        }

    def test_merge_moves_credits_to_surviving_contact(self):
        total = self.env["tz.session.credit"].sudo().search_count([])
        snapshot = self._snapshot(self.all_credits)
        self._merge(self.dst | self.src1 | self.src2, self.dst)

        self.assertFalse(
            (self.src1 | self.src2).exists(), "merged contacts are deleted"
        )
        self.assertTrue(self.dst.exists())
        self.env.invalidate_all()
        # none lost, none duplicated, nothing changed but the client
        self.assertEqual(self.env["tz.session.credit"].sudo().search_count([]), total)
        self.assertEqual(self.all_credits.exists(), self.all_credits)
        self.assertEqual(self.all_credits.partner_id, self.dst)
        self.assertEqual(self.dst.session_credit_ids, self.all_credits)
        self.assertEqual(self._snapshot(self.all_credits), snapshot)

    def test_merge_balance_adds_up(self):
        self._merge(self.dst | self.src1 | self.src2, self.dst)
        self.env.invalidate_all()
        dst = self.dst.with_user(self.user_adder)
        self.assertEqual(dst.session_credits_available, 3 + 2 + 4 + 1)
        balances = (
            self.env["tz.session.credit.balance"]
            .with_user(self.user_adder)
            .search([("partner_id", "=", self.dst.id)])
        )
        by_type = {b.event_type_id: b for b in balances}
        self.assertEqual(set(by_type), {self.type_pt, self.type_hiit})
        self.assertEqual(by_type[self.type_pt].quantity_granted, 5)
        self.assertEqual(by_type[self.type_pt].quantity_available, 5)
        self.assertEqual(by_type[self.type_hiit].quantity_granted, 5)
        self.assertEqual(by_type[self.type_hiit].quantity_available, 5)
        self.assertEqual(
            by_type[self.type_hiit].next_expiry_date.isoformat(), "2999-12-31"
        )
        # the surviving client is found and sorted by its merged balance
        Partner = self.env["res.partner"].with_user(self.user_adder)
        self.assertIn(
            self.dst, Partner.search([("session_credits_available", "=", 10)])
        )

    def test_merge_into_contact_without_credits(self):
        fresh = self.env["res.partner"].create(
            {"name": "Jo Fresh", "email": "jo@example.com"}
        )
        self._merge(fresh | self.src1, fresh)
        self.env.invalidate_all()
        self.assertFalse(self.src1.exists())
        moved = self.credit_src1_pt | self.credit_src1_hiit
        self.assertEqual(moved.exists(), moved)
        self.assertEqual(moved.partner_id, fresh)
        self.assertEqual(fresh.with_user(self.user_adder).session_credits_available, 6)
        # the other clients' credits did not move
        self.assertEqual(self.credit_dst.partner_id, self.dst)
        self.assertEqual(self.credit_src2.partner_id, self.src2)

    def test_merge_by_a_partner_manager(self):
        """A contacts manager (not admin) merging same-email contacts."""
        manager = self.user_contacts
        if "website.visitor" in self.env:
            # Odoo's website merges the contacts' visitors as the merging user,
            # who must then read visitors: that is website's rule, not ours
            manager.groups_id += self.env.ref("website.group_website_designer")
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(manager)
            .create({})
        )
        wizard._merge((self.dst | self.src1).ids, self.dst.with_user(manager))
        self.env.invalidate_all()
        self.assertFalse(self.src1.exists())
        moved = self.credit_dst | self.credit_src1_pt | self.credit_src1_hiit
        self.assertEqual(moved.exists(), moved)
        self.assertEqual(moved.partner_id, self.dst)

    # ------------------------------------------------------------------
    # Deleting clients
    # ------------------------------------------------------------------

    def test_delete_partner_with_credits_refused(self):
        total = self.env["tz.session.credit"].sudo().search_count([])
        with self.assertRaisesRegex(UserError, "archive them instead"):
            self.src2.unlink()
        self.assertTrue(self.src2.exists())
        self.assertEqual(self.env["tz.session.credit"].sudo().search_count([]), total)
        self.assertEqual(self.credit_src2.exists().partner_id, self.src2)

    def test_delete_several_one_with_credits_refused(self):
        """All or nothing: the client without credits is not deleted either."""
        no_credit = self.clients[3]
        self.assertFalse(self.credits_of(no_credit))
        with self.assertRaises(UserError):
            (no_credit | self.src2).unlink()
        self.assertTrue(no_credit.exists())
        self.assertTrue(self.src2.exists())

    def test_delete_partner_with_other_company_credits_refused(self):
        """Credits of a company the deleting user is not in still protect the
        client."""
        company_b = self.env["res.company"].create({"name": "Other Gym B"})
        client = self.env["res.partner"].create({"name": "Shared Client"})
        self.env["tz.session.credit"].with_company(company_b)._grant(
            client, self.type_pt, 1
        )
        manager = self.user_contacts
        self.assertNotIn(company_b, manager.company_ids)
        # the manager's own request: nothing cached by the grant above
        self.env.invalidate_all()
        self.assertFalse(client.with_user(manager).session_credit_ids)
        with self.assertRaises(UserError), mute_logger("odoo.sql_db"):
            client.with_user(manager).unlink()
        self.assertTrue(client.exists())
        self.assertEqual(len(self.credits_of(client)), 1)

    def test_archive_partner_with_credits_keeps_them(self):
        self.src1.action_archive()
        self.assertFalse(self.src1.active)
        credits = self.credit_src1_pt | self.credit_src1_hiit
        self.assertEqual(credits.exists(), credits)
        self.assertEqual(credits.partner_id, self.src1)

    def test_delete_partner_without_credits(self):
        client = self.clients[4]
        self.assertFalse(self.credits_of(client))
        total = self.env["tz.session.credit"].sudo().search_count([])
        client.unlink()
        self.assertFalse(client.exists())
        self.assertEqual(self.env["tz.session.credit"].sudo().search_count([]), total)
