"""tz_session_credits_website_sale: session packs in the online shop, as
customers see it (P16 items 2 and 10): listed and found by the search for a
visitor and a portal client, a pack page without shipping terms and without
an "Access Denied" in the log, and a checkout that does not speak of delivery
for a cart of packs. The tours (tests/test_tours_sale.py) walk the same in a
browser and pay."""

import logging
from urllib.parse import urlsplit

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SaleCreditsCase

SHIPPING = "Shipping: 2-3 Business Days"


@tagged("post_install", "-at_install")
class TestWebsiteSale(HttpCase, SaleCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["product.public.category"].create(
            {"name": "Studio Packs"}
        )
        cls.pack_pt.write(
            {
                "name": "Zumba pack of ten",
                "is_published": True,
                "public_categ_ids": [(6, 0, cls.category.ids)],
            }
        )
        cls.towel = cls.env["product.template"].create(
            {
                "name": "Zumba towel",
                "type": "consu",
                "list_price": 9.0,
                "is_published": True,
                "public_categ_ids": [(6, 0, cls.category.ids)],
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="tz_shop_portal",
            password="tz_shop_portal",
            groups="base.group_portal",
            name="Petra Portal",
            email="petra.portal@example.com",
        )
        cls.portal_user.partner_id.write(
            {
                "street": "3 Rue du Sport",
                "city": "Brussels",
                "zip": "1000",
                "country_id": cls.env.ref("base.be").id,
                "phone": "+32 2 555 01 02",
            }
        )

    def _as(self, login):
        if login:
            self.authenticate(login, login)

    def _links(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        hrefs = html.fromstring(response.text).xpath("//a/@href")
        # a listing's links keep its category: /shop/<product>?category=1
        return {urlsplit(href).path for href in hrefs}

    # ------------------------------------------------------------------
    # P16 item 2: listed and found
    # ------------------------------------------------------------------

    def _check_listed(self, login):
        self._as(login)
        pack_url = self.pack_pt.website_url
        self.assertIn(pack_url, self._links(f"/shop/category/{self.category.id}"))
        self.assertIn(pack_url, self._links("/shop?search=Zumba+pack"))
        # the goods of the category, as before
        self.assertIn(
            self.towel.website_url, self._links(f"/shop/category/{self.category.id}")
        )

    def test_visitor_finds_pack(self):
        self._check_listed(None)

    def test_portal_client_finds_pack(self):
        self._check_listed("tz_shop_portal")

    def test_portal_without_credits_leads_to_the_shop(self):
        """Found walking the demo: a client without credits read "You have no
        session credits yet." and had no way on to the packs."""
        self._as("tz_shop_portal")
        page = self.url_open("/my/session_credits").text
        self.assertIn("You have no session credits yet.", page)
        links = html.fromstring(page).xpath(
            "//a[contains(@class, 'o_tz_portal_buy_credits')]/@href"
        )
        self.assertEqual(links, ["/shop"])

    def test_shop_domain_lists_packs_to_customers(self):
        website = self.env["website"].get_current_website()
        for user in (self.portal_user, self.env.ref("base.public_user")):
            domain = website.with_user(user).sale_product_domain()
            found = self.env["product.template"].search(domain)
            self.assertIn(self.pack_pt, found, user.login)

    # ------------------------------------------------------------------
    # P16 item 10: the pack page
    # ------------------------------------------------------------------

    def test_portal_pack_page_logs_nothing(self):
        # the layout reads can_publish of the product for a signed-in
        # visitor; Odoo's mixin logged a denied write for a client
        self._as("tz_shop_portal")
        with self.assertLogs("odoo", logging.INFO) as logs:
            logging.getLogger("odoo").info("opening the pack page")
            response = self.url_open(self.pack_pt.website_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("10 session credits, valid 3 months", response.text)
        bad = [
            line
            for line, record in zip(logs.output, logs.records, strict=True)
            if record.levelno >= logging.WARNING or "Access Denied" in line
        ]
        self.assertEqual(bad, [])

    def test_pack_page_has_no_shipping_terms(self):
        page = self.url_open(self.pack_pt.website_url).text
        self.assertNotIn(SHIPPING, page)
        self.assertIn("o_tz_session_credit_terms", page)
        self.assertIn('href="/terms"', page)
        # goods keep Odoo's text
        page = self.url_open(self.towel.website_url).text
        self.assertIn(SHIPPING, page)
        self.assertNotIn("o_tz_session_credit_terms", page)

    # ------------------------------------------------------------------
    # P16 item 10: the checkout of a cart of packs
    # ------------------------------------------------------------------

    def _add_to_cart(self, template):
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": template.product_variant_id.id, "add_qty": 1},
        )

    def _step_labels(self, url):
        tree = html.fromstring(self.url_open(url).text)
        labels = tree.xpath("//*[contains(@class, 'o_wizard_steplabel')]")
        return {" ".join(label.text_content().split()) for label in labels}

    def test_checkout_of_packs_speaks_of_no_delivery(self):
        self._as("tz_shop_portal")
        self._add_to_cart(self.pack_pt)
        labels = self._step_labels("/shop/checkout")
        self.assertIn("Address", labels)
        self.assertNotIn("Delivery", labels)
        page = self.url_open("/shop/payment").text
        self.assertIn("Back to address", page)
        self.assertNotIn("Back to delivery", page)
        # goods in the cart: Odoo's delivery step again
        self._add_to_cart(self.towel)
        labels = self._step_labels("/shop/checkout")
        self.assertIn("Delivery", labels)
        self.assertNotIn("Address", labels)
