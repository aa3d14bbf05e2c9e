/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Website tours of tz_session_credits_website_event, run by
 * tests/test_tours_event.py (desktop and 390 × 844): a signed-in client
 * registers for a credit class; a client without credits is told so up front
 * and offered the packs; two clients and a visitor open the same class page
 * in turn and each sees their own figures (the data is made there: the names
 * and figures below must match it).
 */
import { registry } from "@web/core/registry";
import { screenshot as takeScreenshot } from "@tz_session_credits/../tests/tours/tour_tools";

const screenshot = (name) => takeScreenshot(name, { settled: "body", delay: 600 });

/** Fail when ``selector`` (its copy that shows) is wider than the screen
 * (phone). */
function fitsScreen(selector) {
    return {
        content: `${selector} fits the screen`,
        trigger: selector,
        run() {
            const el = [...document.querySelectorAll(selector)].find(
                (e) => e.getClientRects().length
            );
            if (!el) {
                throw new Error(`${selector} does not show`);
            }
            const rect = el.getBoundingClientRect();
            if (rect.width <= 0 || rect.right > window.innerWidth + 1 || rect.left < -1) {
                throw new Error(
                    `${selector} does not fit: ${rect.left}-${rect.right} of ${window.innerWidth}`
                );
            }
        },
    };
}

const TYPE = "Group HIIT";
const PACK = "5 × HIIT pack";
const REGISTER = "button[data-bs-target='#modal_ticket_registration']";

