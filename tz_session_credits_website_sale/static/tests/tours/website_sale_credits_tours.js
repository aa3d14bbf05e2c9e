/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * The online shop as customers use it (run by tests/test_tours_sale.py, on
 * desktop and at 390 × 844):
 *
 * - tz_session_credits_shop_find_pack: a visitor finds a session pack by
 *   browsing its category and by searching, then opens its page;
 * - tz_session_credits_shop_buy_pack: a signed-in portal client finds it the
 *   same way, buys it, pays with Odoo's demo provider, reaches the
 *   confirmation page and sees the credits on /my/session_credits.
 *
 * The Python test checks the order and the credits.
 */
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

const PACK = "Shop PT pack";
const CATEGORY = "Studio Packs";

function findPack() {
    return [
        {
            content: "The shop",
            trigger: ".o_wsale_products_page",
        },
        {
            content: "Browse: the packs' category",
            trigger: `.o_wsale_filmstip a:contains(${CATEGORY})`,
            run: "click",
        },
        {
            content: "The category lists the pack",
            trigger: `h1:contains(${CATEGORY})`,
        },
        {
            content: "... here",
            trigger: `#products_grid a:contains(${PACK})`,
        },
        {
            content: "Back to the whole shop",
            trigger: "body",
            run() {
                window.location.href = "/shop";
            },
        },
        {
            content: "The whole shop",
            trigger: `.o_wsale_products_page:not(:has(h1:contains(${CATEGORY})))`,
        },
        {
            content: "Search for the pack",
            trigger: '.o_wsale_products_searchbar_form input[name="search"]',
            run: `edit ${PACK}`,
        },
        {
            content: "Search",
            trigger: ".o_wsale_products_searchbar_form .oe_search_button",
            run: "click",
        },
        {
            content: "The search finds the pack (and nothing else): open it",
            trigger: `#products_grid:not(:has(.oe_product:not(:contains(${PACK})))) a:contains(${PACK})`,
            run: "click",
        },
        {
            content: "The pack's page",
            trigger: `h1:contains(${PACK})`,
        },
        {
            content: "The product page says what the pack grants",
            trigger: ".o_tz_session_credit_summary:contains(10 session credits, valid 3 months)",
        },
        {
            content: "... and when the credits come, not when it is shipped",
            trigger:
                "#o_product_terms_and_share:not(:contains(Shipping)) .o_tz_session_credit_terms",
        },
    ];
}

registry.category("web_tour.tours").add("tz_session_credits_shop_find_pack", {
    steps: () => findPack(),
});

registry.category("web_tour.tours").add("tz_session_credits_shop_buy_pack", {
    steps: () => [
        ...findPack(),
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
        {
            // every step's name, those of the phone's closed menu too
            content: "... and no step speaks of delivery",
            trigger: ".o_wizard",
            run() {
                const steps = [...document.querySelectorAll(".o_wizard")]
                    .map((wizard) => wizard.textContent)
                    .join(" ");
                if (!steps.includes("Address") || steps.includes("Delivery")) {
                    throw new Error(`Checkout steps: ${steps.replace(/\s+/g, " ")}`);
                }
            },
        },
        ...tourUtils.payWithDemo(),
        {
            content: "The confirmation page",
            trigger: "h3:contains(Thank you for your order)",
        },
        {
            content: "The client's credits",
            trigger: "body",
            run() {
                window.location.href = "/my/session_credits";
            },
        },
        {
            content: "The pack's credits are there, with no one at the gym to confirm",
            trigger: ".o_tz_portal_balance:contains(Personal Training 60 min) .o_tz_portal_available:contains(/^10$/)",
        },
        {
            content: "... from the shop's order",
            trigger: ".o_tz_portal_grant:contains(Personal Training 60 min)",
        },
    ],
});
