"""Memberships on OCA's contract stack (issue P13): every invoiced period
grants once, expiry follows the period, rollover, stopping and refunds,
freezing. Through the stack's own methods: the sale order's confirmation,
``recurring_create_invoice``, posting, the termination and suspension
wizards."""

from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ContractCreditsCase


@tagged("post_install", "-at_install")
class TestMembershipGrants(ContractCreditsCase):
    def setUp(self):
        super().setUp()
        self.frozen = freeze_time("2027-01-01 10:00:00")
        self.frozen.start()
        self.addCleanup(self.frozen.stop)

    # ------------------------------------------------------------------
    # The product
    # ------------------------------------------------------------------

    def test_membership_product(self):
        self.assertTrue(self.membership._session_credit_is_membership())
        self.assertFalse(self.membership._session_credit_grants_on_confirm())
        self.assertTrue(self.pack_pt._session_credit_grants_on_confirm())
        self.assertEqual(
            self.membership.session_credit_summary,
            "8 session credits every month, up to 2 roll over",
        )
        self.assertEqual(
            self.env["product.template"].new().session_credit_rollover_max, 0
        )

    # ------------------------------------------------------------------
    # 1. Every invoiced period grants once
    # ------------------------------------------------------------------

    def test_pack_form_speaks_of_periods_for_memberships_only(self):
        """Found walking the demo: a plain pack's form said "Credits per Unit
        and Period". The product form shows the quantity once per kind."""
        arch = self.env["product.template"].get_view(view_type="form")["arch"]
        nodes = etree.fromstring(arch).xpath("//field[@name='session_credit_quantity']")
        labels = {node.get("string"): node.get("invisible") for node in nodes}
        self.assertEqual(len(nodes), 2)
        self.assertIn("or not is_contract", labels["Credits per Unit and Period"])
        plain = [
            inv
            for label, inv in labels.items()
            if label != "Credits per Unit and Period"
        ]
        self.assertEqual(len(plain), 1)
        self.assertIn("or is_contract", plain[0])

    def test_confirming_the_sale_grants_nothing(self):
        contract = self.sell_membership(date(2027, 1, 1))
        order = contract.contract_line_ids.sale_order_line_id.order_id
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.credits_of(self.client))
        self.assertFalse(order.order_line.session_credit_ids)
        line = contract.contract_line_ids
        self.assertEqual(line.product_id, self.membership.product_variant_id)
        self.assertEqual(line.recurring_next_date, date(2027, 1, 1))

    def test_first_period_grants_once(self):
        contract = self.sell_membership(date(2027, 1, 1))
        invoice = self.invoice_next_period(contract)
        self.assertEqual(invoice.state, "posted")
        credits = self.membership_credits(contract)
        line = contract.contract_line_ids
        # 8 credits, of which the last 2 are the grant that may roll over
        self.assertRecordValues(
            credits,
            [
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "quantity": quantity,
                    "source": "contract",
                    "contract_line_id": line.id,
                    "contract_id": contract.id,
                    "contract_period_start": date(2027, 1, 1),
                    "contract_period_end": date(2027, 1, 31),
                    "expiry_date": date(2027, 1, 31),
                    "company_id": contract.company_id.id,
                }
                for quantity in (6, 2)
            ],
        )
        self.assertEqual(self.client.session_credits_available, 8)
        self.assertEqual(contract.session_credit_count, 8)
        self.assertEqual(line.session_credits_granted_until, date(2027, 1, 31))
        self.assertEqual(
            credits[0]
            ._fields["source"]
            .convert_to_export(credits[0].source, credits[0]),
            "Membership",
        )
        # the client's chatter says it, naming the membership
        self.assertIn(
            f"added by membership {contract.display_name}",
            self.client.message_ids[:1].body,
        )
        # posting again, after a reset to draft, grants nothing more
        invoice.button_draft()
        invoice.with_user(self.user_billing).action_post()
        self.assertEqual(self.membership_credits(contract), credits)
        # nor does a copy of the invoice: the same period of the same line
        copy = invoice.copy({"invoice_date": invoice.invoice_date})
        self.assertEqual(copy.invoice_line_ids.contract_period_start, date(2027, 1, 1))
        copy.with_user(self.user_billing).action_post()
        self.assertEqual(self.membership_credits(contract), credits)

    def test_two_periods_in_a_row(self):
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        credits = self.membership_credits(contract)
        self.assertEqual(
            [
                (c.contract_period_start, c.contract_period_end, c.quantity)
                for c in credits
            ],
            [
                (date(2027, 1, 1), date(2027, 1, 31), 6),
                (date(2027, 1, 1), date(2027, 1, 31), 2),
                (date(2027, 2, 1), date(2027, 2, 28), 6),
                (date(2027, 2, 1), date(2027, 2, 28), 2),
            ],
        )
        self.assertEqual(
            credits.filtered(lambda c: c.contract_period_start.month == 2).mapped(
                "expiry_date"
            ),
            [date(2027, 2, 28)] * 2,
        )
        self.assertEqual(
            contract.contract_line_ids.session_credits_granted_until,
            date(2027, 2, 28),
        )
        self.assertEqual(contract.session_credit_count, 16)

    def test_quantity_times_credits_per_unit(self):
        self.membership.session_credit_rollover_max = 0
        contract = self.sell_membership(date(2027, 1, 1), qty=2)
        self.invoice_next_period(contract)
        self.assertEqual(self.membership_credits(contract).mapped("quantity"), [16])

    def test_accountant_posts_without_credit_rights(self):
        """The accountant has no session credits right: posting grants all
        the same (the source is the contract, not a user)."""
        self.assertFalse(
            self.user_billing.has_group("tz_session_credits.group_session_credit_add")
        )
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract, user=self.user_billing)
        self.assertEqual(sum(self.membership_credits(contract).mapped("quantity")), 8)
        # and nobody grants membership credits through the ledger directly
        with self.assertRaises(AccessError):
            self.env["tz.session.credit"].with_user(self.user_adder).create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "quantity": 8,
                    "source": "contract",
                    "contract_line_id": contract.contract_line_ids.id,
                    "contract_period_start": date(2027, 1, 1),
                    "contract_period_end": date(2027, 1, 31),
                }
            )

    def test_free_period_needs_the_add_right(self):
        contract = self.sell_membership(date(2027, 1, 1))
        invoice = self.invoice_next_period(contract, post=False)
        invoice.invoice_line_ids.price_unit = 0.0
        with self.assertRaises(AccessError):
            invoice.with_user(self.user_billing).action_post()
        self.assertEqual(invoice.state, "draft")
        self.assertFalse(self.membership_credits(contract))

    def test_membership_credit_fields_are_final(self):
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        credit = self.membership_credits(contract)[:1]
        with self.assertRaises(UserError):
            credit.write({"contract_period_end": date(2027, 3, 31)})
        with self.assertRaises(UserError):
            self.env["tz.session.credit"].sudo().create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "source": "contract",
                }
            )
        with self.assertRaises(UserError):
            self.env["tz.session.credit"].create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_hiit.id,
                    "contract_line_id": contract.contract_line_ids.id,
                }
            )
        # the contract line that granted them stays
        with self.assertRaises(UserError):
            contract.contract_line_ids.sudo().unlink()

    # ------------------------------------------------------------------
    # 2. Expiry follows the period
    # ------------------------------------------------------------------

    def test_expiry_follows_the_product_validity(self):
        self.membership.write(
            {
                "session_credit_validity_number": 2,
                "session_credit_validity_unit": "months",
                "session_credit_rollover_max": 0,
            }
        )
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        self.assertEqual(
            self.membership_credits(contract).mapped("expiry_date"),
            [date(2027, 2, 28), date(2027, 3, 31)],
        )

    def test_weekly_membership_expires_with_its_week(self):
        self.membership.write(
            {"recurring_rule_type": "weekly", "session_credit_rollover_max": 0}
        )
        contract = self.sell_membership(date(2027, 1, 4))
        self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        self.assertEqual(
            self.membership_credits(contract).mapped("expiry_date"),
            [date(2027, 1, 10), date(2027, 1, 17)],
        )

    # ------------------------------------------------------------------
    # 3. Rollover
    # ------------------------------------------------------------------

    def _rollover(self, cap, used):
        """Period 1 granted, ``used`` of its credits used, period 2 posted."""
        self.membership.session_credit_rollover_max = cap
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        if used:
            self.use_credits(self.client, used, date(2027, 1, 5))
        self.invoice_next_period(contract)
        credits = self.membership_credits(contract)
        first = credits.filtered(lambda c: c.contract_period_start.month == 1)
        return contract, first, credits - first

    def test_rollover_zero_carries_nothing(self):
        contract, first, second = self._rollover(cap=0, used=3)
        self.assertEqual(first.mapped("quantity"), [8], "one grant: nothing to carry")
        self.assertEqual(first.expiry_date, date(2027, 1, 31))
        self.assertFalse(first.sudo().extension_ids)
        self.assertEqual(second.mapped("quantity"), [8])

    def test_rollover_carries_up_to_the_cap(self):
        contract, first, second = self._rollover(cap=2, used=3)  # 5 unused
        self.assertEqual(first.mapped("quantity_remaining"), [3, 2])
        carried = first.filtered(lambda c: c.expiry_date == date(2027, 2, 28))
        self.assertEqual(carried.quantity_remaining, 2, "the cap, not the 5 unused")
        self.assertEqual(
            (first - carried).expiry_date, date(2027, 1, 31), "the rest expires"
        )
        self.assertRecordValues(
            carried.sudo().extension_ids,
            [
                {
                    "old_expiry_date": date(2027, 1, 31),
                    "new_expiry_date": date(2027, 2, 28),
                    "reason": "Rollover",
                }
            ],
        )
        self.assertEqual(second.mapped("expiry_date"), [date(2027, 2, 28)] * 2)
        # on 1 February: the new 8 and the 2 carried
        with freeze_time("2027-02-01 10:00:00"):
            self.client.invalidate_recordset()
            self.assertEqual(self.client.session_credits_available, 10)

    def test_rollover_with_fewer_unused_than_the_cap(self):
        contract, first, second = self._rollover(cap=2, used=7)  # 1 unused
        carried = first.filtered(lambda c: c.expiry_date == date(2027, 2, 28))
        self.assertEqual(carried.quantity_remaining, 1)
        self.assertEqual(carried.sudo().extension_ids.reason, "Rollover")

    def test_rollover_with_a_cap_above_the_credits(self):
        contract, first, second = self._rollover(cap=10, used=3)
        self.assertEqual(first.mapped("quantity"), [8], "all of it may carry")
        self.assertEqual(first.quantity_remaining, 5)
        self.assertEqual(first.expiry_date, date(2027, 2, 28))

    def test_rollover_nothing_unused(self):
        contract, first, second = self._rollover(cap=2, used=8)
        self.assertEqual(first.mapped("expiry_date"), [date(2027, 1, 31)] * 2)
        self.assertFalse(first.sudo().extension_ids)

    def test_rolled_over_credits_do_not_carry_twice(self):
        contract, first, second = self._rollover(cap=2, used=0)
        carried = first.filtered(lambda c: c.expiry_date == date(2027, 2, 28))
        self.assertEqual(carried.quantity_remaining, 2)
        self.invoice_next_period(contract)
        # March carries February's own credits, not January's again
        self.assertEqual(carried.expiry_date, date(2027, 2, 28))
        february_carried = second.filtered(lambda c: c.expiry_date == date(2027, 3, 31))
        self.assertEqual(february_carried.quantity, 2)

    # ------------------------------------------------------------------
    # 4. Stopping and refunds
    # ------------------------------------------------------------------

    def test_terminated_contract_grants_nothing_more(self):
        contract = self.sell_membership(date(2027, 1, 1))
        invoice = self.invoice_next_period(contract)
        wizard = (
            self.env["contract.contract.terminate"]
            .with_user(self.user_account_manager)
            .create(
                {
                    "contract_id": contract.id,
                    "terminate_reason_id": self.terminate_reason.id,
                    "terminate_date": date(2027, 1, 31),
                }
            )
        )
        wizard.terminate_contract()
        self.assertTrue(contract.is_terminated)
        line = contract.contract_line_ids
        self.assertEqual(line.date_end, date(2027, 1, 31))
        # the stack invoices nothing more
        self.assertFalse(contract.recurring_create_invoice())
        # and an invoice of a later period of the line, however it was made,
        # grants nothing
        later = invoice.copy({"invoice_date": date(2027, 2, 1)})
        later.invoice_line_ids.write(
            {
                "contract_period_start": date(2027, 2, 1),
                "contract_period_end": date(2027, 2, 28),
            }
        )
        later.with_user(self.user_billing).action_post()
        credits = self.membership_credits(contract)
        self.assertEqual(sum(credits.mapped("quantity")), 8)
        # the unused credits stay until they expire
        self.assertEqual(sum(credits.mapped("quantity_remaining")), 8)
        self.assertEqual(credits.mapped("expiry_date"), [date(2027, 1, 31)] * 2)

    def test_ended_line_grants_nothing_more(self):
        self.membership.recurrence_number = 2
        contract = self.sell_membership(date(2027, 1, 1))
        self.assertEqual(contract.contract_line_ids.date_end, date(2027, 2, 28))
        self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        self.assertFalse(contract.recurring_create_invoice())
        self.assertEqual(sum(self.membership_credits(contract).mapped("quantity")), 16)

    def test_credit_note_revokes_the_unused_credits_of_its_period(self):
        self.membership.session_credit_rollover_max = 0
        contract = self.sell_membership(date(2027, 1, 1))
        first_invoice = self.invoice_next_period(contract)
        self.invoice_next_period(contract)
        self.use_credits(self.client, 3, date(2027, 1, 5))
        credit_note = self.refund(first_invoice)
        self.assertEqual(
            credit_note.invoice_line_ids.contract_period_start, date(2027, 1, 1)
        )
        january, february = self.membership_credits(contract)
        self.assertEqual(january.quantity_used, 3, "used credits stay used")
        self.assertEqual(january.quantity_revoked, 5)
        self.assertEqual(january.revocation_ids.origin_ref, credit_note)
        self.assertEqual(january.state, "revoked")
        self.assertEqual(february.quantity_revoked, 0, "another period")
        self.assertIn("3 already used", credit_note.message_ids[:1].body)
        self.assertIn("revoked from", contract.message_ids[:1].body)
        # posting the credit note again takes nothing more
        credit_note.button_draft()
        credit_note.with_user(self.user_billing).action_post()
        self.assertEqual(january.quantity_revoked, 5)
        # nor does posting the refunded invoice again give them back
        first_invoice.button_draft()
        first_invoice.with_user(self.user_billing).action_post()
        self.assertEqual(len(self.membership_credits(contract)), 2)

    def test_partial_credit_note(self):
        self.membership.session_credit_rollover_max = 0
        contract = self.sell_membership(date(2027, 1, 1), qty=2)
        invoice = self.invoice_next_period(contract)
        self.refund(invoice, quantity=1)
        credit = self.membership_credits(contract)
        self.assertEqual(credit.quantity, 16)
        self.assertEqual(credit.quantity_revoked, 8)

    # ------------------------------------------------------------------
    # 5. Freezing
    # ------------------------------------------------------------------

    def test_suspension_freezes_the_credits_and_the_next_period(self):
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        self.use_credits(self.client, 1, date(2027, 1, 5))
        line = contract.contract_line_ids
        # from the next period's first day, for 14 days
        self.suspend(line, date(2027, 2, 1), date(2027, 2, 14))
        january = self.membership_credits(contract)
        self.assertEqual(january.mapped("expiry_date"), [date(2027, 2, 14)] * 2)
        self.assertEqual(
            january.sudo().extension_ids.mapped("reason"), ["Freeze", "Freeze"]
        )
        self.assertEqual(
            set(january.sudo().extension_ids.mapped("new_expiry_date")),
            {date(2027, 2, 14)},
        )
        # the stack: the line stops the day before, a successor starts the
        # day after: the next period moves out by the 14 days
        self.assertEqual(line.date_end, date(2027, 1, 31))
        successor = line.successor_contract_line_id
        self.assertEqual(successor.date_start, date(2027, 2, 15))
        self.assertEqual(successor.next_period_date_start, date(2027, 2, 15))
        self.assertIn("Freeze", contract.message_ids[:1].body)
        # nothing is granted for the suspended days: the next invoice is the
        # successor's first period, and January's unused credits roll over
        # into it (the same membership)
        self.invoice_next_period(contract)
        credits = self.membership_credits(contract)
        new = credits.filtered(lambda c: c.contract_line_id == successor)
        self.assertEqual(set(new.mapped("contract_period_start")), {date(2027, 2, 15)})
        self.assertEqual(set(new.mapped("expiry_date")), {date(2027, 3, 14)})
        carried = january.filtered(lambda c: c.expiry_date == date(2027, 3, 14))
        self.assertEqual(carried.quantity_remaining, 2)
        self.assertEqual(
            carried.sudo().extension_ids.sorted("id").mapped("reason"),
            ["Freeze", "Rollover"],
        )

    def test_suspension_over_a_period_boundary(self):
        """January is invoiced; the suspension runs from 10 February to
        9 March, over the February/March boundary. The stack invoices 1-9
        February, then the successor from 10 March: no period of the
        suspended days is granted."""
        self.membership.session_credit_rollover_max = 0
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        line = contract.contract_line_ids
        self.suspend(line, date(2027, 2, 10), date(2027, 3, 9))
        january = self.membership_credits(contract)
        self.assertEqual(january.expiry_date, date(2027, 2, 28), "28 days later")
        self.assertEqual(january.sudo().extension_ids.reason, "Freeze")
        self.invoice_next_period(contract)  # 1-9 February, the line's last days
        self.invoice_next_period(contract)  # the successor's first period
        credits = self.membership_credits(contract)
        periods = [
            (c.contract_period_start, c.contract_period_end, c.expiry_date)
            for c in credits
        ]
        self.assertEqual(
            periods,
            [
                (date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 28)),
                (date(2027, 2, 1), date(2027, 2, 9), date(2027, 2, 9)),
                (date(2027, 3, 10), date(2027, 4, 9), date(2027, 4, 9)),
            ],
        )
        for start, end, __ in periods:
            self.assertFalse(
                start <= date(2027, 2, 10) <= end or start <= date(2027, 3, 9) <= end,
                "no period granted over the suspended days",
            )

    def test_suspension_inside_an_invoiced_period_is_refused_by_the_stack(self):
        """Evidence for the issue: contract_line_successor stops the line the
        day before the suspension, and contract refuses an end before the
        last invoiced day. Nothing changes."""
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        line = contract.contract_line_ids
        with self.assertRaisesRegex(ValidationError, "date of last invoice"):
            self.suspend(line, date(2027, 1, 20), date(2027, 2, 10))
        credits = self.membership_credits(contract)
        self.assertEqual(credits.mapped("expiry_date"), [date(2027, 1, 31)] * 2)
        self.assertFalse(credits.sudo().extension_ids)

    def test_suspension_with_credits_used_up(self):
        self.membership.session_credit_rollover_max = 0
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        self.use_credits(self.client, 8, date(2027, 1, 5))
        line = contract.contract_line_ids
        self.suspend(line, date(2027, 2, 1), date(2027, 2, 14))
        self.assertEqual(line.date_end, date(2027, 1, 31), "the suspension happens")
        self.assertTrue(line.successor_contract_line_id)
        credit = self.membership_credits(contract)
        self.assertEqual(credit.expiry_date, date(2027, 1, 31))
        self.assertFalse(credit.sudo().extension_ids)

    def test_suspension_from_the_client_card(self):
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        line = contract.contract_line_ids
        client = self.client.with_user(self.user_account_manager)
        self.assertEqual(client.session_credit_membership_ids, line)
        action = client.session_credit_membership_ids.action_stop_plan_successor()
        self.assertEqual(action["res_model"], "contract.line.wizard")
        form = Form(
            self.env["contract.line.wizard"]
            .with_user(self.user_account_manager)
            .with_context(**action["context"]),
            view=action["view_id"] if "view_id" in action else action["views"][0][0],
        )
        form.date_start = date(2027, 2, 1)
        form.date_end = date(2027, 2, 7)
        form.save().stop_plan_successor()
        self.assertEqual(
            self.membership_credits(contract).mapped("expiry_date"),
            [date(2027, 2, 7)] * 2,
        )
        self.assertEqual(line.successor_contract_line_id.date_start, date(2027, 2, 8))

    def test_suspension_needs_the_stack_rights(self):
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        line = contract.contract_line_ids
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            line.with_user(self.user_billing).stop_plan_successor(
                date(2027, 2, 1), date(2027, 2, 14), False
            )
        self.assertFalse(self.membership_credits(contract).sudo().extension_ids)

    # ------------------------------------------------------------------
    # Bad input: a clear error, nothing changes
    # ------------------------------------------------------------------

    def test_rollover_cap_below_zero(self):
        with self.assertRaisesRegex(ValidationError, "cannot be below 0"):
            self.membership.session_credit_rollover_max = -1
            self.membership.flush_recordset()

    def test_membership_without_session_type(self):
        with self.assertRaisesRegex(ValidationError, "only a membership uses"):
            self.env["product.template"].create(
                {
                    "name": "Rollover without type",
                    "type": "service",
                    "is_contract": True,
                    "session_credit_rollover_max": 2,
                }
            )

    def test_membership_not_a_service(self):
        with self.assertRaises(ValidationError):
            self.env["product.template"].create(
                {
                    "name": "Membership goods",
                    "type": "consu",
                    "is_contract": True,
                    "session_credit_event_type_id": self.type_hiit.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.membership.type = "consu"
            self.membership.flush_recordset()

    def test_membership_post_paid(self):
        with self.assertRaisesRegex(ValidationError, "pre-paid"):
            self.membership.recurring_invoicing_type = "post-paid"
            self.membership.flush_recordset()

    def test_membership_sold_to_another_company(self):
        other = self.env["res.company"].create({"name": "Other Gym"})
        stranger = self.env["res.partner"].create(
            {"name": "Other gym's client", "company_id": other.id}
        )
        # the sale order refuses first (Odoo's own company check)
        with self.assertRaises(UserError):
            self.make_order(
                [(self.membership, 1)],
                partner=stranger,
                user=self.user_account_manager,
            )
        # a contract made by hand too
        with (
            self.assertRaisesRegex(ValidationError, "a contact of Other Gym"),
            self.env.cr.savepoint(),
        ):
            self.env["contract.contract"].create(
                {
                    "name": "By hand",
                    "partner_id": stranger.id,
                    "line_recurrence": True,
                    "contract_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.membership.product_variant_id.id,
                                "name": "HIIT",
                                "date_start": date(2027, 1, 1),
                            },
                        )
                    ],
                }
            )
        self.assertFalse(
            self.env["contract.contract"].search([("partner_id", "=", stranger.id)])
        )
        # nor can a membership's contract move to that client afterwards
        contract = self.sell_membership(date(2027, 1, 1))
        with self.assertRaisesRegex(ValidationError, "a contact of Other Gym"):
            contract.partner_id = stranger
            contract.flush_recordset()

    def test_suspension_ending_before_it_starts(self):
        contract = self.sell_membership(date(2027, 1, 1))
        self.invoice_next_period(contract)
        line = contract.contract_line_ids
        with self.assertRaisesRegex(UserError, "before it starts"):
            self.suspend(line, date(2027, 2, 14), date(2027, 2, 1))
        self.assertEqual(line.date_end, date(2027, 12, 31), "not stopped")
        self.assertFalse(line.successor_contract_line_id)
