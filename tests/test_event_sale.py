"""Point 4 and event_sale's computed state (tz_session_credits_event_sale):
a registration paid by its own ticket uses no credit; a free ticket does,
and follows the state event_sale computes from the sale order.

P12 item 7: that state is computed (no ``write``), and no constraint books
any more: the order's confirmation, cancellation and line changes sync the
registrations, once, after what the order grants and before what it revokes.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import EventCreditsCase


@tagged("post_install", "-at_install")
class TestEventSale(EventCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        cls.klass = cls.env["event.event"].create(
            {
                "name": "Sold HIIT",
                "event_type_id": cls.template_hiit.id,
                "date_begin": start,
                "date_end": start + timedelta(hours=1),
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Class ticket", "type": "service", "service_tracking": "event"}
        )
        cls.towel = cls.env["product.product"].create(
            {"name": "Towel", "type": "consu", "list_price": 5}
        )
        Ticket = cls.env["event.event.ticket"]
        cls.ticket_paid = Ticket.create(
            {
                "name": "Drop-in",
                "event_id": cls.klass.id,
                "product_id": cls.product.id,
                "price": 15,
            }
        )
        cls.ticket_credit = Ticket.create(
            {
                "name": "With a credit",
                "event_id": cls.klass.id,
                "product_id": cls.product.id,
                "price": 0,
            }
        )

        cls.pack = cls.env["product.template"].create(
            {
                "name": "5 × HIIT pack",
                "type": "service",
                "list_price": 50.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
                "session_credit_event_type_id": cls.type_hiit.id,
                "session_credit_quantity": 5,
            }
        )

    def _order(self, ticket, price, other=None, qty=1, register=True):
        """An order of ``qty`` tickets and ``other`` (default: a towel); the
        registration made at the desk from its line (``register``), or none:
        ``event_sale`` makes them when the order is confirmed."""
        other = other or self.towel
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "event_id": self.klass.id,
                            "event_ticket_id": ticket.id,
                            "price_unit": price,
                            "product_uom_qty": qty,
                        }
                    ),
                    Command.create({"product_id": other.id}),
                ],
            }
        )
        if not register:
            return order, self.env["event.registration"]
        line = order.order_line.filtered("event_id")
        registration = self.env["event.registration"].create(
            {"event_id": self.klass.id, "sale_order_line_id": line.id}
        )
        return order, registration

    def _uses(self, registrations):
        return (
            self.env["tz.session.credit.usage"]
            .sudo()
            .search([("registration_id", "in", registrations.ids)])
        )

    def test_paid_ticket_uses_no_credit(self):
        credit = self.grant(self.client, 1)
        order, registration = self._order(self.ticket_paid, 15)
        self.assertEqual(registration.state, "draft")
        order.action_confirm()
        self.assertEqual(registration.state, "open")
        self.assertFalse(registration.session_credit_usage_ids)
        self.assertEqual(credit.quantity_remaining, 1)

    def test_free_ticket_follows_the_computed_state(self):
        credit = self.grant(self.client, 1)
        order, registration = self._order(self.ticket_credit, 0)
        # the order is not paid yet (towel): unconfirmed, no credit used
        self.assertEqual(registration.state, "draft")
        self.assertFalse(registration.session_credit_usage_ids)
        order.action_confirm()  # event_sale recomputes the state, no write()
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 0)
        order._action_cancel()
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(registration.session_credit_state, "returned")
        self.assertEqual(credit.quantity_remaining, 1)

    # ------------------------------------------------------------------
    # P12 item 7: the sale order's path, without a constraint
    # ------------------------------------------------------------------

    def test_confirmed_order_uses_one_credit_per_registration_once(self):
        """The registration made from the quotation, and those event_sale
        makes on confirmation: one use each, not one per sync."""
        credit = self.grant(self.client, 5)
        order, registration = self._order(self.ticket_credit, 0, qty=3)
        self.assertEqual(registration.state, "draft")
        order.action_confirm()
        registrations = order.order_line.registration_ids
        self.assertEqual(len(registrations), 3)
        self.assertEqual(set(registrations.mapped("state")), {"open"})
        uses = self._uses(registrations)
        self.assertEqual(len(uses), 3)
        self.assertEqual(uses.registration_id, registrations)
        self.assertEqual(set(uses.mapped("state")), {"consumed"})
        self.assertEqual(credit.quantity_remaining, 2)
        # saving the order, its lines or the registrations again books
        # nothing more
        order.write({"note": "Paid at the desk", "payment_term_id": False})
        order.order_line.write({"discount": 0})
        registrations.write({"state": "open"})
        self.assertEqual(len(self._uses(registrations)), 3)
        self.assertEqual(credit.quantity_remaining, 2)

    def test_pack_and_class_in_one_order(self):
        """The client buys a pack and a place in a class with one of its
        credits: the class books after the order granted the pack (not when
        the order's state is written, before the grant), and a cancellation
        gives the credit back before the pack's credits are revoked, so that
        all five go."""
        order, registration = self._order(
            self.ticket_credit, 0, other=self.pack.product_variant_id
        )
        salesman = new_test_user(
            self.env,
            login="tz_event_salesman",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
            tz="UTC",
        )
        order = order.with_user(salesman)
        order.action_confirm()
        pack_credit = self.env["tz.session.credit"].search(
            [("sale_line_id", "in", order.order_line.ids)]
        )
        self.assertEqual(pack_credit.quantity, 5)
        use = self._uses(registration)
        self.assertRecordValues(
            use, [{"state": "consumed", "credit_id": pack_credit.id}]
        )
        self.assertEqual(pack_credit.quantity_remaining, 4)
        order._action_cancel()
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(use.state, "returned")
        self.assertEqual(pack_credit.quantity_revoked, 5)
        self.assertEqual(pack_credit.quantity_remaining, 0)

    def test_cancelled_order_gives_back_once_then_confirmed_again(self):
        credit = self.grant(self.client, 2)
        order, registration = self._order(self.ticket_credit, 0)
        order.action_confirm()
        self.assertEqual(credit.quantity_remaining, 1)
        # through the cancel wizard, as the button does
        wizard = (
            self.env["sale.order.cancel"]
            .with_context(default_order_id=order.id)
            .create({})
        )
        wizard.action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(registration.session_credit_state, "returned")
        self.assertEqual(credit.quantity_remaining, 2)
        self.assertEqual(len(self._uses(registration)), 1)

    def test_quotation_total_decides_the_state(self):
        """A quotation of a free ticket only is free: event_sale registers
        its client at once (a credit is used). A paid product added makes it
        unconfirmed (given back); removed, registered again."""
        credit = self.grant(self.client, 1)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "event_id": self.klass.id,
                            "event_ticket_id": self.ticket_credit.id,
                            "price_unit": 0,
                        }
                    )
                ],
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": self.klass.id, "sale_order_line_id": order.order_line.id}
        )
        self.assertEqual(registration.state, "open")
        self.assertEqual(credit.quantity_remaining, 0)
        order.write({"order_line": [Command.create({"product_id": self.towel.id})]})
        self.assertEqual(registration.state, "draft")
        self.assertEqual(registration.session_credit_state, "returned")
        self.assertEqual(credit.quantity_remaining, 1)
        order.order_line.filtered(lambda line: line.product_id == self.towel).unlink()
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 0)

    def test_ticket_priced_after_confirmation_gives_the_credit_back(self):
        """The state does not change, but the ticket now pays for the
        registration: its credit comes back (a constraint on the state never
        saw this); free again, it books again."""
        credit = self.grant(self.client, 1)
        order, registration = self._order(self.ticket_credit, 0)
        order.action_confirm()
        self.assertEqual(credit.quantity_remaining, 0)
        line = registration.sale_order_line_id
        line.price_unit = 15
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.session_credit_state, "returned")
        self.assertEqual(credit.quantity_remaining, 1)
        line.discount = 100
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 0)
