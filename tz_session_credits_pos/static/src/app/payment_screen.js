/** @odoo-module */
// Copyright 2026 TZ Session Credits
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { ask } from "@point_of_sale/app/store/make_awaitable_dialog";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";

patch(PaymentScreen.prototype, {
    /**
     * A session pack grants credits to a client: like an invoice, it cannot
     * be paid without a customer. The server refuses such an order too.
     */
    async _isOrderValid(isForceValidate) {
        const order = this.currentOrder;
        const packs = order.lines.filter((line) => this.pos.isSessionPackSale(line));
        if (packs.length && !order.get_partner()) {
            const confirmed = await ask(this.dialog, {
                title: _t("Customer Required"),
                body: _t(
                    "Session packs grant credits to a client (%s): choose the customer before payment.",
                    packs.map((line) => line.get_full_product_name()).join(", ")
                ),
            });
            if (confirmed) {
                this.pos.selectPartner();
            }
            return false;
        }
        return super._isOrderValid(...arguments);
    },
});
