/** @odoo-module */
// Copyright 2026 TZ Session Credits
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";

patch(PosOrderline.prototype, {
    /**
     * A pack line says what the client gets, in the cart and on the receipt:
     * "10 session credits, valid 3 months" (per unit when more are sold).
     */
    getDisplayData() {
        const data = super.getDisplayData(...arguments);
        const summary = this.product_id?.session_credit_summary;
        if (summary && this.qty > 0 && !this.refunded_orderline_id) {
            data.tzSessionCredits = this.qty === 1 ? summary : _t("%s each", summary);
        }
        return data;
    },
});
