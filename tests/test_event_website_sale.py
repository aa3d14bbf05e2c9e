"""The website registration of a credit class when Odoo's website_event_sale is
installed too (tickets with prices, the shop's cart): it replaces the confirm
button of the attendee form and sends a visitor with a cart to the checkout
after the registration. Without credits there is still no confirm button, and
nothing is registered nor put in the cart."""

from datetime import timedelta

import lxml.html

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import EventCreditsCase


@tagged("post_install", "-at_install")
class TestEventWebsiteSale(HttpCase, EventCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        cls.klass = cls.env["event.event"].create(
            {
                "name": "Shop HIIT",
                "event_type_id": cls.template_hiit.id,
                "date_begin": start,
                "date_end": start + timedelta(hours=1),
                "website_published": True,
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Class ticket", "type": "service", "service_tracking": "event"}
        )
        Ticket = cls.env["event.event.ticket"]
        cls.ticket_free = Ticket.create(
            {
                "name": "Member",
                "event_id": cls.klass.id,
                "product_id": product.id,
                "price": 0,
            }
        )
        cls.ticket_paid = Ticket.create(
            {
                "name": "Drop-in",
                "event_id": cls.klass.id,
                "product_id": product.id,
                "price": 15,
            }
        )
        cls.towel = cls.env["product.product"].create(
            {
                "name": "Gym towel",
                "type": "consu",
                "list_price": 9,
                "website_published": True,
            }
        )
        cls.portal = new_test_user(
            cls.env,
            login="tz_shop_client",
            groups="base.group_portal",
            name="Sally Shop",
            email="sally@example.com",
        )

    def _attendee_form(self, ticket):
        self.authenticate("tz_shop_client", "tz_shop_client")
        return self.make_jsonrpc_request(
            f"/event/{self.klass.id}/registration/new", {f"nb_register-{ticket.id}": 1}
        )

    def _confirm(self, ticket):
        return self.url_open(
            f"/event/{self.klass.id}/registration/confirm",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "1-event_ticket_id": str(ticket.id),
            },
            allow_redirects=False,
        )

    def _registrations(self):
        return self.env["event.registration"].search([("event_id", "=", self.klass.id)])

    def test_no_credit_no_confirm_button(self):
        for ticket in self.ticket_free | self.ticket_paid:
            html = self._attendee_form(ticket)
            self.assertIn("You cannot register", html)
            self.assertNotIn('type="submit"', html)
            self.assertNotIn("Confirm Registration", html)
            self.assertNotIn("Go to Payment", html)

    def test_with_credits_confirm_button(self):
        self.grant(self.portal.partner_id, 2)
        html = self._attendee_form(self.ticket_free)
        self.assertIn("This registration uses", html)
        self.assertIn('type="submit"', html)
        self.assertIn("Confirm Registration", html)

    def test_no_credit_with_a_cart_nothing_registered(self):
        self.authenticate("tz_shop_client", "tz_shop_client")
        self.url_open(
            "/shop/cart/update",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "product_id": str(self.towel.id),
                "add_qty": "1",
            },
        )
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.portal.partner_id.id), ("state", "=", "draft")]
        )
        self.assertEqual(cart.order_line.product_id, self.towel)
        for ticket in self.ticket_free | self.ticket_paid:
            response = self._confirm(ticket)
            location = response.headers.get("Location", "")
            self.assertIn("registration_error_code=session_credit_none", location)
            self.assertNotIn("/shop/checkout", location)
            self.assertFalse(self._registrations())
            self.assertEqual(cart.order_line.product_id, self.towel)
            self.assertEqual(cart.state, "draft")

    def test_free_ticket_uses_a_credit(self):
        credit = self.grant(self.portal.partner_id, 2)
        self.authenticate("tz_shop_client", "tz_shop_client")
        response = self._confirm(self.ticket_free)
        self.assertIn("/registration/success", response.headers.get("Location", ""))
        registration = self._registrations()
        self.assertEqual(registration.partner_id, self.portal.partner_id)
        self.assertEqual(registration.event_ticket_id, self.ticket_free)
        self.assertEqual(registration.session_credit_state, "consumed")
        self.assertEqual(credit.quantity_remaining, 1)

    def test_ticket_list_says_which_tickets_use_a_credit(self):
        """P16 item 8: rather than the shop's "Free" alone, a ticket that
        uses a credit says so; a paid ticket uses none."""
        self.assertEqual(
            self.klass._session_credit_ticket_cost(self.ticket_free),
            "1 credit of Group HIIT",
        )
        self.assertFalse(self.klass._session_credit_ticket_cost(self.ticket_paid))
        self.authenticate("tz_shop_client", "tz_shop_client")
        page = self.url_open(f"/event/{self.klass.id}/register").text
        self.assertEqual(page.count("o_tz_ticket_credit_cost"), 1)

    def _ticket_rows(self, klass):
        """Each ticket of ``klass``'s tickets dialog: its name, and the texts
        of its badges and of its credit cost."""
        page = lxml.html.fromstring(self.url_open(f"/event/{klass.id}/register").text)
        rows = {}
        for row in page.xpath("//*[contains(@class, 'o_wevent_ticket_selector')]"):
            name = row.xpath(".//h5[@itemprop='name']")[0].text_content().strip()
            rows[name] = {
                "badges": [
                    b.text_content().strip()
                    for b in row.xpath(".//span[contains(@class, 'badge')]")
                ],
                "cost": [
                    c.text_content().strip()
                    for c in row.xpath(
                        ".//*[contains(@class, 'o_tz_ticket_credit_cost')]"
                    )
                ],
            }
        return rows

    def test_credit_ticket_is_not_called_free(self):
        """P16 item 8, with the shop: the ticket paid with a credit shows its
        cost, not the shop's "Free" badge; the paid ticket keeps its price,
        and a class without a session type keeps "Free"."""
        self.authenticate("tz_shop_client", "tz_shop_client")
        rows = self._ticket_rows(self.klass)
        self.assertEqual(rows["Member"]["cost"], ["1 credit of Group HIIT"])
        self.assertNotIn("Free", rows["Member"]["badges"])
        self.assertEqual(rows["Drop-in"]["cost"], [])
        self.klass.session_event_type_id = False
        rows = self._ticket_rows(self.klass)
        self.assertIn("Free", rows["Member"]["badges"])
        self.assertEqual(rows["Member"]["cost"], [])
