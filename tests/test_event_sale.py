"""Point 4 and event_sale's computed state (tz_session_credits_event_sale):
a registration paid by its own ticket uses no credit; a free ticket does,
and follows the state event_sale computes from the sale order."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

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

    def _order(self, ticket, price):
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
                        }
                    ),
                    Command.create({"product_id": self.towel.id, "price_unit": 5}),
                ],
            }
        )
        line = order.order_line.filtered("event_id")
        registration = self.env["event.registration"].create(
            {"event_id": self.klass.id, "sale_order_line_id": line.id}
        )
        return order, registration

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
