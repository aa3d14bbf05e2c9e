/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Browser tours of tz_session_credits, run by tests/test_tours.py.
 *
 * The data (clients, session types, users) is made by the Python test; the
 * names below must match it. The Python side also checks the database after
 * each tour: these tours only drive and check the screen.
 */
import { registry } from "@web/core/registry";
import { screenshot } from "@tz_session_credits/../tests/tours/tour_tools";

const tours = registry.category("web_tour.tours");

const TYPE_PILATES = "Reformer Pilates 50 min";
const TYPE_BOXING = "Boxing Fundamentals";
const BULK_PREFIX = "Tourmember";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/**
 * Ask the Python test for a screenshot of the page as it is now, then wait
 * until it is taken (tests/browser_tools.py answers by setting
 * ``data-tz-screenshot`` on <body>; it answers even when screenshots are off).
 */
/** Close the "Session credits added" toast (it would hide part of the page). */
function closeNotification(text = "Session credits added") {
    return {
        content: "Close the success notification",
        trigger: `.o_notification:contains(${text}) .o_notification_close`,
        run: "click",
    };
}

/**
 * Fail when an element is missing, invisible, wider than the screen or out of
 * it horizontally, when its text is cut (ellipsis, clipped), when one of
 * ``onScreen`` is not entirely on the screen (also vertically: for what must
 * stay in view, like a dialog's buttons), when two of ``noOverlap`` overlap,
 * or when a table inside one of ``noSideScroll`` is wider than its box (it
 * would scroll sideways, hiding columns) or cuts the text of a cell.
 * Selectors are plain CSS selectors.
 */
function checkLayout(content, selectors, { onScreen = [], noOverlap = [], noSideScroll = [] } = {}) {
    return {
        content,
        trigger: selectors[0],
        run() {
            const width = window.innerWidth;
            const height = window.innerHeight;
            const problems = [];
            const rect = (sel) => {
                const el = document.querySelector(sel);
                if (!el) {
                    problems.push(`${sel}: not found`);
                    return null;
                }
                const r = el.getBoundingClientRect();
                if (!r.width || !r.height) {
                    problems.push(`${sel}: not visible (${r.width}×${r.height})`);
                    return null;
                }
                return { el, r };
            };
            for (const sel of selectors) {
                const found = rect(sel);
                if (!found) {
                    continue;
                }
                const { el, r } = found;
                if (r.left < -0.5 || r.right > width + 0.5) {
                    problems.push(
                        `${sel}: outside the screen (left ${r.left}, right ${r.right}, width ${width})`
                    );
                }
                const style = getComputedStyle(el);
                if (
                    style.overflowX !== "visible" &&
                    el.scrollWidth > el.clientWidth + 1 &&
                    !el.matches(".table-responsive, .o_list_renderer")
                ) {
                    problems.push(
                        `${sel}: content cut (${el.scrollWidth}px in ${el.clientWidth}px)`
                    );
                }
            }
            for (const sel of onScreen) {
                const found = rect(sel);
                if (found && (found.r.top < -0.5 || found.r.bottom > height + 0.5)) {
                    problems.push(
                        `${sel}: not on the screen (top ${found.r.top}, bottom ${found.r.bottom}, height ${height})`
                    );
                }
            }
            for (let i = 0; i < noOverlap.length; i++) {
                for (let j = i + 1; j < noOverlap.length; j++) {
                    const a = rect(noOverlap[i]);
                    const b = rect(noOverlap[j]);
                    if (!a || !b) {
                        continue;
                    }
                    const overlapX = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
                    const overlapY = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
                    if (overlapX > 1 && overlapY > 1) {
                        problems.push(`${noOverlap[i]} overlaps ${noOverlap[j]}`);
                    }
                }
            }
            for (const sel of noSideScroll) {
                for (const box of document.querySelectorAll(sel)) {
                    for (const el of box.querySelectorAll(".table-responsive, table")) {
                        if (el.scrollWidth > el.clientWidth + 1) {
                            problems.push(
                                `${sel}: a table scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`
                            );
                        }
                    }
                    for (const cell of box.querySelectorAll("th, td")) {
                        if (cell.scrollWidth > cell.clientWidth + 1) {
                            problems.push(`${sel}: cut text in "${cell.textContent.trim()}"`);
                            break;
                        }
                    }
                }
            }
            const page = document.scrollingElement;
            if (page.scrollWidth > width + 1) {
                problems.push(`the page scrolls sideways (${page.scrollWidth}px > ${width}px)`);
            }
            if (problems.length) {
                throw new Error(`Layout at ${width}px: ${problems.join("; ")}`);
            }
        },
    };
}

