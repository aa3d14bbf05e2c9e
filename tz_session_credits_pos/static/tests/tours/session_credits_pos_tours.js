/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * POS tours of tz_session_credits_pos, run by tests/test_tours_pos.py: the
 * front desk sells a session pack, sees the client's balance go up, refunds
 * it, and is stopped when a pack has no customer; and a register that shows
 * only some product categories (point_of_sale's demo shop) finds a pack by
 * name and sells it. The Python tests make the data (names below) and check
 * the database afterwards.
 */
import { registry } from "@web/core/registry";
import { screenshot as takeScreenshot } from "@tz_session_credits/../tests/tours/tour_tools";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PartnerList from "@point_of_sale/../tests/tours/utils/partner_list_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";

const CLIENT = "Olivia Bennett";
const PACK = "10 × PT pack";
const TYPE_PT = "Personal Training 60 min";
const TYPE_HIIT = "Group HIIT";
const PACK_SUMMARY = "10 session credits, valid 3 months";
const PACK_CATEGORY = "Session Packs";
const CASH = "Desk Cash";
const CARD = "Card";

/** A screenshot once the screen has settled: no notification, no dialog. */
const screenshot = (name) =>
    takeScreenshot(name, { settled: "body:not(:has(.o_notification, .modal))" });

function chooseClient() {
    return [...ProductScreen.clickPartnerButton(), ...ProductScreen.clickCustomer(CLIENT)];
}

/** The panel shows ``count`` usable credits of ``type``. */
function balanceIs(type, count) {
    return {
        content: `${CLIENT} has ${count} × ${type} in the POS`,
        trigger: `.tz-session-credits-panel .tz-session-credits-line[data-event-type="${type}"] .tz-session-credits-available:contains("${count}")`,
    };
}

function noBalanceOf(type) {
    return {
        content: `${CLIENT} has no ${type} credits in the POS`,
        trigger: `.tz-session-credits-panel:has(.tz-session-credits-line):not(:has([data-event-type="${type}"]))`,
    };
}

function payCash() {
    return [
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod(CASH),
        PaymentScreen.clickValidate(),
    ].flat();
}

registry.category("web_tour.tours").add("tz_session_credits_pos_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // 1. the client's balance before: 4 HIIT credits, no PT
            chooseClient(),
            balanceIs(TYPE_HIIT, 4),
            noBalanceOf(TYPE_PT),
            // 2. sell the pack, pay: the balance goes up
            ProductScreen.clickDisplayedProduct(PACK),
            payCash(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            chooseClient(),
            balanceIs(TYPE_PT, 10),
            balanceIs(TYPE_HIIT, 4),
            screenshot("pos_session_credits"),
            // 3. refund it: the 10 unused credits go
            ...ProductScreen.clickRefund(),
            TicketScreen.selectOrder("-0001"),
            ProductScreen.clickNumpad("1"),
            TicketScreen.confirmRefund(),
            ProductScreen.isShown(),
            payCash(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            chooseClient(),
            balanceIs(TYPE_HIIT, 4),
            noBalanceOf(TYPE_PT),
            // 4. a pack without a customer cannot be paid
            ...ProductScreen.clickPartnerButton(),
            {
                content: "unselect the client",
                trigger: `.modal .partner-list .unselect-tag`,
                run: "click",
            },
            ProductScreen.clickDisplayedProduct(PACK),
            payCash(),
            Dialog.is({ title: "Customer Required" }),
            Dialog.bodyIs("choose the customer before payment"),
            Dialog.confirm(),
            PartnerList.clickPartner(CLIENT),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

/**
 * A register limited to its own product categories (the demo Furniture Shop)
 * shows the packs too: their "Session Packs" category is one of the
 * register's. The pack was created as a manager creates one (a service with a
 * session type, nothing else set).
 */
registry.category("web_tour.tours").add("tz_session_credits_pos_limited_register_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            chooseClient(),
            balanceIs(TYPE_HIIT, 4),
            noBalanceOf(TYPE_PT),
            // the pack is found by its name among the register's products
            ProductScreen.searchProduct("PT pack"),
            ProductScreen.productIsDisplayed(PACK),
            ProductScreen.clickDisplayedProduct(PACK, true, "1.0"),
            {
                content: "the pack line says what it grants",
                trigger: `.order-container .orderline:contains("${PACK}") .tz-session-credits-pack:contains("${PACK_SUMMARY}"):not(:contains("each"))`,
            },
            // two packs: the line says what each one grants
            ProductScreen.clickDisplayedProduct(PACK, true, "2.0"),
            {
                content: "the pack line says what each pack grants",
                trigger: `.order-container .orderline:contains("${PACK}") .tz-session-credits-pack:contains("${PACK_SUMMARY} each")`,
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod(CARD),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                content: "the receipt says what the pack grants",
                trigger: `.pos-receipt .orderline:contains("${PACK}") .tz-session-credits-pack:contains("${PACK_SUMMARY} each")`,
            },
            ReceiptScreen.clickNextOrder(),
            // the client's balance went up by the packs' 2 × 10 credits
            chooseClient(),
            balanceIs(TYPE_PT, 20),
            balanceIs(TYPE_HIIT, 4),
            // the register lists the packs' category
            {
                content: "the register shows the Session Packs category",
                trigger: `.product-screen .category-button:contains("${PACK_CATEGORY}")`,
            },
        ].flat(),
});
