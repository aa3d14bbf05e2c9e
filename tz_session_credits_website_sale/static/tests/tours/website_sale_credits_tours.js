/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * A signed-in portal client opens a session pack's page in the shop, buys it and pays with
 * Odoo's demo provider (run by tests/test_tours_sale.py, on desktop and at
 * 390 × 844). The Python test checks the order and the credits.
 */
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

const PACK = "Shop PT pack";

registry.category("web_tour.tours").add("tz_session_credits_shop_buy_pack", {
    steps: () => [
        {
            content: "The pack's page",
            trigger: `h1:contains(${PACK})`,
        },
        {
            content: "The product page says what the pack grants",
            trigger: ".o_tz_session_credit_summary:contains(10 session credits, valid 3 months)",
        },
        {
            content: "Add the pack to the cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "The cart holds it: open the cart",
            trigger: "sup.my_cart_quantity:contains(/^1$/):not(:visible), sup.my_cart_quantity:contains(/^1$/)",
            run() {
                window.location.href = "/shop/cart";
            },
        },
        {
            content: "The pack is in the cart",
            trigger: `#cart_products a:contains(${PACK}), .o_cart_product a:contains(${PACK})`,
        },
        tourUtils.goToCheckout(),
        {
            content: "A pack is a service: no delivery step, straight to the payment",
            trigger: "h3:contains(Confirm order), h1:contains(Confirm order)",
        },
        ...tourUtils.payWithDemo(),
    ],
});