function pickEventType(name, scope = ".modal") {
    const word = name.split(" ")[0];
    return [
        {
            content: `Type the session type ${name}`,
            trigger: `${scope} .o_field_widget[name=event_type_id] input`,
            run: `edit ${word}`,
        },
        {
            // The click opens the dropdown with every type before the typed
            // search answers: wait for the filtered list, or the late answer
            // would reopen the dropdown after the choice.
            content: `Choose ${name} once the list is filtered`,
            trigger: `.o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):not(:contains(${word})))) .dropdown-item:contains(${name})`,
            run: "click",
        },
        {
            content: `${name} is chosen`,
            trigger: `${scope}:not(:has(.o-autocomplete--dropdown-menu)) .o_field_widget[name=event_type_id] input:value(${name})`,
        },
    ];
}

/** On a phone a many2one opens a full-screen search dialog instead of a dropdown. */
function pickEventTypeOnPhone(name) {
    return [
        {
            content: "Tap the session type",
            trigger: ".modal .o_field_widget[name=event_type_id] input",
            run: "click",
        },
        {
            content: `Choose ${name} in the search dialog`,
            trigger: `.modal:not(.o_inactive_modal) .o_kanban_record:contains(${name})`,
            run: "click",
        },
        {
            content: `${name} is chosen`,
            trigger: `.modal .o_field_widget[name=event_type_id] input:value(${name})`,
        },
    ];
}

function openSessionCreditsTab() {
    return [
        {
            content: "Open the Session Credits tab",
            trigger: ".o_notebook_headers a.nav-link[name=session_credits]",
            run: "click",
        },
        {
            content: "The tab shows the balance list",
            trigger: ".o_notebook .o_tz_credit_balance",
        },
    ];
}

function searchBulkClients() {
    return [
        {
            content: "The contacts list is shown",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: `Search the ${BULK_PREFIX} clients`,
            trigger: ".o_searchview_input",
            run: `edit ${BULK_PREFIX} && press Enter`,
        },
        {
            content: "Only they are listed, on two pages",
            trigger: ".o_control_panel .o_pager_limit:contains(/^90$/)",
        },
        {
            content: "The first page is shown",
            trigger: `.o_list_view .o_data_row:eq(79):contains(${BULK_PREFIX})`,
        },
    ];
}

function openAddFromActions() {
    return [
        {
            content: "Open the Actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:contains(Actions)",
            run: "click",
        },
        {
            content: "Click Add Session Credits",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Add Session Credits)",
            run: "click",
        },
        {
            content: "The wizard opens",
            trigger: ".modal .o_form_view .o_field_widget[name=event_type_id]",
        },
    ];
}

function selectAllAcrossPages(count) {
    return [
        {
            content: "Tick the header checkbox (the whole page)",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Then Select all, across the pages",
            trigger: ".o_list_selection_box .o_list_select_domain",
            run: "click",
        },
        {
            content: `All ${count} are selected`,
            trigger: `.o_list_selection_box:contains(/All\\s+${count}\\s+selected/)`,
        },
    ];
}

