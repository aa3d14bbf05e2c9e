/** @odoo-module */
// Copyright 2026 TZ Session Credits
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { patch } from "@web/core/utils/patch";
import { ConnectionLostError } from "@web/core/network/rpc";
import { PosStore } from "@point_of_sale/app/store/pos_store";

patch(PosStore.prototype, {
    async setup() {
        // partner id -> {lines, loading, offline}: what the panel shows
        this.tzSessionCredits = {};
        await super.setup(...arguments);
    },
    async tzLoadSessionCredits(partnerId) {
        const previous = this.tzSessionCredits[partnerId] || { lines: [] };
        this.tzSessionCredits[partnerId] = { ...previous, loading: true };
        try {
            const lines = await this.data.call("res.partner", "get_pos_session_credits", [
                partnerId,
            ]);
            this.tzSessionCredits[partnerId] = { lines, loading: false, offline: false };
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            this.tzSessionCredits[partnerId] = { ...previous, loading: false, offline: true };
        }
    },
    isSessionPackSale(line) {
        return (
            line.product_id?.service_tracking === "session_credits" &&
            line.qty > 0 &&
            !line.refunded_orderline_id
        );
    },
    postSyncAllOrders(orders) {
        super.postSyncAllOrders(...arguments);
        // the balance of a client whose order was just paid or refunded
        const partnerIds = new Set(
            (orders || [])
                .filter((order) => order.lines?.some((line) => line.product_id?.service_tracking === "session_credits"))
                .map((order) => order.partner_id?.id)
                .filter((id) => id && id in this.tzSessionCredits)
        );
        for (const partnerId of partnerIds) {
            this.tzLoadSessionCredits(partnerId);
        }
    },
});
