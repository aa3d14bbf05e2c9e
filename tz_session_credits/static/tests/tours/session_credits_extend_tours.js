/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Extend Expiry tours, run by tests/test_tours_portal.py (the data is made
 * there; the names below must match it).
 */
import { registry } from "@web/core/registry";
import { screenshot as takeScreenshot } from "@tz_session_credits/../tests/tours/tour_tools";

/** A screenshot once nothing loads (a notification may show in it). */
const screenshot = (name) =>
    takeScreenshot(name, { settled: "body:not(:has(.o_loading_indicator))" });

const tours = registry.category("web_tour.tours");
const PREFIX = "Extendee";

function fillAndExtend(reason, { count, shot } = {}) {
    const extended = count === 1 ? "1 credit extended." : `${count} credits extended.`;
    return [
        {
            content: "The reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: `edit ${reason}`,
        },
        ...(shot ? screenshot(shot) : []),
        {
            content: "Extend Expiry",
            trigger: ".modal .modal-footer button[name=action_extend]",
            run: "click",
        },
        {
            content: "The wizard closes",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "A notification confirms it, in words",
            trigger: `.o_notification:contains(${extended})`,
        },
    ];
}

// From the credits list: the ticked credits, an action over the selection.
tours.add("tz_session_credits_extend_list", {
    steps: () => [
        {
            content: "The credits list is shown",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: `Search the ${PREFIX} clients' credits`,
            trigger: ".o_searchview_input",
            run: `edit ${PREFIX} && press Enter`,
        },
        {
            content: "Only theirs are listed",
            trigger: `.o_list_view:not(:has(.o_data_row:not(:contains(${PREFIX})))) .o_data_row:contains(${PREFIX} 3)`,
        },
        ...["1", "2", "3"].map((n) => ({
            content: `Tick ${PREFIX} ${n}`,
            trigger: `.o_data_row:contains(${PREFIX} ${n}) .o_list_record_selector input`,
            run: "click",
        })),
        {
            content: "Open the Actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:contains(Actions)",
            run: "click",
        },
        {
            content: "Click Extend Expiry",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Extend Expiry)",
            run: "click",
        },
        {
            content: "The wizard counts what it will extend and what it skips",
            trigger: ".modal .o_tz_extend_summary:contains(2 of 3):contains(Skipped: 1 without expiry, 0 used up)",
        },
        {
            content: "Add 2 ...",
            trigger: ".modal .o_field_widget[name=extend_number] input",
            run: "edit 2",
        },
        {
            content: "... week(s)",
            trigger: ".modal .o_field_widget[name=extend_unit] select:has(option:selected:contains(Week(s)))",
        },
        ...fillAndExtend("Studio closed for the holidays", { count: 2, shot: "extend_wizard" }),
    ],
});

// From the client card: one credit, its own row.
tours.add("tz_session_credits_extend_card", {
    steps: () => [
        {
            content: "Open the Session Credits tab",
            trigger: ".o_notebook_headers a.nav-link[name=session_credits]",
            run: "click",
        },
        {
            content: "Extend the expired credit of its row",
            trigger: ".o_tz_credit_history .o_data_row:contains(Expired) button.o_tz_extend_expiry",
            run: "click",
        },
        {
            content: "The wizard is for that credit only",
            trigger: ".modal .o_tz_extend_summary:contains(1 of 1)",
        },
        {
            content: "Choose a new date",
            trigger: ".modal .o_field_widget[name=mode] input[data-value=date]",
            run: "click",
        },
        {
            content: "31 December 2030",
            trigger: ".modal .o_field_widget[name=new_expiry_date] input",
            run: "edit 12/31/2030",
        },
        ...fillAndExtend("Knee injury", { count: 1 }),
        {
            content: "The credit is usable again: the stat button counts it",
            trigger: ".oe_stat_button[name=action_view_session_credits] .o_stat_value:contains(/^4$/)",
        },
        {
            content: "The chatter logs the extension",
            trigger: ".o-mail-Chatter .o-mail-Message:contains(extended from):contains(Knee injury)",
        },
    ],
});
