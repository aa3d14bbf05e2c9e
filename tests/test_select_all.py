"""The "Add Session Credits" wizard opened from the contacts list.

The web client opens a bound action with ``active_model``, ``active_ids`` (the
ticked rows; with "select all", at most ``web.active_ids_limit`` of them) and
always ``active_domain`` (the list's domain), whatever was ticked. The wizard is
driven through ``odoo.tests.Form`` exactly as the form view would be.
"""

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SessionCreditsCase

LIMIT = 5
PREFIX = "SelAll Member"


@tagged("post_install", "-at_install")
class TestSelectAll(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # more clients than the limit, all matched by the list's domain
        cls.members = Partner.create(
            [{"name": f"{PREFIX} {i:02d}"} for i in range(LIMIT + 3)]
        )
        cls.domain = [("name", "ilike", PREFIX)]
        # clients that the domain does not match must never get credits
        cls.outsiders = cls.clients

    def _set_limit(self, limit):
        self.env["ir.config_parameter"].sudo().set_param(
            "web.active_ids_limit", str(limit)
        )

    def _credit_count(self):
        return self.env["tz.session.credit"].sudo().search_count([])

    def _open_wizard(self, user, active_ids, domain):
        """The wizard as the list's action menu opens it."""
        context = {
            "active_model": "res.partner",
            "active_ids": list(active_ids),
            "active_id": active_ids[0] if active_ids else False,
            "active_domain": domain,
        }
        Wizard = (
            self.env["tz.session.credit.add"].with_user(user).with_context(**context)
        )
        return Form(Wizard)

    def _add(self, form, event_type=None, quantity=2):
        form.event_type_id = event_type or self.type_pt
        form.quantity = quantity
        wizard = form.save()
        return wizard.action_add_credits()

    # ------------------------------------------------------------------
    # Ticked rows
    # ------------------------------------------------------------------

    def test_ticked_rows_with_domain_get_exactly_those(self):
        """3 rows ticked of 8 in the list: the list's domain comes along (it
        covers all 8) but only the 3 ticked clients get credits."""
        self._set_limit(LIMIT)
        ticked = self.members[:3]
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, ticked.ids, self.domain)
        self.assertEqual(form.partner_count, 3)
        self.assertFalse(form.use_active_domain)
        action = self._add(form, quantity=2)
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self._credit_count(), before + 3)
        credits = self.credits_of(self.members | self.outsiders)
        self.assertEqual(credits.partner_id, ticked)
        self.assertEqual(len(credits), 3, "one credit line per ticked client")
        self.assertEqual(set(credits.mapped("quantity")), {2})
        self.assertEqual(credits.event_type_id, self.type_pt)
        self.assertEqual(set(credits.mapped("create_uid").ids), {self.user_adder.id})

    def test_ticked_rows_default_limit(self):
        """Without the parameter set (default limit), ticked rows and a
        domain: again only the ticked rows."""
        self.env["ir.config_parameter"].sudo().search(
            [("key", "=", "web.active_ids_limit")]
        ).unlink()
        ticked = self.members[2:5]
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, ticked.ids, self.domain)
        self.assertEqual(form.partner_count, 3)
        self._add(form)
        self.assertEqual(self._credit_count(), before + 3)
        self.assertEqual(
            self.credits_of(self.members | self.outsiders).partner_id, ticked
        )

    def test_ticked_one_below_limit_uses_ids(self):
        """Boundary: limit - 1 ids are still the ticked rows, not the domain."""
        self._set_limit(LIMIT)
        ticked = self.members[: LIMIT - 1]
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, ticked.ids, self.domain)
        self.assertEqual(form.partner_count, LIMIT - 1)
        self._add(form)
        self.assertEqual(self._credit_count(), before + LIMIT - 1)
        self.assertEqual(
            self.credits_of(self.members | self.outsiders).partner_id, ticked
        )

    # ------------------------------------------------------------------
    # Select all
    # ------------------------------------------------------------------

    def test_select_all_under_limit(self):
        """Select all on a list of 8 with a limit of 20: all 8 ids are sent,
        with the domain; all 8 get credits, nobody else."""
        self._set_limit(20)
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, self.members.ids, self.domain)
        self.assertEqual(form.partner_count, len(self.members))
        self._add(form, event_type=self.type_hiit, quantity=4)
        self.assertEqual(self._credit_count(), before + len(self.members))
        credits = self.credits_of(self.members | self.outsiders)
        self.assertEqual(credits.partner_id, self.members)
        self.assertEqual(len(credits), len(self.members))
        self.assertEqual(set(credits.mapped("quantity")), {4})
        self.assertEqual(credits.event_type_id, self.type_hiit)

    def test_select_all_past_limit_gives_every_matching_client(self):
        """8 clients match, the limit is 5: the web client sends the first 5 ids
        and the domain. Every one of the 8 gets credits, nobody else."""
        self._set_limit(LIMIT)
        sent = self.env["res.partner"].search(self.domain, limit=LIMIT)
        self.assertEqual(len(sent), LIMIT)
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, sent.ids, self.domain)
        self._add(form, quantity=3)
        self.assertEqual(self._credit_count(), before + len(self.members))
        credits = self.credits_of(self.members | self.outsiders)
        self.assertEqual(credits.partner_id, self.members)
        self.assertEqual(len(credits), len(self.members))
        self.assertEqual(set(credits.mapped("quantity")), {3})
        for member in self.members:
            self.assertEqual(
                member.with_user(self.user_adder).session_credits_available, 3
            )

    def test_select_all_past_limit_count_before_saving(self):
        """The form tells how many clients will get credits before saving: all
        8 matching clients, not the 5 ids sent, not every contact."""
        self._set_limit(LIMIT)
        sent = self.env["res.partner"].search(self.domain, limit=LIMIT)
        form = self._open_wizard(self.user_adder, sent.ids, self.domain)
        self.assertTrue(form.use_active_domain)
        self.assertEqual(form.partner_count, len(self.members))
        # and the saved wizard agrees
        form.event_type_id = self.type_pt
        wizard = form.save()
        self.assertEqual(wizard.partner_count, len(self.members))

    def test_select_all_exactly_at_limit(self):
        """Exactly ``limit`` clients match and all ``limit`` ids are sent."""
        self._set_limit(LIMIT)
        exact = self.members[:LIMIT]
        domain = [("id", "in", exact.ids)]
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, exact.ids, domain)
        self._add(form)
        self.assertEqual(self._credit_count(), before + LIMIT)
        self.assertEqual(
            self.credits_of(self.members | self.outsiders).partner_id, exact
        )

    def test_select_all_past_limit_manager(self):
        """Same as a manager (the group above "Add"), another event type."""
        self._set_limit(LIMIT)
        sent = self.env["res.partner"].search(self.domain, limit=LIMIT)
        before = self._credit_count()
        form = self._open_wizard(self.user_manager, sent.ids, self.domain)
        self._add(form, event_type=self.type_hiit, quantity=1)
        self.assertEqual(self._credit_count(), before + len(self.members))
        self.assertEqual(
            self.credits_of(self.members | self.outsiders, self.type_hiit).partner_id,
            self.members,
        )

    # ------------------------------------------------------------------
    # Archived clients
    # ------------------------------------------------------------------

    def test_select_all_past_limit_excludes_archived(self):
        """Two matching clients are archived: the list's usual domain (no
        ``active`` term) does not give them credits."""
        self._set_limit(LIMIT)
        archived = self.members[-2:]
        archived.action_archive()
        active = self.members - archived
        sent = self.env["res.partner"].search(self.domain, limit=LIMIT)
        self.assertFalse(sent & archived)
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, sent.ids, self.domain)
        self._add(form)
        self.assertEqual(self._credit_count(), before + len(active))
        credits = self.credits_of(self.members | self.outsiders)
        self.assertEqual(credits.partner_id, active)
        self.assertFalse(self.credits_of(archived))

    def test_domain_matching_archived_clients_excludes_them(self):
        """The list shows archived and active clients together (a domain with
        an explicit ``active`` term): select all past the limit gives credits
        to the active ones only, and does not fail because of the archived."""
        self._set_limit(LIMIT)
        archived = self.members[:2]
        archived.action_archive()
        active = self.members - archived
        domain = [("active", "in", [True, False]), *self.domain]
        sent = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(domain, limit=LIMIT)
        )
        self.assertEqual(len(sent), LIMIT)
        self.assertTrue(sent & archived, "the archived rows are among those sent")
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, sent.ids, domain)
        self._add(form)
        self.assertEqual(self._credit_count(), before + len(active))
        self.assertEqual(
            self.credits_of(self.members | self.outsiders).partner_id, active
        )
        self.assertFalse(self.credits_of(archived))

    def test_ticked_archived_client_refused(self):
        """An archived client explicitly ticked is refused, and the whole grant
        is refused with it (all or nothing)."""
        self._set_limit(LIMIT)
        archived = self.members[0]
        archived.action_archive()
        ticked = self.members[:3]
        before = self._credit_count()
        form = self._open_wizard(self.user_adder, ticked.ids, self.domain)
        form.event_type_id = self.type_pt
        wizard = form.save()
        with self.assertRaises(ValidationError):
            wizard.action_add_credits()
        self.assertEqual(self._credit_count(), before)
        self.assertFalse(self.credits_of(self.members))
