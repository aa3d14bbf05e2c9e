/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * What the tours of every addon of the suite share, imported as
 * ``@tz_session_credits/../tests/tours/tour_tools``.
 */

export const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The trigger of a settled page of the web client: nothing loading, no
 * notification on top. */
export const SETTLED = "body:not(:has(.o_loading_indicator, .o_notification))";

/**
 * The steps that ask tests/browser_tools.py for a screenshot, docs/<name>.png,
 * once the page has settled, and wait until it is taken.
 *
 * @param {string} name
 * @param {Object} [options]
 * @param {string} [options.settled] the trigger of a settled page (SETTLED)
 * @param {string} [options.scrollTo] an element scrolled to the top first
 * @param {boolean} [options.top] the window scrolled to its top first
 * @param {number} [options.delay] how long to let the page settle, in ms
 */
export function screenshot(name, { settled = SETTLED, scrollTo, top = false, delay = 400 } = {}) {
    return [
        {
            content: `Screenshot ${name}: let the page settle`,
            trigger: settled,
            async run() {
                document.activeElement?.blur?.();
                if (scrollTo) {
                    document.querySelector(scrollTo).scrollIntoView({ block: "start" });
                }
                if (top) {
                    window.scrollTo(0, 0);
                }
                await wait(delay);
                console.log(`tz_screenshot:${name}`);
            },
        },
        {
            content: `Screenshot ${name}: taken`,
            trigger: `body[data-tz-screenshot="${name}"]`,
        },
    ];
}
