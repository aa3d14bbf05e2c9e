/* Copyright 2026 TZ Session Credits
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/**
 * Tours of tz_session_credits_contract, run by tests/test_tours_contract.py:
 * a membership sold, two periods' invoices posted from its contract, its
 * credits on the contract and on the client card (README screenshots with
 * TZ_SCREENSHOTS=1); the client card of a member at 390 × 844.
 *
 * The names below must match the Python test's data.
 */
import { registry } from "@web/core/registry";
import { screenshot } from "@tz_session_credits/../tests/tours/tour_tools";

const tours = registry.category("web_tour.tours");
const CLIENT = "Nora Quinn";
const MEMBERSHIP = "HIIT Club: 8 classes a month";
const CONTRACT = "HIIT Club memberships";

/** Post the draft invoice open in the form, then check it is posted. */
function postInvoice(period) {
    return [
        {
            content: `The invoice of the ${period} period, a draft`,
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
        {
            content: `Post the invoice of the ${period} period`,
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_post]",
            run: "click",
        },
        {
            content: `The invoice of the ${period} period is posted`,
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
    ];
}

tours.add("tz_session_credits_membership_sell", {
    steps: () => [
        // 1. sell the membership: a quotation, confirmed
        {
            content: "A new quotation: its customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: `edit ${CLIENT}`,
        },
        {
            trigger: `ul.ui-autocomplete > li > a:contains(${CLIENT})`,
            run: "click",
        },
        {
            content: "Add the membership",
            trigger: ".o_field_x2many_list_row_add a:contains(Add a product)",
            run: "click",
        },
        {
            trigger: ".o_data_row div[name=product_template_id] input",
            run: `edit ${MEMBERSHIP}`,
        },
        {
            trigger: `ul.ui-autocomplete a:contains(${MEMBERSHIP})`,
            run: "click",
        },
        {
            content: "product_contract asks how the contract runs: as the product says",
            trigger: ".modal .modal-footer button:contains(Ok)",
            run: "click",
        },
        {
            content: "Confirm the order",
            trigger: ".o_form_view:not(:has(.modal)) .o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Confirmed: a sales order",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
        // 2. its contract (product_contract made it on confirmation)
        {
            content: "Open the contract",
            trigger: ".o_form_view button[name=action_show_contracts]",
            run: "click",
        },
        {
            content: "The contract of the membership",
            trigger: `.o_breadcrumb:contains(${CONTRACT})`,
        },
        {
            content: "Confirming granted nothing yet: no Credits button",
            trigger: ".o_form_view:not(:has(button[name=action_view_session_credits]:visible))",
        },
        // 3. the first period's invoice, posted
        {
            content: "Invoice the first period",
            trigger: ".o_form_view .o_statusbar_buttons button[name=recurring_create_invoice]",
            run: "click",
        },
        {
            content: "... one invoice",
            trigger: ".o_form_view button[name=action_show_invoices] .o_stat_value:contains(1)",
        },
        {
            content: "Invoice the second period",
            trigger: ".o_form_view .o_statusbar_buttons button[name=recurring_create_invoice]",
            run: "click",
        },
        {
            content: "... two invoices",
            trigger: ".o_form_view button[name=action_show_invoices] .o_stat_value:contains(2)",
        },
        {
            content: "Open the contract's invoices",
            trigger: ".o_form_view button[name=action_show_invoices]",
            run: "click",
        },
        {
            content: "Open the first one (the list shows the latest first)",
            trigger: ".o_list_view .o_data_row:last td[name=invoice_date]",
            run: "click",
        },
        ...postInvoice("first"),
        {
            content: "The next invoice of the list",
            trigger: ".o_pager_previous",
            run: "click",
        },
        ...postInvoice("second"),
        // 4. the contract shows the credits of both periods
        {
            content: "Back to the contract",
            trigger: `.o_breadcrumb .breadcrumb-item a:contains(${CONTRACT})`,
            run: "click",
        },
        {
            content: "The Credits button: 16 credits granted",
            trigger: ".o_form_view button[name=action_view_session_credits] .o_stat_value:contains(16)",
        },
        {
            content: "Open the Session Credits tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Session Credits)",
            run: "click",
        },
        {
            content: "Two periods of credits",
            trigger: ".o_tz_contract_credits .o_data_row:eq(3)",
        },
        ...screenshot("membership_contract"),
        // 5. and so does the client card
        {
            content: "Open the credits",
            trigger: ".o_form_view button[name=action_view_session_credits]",
            run: "click",
        },
        {
            content: "Open one",
            trigger: ".o_list_view .o_data_row:first td[name=partner_id]",
            run: "click",
        },
        {
            content: "Its client",
            trigger: `.o_form_view .o_field_widget[name=partner_id] a:contains(${CLIENT})`,
            run: "click",
        },
        {
            content: "The client card: its Session Credits tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Session Credits)",
            run: "click",
        },
        {
            content: "The membership, with its next period",
            trigger: `.o_tz_memberships .o_data_row:contains(${MEMBERSHIP})`,
        },
        {
            content: "The credits of the membership: source Membership, with their period",
            trigger: ".o_tz_credit_history .o_data_row:contains(Membership) td[name=contract_period]:not(:empty)",
        },
        {
            content: "16 credits available",
            trigger: ".o_tz_credit_balance .o_data_row:contains(16)",
        },
        ...screenshot("membership_client_card", { scrollTo: ".o_form_view .o_notebook" }),
    ],
});

tours.add("tz_session_credits_membership_card_phone", {
    steps: () => [
        {
            content: "Open the Session Credits tab",
            trigger: ".o_notebook .nav-link:contains(Session Credits)",
            run: "click",
        },
        {
            content: "The membership on a card, with its next period",
            trigger: `.o_tz_memberships .o_kanban_record:contains(${MEMBERSHIP}):contains(Next period)`,
        },
        {
            content: "The credits of both periods, each with its period",
            trigger: ".o_tz_credit_history .o_kanban_record:contains(period):eq(3)",
        },
        ...screenshot("membership_client_card_phone", { scrollTo: ".o_tz_memberships" }),
    ],
});