function grantFromWizard(eventType, quantity, { clients, shot } = {}) {
    return [
        {
            content: `The wizard names the ${clients} clients`,
            trigger: `.modal .alert:contains(${clients} clients will receive credits)`,
        },
        ...pickEventType(eventType),
        {
            content: `${quantity} credits per client`,
            trigger: ".modal .o_field_widget[name=quantity] input",
            run: `edit ${quantity}`,
        },
        ...(shot ? screenshot(shot) : []),
        {
            content: "Add Credits",
            trigger: ".modal .modal-footer button[name=action_add_credits]",
            run: "click",
        },
        {
            content: "The wizard closes",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "A notification confirms it, in words",
            trigger: `.o_notification:contains(${quantity} × ${eventType} added to ${clients} clients.)`,
        },
        closeNotification(),
    ];
}

// ---------------------------------------------------------------------------
// a. Client card: + Add, then the balance, the stat button and the chatter
// ---------------------------------------------------------------------------

tours.add("tz_session_credits_card", {
    steps: () => [
        ...openSessionCreditsTab(),
        {
            content: "Before: 7 credits available in total",
            trigger: ".oe_stat_button[name=action_view_session_credits] .o_stat_value:contains(/^7$/)",
        },
        {
            content: "Click + Add",
            trigger: ".o_notebook button.o_tz_add_session_credits",
            run: "click",
        },
        {
            content: "The wizard is for this client only",
            trigger: ".modal .alert:contains(1 client will receive credits)",
        },
        {
            content: "What the credits are for is a Session Type",
            trigger: ".modal .o_form_label[for^=event_type_id]:contains(/^Session Type/)",
        },
        ...pickEventType(TYPE_PILATES),
        {
            content: "5 credits",
            trigger: ".modal .o_field_widget[name=quantity] input",
            run: "edit 5",
        },
        {
            content: "Expire after a period",
            trigger: ".modal .o_field_widget[name=expiry_mode] input[data-value=period]",
            run: "click",
        },
        {
            content: "Valid for 6 ...",
            trigger: ".modal .o_field_widget[name=validity_number] input",
            run: "edit 6",
        },
        {
            content: "... week(s)",
            trigger: ".modal .o_field_widget[name=validity_unit] select",
            run: "selectByLabel Week",
        },
        {
            content: "The last valid day is shown",
            trigger: ".modal .o_field_widget[name=computed_expiry_date]:contains(/\\d/)",
        },
        {
            content: "Save: Add Credits",
            trigger: ".modal .modal-footer button[name=action_add_credits]",
            run: "click",
        },
        {
            content: "The wizard closes",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "A notification confirms it: one client, in the singular",
            trigger: `.o_notification:contains(5 × ${TYPE_PILATES} added to 1 client.)`,
        },
        closeNotification(),
        {
            content: "The new balance line shows 5 available",
            trigger: `.o_tz_credit_balance .o_data_row:contains(${TYPE_PILATES}) td[name=quantity_available]:contains(/^5$/)`,
        },
        {
            content: "The history lists the new credits",
            trigger: `.o_tz_credit_history .o_data_row:first:contains(${TYPE_PILATES})`,
        },
        {
            content: "The stat button shows the new total: 12",
            trigger: ".oe_stat_button[name=action_view_session_credits] .o_stat_value:contains(/^12$/)",
        },
        {
            content: "The chatter logs the grant",
            trigger: `.o-mail-Chatter .o-mail-Message:contains(5 × ${TYPE_PILATES} added by Jane Smith, expires)`,
        },
        {
            content: "The form is not left dirty",
            trigger: ".o_form_view .o_form_saved",
        },
        ...screenshot("client_card"),
    ],
});

// a'. A laptop's width: more stat buttons than fit; the balance stays in sight
tours.add("tz_session_credits_card_button", {
    steps: () => [
        {
            content: "The client card is open",
            trigger: ".o_form_view .o_field_widget[name=name]",
        },
        {
            content: "Not every stat button fits: some are under More",
            trigger: ".o_form_view .o-form-buttonbox .o_button_more:contains(More)",
        },
        {
            content: "The Credits button and the balance are in sight, not under More",
            trigger: ".o_form_view .o-form-buttonbox > .oe_stat_button[name=action_view_session_credits] .o_stat_value:contains(/^7$/)",
        },
    ],
});

