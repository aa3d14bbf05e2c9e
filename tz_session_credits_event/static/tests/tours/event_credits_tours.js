/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Desk tour of tz_session_credits_event, run by tests/test_tours_event.py:
 * register a client for a class, see the credit used, cancel, see it
 * returned, then the attendees list with each attendee's credit state.
 */
import { registry } from "@web/core/registry";
import { screenshot } from "@tz_session_credits/../tests/tours/tour_tools";

registry.category("web_tour.tours").add("tz_session_credits_event_desk", {
    steps: () => [
        {
            content: "The attendees list shows the credit column",
            trigger: ".o_list_view th[data-name=session_credit_state]",
        },
        {
            content: "New registration",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Booked by: the client",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Walker",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Walker)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "A credit is used",
            trigger: ".o_field_widget[name=session_credit_state]:contains(Used)",
        },
        {
            trigger: ".o_field_widget[name=session_credits_left]:contains(1)",
        },
        {
            content: "Cancel the registration",
            trigger: ".o_form_view button[name=action_cancel]",
            run: "click",
        },
        {
            content: "The credit came back",
            trigger: ".o_field_widget[name=session_credit_state]:contains(Returned)",
        },
        {
            trigger: ".o_field_widget[name=session_credits_left]:contains(2)",
        },
        {
            content: "Back to the attendees",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Show cancelled registrations too",
            trigger: ".o_searchview_facet:contains(Taken) .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_list_view td[name=session_credit_state]:contains(Late Cancellation)",
        },
        {
            trigger: ".o_list_view td[name=session_credit_state]:contains(On Account)",
        },
        {
            trigger: ".o_data_row:contains(Tour Walker) td[name=session_credit_state]:contains(Returned)",
        },
        ...screenshot("event_registration_credits"),
    ],
});