/** Fail when an element of ``selector`` shows on the page. */
function noneShown(content, selector) {
    return {
        content,
        trigger: "body",
        run() {
            const shown = [...document.querySelectorAll(selector)].filter(
                (el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden"
            );
            if (shown.length) {
                throw new Error(`${selector} shows: ${shown.map((el) => el.textContent.trim()).join(" | ")}`);
            }
        },
    };
}

/** The class page says up front what a place costs. */
function costStep() {
    return {
        content: "The page says what the class costs",
        trigger: `.o_tz_session_credit_cost:contains(1 credit of ${TYPE})`,
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

/** A client without credits: told so on the page, before any ticket, and
 * led to the packs of the class's type in the shop. */
registry.category("web_tour.tours").add("tz_session_credits_website_no_credit", {
    steps: () => [
        costStep(),
        {
            content: "The page says the client has no credit left",
            trigger: `.o_tz_session_credit_none:contains(You have no “${TYPE}” credit left)`,
        },
        noneShown("Register is not offered", REGISTER),
        noneShown("No figure", ".o_tz_session_credits_left"),
        fitsScreen(".o_tz_session_credit_none"),
        {
            content: "Buy credits: the pack of the class's type",
            trigger: `.o_tz_session_credit_none a.o_tz_session_credit_pack:contains(${PACK})`,
            run: "click",
        },
        {
            content: "The pack's page in the shop",
            trigger: `h1[itemprop=name]:contains(${PACK})`,
        },
    ],
});

/* One class page, opened in turn by two clients and a visitor (Odoo caches
 * the page per class): each sees their own figures, the visitor none. */

registry.category("web_tour.tours").add("tz_session_credits_website_page_registered", {
    steps: () => [
        costStep(),
        {
            content: "Their own credits: 9 left",
            trigger: ".o_tz_session_credits_left:contains(You have 9 left)",
        },
        {
            content: "Registered",
            trigger: ".o_tz_session_credit_registered",
        },
        {
            content: "Odoo's Registered badge",
            trigger: ".o_wevent_badge:contains(Registered)",
        },
        noneShown("Register is not offered again", REGISTER),
        fitsScreen(".o_tz_session_credits"),
    ],
});

registry.category("web_tour.tours").add("tz_session_credits_website_page_bookable", {
    steps: () => [
        costStep(),
        {
            content: "Their own credits: 3 left",
            trigger: ".o_tz_session_credits_left:contains(You have 3 left)",
        },
        noneShown("Not registered", ".o_wevent_badge, .o_tz_session_credit_registered"),
        fitsScreen(".o_tz_session_credits"),
        {
            content: "Register",
            trigger: REGISTER,
            run: "click",
        },
        {
            content: "The ticket says what it costs",
            trigger: `#modal_ticket_registration .o_tz_ticket_credit_cost:contains(1 credit of ${TYPE})`,
        },
    ],
});

registry.category("web_tour.tours").add("tz_session_credits_website_page_visitor", {
    steps: () => [
        costStep(),
        {
            content: "Sign in to book with your credits",
            trigger: "a.o_tz_session_credit_signin:contains(Sign in to book with your credits)",
        },
        noneShown("No figures", ".o_tz_session_credits_left, .o_tz_session_credit_none"),
        noneShown("Not registered", ".o_wevent_badge, .o_tz_session_credit_registered"),
        noneShown("Register is not offered", REGISTER),
        fitsScreen(".o_tz_session_credits"),
    ],
});

/* P14: a full class with a waitlist. The client joins it from the class's
 * page and sees their place; on /my/session_credits they see it again and
 * leave the list. ``shot`` names the README's screenshots (desktop only). */
function waitlistSteps(shot) {
    return [
        costStep(),
        {
            content: "The class is full",
            trigger: ".o_tz_session_waitlist:contains(This class is full.)",
        },
        noneShown("Register is not offered", REGISTER),
        fitsScreen(".o_tz_session_waitlist_join"),
        {
            content: "Join the waitlist",
            trigger: "button.o_tz_session_waitlist_join:contains(Join the waitlist)",
            run: "click",
        },
        {
            content: "Their place on the waitlist",
            trigger: ".o_tz_session_waitlist_position:contains(Your place on the waitlist: 2)",
        },
        fitsScreen(".o_tz_session_waitlist_position"),
        ...(shot ? screenshot(`${shot}_class`) : []),
        {
            content: "Go to the portal page",
            trigger: "body",
            run() {
                window.location.href = "/my/session_credits";
            },
        },
        {
            content: "The waitlist, with the class and the place",
            trigger: ".o_tz_portal_waitlist_entry:contains(Place on the waitlist: 2)",
        },
        fitsScreen(".o_tz_portal_waitlist_entry"),
        ...(shot ? screenshot(`${shot}_portal`) : []),
        {
            content: "Leave the waitlist",
            trigger: ".o_tz_portal_waitlist_entry button.o_tz_portal_waitlist_leave",
            run: "click",
        },
        {
            content: "Left, nothing charged",
            trigger: ".o_tz_portal_waitlist_left:contains(Nothing was charged)",
        },
        noneShown("No waitlist left", ".o_tz_portal_waitlist_entry"),
    ];
}

registry.category("web_tour.tours").add("tz_session_credits_website_waitlist", {
    steps: () => waitlistSteps("website_waitlist"),
});

registry.category("web_tour.tours").add("tz_session_credits_website_waitlist_phone", {
    steps: () => waitlistSteps(null),
});

/* P15 item 4: the list of events (/event) says what a class costs, and to
 * the signed-in client how many credits they have left (3 in the test); a
 * visitor is asked to sign in. */
function listCard() {
    return "article[itemtype='http://schema.org/Event']:has(span[itemprop=name]:contains(Tour HIIT))";
}

registry.category("web_tour.tours").add("tz_session_credits_website_list_client", {
    steps: () => [
        {
            content: "The class's card says what it costs",
            trigger: `${listCard()} .o_tz_event_list_cost:contains(1 credit of ${TYPE})`,
        },
        {
            content: "and the client's own credits",
            trigger: `${listCard()} .o_tz_event_list_left:contains(You have 3)`,
        },
        noneShown("No sign-in line", ".o_tz_event_list_signin"),
        fitsScreen(".o_tz_event_list_credits"),
    ],
});

registry.category("web_tour.tours").add("tz_session_credits_website_list_visitor", {
    steps: () => [
        {
            content: "The class's card says what it costs",
            trigger: `${listCard()} .o_tz_event_list_cost:contains(1 credit of ${TYPE})`,
        },
        {
            content: "and asks the visitor to sign in",
            trigger: `${listCard()} .o_tz_event_list_signin:contains(Sign in to book with your credits)`,
        },
        noneShown("No figures", ".o_tz_event_list_left"),
        fitsScreen(".o_tz_event_list_credits"),
    ],
});
