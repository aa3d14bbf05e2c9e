/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Website tours of tz_session_credits_website_event, run by
 * tests/test_tours_event.py (desktop and 390 × 844): a signed-in client
 * registers for a credit class; a client without credits is told so.
 */
import { registry } from "@web/core/registry";

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function screenshot(name) {
    return [
        {
            content: `Screenshot ${name}: let the page settle`,
            trigger: "body",
            async run() {
                await wait(600);
                console.log(`tz_screenshot:${name}`);
            },
        },
        {
            content: `Screenshot ${name}: taken`,
            trigger: `body[data-tz-screenshot="${name}"]`,
        },
    ];
}

/** Fail when ``selector`` is wider than the screen (phone). */
function fitsScreen(selector) {
    return {
        content: `${selector} fits the screen`,
        trigger: selector,
        run() {
            const el = document.querySelector(selector);
            const rect = el.getBoundingClientRect();
            if (rect.width <= 0 || rect.right > window.innerWidth + 1 || rect.left < -1) {
                throw new Error(
                    `${selector} does not fit: ${rect.left}-${rect.right} of ${window.innerWidth}`
                );
            }
        },
    };
}

function openAttendeeForm() {
    return [
        {
            content: "The page tells how many credits are left",
            trigger: ".o_tz_session_credits_left",
        },
        {
            content: "Register",
            trigger: "button[data-bs-target='#modal_ticket_registration']",
            run: "click",
        },
        {
            content: "One place",
            trigger: "#modal_ticket_registration select.form-select",
            run: "select 1",
        },
        {
            trigger: "#modal_ticket_registration .modal-footer button:contains(Register):enabled",
            run: "click",
        },
        {
            content: "The attendee form is open",
            trigger: ".modal.modal_shown.show form#attendee_registration",
        },
    ];
}

function registerSteps(shot) {
    return [
        ...openAttendeeForm(),
        {
            content: "It says how many credits the client has left",
            trigger: ".o_tz_session_credits_info .o_tz_credits_left:contains(3)",
        },
        fitsScreen(".o_tz_session_credits_info"),
        ...(shot ? screenshot(shot) : []),
        {
            trigger:
                ".modal#modal_attendees_registration:not(.o_inactive_modal) button[type=submit].btn-primary",
            run: "click",
        },
        {
            content: "Registered",
            trigger: ".o_wereg_confirmed, .o_wevent_registration_confirmed, h3:contains(Registration confirmed)",
        },
    ];
}

registry.category("web_tour.tours").add("tz_session_credits_website_register", {
    steps: () => registerSteps("website_event_register"),
});

registry.category("web_tour.tours").add("tz_session_credits_website_register_phone", {
    steps: () => registerSteps("website_event_register_phone"),
});

registry.category("web_tour.tours").add("tz_session_credits_website_no_credit", {
    steps: () => [
        ...openAttendeeForm(),
        {
            content: "It says the client has no credit left, and offers no confirmation",
            trigger:
                ".o_tz_session_credits_info .alert-danger:contains(You cannot register) .o_tz_credits_left:contains(0)",
        },
        {
            trigger: "#modal_attendees_registration .modal-footer:not(:has(button[type=submit]))",
        },
        fitsScreen(".o_tz_session_credits_info"),
    ],
});
