"""tz_session_credits_pos: packs sold at the Point of Sale grant credits once
per order line, whatever the POS sends twice; a pack needs a customer; a
refund takes back the unused credits; a free pack needs the add right
(issue P10, points 1-4 and 6). Orders come in through the POS's own entry
point, ``pos.order.sync_from_ui``, with the payload the POS client sends.

A pack is sold at the front desk without more set-up: available in the POS
and in the "Session Packs" category by default, a category the registers
that limit their categories get at install (issue P16, item 4)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.tz_session_credits_pos.hooks import post_init_hook

from .common import PosCreditsCase


@tagged("post_install", "-at_install")
class TestPosGrant(PosCreditsCase):
    # ------------------------------------------------------------------
    # 1. Selling
    # ------------------------------------------------------------------

    @freeze_time("2026-01-10 12:00:00")
    def test_paid_order_grants_per_pack_line(self):
        payload = self.pos_payload(
            [(self.pack_pt, 2), (self.pack_hiit, 1), (self.plain_service, 3)],
            partner=self.client,
        )
        order = self.pos_sync([payload])
        self.assertEqual(order.state, "paid")
        credits = self.pos_credits(order)
        pt_line, hiit_line = order.lines[:2]
        self.assertRecordValues(
            credits,
            [
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 20,
                    "source": "pos",
                    "pos_order_line_id": pt_line.id,
                    "pos_order_id": order.id,
                    # "valid 3 months" from 10 Jan: usable through 9 Apr
                    "expiry_date": date(2026, 4, 9),
                    "create_uid": self.user_cashier.id,
                    "unit_value": 50.0,
                    "remaining_value": 1000.0,
                },
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "quantity": 5,
                    "source": "pos",
                    "pos_order_line_id": hiit_line.id,
                    "pos_order_id": order.id,
                    "expiry_date": False,
                    "create_uid": self.user_cashier.id,
                    "unit_value": 10.0,
                    "remaining_value": 50.0,
                },
            ],
        )
        self.assertEqual(order.session_credit_count, 25)
        # the client's chatter names the POS order; the order's names the grant
        note = self.client.message_ids[:1]
        self.assertIn(f"added by POS order {order.name}", note.body)
        self.assertIn("20 × Personal Training 60 min", note.body)
        self.assertIn("Session credits granted to", order.message_ids[:1].body)
        self.assertEqual(self.client.session_credits_available, 25)

    def test_order_without_packs_is_untouched(self):
        order = self.pos_sync([self.pos_payload([(self.plain_service, 1)])])
        self.assertEqual(order.state, "paid")
        self.assertFalse(self.pos_credits(order))
        self.assertEqual(order.session_credit_count, 0)

    # ------------------------------------------------------------------
    # 1. Exactly once: duplicate syncs, offline queues, other payment paths
    # ------------------------------------------------------------------

    def test_duplicate_sync_grants_once(self):
        payload = self.pos_payload([(self.pack_pt, 1)], partner=self.client)
        order = self.pos_sync([payload])
        again = self.pos_sync([payload])
        self.assertEqual(again, order)
        self.assertEqual(
            self.env["pos.order"].search_count([("uuid", "=", payload["uuid"])]), 1
        )
        self.assertEqual(self.pos_credits(order).mapped("quantity"), [10])
        # the grant itself is idempotent, whoever calls it again
        order.action_pos_order_paid()
        order._sync_session_credits()
        self.assertEqual(self.pos_credits(order).mapped("quantity"), [10])
        self.assertEqual(self.client.session_credits_available, 10)

    def test_draft_then_paid_grants_once(self):
        """The POS saves the order as a draft first (e.g. a restaurant table,
        a saved order), then sends it paid: credits come with the payment."""
        payload = self.pos_payload(
            [(self.pack_pt, 1)], partner=self.client, state="draft"
        )
        order = self.pos_sync([payload])
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.pos_credits(order))
        paid = self.pos_payload([], partner=self.client, uuid=payload["uuid"])
        paid["lines"] = []  # the lines were sent with the draft
        paid.update(amount_total=500.0, amount_paid=500.0)
        paid["payment_ids"] = [
            Command.create(
                {
                    "amount": 500.0,
                    "payment_method_id": self.cash_method.id,
                    "name": fields.Datetime.to_string(fields.Datetime.now()),
                }
            )
        ]
        self.assertEqual(self.pos_sync([paid]), order)
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.pos_credits(order).mapped("quantity"), [10])
        self.assertEqual(self.pos_sync([paid]), order)
        self.assertEqual(self.pos_credits(order).mapped("quantity"), [10])

    def test_offline_queue_sent_at_once(self):
        """Back online, the POS sends its queue in one call, orders it had
        already sent among them: each order grants once."""
        first = self.pos_payload([(self.pack_pt, 1)], partner=self.client)
        self.pos_sync([first])
        queue = [
            first,
            self.pos_payload([(self.pack_hiit, 2)], partner=self.clients[1]),
            self.pos_payload([(self.pack_pt, 1)], partner=self.clients[2]),
        ]
        orders = self.pos_sync(queue)
        self.assertEqual(len(orders), 3)
        self.assertEqual(
            [sum(self.credits_of(p).mapped("quantity")) for p in self.clients[:3]],
            [10, 10, 10],
        )

    def _pos_manager(self):
        return new_test_user(
            self.env,
            login="tz_pos_manager",
            groups="base.group_user,point_of_sale.group_pos_manager",
            tz="UTC",
        )

    def test_backend_payment_grants(self):
        """An order paid from the backend (Payment wizard) grants as well."""
        payload = self.pos_payload(
            [(self.pack_hiit, 1)], partner=self.client, state="draft"
        )
        order = self.pos_sync([payload])
        wizard = (
            self.env["pos.make.payment"]
            .with_user(self._pos_manager())
            .with_context(active_id=order.id, active_ids=order.ids)
            .create({"amount": 50.0, "payment_method_id": self.cash_method.id})
        )
        wizard.check()
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.pos_credits(order).mapped("quantity"), [5])

    # ------------------------------------------------------------------
    # 2. A customer is required
    # ------------------------------------------------------------------

    def test_pack_without_customer_is_refused(self):
        payload = self.pos_payload([(self.pack_pt, 1), (self.plain_service, 1)])
        # as the HTTP request's transaction, the call is rolled back on error
        with (
            self.assertRaisesRegex(UserError, "Choose the customer of order"),
            self.env.cr.savepoint(),
        ):
            self.pos_sync([payload])
        # nothing of the order was recorded: the POS keeps it and retries
        self.assertFalse(self.env["pos.order"].search([("uuid", "=", payload["uuid"])]))
        payload["partner_id"] = self.client.id
        order = self.pos_sync([payload])
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.pos_credits(order).mapped("quantity"), [10])

    def test_pack_without_customer_refused_in_backend(self):
        payload = self.pos_payload([(self.pack_hiit, 1)], state="draft")
        order = self.pos_sync([payload])
        wizard = (
            self.env["pos.make.payment"]
            .with_user(self._pos_manager())
            .with_context(active_id=order.id, active_ids=order.ids)
            .create({"amount": 50.0, "payment_method_id": self.cash_method.id})
        )
        with self.assertRaisesRegex(UserError, "Choose the customer"):
            wizard.check()

    # ------------------------------------------------------------------
    # 3. Refunds
    # ------------------------------------------------------------------

    def test_refund_revokes_unused_credits_of_the_line(self):
        order = self.pos_sync(
            [self.pos_payload([(self.pack_pt, 2)], partner=self.client)]
        )
        sold = order.lines
        credit = self.pos_credits(order)
        self._book(self.type_pt, 3)
        self.assertEqual(credit.quantity_remaining, 17)
        # refund one unit of two: 10 credits back, 7 left
        refund = self.pos_payload(
            [(self.pack_pt, -1)], partner=self.client, refund_of=sold
        )
        refund_order = self.pos_sync([refund])
        self.assertEqual(refund_order.state, "paid")
        self.assertEqual(credit.quantity_revoked, 10)
        self.assertEqual(credit.quantity_remaining, 7)
        revocation = credit.revocation_ids
        self.assertEqual(revocation.origin_ref, refund_order)
        self.assertIn(refund_order.name, revocation.reason)
        self.assertIn(
            "10 × Personal Training 60 min revoked", self.client.message_ids[0].body
        )
        # the same refund sent again takes nothing more
        self.pos_sync([refund])
        refund_order._sync_session_credits()
        self.assertEqual(credit.quantity_revoked, 10)
        # refund the other unit: only the 7 unused go, the 3 used stay used
        second = self.pos_sync(
            [
                self.pos_payload(
                    [(self.pack_pt, -1)], partner=self.client, refund_of=sold
                )
            ]
        )
        self.assertEqual(credit.quantity_revoked, 17)
        self.assertEqual(credit.quantity_used, 3)
        self.assertEqual(credit.quantity_remaining, 0)
        self.assertIn("3 already used", second.message_ids[0].body)
        self.assertEqual(self.client.session_credits_available, 0)

    def test_refund_without_customer_still_revokes(self):
        order = self.pos_sync(
            [self.pos_payload([(self.pack_hiit, 1)], partner=self.client)]
        )
        self.pos_sync([self.pos_payload([(self.pack_hiit, -1)], refund_of=order.lines)])
        self.assertEqual(self.pos_credits(order).quantity_revoked, 5)

    def _book(self, event_type, count):
        """Book the client on ``count`` upcoming sessions (the core's booking)."""
        start = fields.Datetime.now() + timedelta(days=1)
        self.env["calendar.event"].create(
            [
                {
                    "name": f"Session {i}",
                    "start": start + timedelta(hours=i),
                    "stop": start + timedelta(hours=i, minutes=50),
                    "session_event_type_id": event_type.id,
                    "partner_ids": [Command.set(self.client.ids)],
                }
                for i in range(count)
            ]
        )
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # 4. A free pack is a manual grant
    # ------------------------------------------------------------------

    def test_free_pack_needs_add_right(self):
        for line in [(self.pack_pt, 1, 100.0), (self.pack_pt, 1, 0.0, 0.0)]:
            payload = self.pos_payload([line], partner=self.client)
            with self.subTest(line=line):
                with (
                    self.assertRaisesRegex(AccessError, "Add Session Credits"),
                    self.env.cr.savepoint(),
                ):
                    self.pos_sync([payload])
                self.assertFalse(
                    self.env["pos.order"].search([("uuid", "=", payload["uuid"])])
                )
                order = self.pos_sync([payload], user=self.user_cashier_adder)
                self.assertEqual(self.pos_credits(order).mapped("quantity"), [10])
                self.assertEqual(self.pos_credits(order).unit_value, 0.0)

    # ------------------------------------------------------------------
    # The ledger's rules for POS credits
    # ------------------------------------------------------------------

    def test_pos_credits_are_final_and_only_from_the_pos(self):
        order = self.pos_sync(
            [self.pos_payload([(self.pack_hiit, 1)], partner=self.client)]
        )
        credit = self.pos_credits(order)
        with self.assertRaises(UserError):
            credit.sudo().write({"pos_order_line_id": False})
        Credit = self.env["tz.session.credit"]
        vals = {
            "partner_id": self.client.id,
            "event_type_id": self.type_hiit.id,
            "quantity": 1,
        }
        with self.assertRaisesRegex(UserError, "need their order line"):
            Credit.sudo().create([dict(vals, source="pos")])
        with self.assertRaisesRegex(UserError, "POS order line"):
            Credit.sudo().create([dict(vals, pos_order_line_id=order.lines.id)])
        # a user cannot create POS credits over RPC, even with the add right
        with self.assertRaises(AccessError):
            Credit.with_user(self.user_cashier_adder).create(
                [dict(vals, source="pos", pos_order_line_id=order.lines.id)]
            )
        # manual credits stay final: a POS refund does not open them
        manual = Credit.with_user(self.user_adder)._grant(
            self.client, self.type_hiit, 2
        )
        with self.assertRaisesRegex(UserError, "Manual session credits are final"):
            manual.sudo()._revoke(1, "test")
        self.assertEqual(credit.sudo()._revoke(1, "test"), 1)

    # ------------------------------------------------------------------
    # 6. Reporting: manual, sale and POS side by side
    # ------------------------------------------------------------------

    def test_report_splits_by_source(self):
        self.env["tz.session.credit"].with_user(self.user_adder)._grant(
            self.client, self.type_hiit, 2
        )
        sale = self.make_order([(self.pack_hiit, 1)])
        sale.with_user(self.user_salesman).action_confirm()
        self.pos_sync([self.pos_payload([(self.pack_hiit, 2)], partner=self.client)])
        groups = dict(
            self.env["tz.session.credit"]
            .with_user(self.user_manager)
            ._read_group(
                [("partner_id", "=", self.client.id)], ["source"], ["quantity:sum"]
            )
        )
        self.assertEqual(groups, {"manual": 2, "sale": 5, "pos": 10})
        labels = dict(
            self.env["tz.session.credit"]
            ._fields["source"]
            ._description_selection(self.env)
        )
        self.assertEqual(labels["pos"], "Point of Sale")
        pivot = self.env.ref("tz_session_credits.tz_session_credit_view_pivot")
        arch = self.env["tz.session.credit"].get_views([(pivot.id, "pivot")])["views"][
            "pivot"
        ]["arch"]
        self.assertIn('name="source"', arch)


@tagged("post_install", "-at_install")
class TestPosPackDefaults(PosCreditsCase):
    """Issue P16, item 4: the front desk finds a pack on a register that
    shows only some categories, without anyone setting the pack up for the
    POS. The shop of these tests shows only its "Drinks" and has an open
    session, as a real front desk often has."""

    @classmethod
    def _pos_config_values(cls):
        cls.drinks = cls.env["pos.category"].create({"name": "Drinks"})
        return {
            "limit_categories": True,
            "iface_available_categ_ids": [Command.set(cls.drinks.ids)],
        }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.packs_category = cls.env.ref(
            "tz_session_credits_pos.pos_category_session_packs"
        )

    def new_pack(self, **vals):
        return self.env["product.template"].create(
            {
                "name": "8 × Yoga",
                "type": "service",
                "list_price": 80.0,
                "session_credit_event_type_id": self.type_hiit.id,
                "session_credit_quantity": 8,
                **vals,
            }
        )

    def sold_at(self, register):
        """The products the POS of ``register`` loads (its own domain)."""
        return self.env["product.product"].search(
            register._get_available_product_domain()
        )

    def test_new_pack_is_available_in_its_category(self):
        pack = self.new_pack()
        self.assertRecordValues(pack, [{"available_in_pos": True}])
        self.assertEqual(pack.pos_categ_ids, self.packs_category)
        # the same through the variant, as an import of variants does
        variant = self.env["product.product"].create(
            {
                "name": "1 × Yoga",
                "type": "service",
                "session_credit_event_type_id": self.type_hiit.id,
            }
        )
        self.assertTrue(variant.available_in_pos)
        self.assertEqual(variant.pos_categ_ids, self.packs_category)
        # a product that is no pack is left as point_of_sale makes it
        towel = self.env["product.template"].create(
            {"name": "Towel", "type": "service"}
        )
        self.assertFalse(towel.available_in_pos)
        self.assertFalse(towel.pos_categ_ids)

    def test_copy_keeps_pos_values(self):
        """Both fields are computed now: a copy still keeps them, for any
        product, as point_of_sale's plain fields did."""
        towel = self.env["product.template"].create(
            {
                "name": "Towel",
                "type": "consu",
                "available_in_pos": True,
                "pos_categ_ids": [Command.set(self.drinks.ids)],
            }
        )
        hidden_pack = self.new_pack(available_in_pos=False)
        self.assertRecordValues(
            towel.copy() | hidden_pack.copy(),
            [
                {"available_in_pos": True, "pos_categ_ids": self.drinks.ids},
                {"available_in_pos": False, "pos_categ_ids": self.packs_category.ids},
            ],
        )

    def test_product_becoming_a_pack(self):
        service = self.env["product.template"].create(
            {"name": "Yoga class", "type": "service"}
        )
        service.session_credit_event_type_id = self.type_hiit
        self.assertTrue(service.available_in_pos)
        self.assertEqual(service.pos_categ_ids, self.packs_category)

    def test_explicit_choices_are_kept(self):
        hidden = self.new_pack(available_in_pos=False)
        self.assertFalse(hidden.available_in_pos)
        drink_pack = self.new_pack(pos_categ_ids=[Command.set(self.drinks.ids)])
        self.assertEqual(drink_pack.pos_categ_ids, self.drinks)
        not_for_sale = self.new_pack(sale_ok=False)
        self.assertFalse(not_for_sale.available_in_pos)
        # unticked later: editing the pack does not tick it again
        pack = self.new_pack()
        pack.write({"available_in_pos": False, "pos_categ_ids": [Command.clear()]})
        pack.write({"session_credit_quantity": 10, "list_price": 95.0})
        self.assertFalse(pack.available_in_pos)
        self.assertFalse(pack.pos_categ_ids)

    def test_product_form(self):
        with Form(self.env["product.template"]) as form:
            form.name = "12 × Yoga"
            form.type = "service"
            self.assertFalse(form.available_in_pos)
            form.session_credit_event_type_id = self.type_hiit
            # the manager sees the defaults before saving
            self.assertTrue(form.available_in_pos)
            self.assertEqual(form.pos_categ_ids[:], self.packs_category)
        pack = form.record
        self.assertTrue(pack.available_in_pos)
        self.assertEqual(pack.pos_categ_ids, self.packs_category)
        # unticked in the form: kept
        with Form(self.env["product.template"]) as form:
            form.name = "Staff Yoga"
            form.type = "service"
            form.session_credit_event_type_id = self.type_hiit
            form.available_in_pos = False
        self.assertFalse(form.record.available_in_pos)

    def test_install_shows_packs_on_limited_registers(self):
        """``post_init_hook``: the registers that limit their categories
        list "Session Packs" (the open one too); the others, which show
        everything, are left alone; packs made before the addon come in."""
        self.assertTrue(self.pos_config.current_session_id)
        open_all = self.env["pos.config"].create({"name": "Everything"})
        limited_to_nothing = self.env["pos.config"].create(
            {"name": "Limited to nothing", "limit_categories": True}
        )
        # a pack from before the POS was there: neither available nor filed
        old_pack = self.new_pack()
        old_pack.write({"available_in_pos": False, "pos_categ_ids": [Command.clear()]})
        self.assertNotIn(old_pack.product_variant_id, self.sold_at(self.pos_config))

        post_init_hook(self.env)

        self.assertEqual(
            self.pos_config.iface_available_categ_ids,
            self.drinks | self.packs_category,
        )
        self.assertFalse(open_all.iface_available_categ_ids)
        self.assertFalse(limited_to_nothing.iface_available_categ_ids)
        self.assertTrue(old_pack.available_in_pos)
        self.assertEqual(old_pack.pos_categ_ids, self.packs_category)
        self.assertIn(old_pack.product_variant_id, self.sold_at(self.pos_config))
        self.assertIn(self.new_pack().product_variant_id, self.sold_at(open_all))
        # twice is the same as once
        post_init_hook(self.env)
        self.assertEqual(
            self.pos_config.iface_available_categ_ids,
            self.drinks | self.packs_category,
        )