// ---------------------------------------------------------------------------
// b. Contacts list: three ticked clients, then every client across pages
// ---------------------------------------------------------------------------

tours.add("tz_session_credits_bulk", {
    steps: () => [
        ...searchBulkClients(),
        ...["05", "17", "42"].map((n) => ({
            content: `Tick ${BULK_PREFIX} ${n}`,
            trigger: `.o_data_row:contains(${BULK_PREFIX} ${n}) .o_list_record_selector input`,
            run: "click",
        })),
        {
            content: "3 are selected",
            trigger: ".o_list_selection_box:contains(/^\\s*3\\s+selected/)",
        },
        ...openAddFromActions(),
        ...grantFromWizard(TYPE_PILATES, 2, { clients: 3 }),
        {
            content: "The list shows the new balance of a ticked client",
            trigger: `.o_data_row:contains(${BULK_PREFIX} 17) td[name=session_credits_available]:contains(/^2$/)`,
        },
        {
            content: "The list was reloaded: nothing is selected any more",
            trigger: ".o_list_view:not(:has(.o_data_row .o_list_record_selector input:checked))",
        },
        ...selectAllAcrossPages(90),
        ...openAddFromActions(),
        ...grantFromWizard(TYPE_BOXING, 3, { clients: 90, shot: "bulk_wizard" }),
        {
            content: "The list shows the new balances",
            trigger: `.o_data_row:contains(${BULK_PREFIX} 17) td[name=session_credits_available]:contains(/^5$/)`,
        },
        {
            content: "... also of clients that were not ticked",
            trigger: `.o_data_row:contains(${BULK_PREFIX} 01) td[name=session_credits_available]:contains(/^3$/)`,
        },
    ],
});

// b'. Select all past web.active_ids_limit: the wizard works on the domain.
tours.add("tz_session_credits_bulk_limit", {
    steps: () => [
        ...searchBulkClients(),
        ...selectAllAcrossPages(90),
        ...openAddFromActions(),
        ...grantFromWizard(TYPE_BOXING, 4, { clients: 90 }),
        {
            content: "The list shows the new balances",
            trigger: `.o_data_row:contains(${BULK_PREFIX} 01) td[name=session_credits_available]:contains(/^4$/)`,
        },
    ],
});

// ---------------------------------------------------------------------------
// c. A user without the right sees the credits, never the ways to add them
// ---------------------------------------------------------------------------

