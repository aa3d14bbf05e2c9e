/* Copyright 2026 TZ Session Credits
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
/**
 * Tours of the client portal page, run by tests/test_tours_portal.py (data
 * made there: the names below must match it).
 */
import { registry } from "@web/core/registry";
import { screenshot as takeScreenshot } from "@tz_session_credits/../tests/tours/tour_tools";

const screenshot = (name) => takeScreenshot(name, { settled: "body", top: true });

const tours = registry.category("web_tour.tours");

const TYPE_SILKS = "Aerial Silks 60 min";
const TYPE_YOGA = "Yoga Flow 60 min";

/**
 * Measure the page: every element of ``selectors`` is there, visible, inside
 * the screen's width and not cut; the elements of each group of ``noOverlap``
 * do not overlap each other; nothing scrolls sideways. Reports the sizes in
 * the browser console (the test log) as ``tz_layout``.
 */
function checkLayout(content, selectors, { noOverlap = [] } = {}) {
    return {
        content,
        trigger: selectors[0],
        run() {
            const width = window.innerWidth;
            const problems = [];
            const measured = {};
            const rectOf = (el, sel) => {
                const r = el.getBoundingClientRect();
                if (!r.width || !r.height) {
                    problems.push(`${sel}: not visible`);
                }
                return r;
            };
            for (const sel of selectors) {
                const els = document.querySelectorAll(sel);
                if (!els.length) {
                    problems.push(`${sel}: not found`);
                    continue;
                }
                for (const el of els) {
                    const r = rectOf(el, sel);
                    if (r.left < -0.5 || r.right > width + 0.5) {
                        problems.push(`${sel}: outside the screen (${r.left}..${r.right} of ${width})`);
                    }
                    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
                        problems.push(`${sel}: content cut (${el.scrollWidth} in ${el.clientWidth})`);
                    }
                    measured[sel] = `${Math.round(r.left)}..${Math.round(r.right)}`;
                }
            }
            for (const group of noOverlap) {
                const rects = [...document.querySelectorAll(group)].map((el) => el.getBoundingClientRect());
                for (let i = 0; i < rects.length; i++) {
                    for (let j = i + 1; j < rects.length; j++) {
                        const [a, b] = [rects[i], rects[j]];
                        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                        if (x > 1 && y > 1) {
                            problems.push(`${group}: items ${i} and ${j} overlap`);
                        }
                    }
                }
            }
            const page = document.scrollingElement;
            if (page.scrollWidth > width + 1) {
                problems.push(`the page scrolls sideways (${page.scrollWidth}px > ${width}px)`);
            }
            console.log(`tz_layout ${width}px ${JSON.stringify(measured)}`);
            if (problems.length) {
                throw new Error(`Layout at ${width}px: ${problems.join("; ")}`);
            }
        },
    };
}

const PAGE_ELEMENTS = [
    ".o_portal_submenu .breadcrumb-item.active",
    ".o_tz_portal_balance",
    ".o_tz_portal_balance .o_tz_portal_available",
    ".o_tz_portal_upcoming .o_tz_portal_use",
    ".o_tz_portal_history .o_tz_portal_grant",
    ".o_tz_portal_history .o_tz_portal_grant .badge",
    ".o_portal_pager .pagination",
];
const NO_OVERLAP = [
    ".o_tz_portal_balance",
    ".o_tz_portal_use",
    ".o_tz_portal_grant",
    ".o_tz_portal_grant:first-child > div:first-child > *",
    ".o_tz_portal_balance .card-body > *",
];

function pageChecks() {
    return [
        {
            content: "The portal home links to the credits, with the usable count",
            trigger: ".o_portal_index_card a[href='/my/session_credits']:contains(Session Credits):contains(6)",
            run: "click",
        },
        {
            content: "The balance of the silks credits: 4 available",
            trigger: `.o_tz_portal_balance:contains(${TYPE_SILKS}) .o_tz_portal_available:contains(/^4$/)`,
        },
        {
            content: "The yoga credits: 2 available, 3 expired",
            trigger: `.o_tz_portal_balance:contains(${TYPE_YOGA}):contains(3 expired) .o_tz_portal_available:contains(/^2$/)`,
        },
        {
            content: "The upcoming session",
            trigger: ".o_tz_portal_upcoming .o_tz_portal_use:contains(Silks with Anna):contains(Booked)",
        },
    ];
}

