/** @odoo-module */
// Copyright 2026 TZ Session Credits
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, useEffect } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * The credits the order's client can use today, per event type: the answer
 * to "how many sessions do I have left?" at the desk. The figures come from
 * the server (res.partner.get_pos_session_credits), i.e. the one "usable"
 * rule of the ledger; they are fetched when the client changes and after an
 * order of theirs is synced.
 */
export class SessionCreditsPanel extends Component {
    static template = "tz_session_credits_pos.SessionCreditsPanel";
    static props = { partner: { type: Object, optional: true } };

    setup() {
        this.pos = usePos();
        useEffect(
            (partnerId) => {
                if (partnerId) {
                    this.pos.tzLoadSessionCredits(partnerId);
                }
            },
            () => [this.props.partner?.id]
        );
    }

    get credits() {
        return this.pos.tzSessionCredits[this.props.partner.id] || { loading: true, lines: [] };
    }
}