tours.add("tz_session_credits_no_right", {
    steps: () => [
        ...searchBulkClients(),
        {
            content: `Tick ${BULK_PREFIX} 05`,
            trigger: `.o_data_row:contains(${BULK_PREFIX} 05) .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Open the Actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:contains(Actions)",
            run: "click",
        },
        {
            content: "The menu is open (Archive is there) ...",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Archive)",
        },
        {
            content: "... without Add Session Credits",
            trigger: ".o-dropdown--menu:not(:has(.o_menu_item:contains(Add Session Credits)))",
        },
        {
            content: "Close the menu",
            trigger: ".o_control_panel .o_cp_action_menus button:contains(Actions)",
            run: "click",
        },
        {
            // a click on a ticked row of this multi-edit list would edit it
            content: "Unselect",
            trigger: ".o_list_selection_box .o_list_unselect_all",
            run: "click",
        },
        {
            content: "Open the client",
            trigger: `.o_data_row:contains(${BULK_PREFIX} 05) td[name=complete_name]`,
            run: "click",
        },
        ...openSessionCreditsTab(),
        {
            content: "The balance is shown",
            trigger: `.o_tz_credit_balance .o_data_row:contains(${TYPE_PILATES}) td[name=quantity_available]:contains(/^4$/)`,
        },
        {
            content: "The history too",
            trigger: `.o_tz_credit_history .o_data_row:contains(${TYPE_PILATES})`,
        },
        {
            content: "The stat button too",
            trigger: ".oe_stat_button[name=action_view_session_credits] .o_stat_value:contains(/^4$/)",
        },
        {
            content: "No + Add button",
            trigger: ".o_notebook:not(:has(.o_tz_add_session_credits))",
        },
    ],
});

// ---------------------------------------------------------------------------
// d. Phone width: the client card and the wizard fit the screen
// ---------------------------------------------------------------------------

tours.add("tz_session_credits_phone", {
    steps: () => [
        {
            content: "The client card is open",
            trigger: ".o_form_view .o_field_widget[name=name]",
        },
        {
            content: "On a phone the stat buttons are behind the ⚡ button: open it",
            trigger: ".o_form_view .o-form-buttonbox .o_button_more",
            run: "click",
        },
        {
            content: "The Credits button shows the balance",
            trigger: ".o-form-buttonbox-small .oe_stat_button[name=action_view_session_credits] .o_stat_value:contains(/^7$/)",
        },
        checkLayout("The Credits button fits the screen", [
            ".o-form-buttonbox-small .oe_stat_button[name=action_view_session_credits]",
        ]),
        {
            content: "Close the stat buttons",
            trigger: ".o_form_view .o-form-buttonbox .o_button_more",
            run: "click",
        },
        {
            content: "They are closed",
            trigger: "body:not(:has(.o-form-buttonbox-small))",
        },
        ...openSessionCreditsTab(),
        checkLayout(
            "The card fits the phone screen",
            [
                ".o_form_view .o_field_widget[name=name]",
                ".o_notebook_headers a.nav-link[name=session_credits]",
                ".o_notebook .o_tz_add_session_credits",
                ".o_notebook .o_tz_credit_balance",
                ".o_notebook .o_tz_credit_history",
            ],
            {
                noOverlap: [
                    ".o_notebook .o_tz_add_session_credits",
                    ".o_notebook .o_tz_credit_balance",
                ],
                // the whole tab: what is added to it later is checked too
                noSideScroll: [".o_notebook .tab-pane.active"],
            }
        ),
        ...screenshot("client_card_phone", { scrollTo: ".o_notebook" }),
        {
            content: "Click + Add",
            trigger: ".o_notebook button.o_tz_add_session_credits",
            run: "click",
        },
        {
            content: "The wizard opens",
            trigger: ".modal .alert:contains(1 client will receive credits)",
        },
        {
            content: "Expire after a period",
            trigger: ".modal .o_field_widget[name=expiry_mode] input[data-value=period]",
            run: "click",
        },
        {
            content: "The period fields show",
            trigger: ".modal .o_field_widget[name=validity_unit] select",
        },
        checkLayout(
            "The wizard fits the phone screen",
            [
                ".modal .alert",
                ".modal .o_field_widget[name=event_type_id]",
                ".modal .o_field_widget[name=quantity]",
                ".modal .o_field_widget[name=expiry_mode]",
                ".modal .o_field_widget[name=validity_number]",
                ".modal .o_field_widget[name=validity_unit]",
                ".modal .o_field_widget[name=note]",
                ".modal button[name=action_add_credits]",
                ".modal button.btn-secondary[special=cancel]",
            ],
            {
                onScreen: [
                    ".modal button[name=action_add_credits]",
                    ".modal button.btn-secondary[special=cancel]",
                ],
                noOverlap: [
                    ".modal .o_field_widget[name=validity_number]",
                    ".modal .o_field_widget[name=validity_unit]",
                    ".modal button[name=action_add_credits]",
                    ".modal button.btn-secondary[special=cancel]",
                ],
            }
        ),
        ...pickEventTypeOnPhone(TYPE_PILATES),
        {
            content: "2 credits",
            trigger: ".modal .o_field_widget[name=quantity] input",
            run: "edit 2",
        },
        ...screenshot("wizard_phone"),
        {
            content: "Add Credits",
            trigger: ".modal button[name=action_add_credits]",
            run: "click",
        },
        {
            content: "The wizard closes",
            trigger: "body:not(:has(.modal))",
        },
        closeNotification(),
        {
            content: "The new balance shows",
            trigger: `.o_tz_credit_balance :contains(${TYPE_PILATES})`,
        },
    ],
});

// ---------------------------------------------------------------------------
// Reporting: the graph and the pivot, and the liability
// ---------------------------------------------------------------------------

tours.add("tz_session_credits_reporting", {
    steps: () => [
        {
            content: "The graph is shown",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "Its legend names the session types, and nothing else (no stray Sum)",
            trigger: ".o_graph_view .o_graph_renderer canvas",
            run() {
                const chart = window.Chart.getChart(this.anchor);
                const labels = chart.legend.legendItems.map((item) => item.text);
                if (!labels.includes(TYPE_BOXING) || labels.some((label) => /^Sum\b/.test(label))) {
                    throw new Error(`Unexpected legend: ${labels.join(", ")}`);
                }
            },
        },
        ...screenshot("reporting_graph"),
        {
            content: "Switch to the pivot",
            trigger: ".o_control_panel .o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "Granted per session type",
            trigger: `.o_pivot thead th:contains(Granted)`,
        },
        {
            content: "... one row per session type",
            trigger: `.o_pivot tbody th:contains(${TYPE_BOXING})`,
        },
        {
            content: "... and beside it what was used, and what was taken back: apart",
            trigger: ".o_pivot thead:has(th:contains(Used)):has(th:contains(Revoked))",
        },
        {
            content: "Open the search options",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group by staff member: Added By",
            trigger: ".o_group_by_menu .o_menu_item:contains(Added By)",
            run: "click",
        },
        {
            content: "One row per staff member",
            trigger: ".o_pivot tbody th:contains(Max Manager)",
        },
        {
            content: "... for each of them",
            trigger: ".o_pivot tbody th:contains(Jane Smith)",
        },
        {
            content: "Open the Session Credits menu",
            trigger: ".o_main_navbar button:contains(Session Credits), .o_main_navbar a:contains(Session Credits)",
            run: "click",
        },
        {
            content: "Open Liability",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Liability)",
            run: "click",
        },
        {
            content: "The liability: credits still available, per session type",
            trigger: ".o_pivot thead th:contains(Liability)",
        },
        {
            content: "... only the available credits (filter)",
            trigger: ".o_searchview_facet:contains(Available)",
        },
        {
            content: "... one row per session type",
            trigger: `.o_pivot tbody th:contains(${TYPE_PILATES})`,
        },
    ],
});

// ---------------------------------------------------------------------------
// Booking in the Calendar: adding a client uses a credit, deleting the
// (future) session gives it back. Run by a plain internal user: consuming a
// client's credit needs no special right.
// ---------------------------------------------------------------------------

tours.add("tz_session_credits_booking", {
    steps: () => [
        {
            content: "The session form shows its session type",
            trigger: `.o_form_view .o_field_widget[name=session_event_type_id] input:value(${TYPE_BOXING})`,
        },
        {
            content: "Add the client as attendee",
            trigger: ".o_form_view .o_field_widget[name=partner_ids] input",
            run: "edit Tour Booker",
        },
        {
            content: "Pick the client",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Booker)",
            run: "click",
        },
        {
            content: "Save the booking",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "The event shows the client's remaining credits: 2 of 3",
            trigger: ".o_field_widget[name=session_credit_live_usage_ids] tr:contains(Tour Booker) td[name=credits_left]:contains(/^2$/)",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Delete the session (it has not started)",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Delete)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The session is gone",
            trigger: "body:not(:has(.modal)):not(:has(.o_form_view .o_field_widget[name=session_credit_live_usage_ids]))",
        },
    ],
});