function openGrantAndBack() {
    return [
        {
            content: "Open the silks grant",
            trigger: `.o_tz_portal_history .o_tz_portal_grant:contains(5 × ${TYPE_SILKS})`,
            run: "click",
        },
        {
            content: "Its sessions are listed",
            trigger: ".o_tz_portal_session_credit .o_tz_portal_use:contains(Silks with Anna)",
        },
        {
            content: "Back through the breadcrumbs",
            trigger: ".o_portal_submenu a[href='/my/session_credits']",
            run: "click",
        },
        {
            content: "The page is back",
            trigger: ".o_tz_portal_balances",
        },
    ];
}

tours.add("tz_session_credits_portal", {
    url: "/my",
    steps: () => [
        ...pageChecks(),
        checkLayout("The page fits a desktop screen", PAGE_ELEMENTS, { noOverlap: NO_OVERLAP }),
        ...openGrantAndBack(),
        {
            content: "Sort the history",
            trigger: "#portal_searchbar_sortby",
            run: "click",
        },
        {
            content: "Oldest first",
            trigger: ".dropdown-menu a:contains(Oldest)",
            run: "click",
        },
        {
            content: "The oldest grant comes first",
            trigger: `.o_tz_portal_history .list-group > .o_tz_portal_grant:first-child:contains(${TYPE_YOGA})`,
        },
        {
            content: "Show the sessions",
            trigger: "#portal_searchbar_filters",
            run: "click",
        },
        {
            content: "Sessions",
            trigger: ".dropdown-menu a:contains(Sessions)",
            run: "click",
        },
        {
            content: "The used session is listed with its state",
            trigger: ".o_tz_portal_history .o_tz_portal_use:contains(Yoga at the park):contains(Late Cancellation)",
        },
    ],
});

tours.add("tz_session_credits_portal_phone", {
    url: "/my",
    steps: () => [
        ...pageChecks(),
        checkLayout("The page fits the phone screen", PAGE_ELEMENTS, { noOverlap: NO_OVERLAP }),
        ...screenshot("portal_phone"),
        ...openGrantAndBack(),
        {
            content: "On a phone the sort and filters are behind the menu button",
            trigger: ".o_portal_navbar .navbar-toggler",
            run: "click",
        },
        {
            content: "Show the sessions",
            trigger: "#portal_searchbar_filters:visible",
            run: "click",
        },
        {
            content: "Sessions",
            trigger: ".dropdown-menu a:contains(Sessions)",
            run: "click",
        },
        {
            content: "The sessions are listed",
            trigger: ".o_tz_portal_history .o_tz_portal_use:contains(Yoga at the park)",
        },
        checkLayout("The sessions fit the phone screen", [
            ".o_tz_portal_history .o_tz_portal_use",
            ".o_tz_portal_history .o_tz_portal_use .badge",
        ], { noOverlap: [".o_tz_portal_use"] }),
    ],
});

/**
 * The page of a Spanish-speaking client on a phone (tests/test_i18n.py): the
 * page's words come from i18n/es.po, the layout holds with them.
 */
tours.add("tz_session_credits_portal_es", {
    url: "/my",
    steps: () => [
        {
            content: "La portada del portal enlaza los créditos, con los disponibles",
            trigger: ".o_portal_index_card a[href$='/my/session_credits']:contains(Créditos de sesión):contains(6)",
            run: "click",
        },
        {
            content: "Tu saldo: los créditos de yoga, 2 disponibles y 3 caducados",
            trigger: `.o_tz_portal_balances:contains(Tu saldo) .o_tz_portal_balance:contains(${TYPE_YOGA}):contains(3 caducado):contains(disponible) .o_tz_portal_available:contains(/^2$/)`,
        },
        {
            content: "Próximas sesiones: la sesión reservada",
            trigger: ".o_tz_portal_upcoming:contains(Próximas sesiones) .o_tz_portal_use:contains(Silks with Anna) .badge:contains(Reservada)",
        },
        {
            content: "Historial: los créditos recibidos, con su origen y su caducidad",
            trigger: `.o_tz_portal_history h4:contains(Historial):contains(Créditos recibidos) ~ .list-group .o_tz_portal_grant:contains(5 × ${TYPE_SILKS}):contains(Añadidos por el centro):contains(caducan el)`,
        },
        checkLayout("La página cabe en la pantalla del móvil", PAGE_ELEMENTS, { noOverlap: NO_OVERLAP }),
        ...screenshot("portal_phone_es"),
    ],
});
