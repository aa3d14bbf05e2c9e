/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Tours of tz_session_credits_sale, run by tests/test_tours_sale.py: the
 * pack product form and a client card showing a paid grant next to a manual
 * one (README screenshots with TZ_SCREENSHOTS=1).
 */
import { registry } from "@web/core/registry";
import { screenshot as takeScreenshot } from "@tz_session_credits/../tests/tours/tour_tools";

/** A screenshot once nothing loads (a notification may show in it). */
const screenshot = (name) =>
    takeScreenshot(name, { settled: "body:not(:has(.o_loading_indicator))" });

const tours = registry.category("web_tour.tours");
tours.add("tz_session_credits_sale_pack_form", {
    steps: () => [
        {
            content: "The Session Credits section of the pack",
            trigger: ".o_form_view .o_group:has(.o_field_widget[name=session_credit_event_type_id])",
        },
        {
            content: "... what its credits are for: a Session Type",
            trigger: ".o_form_view .o_form_label[for^=session_credit_event_type_id]:contains(/^Session Type/)",
        },
        {
            content: "... valid for 3 month(s), read as a sentence",
            trigger: ".o_form_view .o_form_label:contains(Valid For)",
        },
        {
            content: "... 3 month(s)",
            trigger: ".o_field_widget[name=session_credit_validity_unit] select:has(option:selected:contains(Month(s)))",
        },
        {
            content: "... what each unit grants",
            trigger: ".o_field_widget[name=session_credit_summary]:contains(10 session credits, valid 3 months)",
        },
        ...screenshot("sale_pack_product"),
    ],
});

tours.add("tz_session_credits_sale_client_card", {
    steps: () => [
        {
            content: "Open the Session Credits tab",
            trigger: ".o_notebook .nav-link:contains(Session Credits)",
            run: "click",
        },
        {
            content: "The paid grant shows its order",
            trigger: ".o_tz_credit_history .o_data_row:contains(Sale):contains(S0)",
        },
        {
            content: "... next to the manual one",
            trigger: ".o_tz_credit_history .o_data_row:contains(Manual)",
        },
        {
            content: "The grant of the cancelled order is Revoked, with a badge of its own",
            trigger: ".o_tz_credit_history .o_data_row:contains(Sale) .o_field_badge .badge.text-bg-warning:contains(/^Revoked$/)",
        },
        ...screenshot("sale_client_card"),
    ],
});
