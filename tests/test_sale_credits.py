"""tz_session_credits_sale: packs sold through Sales grant credits, exactly
once; cancellations, reduced quantities and credit notes take back the unused
ones (issue P7, points 1-5, 7 and the bad input)."""

import contextlib
import json
from datetime import date, timedelta

import psycopg2
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import COMPARED_MESSAGE_FIELDS, SaleCreditsCase


@tagged("post_install", "-at_install")
class TestSaleGrant(SaleCreditsCase):
    # ------------------------------------------------------------------
    # 1. Confirming grants
    # ------------------------------------------------------------------

    @freeze_time("2026-01-10 12:00:00")
    def test_confirm_grants_per_pack_line(self):
        order = self.make_order(
            [(self.pack_pt, 2), (self.pack_hiit, 1), (self.plain_service, 3)]
        )
        order.with_user(self.user_salesman).action_confirm()
        credits = self.sale_credits(order)
        pt_line, hiit_line = order.order_line[:2]
        self.assertRecordValues(
            credits,
            [
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 20,
                    "source": "sale",
                    "sale_line_id": pt_line.id,
                    # "valid 3 months" from 10 Jan: usable through 9 Apr
                    "expiry_date": date(2026, 4, 9),
                    "create_uid": self.user_salesman.id,
                    "unit_value": 50.0,
                    "remaining_value": 1000.0,
                },
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "quantity": 5,
                    "source": "sale",
                    "sale_line_id": hiit_line.id,
                    "expiry_date": False,
                    "create_uid": self.user_salesman.id,
                    "unit_value": 10.0,
                    "remaining_value": 50.0,
                },
            ],
        )
        self.assertEqual(order.session_credit_count, 25)
        client_note = self.client.message_ids[:1].body
        self.assertIn("20 × Personal Training 60 min added by sale order", client_note)
        self.assertIn(order.name, client_note)
        order_note = order.message_ids.filtered(
            lambda m: "Session credits granted" in (m.body or "")
        )
        self.assertEqual(len(order_note), 1)
        self.assertIn("20 × Personal Training 60 min", order_note.body)
        self.assertIn("5 × Group HIIT", order_note.body)
        # the grant writes the order's note as _message_log writes it
        other = self.make_order([(self.plain_service, 1)])
        theirs = (
            other.with_user(self.user_salesman)
            .sudo()
            ._message_log(body=order_note.body)
        )
        (order_note | theirs).invalidate_recordset()
        ours, expected = (
            {k: v for k, v in m.read(COMPARED_MESSAGE_FIELDS)[0].items() if k != "id"}
            for m in (order_note, theirs)
        )
        self.assertEqual(ours, expected)
        # the credit's display and its order
        self.assertEqual(credits[0].sale_order_id, order)

    def test_expiry_in_the_users_timezone(self):
        """23:30 UTC on 9 Jan is already 10 Jan in Auckland: the validity
        starts on the confirming user's day."""
        self.user_salesman.tz = "Pacific/Auckland"
        with freeze_time("2026-01-09 23:30:00"):
            order = self.make_order([(self.pack_pt, 1)])
            order.with_user(self.user_salesman).action_confirm()
        self.assertEqual(self.sale_credits(order).expiry_date, date(2026, 4, 9))

    def test_salesperson_without_add_right_sells_paid_packs(self):
        self.assertFalse(
            self.user_salesman.has_group("tz_session_credits.group_session_credit_add")
        )
        order = self.make_order([(self.pack_hiit, 1)])
        order.with_user(self.user_salesman).action_confirm()
        self.assertEqual(self.sale_credits(order).quantity, 5)
        # but cannot add credits by hand, nor create sale credits over RPC
        Credit = self.env["tz.session.credit"].with_user(self.user_salesman)
        with self.assertRaises(AccessError):
            Credit.create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 3,
                    "source": "sale",
                    "sale_line_id": order.order_line.id,
                }
            )

    def test_credit_values_are_final(self):
        order = self.make_order([(self.pack_hiit, 1)])
        order.action_confirm()
        credit = self.sale_credits(order)
        for vals, label in (
            ({"sale_line_id": False}, "Order Line"),
            ({"unit_value": 0}, "Value per Credit"),
        ):
            # the core's one finality rule, extended by the bridge
            with self.assertRaisesRegex(UserError, f"final once added: {label}"):
                credit.write(vals)
        with self.assertRaises(AccessError):
            credit.write({"remaining_value": 0})
        with self.assertRaises(UserError):
            self.env["tz.session.credit"].create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "sale_line_id": order.order_line.id,
                }
            )

    def test_confirmed_lines_cannot_be_deleted_once_cancelled(self):
        order = self.make_order([(self.pack_hiit, 1)])
        order.action_confirm()
        order._action_cancel()
        with self.raises(UserError, "granted session credits"):
            self.env["sale.order"].browse(order.id).unlink()

    # ------------------------------------------------------------------
    # 2. Exactly once
    # ------------------------------------------------------------------

    def test_confirm_again_after_set_to_quotation(self):
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        credits = self.sale_credits(order)
        granted = sum(credits.mapped("quantity")) - sum(
            credits.mapped("quantity_revoked")
        )
        self.assertEqual(granted, 10, "10 credits, not 20")
        self.assertEqual(self.client.session_credits_available, 10)

    def test_saving_a_confirmed_line_again_grants_nothing(self):
        order = self.make_order([(self.pack_pt, 2)])
        order.action_confirm()
        line = order.order_line
        line.write({"product_uom_qty": 2, "name": "Renamed"})
        line.write({"product_id": self.pack_pt.product_variant_id.id})
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertEqual(sum(self.sale_credits(order).mapped("quantity")), 20)

    def test_increase_grants_the_difference(self):
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        with Form(order.with_user(self.user_salesman)) as form:
            with form.order_line.edit(0) as line:
                line.product_uom_qty = 3
        credits = self.sale_credits(order)
        self.assertEqual(credits.mapped("quantity"), [10, 20])
        self.assertEqual(self.client.session_credits_available, 30)

    def test_added_line_on_confirmed_order_grants(self):
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        order.write(
            {
                "order_line": [
                    Command.create({"product_id": self.pack_hiit.product_variant_id.id})
                ]
            }
        )
        self.assertEqual(
            self.sale_credits(order).mapped("event_type_id"),
            self.type_pt | self.type_hiit,
        )

    def test_decrease_revokes_unused_of_that_line(self):
        order = self.make_order([(self.pack_pt, 3), (self.pack_hiit, 1)])
        order.action_confirm()
        pt_line = order.order_line[0]
        self._book(self.type_pt, 5)
        pt_line.with_user(self.user_salesman).product_uom_qty = 1
        pt_credit, hiit_credit = self.sale_credits(order)
        self.assertEqual((pt_credit.quantity_used, pt_credit.quantity_revoked), (5, 20))
        self.assertEqual(pt_credit.quantity_remaining, 5)
        self.assertEqual(hiit_credit.quantity_revoked, 0, "other lines untouched")
        revocation = pt_credit.revocation_ids
        self.assertRecordValues(
            revocation,
            [
                {
                    "quantity": 20,
                    "origin_ref": order,
                    "create_uid": self.user_salesman.id,
                }
            ],
        )
        self.assertIn(order.name, revocation.reason)
        # the revocation is in both chatters
        self.assertIn("revoked", self.client.message_ids[:1].body)
        self.assertIn("Session credits revoked", order.message_ids[:1].body)
        # back up to 3: the difference again, once
        pt_line.product_uom_qty = 3
        self.assertEqual(
            sum(self.sale_credits(order).mapped("quantity_remaining")), 5 + 20 + 5
        )

    def test_decrease_below_used_keeps_used(self):
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        self._book(self.type_pt, 8)
        order.order_line.product_uom_qty = 0
        credit = self.sale_credits(order)
        self.assertEqual(
            (credit.quantity_used, credit.quantity_revoked, credit.quantity_remaining),
            (8, 2, 0),
        )
        self.assertIn("already used", order.message_ids[:1].body)

    # ------------------------------------------------------------------
    # 3. Revocation follows the money
    # ------------------------------------------------------------------

    def test_cancel_revokes_unused_used_stay_used_manual_untouched(self):
        manual = self.env["tz.session.credit"].create(
            {
                "partner_id": self.client.id,
                "event_type_id": self.type_pt.id,
                "quantity": 2,
                "expiry_date": fields.Date.today() + timedelta(days=400),
            }
        )
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        self._book(self.type_pt, 3)  # the paid credits expire sooner: used first
        order.with_user(self.user_salesman)._action_cancel()
        self.assertEqual(order.state, "cancel")
        credit = self.sale_credits(order)
        self.assertEqual(
            (credit.quantity_used, credit.quantity_revoked, credit.quantity_remaining),
            (3, 7, 0),
        )
        self.assertEqual(
            (manual.quantity_used, manual.quantity_revoked, manual.quantity_remaining),
            (0, 0, 2),
        )
        self.assertIn("cancelled", credit.revocation_ids.reason)

    def test_cancel_with_nothing_left_still_cancels_and_says_so(self):
        order = self.make_order([(self.pack_hiit, 1)])
        order.action_confirm()
        self._book(self.type_hiit, 5)
        order._action_cancel()
        self.assertEqual(order.state, "cancel")
        credit = self.sale_credits(order)
        self.assertEqual((credit.quantity_used, credit.quantity_revoked), (5, 0))
        self.assertIn("nothing left to revoke", order.message_ids[:1].body)

    def _warnings(self):
        """The notifications queued for the web client by this transaction."""
        return [
            json.loads(values["message"])
            for values in self.env.cr.precommit.data.get("bus.bus.values", [])
        ]

    def test_cancel_all_revoked_no_warning_and_button_shows_zero(self):
        """Cancelling an order whose credits are all unused takes them all
        back: no warning pops up (it used to be an empty sticky one), and the
        order's button no longer counts the credits it took back."""
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        self.assertEqual(order.session_credit_count, 10)
        order.with_user(self.user_salesman)._action_cancel()
        credit = self.sale_credits(order)
        self.assertEqual(credit.quantity_revoked, 10)
        self.assertEqual(credit.state, "revoked")
        self.assertEqual(self._warnings(), [])
        self.assertEqual(order.session_credit_count, 0)

    def test_cancel_with_used_credits_warns_with_text(self):
        order = self.make_order([(self.pack_hiit, 1)])
        order.action_confirm()
        self._book(self.type_hiit, 2)
        order.with_user(self.user_salesman)._action_cancel()
        [warning] = self._warnings()
        self.assertEqual(warning["type"], "simple_notification")
        self.assertIn("2 × Group HIIT already used", warning["payload"]["message"])
        self.assertEqual(order.session_credit_count, 2)

    def test_credit_note_revokes_up_to_refunded_quantity(self):
        order = self.make_order([(self.pack_hiit, 3)])
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self._book(self.type_hiit, 12)  # 15 granted, 3 left
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Refund"})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.invoice_line_ids.quantity = 1  # refund one pack: up to 5 credits
        refund.action_post()
        credit = self.sale_credits(order)
        self.assertEqual(credit.quantity_revoked, 3, "only the 3 unused")
        self.assertEqual(credit.revocation_ids.origin_ref, refund)
        self.assertIn("already used", refund.message_ids[:1].body)
        # posting the same credit note again takes nothing more
        refund.button_draft()
        refund.action_post()
        self.assertEqual(credit.quantity_revoked, 3)
        # the order does not give the refunded credits back when edited
        order.order_line.write({"product_uom_qty": 3})
        self.assertEqual(len(self.sale_credits(order)), 1)

    def test_credit_note_partial(self):
        order = self.make_order([(self.pack_hiit, 2)])
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Refund"})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        credit = self.sale_credits(order)
        self.assertEqual((credit.quantity_revoked, credit.quantity_remaining), (5, 5))
        self.assertIn("Credit note", credit.revocation_ids.reason)

    def test_revocation_cannot_make_used_negative(self):
        order = self.make_order([(self.pack_hiit, 1)])
        order.action_confirm()
        credit = self.sale_credits(order)
        self._book(self.type_hiit, 4)
        self.assertEqual(credit._revoke(5, "test", origin=f"sale.order,{order.id}"), 1)
        self.assertEqual(credit.quantity_remaining, 0)
        with (
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
            self.assertRaises(psycopg2.IntegrityError),
        ):
            self.env.cr.execute(
                "UPDATE tz_session_credit SET quantity_revoked = quantity_revoked + 1"
                " WHERE id = %s",
                [credit.id],
            )

    def test_manual_credits_cannot_be_revoked(self):
        manual = self.env["tz.session.credit"].create(
            {"partner_id": self.client.id, "event_type_id": self.type_pt.id}
        )
        with self.raises(UserError, "final"):
            manual._revoke(1, "no")

    # ------------------------------------------------------------------
    # 4. No free credits through the back door
    # ------------------------------------------------------------------

    def test_free_pack_line_needs_the_add_right(self):
        for values in ({"price_unit": 0.0}, {"discount": 100.0}):
            order = self.make_order([(self.pack_pt, 1, values)])
            with self.raises(AccessError, "Add Session Credits"):
                order.with_user(self.user_salesman).action_confirm()
            self.env.invalidate_all()
            self.assertEqual(order.state, "draft", "nothing changed")
            self.assertFalse(self.sale_credits(order))
            # the front desk may
            order.with_user(self.user_front_desk).action_confirm()
            credit = self.sale_credits(order)
            self.assertEqual((credit.quantity, credit.unit_value), (10, 0.0))

    def test_free_increase_needs_the_add_right(self):
        order = self.make_order([(self.pack_pt, 1, {"price_unit": 0.0})])
        order.with_user(self.user_front_desk).action_confirm()
        line = order.order_line.with_user(self.user_salesman)
        with self.assertRaises(AccessError):
            line.write({"product_uom_qty": 2, "price_unit": 0.0})
        self.assertEqual(len(self.sale_credits(order)), 1)

    # ------------------------------------------------------------------
    # 5. Same use as manual credits
    # ------------------------------------------------------------------

    def test_booking_uses_soonest_expiry_whatever_the_source(self):
        Credit = self.env["tz.session.credit"]
        today = fields.Date.today()
        manual_soon = Credit.create(
            {
                "partner_id": self.client.id,
                "event_type_id": self.type_pt.id,
                "quantity": 1,
                "expiry_date": today + timedelta(days=10),
            }
        )
        manual_late = Credit.create(
            {
                "partner_id": self.client.id,
                "event_type_id": self.type_pt.id,
                "quantity": 1,
                "expiry_date": today + timedelta(days=200),
            }
        )
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()  # expires in 3 months
        paid = self.sale_credits(order)
        uses = self._book(self.type_pt, 3)
        self.assertEqual(uses.credit_id, manual_soon | paid)
        self.assertEqual(
            [manual_soon.quantity_used, paid.quantity_used, manual_late.quantity_used],
            [1, 2, 0],
        )

    # ------------------------------------------------------------------
    # 7. Reporting
    # ------------------------------------------------------------------

    def test_report_by_source_and_liability_value(self):
        self.env["tz.session.credit"].create(
            {
                "partner_id": self.client.id,
                "event_type_id": self.type_pt.id,
                "quantity": 4,
            }
        )
        order = self.make_order([(self.pack_pt, 1)])
        order.action_confirm()
        self._book(self.type_pt, 3)  # the paid ones (they expire, the manual not)
        Credit = self.env["tz.session.credit"].with_user(self.user_manager)
        domain = [("partner_id", "=", self.client.id)]
        by_source = {
            source: qty
            for source, qty in Credit._read_group(domain, ["source"], ["quantity:sum"])
        }
        self.assertEqual(by_source, {"manual": 4, "sale": 10})
        liability = Credit._read_group(
            [*domain, ("state", "=", "active")],
            ["event_type_id"],
            ["quantity_remaining:sum", "remaining_value:sum"],
        )
        self.assertEqual(liability, [(self.type_pt, 11, 350.0)])
        self.assertEqual(self.company.currency_id, self.sale_credits(order).currency_id)
        # the pivot and the search views offer it
        views = Credit.get_views(
            [
                (
                    self.env.ref(
                        "tz_session_credits.tz_session_credit_view_pivot_liability"
                    ).id,
                    "pivot",
                ),
                (False, "search"),
            ]
        )["views"]
        self.assertIn('name="remaining_value"', views["pivot"]["arch"])
        self.assertIn('name="source_sale"', views["search"]["arch"])

    def test_value_in_company_currency(self):
        other = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search(
                [
                    (
                        "name",
                        "=",
                        "EUR" if self.company.currency_id.name != "EUR" else "USD",
                    )
                ]
            )
        )
        other.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "rate": 2.0, "name": fields.Date.today()}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Other currency", "currency_id": other.id}
        )
        order = self.make_order([(self.pack_pt, 1, {"price_unit": 800.0})])
        order.pricelist_id = pricelist
        order.order_line.price_unit = 800.0
        order.action_confirm()
        self.assertEqual(order.currency_id, other)
        # 800 in a currency worth half the company's: 400, over 10 credits
        self.assertAlmostEqual(self.sale_credits(order).unit_value, 40.0)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def test_bad_pack_products(self):
        Product = self.env["product.template"]
        with self.raises(ValidationError, "Only service products"):
            Product.create(
                {
                    "name": "Pack of goods",
                    "type": "consu",
                    "session_credit_event_type_id": self.type_pt.id,
                }
            )
        with self.raises(ValidationError, "between 1 and"):
            Product.create(
                {
                    "name": "Empty pack",
                    "type": "service",
                    "session_credit_event_type_id": self.type_pt.id,
                    "session_credit_quantity": 0,
                }
            )
        with self.raises(ValidationError, "choose the session type"):
            Product.create(
                {
                    "name": "Pack without a type",
                    "type": "service",
                    "service_tracking": "session_credits",
                }
            )
        with self.raises(ValidationError, "at least 1"):
            self.pack_pt.session_credit_validity_number = 0
        self.assertEqual(self.pack_pt.service_tracking, "session_credits")
        self.assertEqual(
            self.pack_pt.session_credit_summary, "10 session credits, valid 3 months"
        )
        self.assertEqual(self.plain_service.service_tracking, "no")

    def test_pack_form_sets_service(self):
        with Form(self.env["product.template"]) as form:
            form.name = "New pack"
            form.type = "service"
            form.session_credit_event_type_id = self.type_hiit
            form.session_credit_quantity = 8
            self.assertEqual(
                form.session_credit_summary, "8 session credits, no expiry"
            )
        self.assertEqual(form.record.service_tracking, "session_credits")

    def test_summary_in_every_unit_without_translation_warning(self):
        # P16 item 10: the summary was translated in lambdas, where Odoo
        # finds no language ("no translation language detected", a WARNING
        # outside a web request: a cron, a shell, an import)
        expected = [
            ("days", 1, "10 session credits, valid 1 day"),
            ("days", 2, "10 session credits, valid 2 days"),
            ("weeks", 1, "10 session credits, valid 1 week"),
            ("weeks", 6, "10 session credits, valid 6 weeks"),
            ("months", 1, "10 session credits, valid 1 month"),
            ("months", 3, "10 session credits, valid 3 months"),
            ("none", 1, "10 session credits, no expiry"),
        ]
        with self.assertNoLogs("odoo.tools.translate", "WARNING"):
            for unit, number, summary in expected:
                self.pack_pt.write(
                    {
                        "session_credit_validity_unit": unit,
                        "session_credit_validity_number": number,
                    }
                )
                self.assertEqual(self.pack_pt.session_credit_summary, summary)
            self.pack_pt.session_credit_quantity = 1
            self.assertEqual(
                self.pack_pt.session_credit_summary, "1 session credit, no expiry"
            )

    def test_packs_are_saleable_tracking_types(self):
        # what the online shop lists to customers (website_sale's
        # sale_product_domain): packs too, as sale_project's tracking types
        saleable = self.env["product.template"]._get_saleable_tracking_types()
        self.assertIn("no", saleable)
        self.assertIn("session_credits", saleable)

    def test_archived_event_type_refused(self):
        order = self.make_order([(self.pack_pt, 1)])
        self.type_pt.active = False
        with self.raises(ValidationError, "archived"):
            order.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.sale_credits(order))

    def test_client_of_another_company_refused(self):
        other_company = self.env["res.company"].create({"name": "Other Gym"})
        stranger = self.env["res.partner"].create(
            {"name": "Other gym's client", "company_id": other_company.id}
        )
        order = self.make_order([(self.pack_pt, 1)])
        with self.assertRaises(UserError):
            order.partner_id = stranger
            order.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.credits_of(stranger))

    def test_fractional_credits_refused(self):
        order = self.make_order([(self.pack_hiit, 1.5)])
        self.pack_hiit.session_credit_quantity = 1
        with self.raises(UserError, "whole credits"):
            order.action_confirm()
        self.assertFalse(self.sale_credits(order))

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @contextlib.contextmanager
    def raises(self, exception, pattern):
        """``assertRaisesRegex`` in a savepoint (Odoo's ``assertRaises``):
        nothing of the refused operation is left."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

    def _book(self, event_type, count):
        """Book ``self.client`` on ``count`` upcoming sessions of the
        calendar (the core's booking)."""
        start = fields.Datetime.now() + timedelta(days=1)
        events = self.env["calendar.event"].create(
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
        return self.env["tz.session.credit.usage"].search(
            [("event_id", "in", events.ids)]
        )
